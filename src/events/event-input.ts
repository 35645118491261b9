import { MAX_INT_ID } from '../common/validation';
import { parseDateTimeMicros } from '../common/time';

/** At most this many tags on one event (upstream has no limit; a bound keeps a row small). */
export const MAX_TAGS_PER_EVENT = 100;
export const MAX_EVENT_TYPE_LENGTH = 50;
/** `POST /api/2/events/batch/` takes at most this many events. */
export const MAX_BATCH_EVENTS = 1000;

/** A validated event as the client asked for it, before the server stamps it. */
export interface NewEvent {
  sessionId: number;
  eventType: string;
  clientTime: string | null;
  data: string | null;
  latitude: string | null;
  longitude: string | null;
  tagIds: number[];
}

/** What is written: the event plus the server's time (microseconds). */
export interface NewEventRow extends NewEvent {
  serverTime: number;
}

const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

/**
 * A coordinate as given: a JSON number is kept in its shortest decimal text (1.2345 → "1.2345"), a
 * string is kept verbatim after trimming. Returns undefined when it is not a number within ±limit.
 */
export function coordinateText(value: unknown, limit: number): string | null | undefined {
  if (value === null || value === undefined) return null;
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
    if (text === '') return null;
    if (!DECIMAL.test(text)) return undefined;
  } else {
    return undefined;
  }
  if (text.length > 32) return undefined;
  const n = Number(text);
  return Number.isFinite(n) && Math.abs(n) <= limit ? text : undefined;
}

/**
 * Tag ids from `"3,8"`, `"3, 8"`, `[3, 8]` or `3`: positive 32-bit integers, duplicates dropped, the
 * client's order kept. `""`, `[]` and null mean no tags. Returns undefined when anything is not a tag id.
 */
export function parseTagIds(value: unknown): number[] | undefined {
  if (value === null || value === undefined) return [];
  let parts: unknown[];
  if (typeof value === 'string') {
    if (value.trim() === '') return [];
    parts = value.split(',').map((p) => p.trim());
  } else if (Array.isArray(value)) {
    parts = value;
  } else if (typeof value === 'number') {
    parts = [value];
  } else {
    return undefined;
  }
  const ids: number[] = [];
  for (const part of parts) {
    const n =
      typeof part === 'number'
        ? part
        : typeof part === 'string' && /^\d{1,10}$/.test(part)
          ? Number(part)
          : NaN;
    if (!Number.isInteger(n) || n < 1 || n > MAX_INT_ID) return undefined;
    if (!ids.includes(n)) ids.push(n);
  }
  return ids.length <= MAX_TAGS_PER_EVENT ? ids : undefined;
}

/** The rendered form of tag ids, as the seed shows it: `"3,8"`, or null without tags. */
export function tagIdsText(ids: number[]): string | null {
  return ids.length ? ids.join(',') : null;
}

/** True when `text` is a date-time the server can read (client_time is stored as sent, but must be one). */
export function isClientTime(text: string): boolean {
  return parseDateTimeMicros(text) !== null;
}

/** The fields of a validated request body (CreateEventDto) that become an event. */
export interface EventInput {
  session_id: number;
  event_type: string;
  client_time?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
  tag_ids?: string | number[] | null;
  /** Upstream's alias of `tag_ids`; it wins when both are given (roundware-server `lib/api.py` log_event). */
  tags?: string | number[] | null;
  data?: string | null;
}

/** Converts a body that passed validation into the event to store. */
export function toNewEvent(input: EventInput): NewEvent {
  return {
    sessionId: input.session_id,
    eventType: input.event_type,
    clientTime: input.client_time ?? null,
    data: input.data ?? null,
    latitude: coordinateText(input.latitude, 90) ?? null,
    longitude: coordinateText(input.longitude, 180) ?? null,
    tagIds: parseTagIds(input.tags ?? input.tag_ids) ?? [],
  };
}

const EVENT_KEYS = new Set([
  'session_id',
  'event_type',
  'client_time',
  'latitude',
  'longitude',
  'tag_ids',
  'data',
]);

/**
 * The batch's compiled pass: true when `item` certainly passes every rule of `CreateEventDto` (the
 * same predicates its decorators run, each check at least as strict), so it can skip class-validator.
 * An item this refuses is not necessarily invalid: it goes through class-validator, which then gives
 * exactly the single POST's messages. So the rules and messages stay those of the DTO, by construction.
 */
export function isPlainValidEvent(
  item: Record<string, unknown>,
): item is EventInput & Record<string, unknown> {
  for (const key in item) if (!EVENT_KEYS.has(key) || !Object.hasOwn(item, key)) return false;
  if (Object.getPrototypeOf(item) !== Object.prototype) return false;
  const { session_id, event_type, client_time, data } = item;
  if (typeof session_id !== 'number' || !Number.isInteger(session_id)) return false;
  // `length` counts UTF-16 units, at least the characters MaxLength counts
  if (typeof event_type !== 'string' || event_type === '' || event_type.length > MAX_EVENT_TYPE_LENGTH)
    return false;
  if (
    client_time != null &&
    !(typeof client_time === 'string' && client_time.length <= 64 && isClientTime(client_time))
  )
    return false;
  if (item.latitude != null && coordinateText(item.latitude, 90) === undefined) return false;
  if (item.longitude != null && coordinateText(item.longitude, 180) === undefined) return false;
  if (item.tag_ids != null && parseTagIds(item.tag_ids) === undefined) return false;
  if (data != null && typeof data !== 'string') return false;
  return true;
}
