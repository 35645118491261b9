import { toNaiveIso } from '../common/time';
import { RoundwareProjectDto } from './dto/roundware-project.dto';
import { RoundwareSessionDto } from './dto/roundware-session.dto';
import { LocalizedProjectField, LocalizedTexts, Project } from './entities/project.entity';
import { DEFAULT_LANGUAGE_CODE } from './languages';
import { Session } from './entities/session.entity';

/** The columns the Roundware session view renders (lists select only these). */
export const ROUNDWARE_SESSION_COLUMNS = [
  'id',
  'deviceId',
  'startTime',
  'stopTime',
  'clientType',
  'clientSystem',
  'demoStreamEnabled',
  'geoListenEnabled',
  'timezone',
  'projectId',
  'languageId',
] as const satisfies readonly (keyof Session)[];

export type RoundwareSessionRow = Pick<Session, (typeof ROUNDWARE_SESSION_COLUMNS)[number]>;

/** A session in the key order of the seed's `GET sessions/` examples. */
export function toRoundwareSession(s: RoundwareSessionRow): RoundwareSessionDto {
  return {
    id: s.id,
    device_id: s.deviceId,
    starttime: toNaiveIso(s.startTime),
    stoptime: toNaiveIso(s.stopTime),
    client_type: s.clientType,
    client_system: s.clientSystem,
    demo_stream_enabled: s.demoStreamEnabled,
    geo_listen_enabled: s.geoListenEnabled,
    timezone: s.timezone,
    project_id: s.projectId,
    language_id: s.languageId,
  };
}

/** The same 11 keys in the order of the seed's `POST sessions/` response. */
export function toRoundwareCreatedSession(s: RoundwareSessionRow): RoundwareSessionDto {
  return {
    client_system: s.clientSystem,
    client_type: s.clientType,
    demo_stream_enabled: s.demoStreamEnabled,
    device_id: s.deviceId,
    geo_listen_enabled: s.geoListenEnabled,
    language_id: s.languageId,
    project_id: s.projectId,
    starttime: toNaiveIso(s.startTime),
    stoptime: toNaiveIso(s.stopTime),
    timezone: s.timezone,
    id: s.id,
  };
}

/** The stored localized texts of a project (a malformed value reads as none). */
export function localizedTextsOf(p: Pick<Project, 'localizedTexts'>): LocalizedTexts {
  try {
    const parsed: unknown = JSON.parse(p.localizedTexts);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** `"1,40"` → `[1, 40]`. */
export function languageIdsOf(p: Pick<Project, 'languageIds'>): number[] {
  return p.languageIds
    .split(',')
    .filter((part) => part.trim() !== '')
    .map(Number);
}

/**
 * A project in upstream's field set (every model field, `language_ids`, and the five localized strings
 * in `languageCode`, else `en`, else null; `description` falls back to the project's plain description,
 * the one the experiment view shows).
 */
export function toRoundwareProject(p: Project, languageCode: string | null = null): RoundwareProjectDto {
  const texts = localizedTextsOf(p);
  const localized = (field: LocalizedProjectField): string | null => {
    const byCode = texts[field] ?? {};
    return (
      (languageCode !== null ? byCode[languageCode] : undefined) ?? byCode[DEFAULT_LANGUAGE_CODE] ?? null
    );
  };
  return {
    id: p.id,
    name: p.name,
    owner: p.ownerLabel,
    latitude: Number(p.latitude),
    longitude: Number(p.longitude),
    pub_date: toNaiveIso(p.pubDate ?? p.createdAt),
    audio_format: p.audioFormat,
    auto_submit: p.autoSubmit,
    max_recording_length: p.maxRecordingLength,
    listen_questions_dynamic: p.listenQuestionsDynamic,
    speak_questions_dynamic: p.speakQuestionsDynamic,
    sharing_url: p.sharingUrl,
    out_of_range_url: p.outOfRangeUrl,
    recording_radius: p.recordingRadius,
    listen_enabled: p.listenEnabled,
    geo_listen_enabled: p.geoListenEnabled,
    speak_enabled: p.speakEnabled,
    geo_speak_enabled: p.geoSpeakEnabled,
    reset_tag_defaults_on_startup: p.resetTagDefaultsOnStartup,
    timed_asset_priority: p.timedAssetPriority,
    repeat_mode: p.repeatMode,
    files_url: p.filesUrl,
    files_version: p.filesVersion,
    audio_stream_bitrate: p.audioStreamBitrate,
    ordering: p.ordering,
    demo_stream_enabled: p.demoStreamEnabled,
    demo_stream_url: p.demoStreamUrl,
    out_of_range_distance: Number(p.outOfRangeDistance),
    language_ids: languageIdsOf(p),
    legal_agreement: localized('legal_agreement'),
    description: localized('description') ?? (p.description === '' ? null : p.description),
    sharing_message: localized('sharing_message'),
    out_of_range_message: localized('out_of_range_message'),
    demo_stream_message: localized('demo_stream_message'),
    visibility: p.visibility,
  };
}
