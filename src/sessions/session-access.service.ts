import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { AuthUser, canReadAll, ownerCondition } from '../common/auth-user';
import { isIntId } from '../common/dto/id-param';
import { Session } from './entities/session.entity';
import { SessionsRepository, SqlCondition } from './sessions.repository';

export type { SqlCondition } from './sessions.repository';

/**
 * The one access policy for sessions: users see the sessions they started, operators and admins all.
 * Every query that returns sessions, or rows belonging to sessions, takes its scope from here (never an
 * after-the-fact check); other modules (events) ask this exported service, never the `sessions` table.
 */
@Injectable()
export class SessionAccess {
  constructor(private readonly sessions: SessionsRepository) {}

  /**
   * The rule as a condition for `Sql` on a query of `sessions`: `ownerColumn` is its owner column
   * (`owner_id`, `s.owner_id`); `''` when `auth` sees every session.
   */
  visibleTo(auth: AuthUser, ownerColumn = 'owner_id'): SqlCondition {
    return ownerCondition(auth, ownerColumn);
  }

  /**
   * The rule for rows of another table that belong to a session: `sessionIdColumn` (e.g.
   * `e.session_id`) names a session `auth` may see; `''` when `auth` sees every session.
   */
  visibleSessionRows(auth: AuthUser, sessionIdColumn: string): SqlCondition {
    return canReadAll(auth)
      ? ['', []]
      : [`${sessionIdColumn} IN (SELECT vs.id FROM sessions vs WHERE vs.owner_id = ?)`, [auth.id]];
  }

  /** The same rule for a TypeORM query builder; `ownerColumn` is the owner column in the query. */
  scope<T extends object>(
    qb: SelectQueryBuilder<T>,
    auth: AuthUser,
    ownerColumn: string,
  ): SelectQueryBuilder<T> {
    return canReadAll(auth)
      ? qb
      : qb.andWhere(`${ownerColumn} = :visibleOwnerId`, { visibleOwnerId: auth.id });
  }

  /** Which of `ids` name sessions `auth` can see (one query; ids that are not 32-bit ids are dropped). */
  async visibleIds(auth: AuthUser, ids: number[]): Promise<Set<number>> {
    const wanted = [...new Set(ids)].filter((id) => isIntId(String(id)));
    return this.sessions.existingIds(wanted, this.visibleTo(auth));
  }

  /** The session `id` if `auth` may see it, else null (callers answer 404, never 403). */
  async findVisible(auth: AuthUser, id: number): Promise<Session | null> {
    if (!isIntId(String(id))) return null;
    return this.sessions.findById(id, this.visibleTo(auth));
  }
}
