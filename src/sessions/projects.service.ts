import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';
import { AuthUser, canReadAll } from '../common/auth-user';
import { MAX_INT_ID } from '../common/validation';
import { FieldErrorsException } from '../common/errors';
import { drfPage, DrfPage, offsetOf, PageRequest } from '../common/pagination';
import { nowMicros } from '../common/time';
import { Sql } from '../database/sql';
import { CreateExperimentDto, ExperimentDto } from './dto/experiment.dto';
import { Project } from './entities/project.entity';
import { toExperiment } from './experiments.mapper';
import { DRF_MESSAGES } from '../common/validation';

/** Projects (= experiments): operators and admins see all of them, everyone else their own. */
@Injectable()
export class ProjectsService {
  private readonly toProject: (row: Record<string, unknown>) => Project;

  constructor(
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    private readonly sql: Sql,
  ) {
    this.toProject = sql.rowMapper(Project);
  }

  /** The project `id` if `auth` may see it, else null (on the hot path of every session start). */
  async findVisible(auth: AuthUser, id: number): Promise<Project | null> {
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_INT_ID) return null;
    const row = canReadAll(auth)
      ? await this.sql.one<Record<string, unknown>>('SELECT * FROM projects WHERE id = ?', [id])
      : await this.sql.one<Record<string, unknown>>('SELECT * FROM projects WHERE id = ? AND owner_id = ?', [
          id,
          auth.id,
        ]);
    return row ? this.toProject(row) : null;
  }

  /** A visible project or 404. */
  async get(auth: AuthUser, id: number): Promise<Project> {
    const project = await this.findVisible(auth, id);
    if (!project) throw new NotFoundException();
    return project;
  }

  /**
   * A project named in a request body (`project_id`, `experiment_id`): one the caller cannot see is
   * answered like one that does not exist, as DRF's PrimaryKeyRelatedField does.
   */
  async getForBody(auth: AuthUser, id: number, field: string): Promise<Project> {
    const project = await this.findVisible(auth, id);
    if (!project) throw FieldErrorsException.of(field, DRF_MESSAGES.invalidPk(id));
    return project;
  }

  async create(auth: AuthUser, dto: CreateExperimentDto): Promise<ExperimentDto> {
    const now = nowMicros();
    const project = await this.projects.save(
      this.projects.create({
        name: dto.name,
        description: dto.description ?? '',
        ownerId: auth.id,
        geoListenEnabled: dto.geo_listen_enabled ?? false,
        demoStreamEnabled: dto.demo_stream_enabled ?? false,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return toExperiment(project);
  }

  /** Newest first, paginated in SQL. */
  async list(auth: AuthUser, req: Request, page: PageRequest): Promise<DrfPage<ExperimentDto>> {
    const qb = this.projects.createQueryBuilder('p');
    if (!canReadAll(auth)) qb.where('p.owner_id = :ownerId', { ownerId: auth.id });
    const count = await qb.getCount();
    const rows =
      offsetOf(page) < count
        ? await qb.orderBy('p.id', 'DESC').offset(offsetOf(page)).limit(page.pageSize).getMany()
        : [];
    return drfPage(req, page, count, rows.map(toExperiment));
  }
}
