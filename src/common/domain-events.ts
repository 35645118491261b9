/**
 * Domain events published on the in-process event bus (@nestjs/event-emitter). Publishers and
 * listeners share only these names and payloads, so modules stay independent of each other.
 */
export const SESSION_STARTED = 'session.started';
export const SESSION_STOPPED = 'session.stopped';

export interface SessionLifecycleEvent {
  sessionId: number;
  /** The user who started or stopped the session. */
  userId: number;
  /** Event time, microseconds since the epoch (the session's start or stop time). */
  at: number;
}
