/**
 * Time in Sessions Hub is stored as integer microseconds since the Unix epoch (UTC by construction),
 * in a `bigint` column that behaves the same on SQLite and PostgreSQL. Each surface renders it in its
 * own format with the functions below.
 */
export type Micros = number;

let lastMicros = 0;

/**
 * Current time in microseconds: the wall clock (`Date.now()`, so it never drifts from it, whatever the
 * process's age or clock adjustments) plus the sub-millisecond fraction of the monotonic clock. Strictly
 * increasing within one process, even when the wall clock steps back.
 */
export function nowMicros(): Micros {
  const subMillisecond = Math.floor((performance.now() % 1) * 1000);
  let now = Date.now() * 1000 + subMillisecond;
  if (now <= lastMicros) now = lastMicros + 1;
  lastMicros = now;
  return now;
}

export function microsFromDate(date: Date): Micros {
  return date.getTime() * 1000;
}

export function microsToMillis(us: Micros): number {
  return Math.floor(us / 1000);
}

function parts(us: Micros): { iso: string; fraction: string } {
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString(); // 2017-09-06T15:43:35.947Z
  const micros = ((us % 1_000_000) + 1_000_000) % 1_000_000;
  return { iso: iso.slice(0, 19), fraction: String(micros).padStart(6, '0') };
}

/** Roundware (Django, USE_TZ off): naive UTC with microseconds, `2017-09-06T15:43:35.947761`. */
export function toNaiveIso(us: Micros): string;
export function toNaiveIso(us: Micros | null): string | null;
export function toNaiveIso(us: Micros | null): string | null {
  if (us === null || us === undefined) return null;
  const { iso, fraction } = parts(us);
  return `${iso}.${fraction}`;
}

/** Guidebook: UTC with microseconds and a `+0000` offset, `2017-09-18T16:00:00.000000+0000`. */
export function toGuidebookTime(us: Micros): string;
export function toGuidebookTime(us: Micros | null): string | null;
export function toGuidebookTime(us: Micros | null): string | null {
  if (us === null || us === undefined) return null;
  const { iso, fraction } = parts(us);
  return `${iso}.${fraction}+0000`;
}

/** AERPAW (DRF with USE_TZ): ISO 8601 with microseconds and an offset, `2022-11-28T08:43:49.268000+00:00`. */
export function toOffsetIso(us: Micros): string;
export function toOffsetIso(us: Micros | null): string | null;
export function toOffsetIso(us: Micros | null): string | null {
  if (us === null || us === undefined) return null;
  const { iso, fraction } = parts(us);
  return `${iso}.${fraction}+00:00`;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses the date-times clients send: `2017-04-15`, `2017-04-15T16:35:57`, `2017-04-15 16:35:57.123456`,
 * with an optional `Z` / `+hh:mm` / `+hhmm` offset. Naive input is taken as UTC. Returns null when the
 * text is not such a date-time or names an impossible date.
 */
export function parseDateTimeMicros(text: string): Micros | null {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999
  const ms = new Date(0).setUTCFullYear(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000;
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  let offsetMinutes = 0;
  if (offset && offset.toUpperCase() !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    if (Math.abs(offsetMinutes) > 18 * 60) return null;
  }
  const micros = Number(frac.padEnd(6, '0') || '0');
  const instant = ms - offsetMinutes * 60_000;
  // Every surface renders four-digit years (Python's datetime range): refuse what leaves it after the offset
  // (the sum is compared, not `instant`: past 2255 a double steps by more than 1 µs and .999999 may round up)
  const us = instant * 1000 + micros;
  if (instant < MIN_INSTANT_MS || us >= END_INSTANT_MS * 1000) return null;
  return us;
}

/** 0001-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the range of Python's `datetime`, four-digit years. */
const MIN_INSTANT_MS = new Date(0).setUTCFullYear(1, 0, 1);
const END_INSTANT_MS = new Date(0).setUTCFullYear(10000, 0, 1);
