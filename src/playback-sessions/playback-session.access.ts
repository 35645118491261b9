import { Injectable } from '@nestjs/common';
import { AuthUser, canReadAll } from '../common/auth-user';
import { PlaybackSessionsRepository, SessionCondition } from './playback-sessions.repository';

/**
 * Who sees which playback session, once: operators and admins see every user's sessions (and the lists
 * of all of them), anyone else only their own. Every query on sessions takes its condition from here.
 */
@Injectable()
export class PlaybackSessionAccess {
  constructor(private readonly sessions: PlaybackSessionsRepository) {}

  /** The sessions `auth` may see, as a condition on the sessions table aliased `s`. */
  visibleTo(auth: AuthUser): SessionCondition {
    return canReadAll(auth) ? { where: '', values: [] } : { where: 's.user_id = ?', values: [auth.id] };
  }

  /** Whether `auth` may list every user's sessions (the admin lists). */
  seesAll(auth: AuthUser): boolean {
    return canReadAll(auth);
  }

  /** The ones among `ids` that exist and `auth` may see (one query). */
  visibleIds(auth: AuthUser, ids: string[]): Promise<Set<string>> {
    return this.sessions.idsAmong([...new Set(ids)], this.visibleTo(auth));
  }
}
