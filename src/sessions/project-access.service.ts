import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { AuthUser, canReadAll } from '../common/auth-user';
import type { SqlCondition } from '../common/sql-condition';
import { Project, ProjectVisibility } from './entities/project.entity';
import { isIntId } from '../common/validation';
import { OwnerAccess } from './owner-access';
import { ProjectsRepository, ProjectStartRef } from './projects.repository';

const PUBLIC: ProjectVisibility = 'public';

/**
 * The one access policy for projects (= experiments). Operators and admins see every project; any other
 * user sees the public projects (created by an admin on the Roundware surface, as in every Roundware
 * deployment) and the private ones they own (experiments created through `POST /api/experiments`).
 * Seeing a project is what lets a user start sessions in it (sessions themselves stay their owner's,
 * see `SessionAccess`). Every query that returns projects, or rows belonging to a project, takes its
 * scope from here; other modules ask this exported service, never the `projects` table.
 */
@Injectable()
export class ProjectAccess extends OwnerAccess<Project> {
  constructor(private readonly projects: ProjectsRepository) {
    super(projects);
  }

  /** A project `auth` may see, as much of it as a session start needs. */
  async findVisibleStartRef(auth: AuthUser, id: number): Promise<ProjectStartRef | null> {
    if (!isIntId(String(id))) return null;
    return this.projects.findStartRef(id, this.visibleTo(auth));
  }

  /** The rule as a condition on `projects` (`ownerColumn` may be qualified, e.g. `p.owner_id`). */
  override visibleTo(auth: AuthUser, ownerColumn = 'owner_id'): SqlCondition {
    if (canReadAll(auth)) return ['', []];
    const visibility = ownerColumn.includes('.')
      ? `${ownerColumn.slice(0, ownerColumn.lastIndexOf('.'))}.visibility`
      : 'visibility';
    return [`(${visibility} = ? OR ${ownerColumn} = ?)`, [PUBLIC, auth.id]];
  }

  /** The same rule for a TypeORM query builder; `ownerColumn` is the owner column in the query. */
  override scope<Q extends object>(
    qb: SelectQueryBuilder<Q>,
    auth: AuthUser,
    ownerColumn: string,
  ): SelectQueryBuilder<Q> {
    if (canReadAll(auth)) return qb;
    const visibility = ownerColumn.includes('.')
      ? `${ownerColumn.slice(0, ownerColumn.lastIndexOf('.'))}.visibility`
      : 'visibility';
    return qb.andWhere(`(${visibility} = :visiblePublic OR ${ownerColumn} = :visibleOwnerId)`, {
      visiblePublic: PUBLIC,
      visibleOwnerId: auth.id,
    });
  }

  /**
   * The rule for rows of another table that belong to a project: `projectIdColumn` (e.g.
   * `s.project_id`) names a project `auth` may see; `''` when `auth` sees every project.
   */
  visibleProjectRows(auth: AuthUser, projectIdColumn: string): SqlCondition {
    if (canReadAll(auth)) return ['', []];
    return [
      `${projectIdColumn} IN (SELECT vp.id FROM projects vp WHERE vp.visibility = ? OR vp.owner_id = ?)`,
      [PUBLIC, auth.id],
    ];
  }
}
