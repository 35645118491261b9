import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';
import { AuthUser } from '../common/auth-user';
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
  ) {}

  /** Visible sessions, newest first, one page counted and fetched in SQL. */
  async list(
    auth: AuthUser,
    req: Request,
    page: PageRequest,
    filters: ExperimentSessionFilters,
  ): Promise<DrfPage<ExperimentSessionDto>> {
    const qb = this.sessions.createQueryBuilder('s');
    this.access.scope(qb, auth, 's.owner_id');
    if (filters.experimentId !== undefined)
      qb.andWhere('s.project_id = :projectId', { projectId: filters.experimentId });
    if (filters.active !== undefined) qb.andWhere('s.is_active = :active', { active: filters.active });
    const count = await qb.getCount();
    const rows =
      offsetOf(page) < count
        ? await qb
            .select(EXPERIMENT_SESSION_COLUMNS.map((c) => `s.${c}`))
            .orderBy('s.id', 'DESC')
            .offset(offsetOf(page))
            .limit(page.pageSize)
            .getMany()
        : [];
    return drfPage(req, page, count, rows.map(toExperimentSession));
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
