import { SelectQueryBuilder } from 'typeorm';
import { AuthUser, canReadAll, ownerCondition } from '../common/auth-user';
import { isIntId } from '../common/validation';
import type { SqlCondition } from '../common/sql-condition';

/** What an owner-scoped policy needs from its repository. */
export interface OwnedRows<T> {
  findById(id: number, scope: SqlCondition): Promise<T | null>;
  existingIds(ids: number[], scope: SqlCondition): Promise<Set<number>>;
}

/**
 * The owner rule shared by sessions and projects: users see the rows they own, operators and admins all.
 * Each resource's policy (`SessionAccess`, `ProjectAccess`) is this rule over its own repository.
 */
export abstract class OwnerAccess<T> {
  protected constructor(private readonly rows: OwnedRows<T>) {}

  /** The rule as a condition for `Sql` on `ownerColumn`; `''` when `auth` sees every row. */
  visibleTo(auth: AuthUser, ownerColumn = 'owner_id'): SqlCondition {
    return ownerCondition(auth, ownerColumn);
  }

  /** The same rule for a TypeORM query builder; `ownerColumn` is the owner column in the query. */
  scope<Q extends object>(
    qb: SelectQueryBuilder<Q>,
    auth: AuthUser,
    ownerColumn: string,
  ): SelectQueryBuilder<Q> {
    return canReadAll(auth)
      ? qb
      : qb.andWhere(`${ownerColumn} = :visibleOwnerId`, { visibleOwnerId: auth.id });
  }

  /** Which of `ids` name rows `auth` can see (one query; ids that are not 32-bit ids are dropped). */
  async visibleIds(auth: AuthUser, ids: number[]): Promise<Set<number>> {
    const wanted = [...new Set(ids)].filter((id) => isIntId(String(id)));
    return this.rows.existingIds(wanted, this.visibleTo(auth));
  }

  /** The row `id` if `auth` may see it, else null (callers answer 404, never 403). */
  async findVisible(auth: AuthUser, id: number): Promise<T | null> {
    if (!isIntId(String(id))) return null;
    return this.rows.findById(id, this.visibleTo(auth));
  }
}
