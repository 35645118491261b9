import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { nowMicros, parseDateTimeMicros } from '../common/time';
import { DRF_MESSAGES } from '../common/validation';
import { MediaStore } from '../media/media-store.service';
import { UsersService } from '../auth/users.service';
import { tagsOfProject } from './audiotracks.service';
import { ContentAccess } from './content-access.service';
import { candidateProjects, refuseNulls } from './content-rules';
import { AssetsRepository, TagsRepository } from './content.repository';
import { AssetDto, AssetUserDto, CreateAssetDto, ListAssetsQueryDto, UpdateAssetDto } from './dto/asset.dto';
import { parseIdList } from './dto/fields';
import type { Asset } from './entities/asset.entity';
import { toRoundwareAsset } from './roundware-content.mapper';

const REQUIRED = ['project_id', 'description', 'submitted', 'weight', 'media_type'] as const;

/** The request's base for absolute media links (`https://host`). */
export type MediaBase = string;

@Injectable()
export class AssetsService {
  constructor(
    private readonly assets: AssetsRepository,
    private readonly tags: TagsRepository,
    private readonly access: ContentAccess,
    private readonly media: MediaStore,
    private readonly users: UsersService,
  ) {}

  async list(auth: AuthUser, query: ListAssetsQueryDto, base: MediaBase): Promise<AssetDto[]> {
    const projectIds = await this.access.visibleProjectIds(
      auth,
      await candidateProjects(query.project_id, () => this.assets.projectIds()),
    );
    const time = (field: keyof ListAssetsQueryDto): number | undefined => {
      const text = query[field] as string | undefined;
      if (text === undefined || text === '') return undefined;
      const us = parseDateTimeMicros(text);
      if (us === null) throw FieldErrorsException.of(field, DRF_MESSAGES.datetimeFormat);
      return us;
    };
    const ranges: Array<[string, '<=' | '>=', number | undefined]> = [
      ['created', '>=', time('created__gte')],
      ['created', '<=', time('created__lte')],
      ['updated', '>=', time('updated__gte')],
      ['updated', '<=', time('updated__lte')],
      ['audio_length', '<=', query.audiolength__lte],
      ['audio_length', '>=', query.audiolength__gte],
    ];
    const envelopes = parseIdList(query.envelope_id) ?? [];
    if (envelopes.length > 1) return []; // an asset belongs to one envelope: "all of several" matches none
    const rows = await this.assets.list({
      projectIds,
      equals: {
        session_id: query.session_id,
        media_type: query.media_type,
        submitted: query.submitted,
        envelope_id: envelopes[0],
      },
      ranges,
      allTags: parseIdList(query.tag_ids) ?? [],
      anyTags: parseIdList(query.tag_ids_or) ?? [],
      contains: { description: query.description || undefined, filename: query.filename || undefined },
    });
    return this.toDtos(auth, rows, base);
  }

  async get(auth: AuthUser, id: number, base: MediaBase): Promise<AssetDto> {
    const row = await this.access.rowOr404(auth, await this.assets.findById(id));
    return (await this.toDtos(auth, [row], base))[0];
  }

  async create(auth: AuthUser, dto: CreateAssetDto, base: MediaBase): Promise<AssetDto> {
    refuseNulls(dto, REQUIRED);
    await this.access.projectFromBody(auth, dto.project_id);
    if (dto.session_id != null) await this.checkSession(auth, dto.project_id, dto.session_id);
    const now = nowMicros();
    const row = await this.assets.insert({
      projectId: dto.project_id,
      sessionId: dto.session_id ?? null,
      userId: auth.id,
      description: dto.description ?? '',
      latitude: dto.latitude ?? null,
      longitude: dto.longitude ?? null,
      shape: dto.shape ? JSON.stringify(dto.shape) : null,
      volume: dto.volume === undefined ? 1 : dto.volume,
      submitted: dto.submitted ?? true,
      weight: dto.weight ?? 50,
      startTime: dto.start_time ?? null,
      endTime: dto.end_time ?? null,
      mediaType: dto.media_type ?? 'audio',
      tagIds: await tagsOfProject(this.tags, dto.project_id, dto.tag_ids, 'tag_ids'),
      languageId: dto.language_id ?? null,
      created: now,
      updated: now,
    });
    return (await this.toDtos(auth, [row], base))[0];
  }

  async update(auth: AuthUser, id: number, dto: UpdateAssetDto, base: MediaBase): Promise<AssetDto> {
    refuseNulls(dto, REQUIRED);
    const row = await this.access.rowOr404(auth, await this.assets.findById(id));
    if (dto.project_id !== undefined && dto.project_id !== row.projectId)
      throw FieldErrorsException.of('project_id', 'The project of an asset cannot be changed.');
    if (dto.session_id != null) await this.checkSession(auth, row.projectId, dto.session_id);
    if (dto.session_id !== undefined) row.sessionId = dto.session_id;
    if (dto.description !== undefined) row.description = dto.description;
    if (dto.latitude !== undefined) row.latitude = dto.latitude;
    if (dto.longitude !== undefined) row.longitude = dto.longitude;
    if (dto.shape !== undefined) row.shape = dto.shape ? JSON.stringify(dto.shape) : null;
    if (dto.volume !== undefined) row.volume = dto.volume;
    if (dto.submitted !== undefined) row.submitted = dto.submitted;
    if (dto.weight !== undefined) row.weight = dto.weight;
    if (dto.start_time !== undefined) row.startTime = dto.start_time;
    if (dto.end_time !== undefined) row.endTime = dto.end_time;
    if (dto.media_type !== undefined) row.mediaType = dto.media_type;
    if (dto.language_id !== undefined) row.languageId = dto.language_id;
    if (dto.tag_ids !== undefined)
      row.tagIds = await tagsOfProject(this.tags, row.projectId, dto.tag_ids, 'tag_ids');
    row.updated = Math.max(nowMicros(), Number(row.updated) + 1);
    return (await this.toDtos(auth, [await this.assets.save(row)], base))[0];
  }

  /** Deletes the asset (its timed assets go with it) and then its file. */
  async remove(auth: AuthUser, id: number): Promise<void> {
    const row = await this.access.rowOr404(auth, await this.assets.findById(id));
    await this.assets.deleteById(row.id);
    if (row.mediaPath) await this.media.remove(row.mediaPath);
  }

  /** The JSON of `rows`, with absolute file URLs and their contributors. */
  async toDtos(auth: AuthUser, rows: Asset[], base: MediaBase): Promise<AssetDto[]> {
    const users = new Map<number, AssetUserDto | null>();
    for (const userId of new Set(rows.map((r) => r.userId).filter((u): u is number => u !== null))) {
      const user = await this.users.get(auth, userId).catch(() => null);
      users.set(
        userId,
        user && {
          id: user.id,
          username: user.username,
          first_name: '',
          last_name: '',
          email: '',
          device_id: user.deviceId,
          client_type: user.clientType,
        },
      );
    }
    return rows.map((r) =>
      toRoundwareAsset(
        r,
        r.mediaPath ? `${base}/media/${r.mediaPath}` : null,
        r.userId === null ? null : (users.get(r.userId) ?? null),
      ),
    );
  }

  private async checkSession(auth: AuthUser, projectId: number, sessionId: number): Promise<void> {
    const session = await this.access.session(auth, sessionId);
    if (!session || session.projectId !== projectId)
      throw FieldErrorsException.of('session_id', DRF_MESSAGES.invalidPk(sessionId));
  }
}
