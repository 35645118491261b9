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

/** A session's registration settings (today's docs). */
export interface SessionRegistration {
  addToSchedule: boolean;
  requireLogin: boolean;
  maxCapacity: number | null;
  waitlist: boolean;
  registrationStartDate: Micros | null;
  registrationEndDate: Micros | null;
}

/** The registration fields of a create or PATCH body (already validated). */
export interface SessionRegistrationChange {
  add_to_schedule?: boolean;
  require_login?: boolean;
  max_capacity?: number | null;
  waitlist?: boolean;
  registration_start_date?: string | null;
  registration_end_date?: string | null;
}

const optionalMicros = (text: string | null | undefined, current: Micros | null): Micros | null =>
  text === undefined ? current : text === null ? null : micros(text);

/**
 * The registration settings after a create (`current` the defaults) or a PATCH, with Guidebook's documented
 * cross-field rules on the result: `require_login` needs `add_to_schedule`; the registration dates and
 * `max_capacity` need `require_login`; `waitlist` needs `max_capacity`; the end of registration is not
 * before its start. Every broken rule is named at once (400).
 */
export function resolveRegistration(
  current: SessionRegistration,
  change: SessionRegistrationChange,
): SessionRegistration {
  const next: SessionRegistration = {
    addToSchedule: change.add_to_schedule ?? current.addToSchedule,
    requireLogin: change.require_login ?? current.requireLogin,
    maxCapacity: change.max_capacity === undefined ? current.maxCapacity : change.max_capacity,
    waitlist: change.waitlist ?? current.waitlist,
    registrationStartDate: optionalMicros(change.registration_start_date, current.registrationStartDate),
    registrationEndDate: optionalMicros(change.registration_end_date, current.registrationEndDate),
  };
  const errors: Record<string, string[]> = {};
  if (next.requireLogin && !next.addToSchedule)
    errors.require_login = ['require_login requires add_to_schedule to be true.'];
  if (!next.requireLogin) {
    if (next.registrationStartDate !== null)
      errors.registration_start_date = ['registration_start_date requires require_login to be true.'];
    if (next.registrationEndDate !== null)
      errors.registration_end_date = ['registration_end_date requires require_login to be true.'];
    if (next.maxCapacity !== null) errors.max_capacity = ['max_capacity requires require_login to be true.'];
  }
  if (
    next.registrationStartDate !== null &&
    next.registrationEndDate !== null &&
    next.registrationEndDate < next.registrationStartDate
  ) {
    errors.registration_end_date = [
      ...(errors.registration_end_date ?? []),
      'The registration end date must not be before the registration start date.',
    ];
  }
  if (next.waitlist && next.maxCapacity === null) errors.waitlist = ['waitlist requires max_capacity.'];
  if (Object.keys(errors).length) throw new FieldErrorsException(errors);
  return next;
}
