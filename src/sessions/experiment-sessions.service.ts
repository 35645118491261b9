import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { Sql } from '../database/sql';
import { drfPage, DrfPage, offsetOf, PageRequest } from '../common/pagination';
import {
  ExperimentSessionDetailDto,
  ExperimentSessionDto,
  ExperimentSessionsDto,
  StartExperimentSessionDto,
} from './dto/experiment-session.dto';
import { Session } from './entities/session.entity';
import {
  EXPERIMENT_SESSION_COLUMNS,
  toExperimentSession,
  toExperimentSessionDetail,
} from './experiments.mapper';
import { ProjectsService } from './projects.service';
import { SessionAccess } from './session-access.service';
import { SessionLifecycle } from './session-lifecycle.service';

export interface ExperimentSessionFilters {
  experimentId?: number;
  active?: boolean;
}

/** The AERPAW view of sessions: `/api/sessions` and `/api/experiments/{id}/sessions`. */
@Injectable()
export class ExperimentSessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly access: SessionAccess,
    private readonly projects: ProjectsService,
    private readonly lifecycle: SessionLifecycle,
    private readonly sql: Sql,
  ) {
    this.toSession = sql.rowMapper(Session);
    this.listColumns = sql.columnList(Session, EXPERIMENT_SESSION_COLUMNS);
  }

  private readonly toSession: (row: Record<string, unknown>) => Session;
  private readonly listColumns: string;

  /** Visible sessions, newest first, one page counted and fetched in SQL. */
  async list(
    auth: AuthUser,
    req: Request,
    page: PageRequest,
    filters: ExperimentSessionFilters,
  ): Promise<DrfPage<ExperimentSessionDto>> {
    const [scope, params] = this.access.condition(auth, 'owner_id');
    const where = scope ? [scope] : [];
    if (filters.experimentId !== undefined) {
      where.push('project_id = ?');
      params.push(filters.experimentId);
    }
    if (filters.active !== undefined) {
      where.push('is_active = ?');
      params.push(filters.active);
    }
    const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const counted = await this.sql.one<{ count: number }>(
      `SELECT COUNT(*) AS count FROM sessions${clause}`,
      params,
    );
    const count = Number(counted?.count ?? 0);
    const rows =
      offsetOf(page) < count
        ? await this.sql.all<Record<string, unknown>>(
            `SELECT ${this.listColumns} FROM sessions${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
            [...params, page.pageSize, offsetOf(page)],
          )
        : [];
    return drfPage(
      req,
      page,
      count,
      rows.map((row) => toExperimentSession(this.toSession(row))),
    );
  }

  async get(auth: AuthUser, id: number): Promise<ExperimentSessionDetailDto> {
    return toExperimentSessionDetail(await this.visible(auth, id));
  }

  /** Starts a session in an experiment the caller can see; `started_by` is the caller. */
  async start(auth: AuthUser, dto: StartExperimentSessionDto): Promise<ExperimentSessionDetailDto> {
    const project = await this.projects.getForBody(auth, dto.experiment_id, 'experiment_id');
    const session = await this.lifecycle.start(auth, {
      projectId: project.id,
      sessionType: dto.session_type,
      geoListenEnabled: project.geoListenEnabled,
    });
    return toExperimentSessionDetail(session);
  }

  /** Ends a running session (`ended_by` = the caller); a second stop answers 409. */
  async stop(auth: AuthUser, id: number): Promise<ExperimentSessionDetailDto> {
    const session = await this.visible(auth, id);
    return toExperimentSessionDetail(await this.lifecycle.stop(auth, session));
  }

  /** Admin only (enforced by the route); a missing session is 404. */
  async remove(_auth: AuthUser, id: number): Promise<void> {
    const result = await this.sessions.delete({ id });
    if (!result.affected) throw new NotFoundException();
  }

  /** `GET /api/experiments/{id}/sessions`: the visible sessions of a visible experiment, newest first. */
  async ofExperiment(auth: AuthUser, experimentId: number): Promise<ExperimentSessionsDto> {
    const project = await this.projects.get(auth, experimentId);
    const qb = this.sessions
      .createQueryBuilder('s')
      .select(EXPERIMENT_SESSION_COLUMNS.map((c) => `s.${c}`))
      .where('s.project_id = :projectId', { projectId: project.id });
    this.access.scope(qb, auth, 's.owner_id');
    const rows = await qb.orderBy('s.id', 'DESC').getMany();
    return { experiment_sessions: rows.map(toExperimentSession) };
  }

  private async visible(auth: AuthUser, id: number): Promise<Session> {
    const session = await this.access.findVisible(auth, id);
    if (!session) throw new NotFoundException();
    return session;
  }
}
