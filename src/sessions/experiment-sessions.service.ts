import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import type { SqlCondition } from '../common/sql-condition';
import { AppConfig } from '../config/app-config';
import { Page, PageRequest, paginate } from '../common/pagination';
import {
  ExperimentSessionDetailDto,
  ExperimentSessionDto,
  ExperimentSessionsDto,
  StartExperimentSessionDto,
} from './dto/experiment-session.dto';
import { Session } from './entities/session.entity';
import { toExperimentSession, toExperimentSessionDetail } from './experiments.mapper';
import { ProjectsService } from './projects.service';
import { SessionAccess } from './session-access.service';
import { tooManySessions } from './roundware-sessions.service';
import { SessionLifecycle } from './session-lifecycle.service';
import { SessionsRepository } from './sessions.repository';

export interface ExperimentSessionFilters {
  experimentId?: number;
  active?: boolean;
}

/** The AERPAW view of sessions: `/api/sessions` and `/api/experiments/{id}/sessions`. */
@Injectable()
export class ExperimentSessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly access: SessionAccess,
    private readonly projects: ProjectsService,
    private readonly lifecycle: SessionLifecycle,
    private readonly config: AppConfig,
  ) {}

  /** Visible sessions, newest first, one page counted and fetched in SQL. */
  async list(
    auth: AuthUser,
    page: PageRequest,
    filters: ExperimentSessionFilters,
  ): Promise<Page<ExperimentSessionDto>> {
    const conditions: SqlCondition[] = [this.access.visibleTo(auth)];
    if (filters.experimentId !== undefined) conditions.push(['project_id = ?', [filters.experimentId]]);
    if (filters.active !== undefined) conditions.push(['is_active = ?', [filters.active]]);
    const { count, items } = await paginate(
      page,
      () => this.sessions.count(conditions),
      (limit, offset) => this.sessions.experimentRows(conditions, limit, offset),
    );
    return { count, items: items.map(toExperimentSession) };
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
    if (!(await this.sessions.deleteById(id))) throw new NotFoundException();
  }

  /**
   * `GET /api/experiments/{id}/sessions`: the visible sessions of a visible experiment, newest first
   * (at most SESSIONS_LIST_MAX_ROWS, else 400 asking to page through `GET /api/sessions?experiment_id=`).
   */
  async ofExperiment(auth: AuthUser, experimentId: number): Promise<ExperimentSessionsDto> {
    const project = await this.projects.get(auth, experimentId);
    const max = this.config.sessev.sessionsListMaxRows;
    const rows = await this.sessions.experimentRows(
      [['project_id = ?', [project.id]], this.access.visibleTo(auth)],
      max + 1,
    );
    if (rows.length > max) {
      throw new BadRequestException(
        `${tooManySessions(max).split(' Ask')[0]} Page through GET /api/sessions?experiment_id=${project.id}&page_size=… instead.`,
      );
    }
    return { experiment_sessions: rows.map(toExperimentSession) };
  }

  private async visible(auth: AuthUser, id: number): Promise<Session> {
    const session = await this.access.findVisible(auth, id);
    if (!session) throw new NotFoundException();
    return session;
  }
}
