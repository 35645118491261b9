import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { UsersService } from '../auth/users.service';
import { AuthUser } from '../common/auth-user';
import type { SqlCondition } from '../common/sql-condition';
import { FieldErrors, FieldErrorsException } from '../common/errors';
import { Page, PageRequest, paginate } from '../common/pagination';
import { parseDateTimeMicros } from '../common/time';
import { AppConfig } from '../config/app-config';
import {
  CreateRoundwareSessionDto,
  RoundwareCountDto,
  RoundwareSessionDto,
  RoundwareSessionFiltersDto,
  RoundwareSessionListQueryDto,
  UpdateRoundwareSessionDto,
} from './dto/roundware-session.dto';
import { Session } from './entities/session.entity';
import { LanguagesService } from './languages.service';
import { ProjectsService } from './projects.service';
import { toRoundwareCreatedSession, toRoundwareSession } from './roundware.mapper';
import { SessionAccess } from './session-access.service';
import { SessionLifecycle } from './session-lifecycle.service';
import { SessionsRepository } from './sessions.repository';
import { DRF_MESSAGES } from '../common/validation';

/** Roundware's `timezone` when the client sends none. */
export const DEFAULT_TIMEZONE = '0000';

const DATETIME_FORMAT_MESSAGE = DRF_MESSAGES.datetimeFormat;

/** Runs the checks of several fields and reports all their errors together, as a DRF serializer does. */
async function allFields<T extends unknown[]>(...checks: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(checks);
  const errors: FieldErrors = {};
  for (const result of settled) {
    if (result.status === 'fulfilled') continue;
    if (!(result.reason instanceof FieldErrorsException)) throw result.reason;
    Object.assign(errors, result.reason.errors);
  }
  if (Object.keys(errors).length) throw new FieldErrorsException(errors);
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as T;
}

/** The Roundware v2 view of sessions: `/api/2/sessions/`. */
@Injectable()
export class RoundwareSessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
    private readonly access: SessionAccess,
    private readonly projects: ProjectsService,
    private readonly languages: LanguagesService,
    private readonly users: UsersService,
    private readonly lifecycle: SessionLifecycle,
  ) {}

  /**
   * Every visible session matching the filters, oldest first, as a plain array (at most
   * SESSIONS_LIST_MAX_ROWS, else 400 asking for pages).
   */
  async list(auth: AuthUser, query: RoundwareSessionListQueryDto): Promise<RoundwareSessionDto[]> {
    const conditions = await this.conditions(auth, query);
    const max = this.config.sessev.sessionsListMaxRows;
    const rows = await this.sessions.roundwareRows(conditions, max + 1);
    if (rows.length > max) throw new BadRequestException(tooManySessions(max));
    return rows.map(toRoundwareSession);
  }

  /** One page of the visible sessions matching the filters, oldest first. */
  async page(
    auth: AuthUser,
    query: RoundwareSessionListQueryDto,
    pr: PageRequest,
  ): Promise<Page<RoundwareSessionDto>> {
    const conditions = await this.conditions(auth, query);
    const { count, items } = await paginate(
      pr,
      () => this.sessions.count(conditions),
      (limit, offset) => this.sessions.roundwareRows(conditions, limit, offset),
    );
    return { count, items: items.map(toRoundwareSession) };
  }

  async count(auth: AuthUser, filters: RoundwareSessionFiltersDto): Promise<RoundwareCountDto> {
    return { count: await this.sessions.count(await this.conditions(auth, filters)) };
  }

  async get(auth: AuthUser, id: number): Promise<RoundwareSessionDto> {
    return toRoundwareSession(await this.visible(auth, id));
  }

  async create(auth: AuthUser, dto: CreateRoundwareSessionDto): Promise<RoundwareSessionDto> {
    const [project, languageId, user] = await allFields(
      this.projects.getForBody(auth, dto.project_id, 'project_id'),
      this.languages.resolve(dto),
      this.users.findById(auth.id),
    );
    const session = await this.lifecycle.start(auth, {
      projectId: project.id,
      deviceId: user?.deviceId ?? null,
      clientType: dto.client_type ?? user?.clientType ?? null,
      clientSystem: dto.client_system,
      languageId,
      timezone: dto.timezone ?? DEFAULT_TIMEZONE,
      geoListenEnabled: dto.geo_listen_enabled ?? project.geoListenEnabled,
      demoStreamEnabled: dto.demo_stream_enabled ?? false,
    });
    return toRoundwareCreatedSession(session);
  }

  /** Ends the session at `stoptime` (default now); a session that has ended already answers 409. */
  async update(auth: AuthUser, id: number, dto: UpdateRoundwareSessionDto): Promise<RoundwareSessionDto> {
    const session = await this.visible(auth, id);
    let at: number | undefined;
    if (dto.stoptime === null) throw FieldErrorsException.of('stoptime', 'This field may not be null.');
    if (dto.stoptime !== undefined) {
      const parsed = parseDateTimeMicros(dto.stoptime);
      if (parsed === null) throw FieldErrorsException.of('stoptime', DATETIME_FORMAT_MESSAGE);
      if (parsed < session.startTime)
        throw FieldErrorsException.of('stoptime', 'stoptime must not be before starttime.');
      at = parsed;
    }
    return toRoundwareSession(await this.lifecycle.stop(auth, session, at));
  }

  private async visible(auth: AuthUser, id: number): Promise<Session> {
    const session = await this.access.findVisible(auth, id);
    if (!session) throw new NotFoundException();
    return session;
  }

  /** The visibility scope and the filters as conditions on `sessions`. */
  private async conditions(auth: AuthUser, f: RoundwareSessionFiltersDto): Promise<SqlCondition[]> {
    const conditions: SqlCondition[] = [this.access.visibleTo(auth)];
    if (f.project_id !== undefined) conditions.push(['project_id = ?', [f.project_id]]);
    if (f.language_id !== undefined) conditions.push(['language_id = ?', [f.language_id]]);
    if (f.language !== undefined)
      conditions.push(['language_id = ?', [await this.languages.idOfCode(f.language)]]);
    if (f.geo_listen_enabled !== undefined)
      conditions.push(['geo_listen_enabled = ?', [f.geo_listen_enabled]]);
    if (f.demo_stream_enabled !== undefined)
      conditions.push(['demo_stream_enabled = ?', [f.demo_stream_enabled]]);
    return conditions;
  }
}

/** The 400 of an unpaginated session list over SESSIONS_LIST_MAX_ROWS. */
export function tooManySessions(max: number): string {
  return `More than ${max} sessions match. Ask for pages with page_size (and page), or narrow the filters.`;
}
