import { randomInt } from 'node:crypto';

/**
 * The rules of honest listening time and media progress, as pure functions; the sync credit rule is
 * described below and runs in SQL (playback-sessions.repository.ts).
 */

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An Audiobookshelf-style id: `prefix_` + 18 lowercase letters and digits (`play_i00492kps6ow4axlvq`). */
export function newAbsId(prefix: 'play' | 'lib' | 'li' | 'ep' | 'fol' | 'scan'): string {
  let out = '';
  for (let i = 0; i < 18; i++) out += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return `${prefix}_${out}`;
}

/** Session and item ids in paths and bodies: conservative, so nothing odd reaches a query or a log. */
export const ABS_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const DAYS_OF_WEEK = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'long',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar day (`YYYY-MM-DD`) and weekday of an instant (epoch milliseconds) in `timeZone`, as
 * Audiobookshelf's `date` / `dayOfWeek`. A session belongs to the day it started on.
 */
export function localDay(epochMs: number, timeZone: string): { date: string; dayOfWeek: string } {
  const parts = formatterFor(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, dayOfWeek: get('weekday') };
}

export interface ProgressState {
  /** 0..1 */
  progress: number;
  isFinished: boolean;
}

/**
 * Progress of a position in an item: finished when fewer than `thresholdSeconds` remain. An item
 * without a known duration is never finished. Re-listening (an earlier position) un-finishes it.
 */
export function computeProgress(
  currentTime: number,
  duration: number,
  thresholdSeconds: number,
): ProgressState {
  if (!(duration > 0)) return { progress: 0, isFinished: false };
  const position = Math.min(Math.max(currentTime, 0), duration);
  const isFinished = duration - position < thresholdSeconds;
  return { progress: isFinished ? 1 : position / duration, isFinished };
}

/** Where playback starts: the saved position, or 0 for a finished (or never started) item. */
export function startPosition(saved: { currentTime: number; isFinished: boolean } | null): number {
  if (!saved || saved.isFinished) return 0;
  return Math.max(0, saved.currentTime);
}

/** A client position may overshoot the end by this much (rounding); it is then taken as the end. */
export const POSITION_SLACK_SECONDS = 1;

/**
 * The position a sync may store: within [0, duration]. Slightly past the end (rounding) is taken as the
 * end; further past it is refused (returns null → 400).
 */
export function acceptedPosition(currentTime: number, duration: number): number | null {
  if (!Number.isFinite(currentTime) || currentTime < 0) return null;
  if (currentTime <= duration) return currentTime;
  return currentTime <= duration + POSITION_SLACK_SECONDS ? duration : null;
}

/*
 * The sync credit rule lives in SQL only, in the sync UPDATE (`PlaybackSessionsRepository.sync`), so that
 * concurrent syncs of one session serialise on its row. For a sync claiming `timeListened` seconds at
 * `now` (µs) the allowance is `now + tolerance - creditedUntil`; it credits `min(timeListened, allowance)`
 * (0 when the allowance is used up) and moves the watermark to `max(creditedUntil + credited, now)`. Hence:
 * - one sync never credits more than the wall-clock time since the previous sync plus the tolerance;
 * - the tolerance is one shared slack, not a per-sync bonus: however many syncs arrive (concurrently or
 *   in a burst), the session's total never exceeds the wall-clock time since it opened plus the
 *   tolerance;
 * - time not claimed during a pause is not banked for later (the watermark catches up with `now`).
 * test/playback-sessions/credit-rule.e2e-spec.ts runs that SQL on both engines against these properties.
 */

/**
 * A local (offline) session's listening time cannot exceed its own wall-clock span (`startedAt` to
 * `updatedAt`, epoch ms) plus the tolerance.
 */
export function clampLocalListening(
  timeListening: number,
  startedAtMs: number,
  updatedAtMs: number,
  toleranceSeconds: number,
): number {
  const span = Math.max(0, updatedAtMs - startedAtMs) / 1000 + toleranceSeconds;
  return Math.min(Math.max(timeListening, 0), span);
}

/** A user's progress in one item as the rules see it; times in µs. */
export interface StoredProgress {
  currentTime: number;
  /** 0..1 */
  progress: number;
  isFinished: boolean;
  finishedAt: number | null;
  hidden: boolean;
}

/** What a progress PATCH may change (Audiobookshelf's `createUpdateMediaProgressFromPayload`). */
export interface ProgressChange {
  isFinished?: boolean;
  /** Seconds, already checked against the duration. */
  currentTime?: number;
  /** 0..1; read only without `currentTime` (it then sets the position: `progress × duration`). */
  progress?: number;
  hideFromContinueListening?: boolean;
}

/** Whether a change carries anything the progress stores (ebook fields alone do not). */
export function changesProgress(change: ProgressChange): boolean {
  return (
    change.isFinished !== undefined ||
    change.currentTime !== undefined ||
    change.progress !== undefined ||
    change.hideFromContinueListening !== undefined
  );
}

/**
 * The progress after a client's explicit change, written at `at` (µs), as upstream's `applyProgressUpdate`:
 * - `isFinished: true` finishes it (progress 1, `finishedAt` = `at` unless it was already finished);
 * - `isFinished: false` un-finishes a finished item and restarts it (position 0, progress 0), or, when it
 *   was not finished, just stores the position given (never finished by the threshold: the client said so);
 * - otherwise a position that moves follows the threshold rule of syncs (`computeProgress`): finished near
 *   the end, un-finished by an earlier position; a position that does not move changes nothing;
 * - a position that moves shows the item again in continue-listening, unless the change hides it.
 */
export function applyProgressChange(
  before: StoredProgress | null,
  change: ProgressChange,
  duration: number,
  thresholdSeconds: number,
  at: number,
): StoredProgress {
  const prev: StoredProgress = before ?? {
    currentTime: 0,
    progress: 0,
    isFinished: false,
    finishedAt: null,
    hidden: false,
  };
  const given =
    change.currentTime ?? (change.progress !== undefined ? change.progress * duration : undefined);
  const target = given === undefined ? undefined : Math.min(Math.max(given, 0), duration);
  const ratio = (position: number) => (duration > 0 ? Math.min(position / duration, 1) : 0);
  let next: Omit<StoredProgress, 'hidden'>;
  if (change.isFinished === true) {
    next = {
      currentTime: target ?? prev.currentTime,
      progress: 1,
      isFinished: true,
      finishedAt: prev.isFinished && prev.finishedAt !== null ? prev.finishedAt : at,
    };
  } else if (change.isFinished === false) {
    const position = prev.isFinished ? 0 : (target ?? prev.currentTime);
    next = { currentTime: position, progress: ratio(position), isFinished: false, finishedAt: null };
  } else if (target !== undefined && target !== prev.currentTime) {
    const state = computeProgress(target, duration, thresholdSeconds);
    next = {
      currentTime: target,
      ...state,
      finishedAt: state.isFinished ? (prev.isFinished ? prev.finishedAt : at) : null,
    };
  } else {
    next = prev;
  }
  const moved = next.currentTime !== prev.currentTime;
  const hidden = change.hideFromContinueListening ?? (moved ? false : prev.hidden);
  return { ...next, hidden };
}
