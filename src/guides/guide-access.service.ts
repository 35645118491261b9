import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuthUser, canReadAll, isAdmin, ownerCondition } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import type { SqlCondition } from '../common/sql-condition';
import { DRF_MESSAGES } from '../common/validation';
import { Guide } from './entities/guide.entity';
import { GuidesRepository, QueryScope } from './guides.repository';

/** DRF's wording for a refused permission. */
const FORBIDDEN_MESSAGE = 'You do not have permission to perform this action.';

/**
 * Who may read and write which guide's content. Reading is a query filter: a user sees the guides they
 * own (and their tracks and sessions), operators and admins see all; anything else answers 404.
 * Writing needs the owner or an admin: an operator who can read another owner's guide gets 403 when
 * writing it (it is visible to them, so 404 would be a lie). The one owner rule is `visibleTo` (for
 * `Sql`) and `scope` (for a query builder); the guides it looks up come from `GuidesRepository`.
 */
@Injectable()
export class GuideAccess {
  constructor(private readonly guides: GuidesRepository) {}

  /** Restricts `qb` to rows of guides `auth` may read; `ownerColumn` is the guide owner column, e.g. `g.owner_id`. */
  scope<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    auth: AuthUser,
    ownerColumn: string,
  ): SelectQueryBuilder<T> {
    return canReadAll(auth)
      ? qb
      : qb.andWhere(`${ownerColumn} = :visibleOwnerId`, { visibleOwnerId: auth.id });
  }

  /** `scope` for `auth` as a function, for repositories that build the query. */
  scopeOf(auth: AuthUser, ownerColumn: string): QueryScope {
    return (qb) => this.scope(qb, auth, ownerColumn);
  }

  /** The same rule for plain SQL (`Sql`): a condition with its `?` values, or `''` when `auth` reads all. */
  visibleTo(auth: AuthUser, ownerColumn: string): SqlCondition {
    return ownerCondition(auth, ownerColumn);
  }

  /** The guide `id` if `auth` may read it, else null. */
  private findVisible(auth: AuthUser, id: number): Promise<Guide | null> {
    return this.guides.findById(id, canReadAll(auth) ? undefined : auth.id);
  }

  canWrite(auth: AuthUser, guide: Pick<Guide, 'ownerId'>): boolean {
    return isAdmin(auth) || guide.ownerId === auth.id;
  }

  /** Throws 403 unless `auth` may change `guide`'s content (call after a read-scoped lookup). */
  assertCanWrite(auth: AuthUser, guide: Pick<Guide, 'ownerId'>): void {
    if (!this.canWrite(auth, guide)) throw new ForbiddenException(FORBIDDEN_MESSAGE);
  }

  /** The guide `id` if `auth` may read it, else 404. */
  async readable(auth: AuthUser, id: number): Promise<Guide> {
    const guide = await this.findVisible(auth, id);
    if (!guide) throw new NotFoundException();
    return guide;
  }

  /** The guide `id` if `auth` may change it: 404 when they cannot see it, 403 when they can only read it. */
  async writable(auth: AuthUser, id: number): Promise<Guide> {
    const guide = await this.readable(auth, id);
    this.assertCanWrite(auth, guide);
    return guide;
  }

  /**
   * The guide named by a body field (`guide` of a new track or session). One that `auth` cannot see is a
   * 400 in DRF's wording for an unknown related object; one they can only read is a 403.
   */
  async writableFromBody(auth: AuthUser, id: number, field = 'guide'): Promise<Guide> {
    const guide = id >= 1 && id <= 2_147_483_647 ? await this.findVisible(auth, id) : null;
    if (!guide) throw FieldErrorsException.of(field, DRF_MESSAGES.invalidPk(id));
    this.assertCanWrite(auth, guide);
    return guide;
  }
}
