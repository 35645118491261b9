import { toNaiveIso } from '../common/time';
import type { AssetDto, AssetUserDto } from './dto/asset.dto';
import type { AudiotrackDto } from './dto/audiotrack.dto';
import type { EnvelopeDto } from './dto/envelope.dto';
import type { MultiLineString, MultiPolygon, SpeakerDto } from './dto/speaker.dto';
import type { TagDto } from './dto/tag.dto';
import type { TimedAssetDto } from './dto/timed-asset.dto';
import type { UiConfigDto, UiConfigGroupDto, UiGroupDto, UiItemDto } from './dto/ui.dto';
import type { Asset } from './entities/asset.entity';
import type { Audiotrack } from './entities/audiotrack.entity';
import type { Envelope } from './entities/envelope.entity';
import type { Speaker } from './entities/speaker.entity';
import type { Tag } from './entities/tag.entity';
import type { TimedAsset } from './entities/timed-asset.entity';
import type { UiGroup } from './entities/ui-group.entity';
import type { UiItem } from './entities/ui-item.entity';

/** `3,8` → [3, 8] (the stored form of id lists). */
export function idsOf(text: string | null): number[] {
  return text ? text.split(',').map(Number) : [];
}

/** [3, 8] → `3,8`, or null for none. */
export function idsText(ids: number[]): string | null {
  return ids.length ? ids.join(',') : null;
}

const geo = <T>(text: string | null): T | null => (text ? (JSON.parse(text) as T) : null);

/** The rings of a MultiPolygon as a MultiLineString (upstream computes `boundary` with PostGIS). */
function ringsOf(shape: MultiPolygon | null): MultiLineString | null {
  return shape ? { type: 'MultiLineString', coordinates: shape.coordinates.flat() } : null;
}

export function toRoundwareSpeaker(s: Speaker): SpeakerDto {
  const shape = geo<MultiPolygon>(s.shape);
  return {
    id: s.id,
    activeyn: Boolean(s.activeyn),
    code: s.code,
    maxvolume: s.maxvolume,
    minvolume: s.minvolume,
    uri: s.uri,
    backupuri: s.backupuri,
    shape,
    boundary: ringsOf(shape),
    attenuation_distance: s.attenuationDistance,
    attenuation_border: ringsOf(shape),
    project_id: s.projectId,
  };
}

export function toRoundwareAudiotrack(t: Audiotrack): AudiotrackDto {
  return {
    id: t.id,
    minvolume: t.minvolume,
    maxvolume: t.maxvolume,
    minduration: t.minduration,
    maxduration: t.maxduration,
    mindeadair: t.mindeadair,
    maxdeadair: t.maxdeadair,
    minfadeintime: t.minfadeintime,
    maxfadeintime: t.maxfadeintime,
    minfadeouttime: t.minfadeouttime,
    maxfadeouttime: t.maxfadeouttime,
    minpanpos: t.minpanpos,
    maxpanpos: t.maxpanpos,
    minpanduration: t.minpanduration,
    maxpanduration: t.maxpanduration,
    repeatrecordings: Boolean(t.repeatrecordings),
    active: Boolean(t.active),
    start_with_silence: Boolean(t.startWithSilence),
    banned_duration: t.bannedDuration,
    fadeout_when_filtered: Boolean(t.fadeoutWhenFiltered),
    timed_asset_priority: t.timedAssetPriority,
    project_id: t.projectId,
    tag_filters: idsOf(t.tagFilters),
  };
}

export function toRoundwareTag(t: Tag): TagDto {
  return {
    id: t.id,
    value: t.value,
    description: t.description,
    data: t.data,
    filter: t.filter,
    location: geo<MultiPolygon>(t.location),
    project_id: t.projectId,
    tag_category_id: t.tagCategoryId,
    description_loc: t.description,
    msg_loc: t.msg,
    relationships: [],
  };
}

export function toRoundwareUiItem(i: UiItem): UiItemDto {
  return {
    id: i.id,
    index: i.index,
    default: Boolean(i.defaultState),
    active: Boolean(i.active),
    ui_group_id: i.uiGroupId,
    tag_id: i.tagId,
    parent_id: i.parentId,
  };
}

export function toRoundwareUiGroup(g: UiGroup, items: UiItem[]): UiGroupDto {
  return {
    id: g.id,
    name: g.name,
    ui_mode: g.uiMode,
    select: g.select,
    active: Boolean(g.active),
    index: g.index,
    header_text_loc: g.headerText,
    group_short_name: g.groupShortName,
    tag_category_id: g.tagCategoryId,
    project_id: g.projectId,
    ui_items: items.map(toRoundwareUiItem),
  };
}

/**
 * Upstream's UI configuration: active groups of `listen` and `speak` by index, each with its active items
 * by index; in `listen` one item per tag (the first) and every `parent_id` null.
 */
export function toRoundwareUiConfig(groups: UiGroup[], items: UiItem[], tags: Map<number, Tag>): UiConfigDto {
  const config: UiConfigDto = { listen: [], speak: [] };
  for (const g of groups) {
    const mode = g.uiMode === 'listen' || g.uiMode === 'speak' ? g.uiMode : undefined;
    if (!mode) continue;
    const seen = new Set<number>();
    const display = items.filter((i) => {
      if (i.uiGroupId !== g.id) return false;
      if (mode === 'listen') {
        if (seen.has(i.tagId)) return false;
        seen.add(i.tagId);
      }
      return true;
    });
    const group: UiConfigGroupDto = {
      select: g.select,
      header_display_text: g.headerText,
      group_short_name: g.groupShortName,
      display_items: display.map((i) => ({
        id: i.id,
        tag_id: i.tagId,
        parent_id: mode === 'listen' ? null : i.parentId,
        default_state: Boolean(i.defaultState),
        tag_display_text: tags.get(i.tagId)?.msg ?? null,
      })),
    };
    config[mode].push(group);
  }
  return config;
}

export function toRoundwareTimedAsset(t: TimedAsset): TimedAssetDto {
  return { id: t.id, start: t.start, end: t.end, asset_id: t.assetId, project_id: t.projectId };
}

export function toRoundwareEnvelope(e: Envelope, assetIds: number[]): EnvelopeDto {
  return { id: e.id, created: toNaiveIso(Number(e.created)), session_id: e.sessionId, asset_ids: assetIds };
}

export function toRoundwareAsset(a: Asset, fileUrl: string | null, user: AssetUserDto | null): AssetDto {
  return {
    id: a.id,
    description: a.description,
    latitude: a.latitude,
    longitude: a.longitude,
    shape: geo<MultiPolygon>(a.shape),
    filename: a.filename,
    file: fileUrl,
    volume: a.volume,
    submitted: Boolean(a.submitted),
    created: toNaiveIso(Number(a.created)),
    updated: toNaiveIso(Number(a.updated)),
    weight: a.weight,
    start_time: a.startTime,
    end_time: a.endTime,
    media_type: a.mediaType,
    audio_length_in_seconds: a.audioLength,
    tag_ids: idsOf(a.tagIds),
    session_id: a.sessionId,
    project_id: a.projectId,
    language_id: a.languageId,
    envelope_ids: a.envelopeId ? [a.envelopeId] : [],
    description_loc_ids: [],
    alt_text_loc_ids: [],
    user,
  };
}
