import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { AuthUser, canReadAll, ownerCondition } from '../common/auth-user';
import { Sql, SqlValue } from '../database/sql';
import { Session } from './entities/session.entity';

/**
 * Who may see which session, as a query filter (never an after-the-fact check). Exported by the
 * Sessions module so other modules (events) apply exactly the same rule.
 */
@Injectable()
export class SessionAccess {
  private readonly toSession: (row: Record<string, unknown>) => Session;

  constructor(private readonly sql: Sql) {
    this.toSession = sql.rowMapper(Session);
  }

  /** The session `id` if `auth` may see it, else null (callers answer 404, never 403). */
  async findVisible(auth: AuthUser, id: number): Promise<Session | null> {
    if (!Number.isSafeInteger(id)) return null;
    const [scope, params] = this.condition(auth, 'owner_id');
    const row = await this.sql.one<Record<string, unknown>>(
      `SELECT * FROM sessions WHERE id = ?${scope ? ` AND ${scope}` : ''}`,
      [id, ...params],
    );
    return row ? this.toSession(row) : null;
  }

  /**
   * The same rule for plain SQL (`Sql`): a condition on `ownerColumn` with its `?` values, or `''` when
   * `auth` sees every session.
   */
  condition(auth: AuthUser, ownerColumn: string): [string, SqlValue[]] {
    return ownerCondition(auth, ownerColumn);
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
