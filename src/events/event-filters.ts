import { FieldErrors, FieldErrorsException } from '../common/errors';
import { isIntId } from '../common/validation';
import { Micros, parseDateTimeMicros } from '../common/time';
import type { EventFilterQueryDto } from './dto/event.dto';

/** The list filters, parsed. Times are microsecond bounds: `from` inclusive, `to` exclusive. */
export interface EventFilters {
  sessionId?: number;
  /** Lower-cased substring of the event type. */
  eventType?: string;
  serverTimeFrom?: Micros;
  serverTimeTo?: Micros;
  latitudePrefix?: string;
  longitudePrefix?: string;
  /** Every one of these tags must be on the event. */
  tagIds?: number[];
}

const SECOND = 1_000_000;
const COORDINATE_PREFIX = /^[-+]?(\d+(\.\d*)?|\.\d*)?$/;
const DATE_TIME_MESSAGE = 'Enter a valid date/time.';

/**
 * Parses the filters of `GET /api/2/events/` (and of the export). Empty values are ignored, as
 * django-filter does; a value that cannot be read is a 400 naming the parameter, never silently dropped.
 */
export function parseEventFilters(query: EventFilterQueryDto): EventFilters {
  const errors: FieldErrors = {};
  const filters: EventFilters = {};
  const given = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

  if (given(query.session_id)) {
    const text = query.session_id.trim();
    if (/^\d+$/.test(text) && isIntId(text)) filters.sessionId = Number(text);
    else if (/^\d+$/.test(text))
      filters.sessionId = 0; // a well-formed id that cannot exist: no rows
    else errors.session_id = ['Enter a whole number.'];
  }

  if (given(query.event_type)) filters.eventType = query.event_type.trim().toLowerCase();

  const times: Array<[keyof EventFilterQueryDto, (us: Micros) => void]> = [
    [
      'server_time',
      (us) => {
        const second = Math.floor(us / SECOND) * SECOND;
        narrowFrom(filters, second);
        narrowTo(filters, second + SECOND);
      },
    ],
    ['server_time__gt', (us) => narrowFrom(filters, us + 1)],
    ['server_time__lt', (us) => narrowTo(filters, us)],
  ];
  for (const [name, apply] of times) {
    const value = query[name];
    if (!given(value)) continue;
    const us = parseDateTimeMicros(value);
    if (us === null) errors[name] = [DATE_TIME_MESSAGE];
    else apply(us);
  }

  for (const name of ['latitude', 'longitude'] as const) {
    const value = query[name];
    if (!given(value)) continue;
    const text = value.trim();
    if (!COORDINATE_PREFIX.test(text) || text.length > 32) errors[name] = ['Enter a number.'];
    else filters[name === 'latitude' ? 'latitudePrefix' : 'longitudePrefix'] = text;
  }

  if (given(query.tag_ids)) {
    const parts = query.tag_ids.split(',').map((p) => p.trim());
    if (parts.length > 100 || !parts.every((p) => /^\d+$/.test(p))) {
      errors.tag_ids = ['Enter a comma-separated list of whole numbers.'];
    } else {
      // A tag id that cannot exist matches nothing (0 is never a tag).
      filters.tagIds = [...new Set(parts.map((p) => (isIntId(p) ? Number(p) : 0)))];
    }
  }

  if (Object.keys(errors).length) throw new FieldErrorsException(errors);
  return filters;
}

function narrowFrom(filters: EventFilters, from: Micros): void {
  filters.serverTimeFrom = Math.max(filters.serverTimeFrom ?? -Infinity, from);
}

function narrowTo(filters: EventFilters, to: Micros): void {
  filters.serverTimeTo = Math.min(filters.serverTimeTo ?? Infinity, to);
}

/** The upper end of a prefix range: every text starting with `prefix` sorts before it (byte order). */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}~`; // '~' sorts after every character a stored coordinate can contain
}

/** `text` with LIKE's wildcards and the escape character escaped (for `ESCAPE '!'`). */
export function escapeLike(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
