import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { DRF_MESSAGES } from '../common/validation';
import { FieldErrorsException } from '../common/errors';
import { Page, PageRequest, paginate } from '../common/pagination';
import { nowMicros } from '../common/time';
import { CreateExperimentDto, ExperimentDto } from './dto/experiment.dto';
import { Project } from './entities/project.entity';
import { toExperiment } from './experiments.mapper';
import { ProjectAccess } from './project-access.service';
import { ProjectsRepository, ProjectStartRef } from './projects.repository';

/** Projects (= experiments): operators and admins see all of them, everyone else their own. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly access: ProjectAccess,
  ) {}

  /** The project `id` if `auth` may see it, else null. */
  findVisible(auth: AuthUser, id: number): Promise<Project | null> {
    return this.access.findVisible(auth, id);
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
  async getForBody(auth: AuthUser, id: number, field: string): Promise<ProjectStartRef> {
    const project = await this.access.findVisibleStartRef(auth, id);
    if (!project) throw FieldErrorsException.of(field, DRF_MESSAGES.invalidPk(id));
    return project;
  }

  async create(auth: AuthUser, dto: CreateExperimentDto): Promise<ExperimentDto> {
    const now = nowMicros();
    const project = await this.projects.insert({
      name: dto.name,
      description: dto.description ?? '',
      ownerId: auth.id,
      geoListenEnabled: dto.geo_listen_enabled ?? false,
      demoStreamEnabled: dto.demo_stream_enabled ?? false,
      createdAt: now,
      updatedAt: now,
    });
    return toExperiment(project);
  }

  /** Newest first, paginated in SQL. */
  async list(auth: AuthUser, page: PageRequest): Promise<Page<ExperimentDto>> {
    const scope = this.access.visibleTo(auth);
    const { count, items } = await paginate(
      page,
      () => this.projects.count(scope),
      (limit, offset) => this.projects.newestFirst(scope, limit, offset),
    );
    return { count, items: items.map(toExperiment) };
  }
}
