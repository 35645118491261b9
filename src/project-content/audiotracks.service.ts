import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { DRF_MESSAGES } from '../common/validation';
import { ContentAccess } from './content-access.service';
import { candidateProjects, refuseNulls } from './content-rules';
import { AudiotracksRepository, TagsRepository } from './content.repository';
import {
  AudiotrackDto,
  CreateAudiotrackDto,
  ListAudiotracksQueryDto,
  TRACK_NUMBERS,
  UpdateAudiotrackDto,
} from './dto/audiotrack.dto';
import { parseIdList } from './dto/fields';
import type { Audiotrack } from './entities/audiotrack.entity';
import { idsText, toRoundwareAudiotrack } from './roundware-content.mapper';

const REQUIRED = [
  'project_id',
  ...TRACK_NUMBERS,
  'repeatrecordings',
  'active',
  'start_with_silence',
  'banned_duration',
  'fadeout_when_filtered',
  'timed_asset_priority',
] as const;

/** Checks that every id of `raw` names a tag of `projectId` (400 `Invalid pk` on `field` otherwise). */
export async function tagsOfProject(
  tags: TagsRepository,
  projectId: number,
  raw: unknown,
  field: string,
): Promise<string | null> {
  const ids = parseIdList(raw) ?? [];
  const found = await tags.byIds(ids);
  const missing = ids.find((id) => !found.some((t) => t.id === id && t.projectId === projectId));
  if (missing !== undefined) throw FieldErrorsException.of(field, DRF_MESSAGES.invalidPk(missing));
  return idsText(ids);
}

@Injectable()
export class AudiotracksService {
  constructor(
    private readonly tracks: AudiotracksRepository,
    private readonly tags: TagsRepository,
    private readonly access: ContentAccess,
  ) {}

  async list(auth: AuthUser, query: ListAudiotracksQueryDto): Promise<AudiotrackDto[]> {
    const projectIds = await this.access.visibleProjectIds(
      auth,
      await candidateProjects(query.project_id, () => this.tracks.projectIds()),
    );
    const rows = await this.tracks.list({
      projectIds,
      equals: {
        active: query.active,
        repeatrecordings: query.repeatrecordings,
        start_with_silence: query.start_with_silence,
        fadeout_when_filtered: query.fadeout_when_filtered,
      },
    });
    return rows.map(toRoundwareAudiotrack);
  }

  async get(auth: AuthUser, id: number): Promise<AudiotrackDto> {
    return toRoundwareAudiotrack(await this.access.rowOr404(auth, await this.tracks.findById(id)));
  }

  async create(auth: AuthUser, dto: CreateAudiotrackDto): Promise<AudiotrackDto> {
    refuseNulls(dto, REQUIRED);
    await this.access.projectFromBody(auth, dto.project_id);
    const fields: Partial<Audiotrack> = {
      projectId: dto.project_id,
      repeatrecordings: dto.repeatrecordings ?? false,
      active: dto.active ?? true,
      startWithSilence: dto.start_with_silence ?? false,
      bannedDuration: dto.banned_duration ?? 0,
      fadeoutWhenFiltered: dto.fadeout_when_filtered ?? false,
      timedAssetPriority: dto.timed_asset_priority ?? 'normal',
      tagFilters: await tagsOfProject(this.tags, dto.project_id, dto.tag_filters, 'tag_filters'),
    };
    for (const key of TRACK_NUMBERS) fields[key] = dto[key];
    return toRoundwareAudiotrack(await this.tracks.insert(fields));
  }

  async update(auth: AuthUser, id: number, dto: UpdateAudiotrackDto): Promise<AudiotrackDto> {
    refuseNulls(dto, REQUIRED);
    const row = await this.access.rowOr404(auth, await this.tracks.findById(id));
    if (dto.project_id !== undefined && dto.project_id !== row.projectId) {
      await this.access.projectFromBody(auth, dto.project_id);
      row.projectId = dto.project_id;
      if (dto.tag_filters === undefined) row.tagFilters = null;
    }
    for (const key of TRACK_NUMBERS) if (dto[key] !== undefined) row[key] = dto[key];
    if (dto.repeatrecordings !== undefined) row.repeatrecordings = dto.repeatrecordings;
    if (dto.active !== undefined) row.active = dto.active;
    if (dto.start_with_silence !== undefined) row.startWithSilence = dto.start_with_silence;
    if (dto.banned_duration !== undefined) row.bannedDuration = dto.banned_duration;
    if (dto.fadeout_when_filtered !== undefined) row.fadeoutWhenFiltered = dto.fadeout_when_filtered;
    if (dto.timed_asset_priority !== undefined) row.timedAssetPriority = dto.timed_asset_priority;
    if (dto.tag_filters !== undefined)
      row.tagFilters = await tagsOfProject(this.tags, row.projectId, dto.tag_filters, 'tag_filters');
    return toRoundwareAudiotrack(await this.tracks.save(row));
  }

  async remove(auth: AuthUser, id: number): Promise<void> {
    const row = await this.access.rowOr404(auth, await this.tracks.findById(id));
    await this.tracks.deleteById(row.id);
  }
}
