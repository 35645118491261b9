import { toNaiveIso } from '../common/time';
import type { EventDto } from './dto/event.dto';
import type { ListenEventDto } from './dto/listen-event.dto';

/** One event as the list query selects it (column aliases = the wire names). */
export interface EventRow {
  id: number;
  server_time: number;
  client_time: string | null;
  event_type: string;
  data: string | null;
  latitude: string | null;
  longitude: string | null;
  session_id: number;
  tag_ids: string | null;
}

/** The Roundware wire shape: the seed's nine keys in the seed's order. */
export function toRoundwareEvent(row: EventRow): EventDto {
  return {
    id: Number(row.id),
    server_time: toNaiveIso(Number(row.server_time)),
    client_time: row.client_time,
    event_type: row.event_type,
    data: row.data,
    latitude: row.latitude,
    longitude: row.longitude,
    session_id: Number(row.session_id),
    tag_ids: row.tag_ids,
  };
}

const CSV_COLUMNS: Array<keyof EventDto> = [
  'id',
  'server_time',
  'client_time',
  'event_type',
  'data',
  'latitude',
  'longitude',
  'session_id',
  'tag_ids',
];

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

/** Cell starts a spreadsheet runs as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // client text such as `=HYPERLINK(…)` in `data` would run when the export is opened in a spreadsheet:
  // it is prefixed with `'` (shown as text). Plain numbers (negative coordinates) are left as they are.
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One RFC 4180 line (CRLF); null is an empty field. */
export function toCsvLine(event: EventDto): string {
  return `${CSV_COLUMNS.map((column) => csvField(event[column])).join(',')}\r\n`;
}

/** One listen event as `ListenEventsRepository` selects it (column aliases = the wire names). */
export interface ListenEventRow {
  id: number;
  duration_ns: number | null;
  start_time: number;
  session_id: number;
  asset_id: number;
  project_id: number;
}

/** Upstream's ListenEventSerializer: seconds rounded to 2 decimals (`'%.2f'` there), naive times. */
export function toRoundwareListenEvent(row: ListenEventRow): ListenEventDto {
  return {
    id: Number(row.id),
    duration_in_seconds: row.duration_ns === null ? null : Math.round(Number(row.duration_ns) / 1e7) / 100,
    start_time: toNaiveIso(Number(row.start_time)),
    session_id: Number(row.session_id),
    asset_id: Number(row.asset_id),
    project_id: Number(row.project_id),
  };
}
