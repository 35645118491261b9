import { FieldErrorsException } from '../common/errors';
import { Micros, parseDateTimeMicros } from '../common/time';

/** When a schedule session happens. */
export interface SessionTimes {
  startTime: Micros;
  endTime: Micros | null;
  allDay: boolean;
}

/** The time fields of a create or PATCH body (strings already validated as date-times). */
export interface SessionTimesChange {
  start_time?: string;
  end_time?: string | null;
  all_day?: boolean;
}

function micros(text: string): Micros {
  const value = parseDateTimeMicros(text);
  if (value === null) throw new Error(`unvalidated date-time: ${text}`);
  return value;
}

/**
 * The times of a session after a create (`current` null) or a PATCH. A blank `end_time` means an
 * all-day session: `all_day` becomes true unless the client says otherwise, and a session that is not
 * all-day needs an end. The end may equal the start but never precede it.
 */
export function resolveSessionTimes(current: SessionTimes | null, change: SessionTimesChange): SessionTimes {
  const startTime = change.start_time !== undefined ? micros(change.start_time) : current?.startTime;
  if (startTime === undefined) throw FieldErrorsException.of('start_time', 'This field is required.');
  const endTime =
    change.end_time === undefined
      ? (current?.endTime ?? null)
      : change.end_time === null
        ? null
        : micros(change.end_time);
  const endCleared = change.end_time === null || (current === null && endTime === null);
  const allDay = change.all_day ?? (endCleared ? true : (current?.allDay ?? false));

  if (!allDay && endTime === null) {
    throw FieldErrorsException.of('end_time', 'An end time is required unless the session is all day.');
  }
  if (endTime !== null && endTime < startTime) {
    throw FieldErrorsException.of('end_time', 'The end time must not be before the start time.');
  }
  return { startTime, endTime, allDay };
}

/** Seconds from `nowMs` to the next UTC midnight (at least 1), and the start of the current UTC day. */
export function utcDay(nowMs: number): { startMicros: Micros; secondsLeft: number } {
  const start = Math.floor(nowMs / 86_400_000) * 86_400_000;
  return {
    startMicros: start * 1000,
    secondsLeft: Math.max(1, Math.ceil((start + 86_400_000 - nowMs) / 1000)),
  };
}
