import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { AuthUser, canReadAll, ownerCondition } from '../common/auth-user';
import { isIntId } from '../common/dto/id-param';
import { Project } from './entities/project.entity';
import { ProjectsRepository } from './projects.repository';
import { SqlCondition } from './sessions.repository';

/** The one access policy for projects (= experiments): operators and admins see all, others their own. */
@Injectable()
export class ProjectAccess {
  constructor(private readonly projects: ProjectsRepository) {}

  /** The rule as a condition for `Sql` on `ownerColumn`; `''` when `auth` sees every project. */
  visibleTo(auth: AuthUser, ownerColumn = 'owner_id'): SqlCondition {
    return ownerCondition(auth, ownerColumn);
  }

  /** The same rule for a TypeORM query builder. */
  scope<T extends object>(
    qb: SelectQueryBuilder<T>,
    auth: AuthUser,
    ownerColumn: string,
  ): SelectQueryBuilder<T> {
    return canReadAll(auth)
      ? qb
      : qb.andWhere(`${ownerColumn} = :visibleProjectOwnerId`, { visibleProjectOwnerId: auth.id });
  }

  /** Which of `ids` name projects `auth` can see (one query). */
  async visibleIds(auth: AuthUser, ids: number[]): Promise<Set<number>> {
    const wanted = [...new Set(ids)].filter((id) => isIntId(String(id)));
    return this.projects.existingIds(wanted, this.visibleTo(auth));
  }

  /** The project `id` if `auth` may see it, else null. */
  async findVisible(auth: AuthUser, id: number): Promise<Project | null> {
    if (!isIntId(String(id))) return null;
    return this.projects.findById(id, this.visibleTo(auth));
  }
}
