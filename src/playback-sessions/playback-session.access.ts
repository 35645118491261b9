import { Injectable } from '@nestjs/common';
import { AuthUser, canReadAll } from '../common/auth-user';
import {
  ALL_SESSIONS,
  PlaybackSessionsRepository,
  SessionCondition,
  sessionsOfUser,
} from './playback-sessions.repository';

/**
 * Who sees which playback session, once: operators and admins see every user's sessions, anyone else only
 * their own (the lists of everyone's sessions declare those roles on their routes). Every query on sessions takes its condition from here.
 */
@Injectable()
export class PlaybackSessionAccess {
  constructor(private readonly sessions: PlaybackSessionsRepository) {}

  /** The sessions `auth` may see, as a condition on the sessions table aliased `s`. */
  visibleTo(auth: AuthUser): SessionCondition {
    return canReadAll(auth) ? ALL_SESSIONS : sessionsOfUser(auth.id);
  }

  /**
   * Every session, for the one route that takes no credential: upstream's public track URL, where knowing
   * an open session's random id (about 93 bits) is what grants reading its audio.
   */
  byCapability(): SessionCondition {
    return ALL_SESSIONS;
  }

  /** The ones among `ids` that exist and `auth` may see (one query). */
  visibleIds(auth: AuthUser, ids: string[]): Promise<Set<string>> {
    return this.sessions.idsAmong([...new Set(ids)], this.visibleTo(auth));
  }
}
