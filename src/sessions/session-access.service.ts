import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { AuthUser, canReadAll } from '../common/auth-user';
import { Session } from './entities/session.entity';

/**
 * Who may see which session, as a query filter (never an after-the-fact check). Exported by the
 * Sessions module so other modules (events) apply exactly the same rule.
 */
@Injectable()
export class SessionAccess {
  constructor(@InjectRepository(Session) private readonly sessions: Repository<Session>) {}

  /** The session `id` if `auth` may see it, else null (callers answer 404, never 403). */
  findVisible(auth: AuthUser, id: number): Promise<Session | null> {
    if (!Number.isSafeInteger(id)) return Promise.resolve(null);
    return this.sessions.findOneBy(canReadAll(auth) ? { id } : { id, ownerId: auth.id });
  }

  /**
   * Restricts `qb` to sessions `auth` may see. `ownerColumn` is the owner column in the query, e.g.
   * `s.owner_id`, or a subquery on a joined table for rows that belong to sessions.
   */
  scope<T extends object>(
    qb: SelectQueryBuilder<T>,
    auth: AuthUser,
    ownerColumn: string,
  ): SelectQueryBuilder<T> {
    return canReadAll(auth)
      ? qb
      : qb.andWhere(`${ownerColumn} = :visibleOwnerId`, { visibleOwnerId: auth.id });
  }
}
