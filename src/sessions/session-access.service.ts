import { Injectable } from '@nestjs/common';
import { AuthUser, canReadAll } from '../common/auth-user';
import type { SqlCondition } from '../common/sql-condition';
import { Session } from './entities/session.entity';
import { OwnerAccess } from './owner-access';
import { SessionsRepository } from './sessions.repository';

/**
 * The one access policy for sessions: users see the sessions they started, operators and admins all
 * (`visibleTo`, `scope`, `visibleIds`, `findVisible` from `OwnerAccess`). Every query that returns
 * sessions, or rows belonging to sessions, takes its scope from here (never an after-the-fact check);
 * other modules (events) ask this exported service, never the `sessions` table.
 */
@Injectable()
export class SessionAccess extends OwnerAccess<Session> {
  constructor(sessions: SessionsRepository) {
    super(sessions);
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
}
