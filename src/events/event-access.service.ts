import { Injectable } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { isIntId } from '../common/validation';
import type { SqlCondition } from '../common/sql-condition';
import { SessionAccess } from '../sessions/session-access.service';
import { EventsRepository } from './events.repository';

/**
 * The one access policy for events: an event is visible when its session is (the rule is the Sessions
 * module's, asked through its exported `SessionAccess`, never by reading its table here).
 */
@Injectable()
export class EventAccess {
  constructor(
    private readonly sessions: SessionAccess,
    private readonly events: EventsRepository,
  ) {}

  /** The rule as a condition on `events e`; `''` when `auth` sees every event. */
  visibleTo(auth: AuthUser): SqlCondition {
    return this.sessions.visibleSessionRows(auth, 'e.session_id');
  }

  /** Which of `ids` name events `auth` can see (one query). */
  async visibleIds(auth: AuthUser, ids: number[]): Promise<Set<number>> {
    const wanted = [...new Set(ids)].filter((id) => isIntId(String(id)));
    return this.events.existingIds(wanted, this.visibleTo(auth));
  }
}
