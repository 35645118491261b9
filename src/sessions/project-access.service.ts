import { Injectable } from '@nestjs/common';
import { Project } from './entities/project.entity';
import { OwnerAccess } from './owner-access';
import { ProjectsRepository } from './projects.repository';

/** The one access policy for projects (= experiments): operators and admins see all, others their own. */
@Injectable()
export class ProjectAccess extends OwnerAccess<Project> {
  constructor(projects: ProjectsRepository) {
    super(projects);
  }
}
