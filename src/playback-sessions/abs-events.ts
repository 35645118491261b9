/**
 * Events of the Audiobookshelf surface on the in-process bus (@nestjs/event-emitter), published by the
 * playback service after its writes commit and relayed to sockets by AudiobookshelfGateway.
 */
import type { PlaybackSession } from './entities/playback-session.entity';

/** A user's media progress moved (a sync, a local upload, a progress write). */
export const ABS_PROGRESS_UPDATED = 'abs.progress.updated';
/** A user's own data changed outside a sync (a progress written, reset or hidden): upstream's `user_updated`. */
export const ABS_USER_UPDATED = 'abs.user.updated';

export interface AbsUserEvent {
  userId: number;
}

/** A playback session was opened or closed (admins watch streams). */
export const ABS_SESSION_OPENED = 'abs.session.opened';
export const ABS_SESSION_CLOSED = 'abs.session.closed';

export interface AbsProgressEvent {
  userId: number;
  libraryItemId: string;
  episodeId: string | null;
  /** The session whose sync moved it, or null (a progress write without a session). */
  session: PlaybackSession | null;
}

export interface AbsSessionEvent {
  session: PlaybackSession;
}

/** A library scan started, moved on, or finished (admins' sockets: upstream's `scan_start`, `scan_complete`). */
export const ABS_SCAN_STARTED = 'abs.scan.started';
export const ABS_SCAN_PROGRESS = 'abs.scan.progress';
export const ABS_SCAN_COMPLETE = 'abs.scan.complete';

export interface AbsScanEvent {
  /** One id per scan run. */
  id: string;
  libraryId: string;
  libraryName: string;
  done?: number;
  total?: number;
  results?: { added: number; updated: number; missing: number; failed: number; elapsedMs: number };
}
