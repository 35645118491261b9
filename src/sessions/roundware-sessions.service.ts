import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { AuthUser } from '../common/auth-user';
import { FieldErrors, FieldErrorsException } from '../common/errors';
import { parseDateTimeMicros } from '../common/time';
import {
  CreateRoundwareSessionDto,
  RoundwareCountDto,
  RoundwareSessionDto,
  RoundwareSessionFiltersDto,
  UpdateRoundwareSessionDto,
} from './dto/roundware-session.dto';
import { Session } from './entities/session.entity';
import { LanguagesService } from './languages.service';
import { ProjectsService } from './projects.service';
import { ROUNDWARE_SESSION_COLUMNS, toRoundwareCreatedSession, toRoundwareSession } from './roundware.mapper';
import { SessionAccess } from './session-access.service';
import { SessionLifecycle } from './session-lifecycle.service';
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
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly access: SessionAccess,
    private readonly projects: ProjectsService,
    private readonly languages: LanguagesService,
    private readonly users: UsersService,
    private readonly lifecycle: SessionLifecycle,
  ) {}

  /** Every visible session matching the filters, oldest first, as a plain array. */
  async list(auth: AuthUser, filters: RoundwareSessionFiltersDto): Promise<RoundwareSessionDto[]> {
    const qb = await this.filtered(auth, filters);
    const rows = await qb
      .select(ROUNDWARE_SESSION_COLUMNS.map((c) => `s.${c}`))
      .orderBy('s.id', 'ASC')
      .getMany();
    return rows.map(toRoundwareSession);
  }

  async count(auth: AuthUser, filters: RoundwareSessionFiltersDto): Promise<RoundwareCountDto> {
    return { count: await (await this.filtered(auth, filters)).getCount() };
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

  private async filtered(
    auth: AuthUser,
    f: RoundwareSessionFiltersDto,
  ): Promise<SelectQueryBuilder<Session>> {
    const qb = this.sessions.createQueryBuilder('s');
    this.access.scope(qb, auth, 's.owner_id');
    if (f.project_id !== undefined) qb.andWhere('s.project_id = :projectId', { projectId: f.project_id });
    if (f.language_id !== undefined)
      qb.andWhere('s.language_id = :languageId', { languageId: f.language_id });
    if (f.language !== undefined) {
      const byCode = await this.languages.idOfCode(f.language);
      qb.andWhere('s.language_id = :languageByCode', { languageByCode: byCode });
    }
    if (f.geo_listen_enabled !== undefined)
      qb.andWhere('s.geo_listen_enabled = :geo', { geo: f.geo_listen_enabled });
    if (f.demo_stream_enabled !== undefined)
      qb.andWhere('s.demo_stream_enabled = :demo', { demo: f.demo_stream_enabled });
    return qb;
  }
}
