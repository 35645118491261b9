import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { Page, PageRequest, paginate } from '../common/pagination';
import { allOf, SqlCondition } from '../common/sql-condition';
import { nowMicros, parseDateTimeMicros } from '../common/time';
import { AppConfig } from '../config/app-config';
import {
  CreateRoundwareProjectDto,
  LocalizedInput,
  RoundwareProjectDto,
  RoundwareProjectListQueryDto,
  UpdateRoundwareProjectDto,
} from './dto/roundware-project.dto';
import { LOCALIZED_PROJECT_FIELDS, LocalizedTexts, Project } from './entities/project.entity';
import { DEFAULT_LANGUAGE_CODE } from './languages';
import { LanguagesService } from './languages.service';
import { ProjectAccess } from './project-access.service';
import { ProjectChanges, ProjectsRepository } from './projects.repository';
import { localizedTextsOf, toRoundwareProject } from './roundware.mapper';
import { SessionAccess } from './session-access.service';

/** Upstream's 400 (a DRF ParseError) for `GET /api/2/projects/:id/` without `session_id`. */
export const SESSION_ID_REQUIRED = 'session_id parameter is required';

const NOT_NULL = 'This field may not be null.';

/**
 * The Roundware v2 view of projects (`/api/2/projects/`). Admins create, change and delete them; a
 * project created here is public unless the admin says otherwise (see `ProjectAccess`).
 */
@Injectable()
export class RoundwareProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly access: ProjectAccess,
    private readonly sessions: SessionAccess,
    private readonly languages: LanguagesService,
    private readonly config: AppConfig,
  ) {}

  /** The projects `auth` can see in id order, localized in `en` (at most SESSIONS_LIST_MAX_ROWS). */
  async list(auth: AuthUser, query: RoundwareProjectListQueryDto): Promise<RoundwareProjectDto[]> {
    const max = this.config.sessev.sessionsListMaxRows;
    const rows = await this.projects.oldestFirst(this.scope(auth, query), max + 1);
    if (rows.length > max) {
      throw new BadRequestException(
        `More than ${max} projects match. Ask for pages with page_size (and page).`,
      );
    }
    return rows.map((p) => toRoundwareProject(p));
  }

  /** One page of the same list. */
  async page(
    auth: AuthUser,
    query: RoundwareProjectListQueryDto,
    pr: PageRequest,
  ): Promise<Page<RoundwareProjectDto>> {
    const scope = this.scope(auth, query);
    const { count, items } = await paginate(
      pr,
      () => this.projects.count(scope),
      (limit, offset) => this.projects.oldestFirst(scope, limit, offset),
    );
    return { count, items: items.map((p) => toRoundwareProject(p)) };
  }

  /** The visible projects passing upstream's list filters (`true`/`1`, `false`/`0`). */
  private scope(auth: AuthUser, q: RoundwareProjectListQueryDto): SqlCondition {
    const flag = (v: string | undefined) => (v === undefined ? undefined : v === 'true' || v === '1');
    return allOf([
      this.access.visibleTo(auth),
      ...this.projects.filterConditions({
        name: q.name || undefined,
        listenEnabled: flag(q.listen_enabled),
        geoListenEnabled: flag(q.geo_listen_enabled),
        speakEnabled: flag(q.speak_enabled),
        geoSpeakEnabled: flag(q.geo_speak_enabled),
      }),
    ]);
  }

  /**
   * One project, localized in the language of session `sessionId`. Upstream requires the session (400
   * without it) and answers 404 for an unknown one; here a session the caller cannot see is unknown too.
   */
  async get(auth: AuthUser, id: number, sessionId: number | undefined): Promise<RoundwareProjectDto> {
    if (sessionId === undefined) throw new BadRequestException(SESSION_ID_REQUIRED);
    const [project, session] = await Promise.all([
      this.access.findVisible(auth, id),
      this.sessions.findVisible(auth, sessionId),
    ]);
    if (!project || !session) throw new NotFoundException();
    return toRoundwareProject(project, await this.languages.codeOf(session.languageId));
  }

  async create(auth: AuthUser, dto: CreateRoundwareProjectDto): Promise<RoundwareProjectDto> {
    const changes = await this.changesOf(dto, {});
    const now = nowMicros();
    const project = await this.projects.insert({
      description: '',
      geoListenEnabled: false,
      demoStreamEnabled: false,
      visibility: 'public',
      ...changes,
      name: dto.name,
      ownerId: auth.id,
      pubDate: changes.pubDate ?? now,
      createdAt: now,
      updatedAt: now,
    });
    return toRoundwareProject(project);
  }

  async update(auth: AuthUser, id: number, dto: UpdateRoundwareProjectDto): Promise<RoundwareProjectDto> {
    const project = await this.visible(auth, id);
    const changes = await this.changesOf(dto, localizedTextsOf(project));
    const updated = await this.projects.update(id, { ...changes, updatedAt: nowMicros() });
    if (!updated) throw new NotFoundException();
    return toRoundwareProject(updated);
  }

  async remove(auth: AuthUser, id: number): Promise<void> {
    await this.visible(auth, id);
    if (!(await this.projects.deleteById(id))) throw new NotFoundException();
  }

  private async visible(auth: AuthUser, id: number): Promise<Project> {
    const project = await this.access.findVisible(auth, id);
    if (!project) throw new NotFoundException();
    return project;
  }

  /**
   * The columns a create or update body sets. A localized field given as text replaces its `en` text
   * (other languages kept), as an object replaces all its texts, as null clears it; `description`'s `en`
   * text is also the project's plain description (the experiment view's).
   */
  private async changesOf(dto: UpdateRoundwareProjectDto, current: LocalizedTexts): Promise<ProjectChanges> {
    const nulls = Object.entries(dto)
      .filter(
        ([key, value]) => value === null && !(LOCALIZED_PROJECT_FIELDS as readonly string[]).includes(key),
      )
      .map(([key]) => key);
    if (nulls.length)
      throw new FieldErrorsException(Object.fromEntries(nulls.map((key) => [key, [NOT_NULL]])));
    if (dto.language_ids !== undefined) await this.languages.checkIds(dto.language_ids, 'language_ids');
    const texts: LocalizedTexts = { ...current };
    let textsChanged = false;
    for (const field of LOCALIZED_PROJECT_FIELDS) {
      const value: LocalizedInput | undefined = dto[field];
      if (value === undefined) continue;
      textsChanged = true;
      if (value === null) delete texts[field];
      else if (typeof value === 'string') texts[field] = { ...texts[field], [DEFAULT_LANGUAGE_CODE]: value };
      else {
        await this.languages.checkCodes(Object.keys(value), field);
        texts[field] = { ...value };
      }
    }
    const defined = <T>(value: T | undefined): T | undefined => value;
    const changes: ProjectChanges = {
      name: dto.name,
      visibility: dto.visibility,
      ownerLabel: dto.owner,
      latitude: dto.latitude,
      longitude: dto.longitude,
      pubDate: dto.pub_date !== undefined ? (parseDateTimeMicros(dto.pub_date) ?? undefined) : undefined,
      audioFormat: dto.audio_format,
      autoSubmit: dto.auto_submit,
      maxRecordingLength: dto.max_recording_length,
      listenQuestionsDynamic: dto.listen_questions_dynamic,
      speakQuestionsDynamic: dto.speak_questions_dynamic,
      sharingUrl: dto.sharing_url,
      outOfRangeUrl: dto.out_of_range_url,
      recordingRadius: dto.recording_radius,
      listenEnabled: dto.listen_enabled,
      geoListenEnabled: dto.geo_listen_enabled,
      speakEnabled: dto.speak_enabled,
      geoSpeakEnabled: dto.geo_speak_enabled,
      resetTagDefaultsOnStartup: dto.reset_tag_defaults_on_startup,
      timedAssetPriority: dto.timed_asset_priority,
      repeatMode: dto.repeat_mode,
      filesUrl: dto.files_url,
      filesVersion: dto.files_version,
      audioStreamBitrate: dto.audio_stream_bitrate,
      ordering: dto.ordering,
      demoStreamEnabled: dto.demo_stream_enabled,
      demoStreamUrl: dto.demo_stream_url,
      outOfRangeDistance: dto.out_of_range_distance,
      languageIds: defined(dto.language_ids)?.join(','),
    };
    if (textsChanged) {
      changes.localizedTexts = JSON.stringify(texts);
      if (dto.description !== undefined)
        changes.description = texts.description?.[DEFAULT_LANGUAGE_CODE] ?? '';
    }
    return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  }
}
