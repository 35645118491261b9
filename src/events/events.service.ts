import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Readable } from 'node:stream';
import { AuthUser } from '../common/auth-user';
import { DRF_MESSAGES } from '../common/validation';
import { FieldErrors, FieldErrorsException, toFieldErrors } from '../common/errors';
import { stripPrototypeKeys } from '../common/prototype-keys';
import { offsetOf, Page, PageRequest } from '../common/pagination';
import { Micros, nowMicros } from '../common/time';
import { AppConfig } from '../config/app-config';
import type { SqlCondition } from '../common/sql-condition';
import type { SqlPlan } from '../database/sql';
import { SessionAccess } from '../sessions/session-access.service';
import { RoundwareSessionsService } from '../sessions/roundware-sessions.service';
import {
  CreateEventDto,
  EventBatchIdsDto,
  EventBatchResultDto,
  EventDto,
  EventExportQueryDto,
  EventListQueryDto,
  ExportFormat,
  SessionHistoryDto,
} from './dto/event.dto';
import { EventAccess } from './event-access.service';
import { EventFilters, parseEventFilters } from './event-filters';
import {
  EventInput,
  isPlainValidEvent,
  MAX_BATCH_EVENTS,
  NewEvent,
  NewEventRow,
  tagIdsText,
  toNewEvent,
} from './event-input';
import { CSV_HEADER, EventRow, toCsvLine, toRoundwareEvent } from './event.mapper';
import { EventsRepository, SessionGoneError } from './events.repository';
import { ExportSlots } from './export-slots';
import { ListenEventsService } from './listen-events.service';

/** The event type the server records when a session starts (and a client posts after it). */
export const START_SESSION = 'start_session';

/** Rows per query while exporting: memory holds one chunk, whatever the export's size. */
export const EXPORT_CHUNK = 200;

export interface EventExport {
  contentType: string;
  filename: string;
  stream: Readable;
}

const ITEM_VALIDATION = {
  whitelist: true,
  forbidNonWhitelisted: true,
  validationError: { target: false, value: false },
} as const;

/**
 * Test seams of the export: `beforeRow` sees each row before it is rendered (a throw fails the export
 * there); `beforeChunk` is awaited before each chunk after the first is read (a test holds an export open).
 */
export const exportHooks: {
  beforeRow?: (row: EventRow, index: number) => void;
  beforeChunk?: () => Promise<void>;
} = {};

@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);

  constructor(
    private readonly events: EventsRepository,
    private readonly access: EventAccess,
    private readonly sessionAccess: SessionAccess,
    private readonly sessions: RoundwareSessionsService,
    private readonly config: AppConfig,
    private readonly slots: ExportSlots,
    private readonly listenEvents: ListenEventsService,
  ) {}

  /** The events `auth` may see, filtered, in id order: the whole array. */
  list(auth: AuthUser, query: EventListQueryDto): Promise<EventDto[]> {
    return this.listAll(auth, parseEventFilters(query));
  }

  /** One page of the events `auth` may see, filtered, in id order. */
  async page(auth: AuthUser, query: EventListQueryDto, pr: PageRequest): Promise<Page<EventDto>> {
    const conditions = this.conditions(auth, parseEventFilters(query));
    const count = await this.events.count(conditions);
    const max = this.config.sessev.listMaxBytes;
    const { rows, complete } =
      offsetOf(pr) < count
        ? await this.events.boundedRows(conditions, pr.pageSize, offsetOf(pr), max)
        : { rows: [], complete: true };
    if (!complete) {
      throw new BadRequestException(
        `This page of events is larger than ${max} bytes. Ask for a smaller page_size, ` +
          'or download them all from /api/2/events/export/.',
      );
    }
    return { count, items: rows.map(toRoundwareEvent) };
  }

  async get(auth: AuthUser, id: number): Promise<EventDto> {
    const row = await this.events.findById(id, this.access.visibleTo(auth));
    if (!row) throw new NotFoundException();
    return toRoundwareEvent(row);
  }

  /** Stores one event in a session `auth` can see (another user's session is "does not exist"). */
  async create(auth: AuthUser, body: CreateEventDto): Promise<EventDto> {
    const dataError = this.dataError(body.data);
    if (dataError) throw new FieldErrorsException({ data: [dataError] });
    const event = toNewEvent(body);
    const visible = await this.sessionAccess.visibleIds(auth, [event.sessionId]);
    if (!visible.has(event.sessionId)) {
      throw new FieldErrorsException({ session_id: [missingSession(event.sessionId)] });
    }
    if (event.eventType === START_SESSION) {
      // one start_session per session: the server recorded it when the session started; the client's
      // post (the web framework sends one right after) gives that record the client's fields
      const recorded = await this.events.firstOfType(event.sessionId, START_SESSION);
      if (recorded !== undefined && (await this.events.replaceClientFields(recorded, event))) {
        return toRoundwareEvent((await this.events.findById(recorded, ['', []]))!);
      }
    }
    const [row] = await this.write([event]);
    return row;
  }

  /**
   * Stores up to 1,000 events in one transaction. Any invalid item (or one in a session the caller
   * cannot see) stores nothing: the answer is DRF's list of per-item errors, `{}` for the good items.
   * With `echo` false the answer is `{count, ids}` instead of the stored events.
   */
  async createBatch(
    auth: AuthUser,
    body: unknown,
    echo = true,
  ): Promise<EventBatchResultDto | EventBatchIdsDto> {
    if (!Array.isArray(body)) {
      throw new FieldErrorsException({
        non_field_errors: [`Expected a list of items but got type "${jsonType(body)}".`],
      });
    }
    if (body.length === 0)
      throw new FieldErrorsException({ non_field_errors: ['This list may not be empty.'] });
    if (body.length > MAX_BATCH_EVENTS) {
      throw new FieldErrorsException({
        non_field_errors: [`Ensure this field has no more than ${MAX_BATCH_EVENTS} elements.`],
      });
    }
    const errors: FieldErrors[] = body.map(() => ({}));
    const events: NewEvent[] = [];
    body.forEach((item: unknown, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        errors[i] = {
          non_field_errors: [`Invalid data. Expected a dictionary, but got ${jsonType(item)}.`],
        };
        return;
      }
      let input: EventInput;
      if (isPlainValidEvent(item as Record<string, unknown>)) input = item as EventInput;
      else {
        // as the global ValidationPipe does: class-transformer crashes on a nested own `constructor` key
        stripPrototypeKeys(item);
        const dto = plainToInstance(CreateEventDto, item);
        const problems = validateSync(dto, ITEM_VALIDATION);
        if (problems.length) {
          errors[i] = toFieldErrors(problems);
          return;
        }
        input = dto;
      }
      const dataError = this.dataError(input.data);
      if (dataError) errors[i] = { data: [dataError] };
      else events[i] = toNewEvent(input);
    });
    const visible = await this.sessionAccess.visibleIds(
      auth,
      events.filter(Boolean).map((e) => e.sessionId),
    );
    events.forEach((event, i) => {
      if (event && !visible.has(event.sessionId)) {
        errors[i] = { session_id: [missingSession(event.sessionId)] };
      }
    });
    if (errors.some((e) => Object.keys(e).length)) throw new FieldErrorsException(errors);
    const rows = this.stamp(events);
    const ids = await this.insert(rows);
    if (!echo) return { count: ids.length, ids };
    return { count: ids.length, results: rendered(rows, ids) };
  }

  async remove(_auth: AuthUser, id: number): Promise<void> {
    if (!(await this.events.deleteById(id))) throw new NotFoundException();
  }

  /**
   * The filtered events as CSV or NDJSON, read in keyset chunks of EXPORT_CHUNK rows and streamed row by
   * row (memory holds one chunk and the stream's small buffer). The first chunk is read and rendered
   * before anything is sent, so a failure there is an ordinary 5xx; a later failure aborts the stream
   * (see the controller). Concurrent exports are bounded per user and in total (429).
   */
  async export(auth: AuthUser, query: EventExportQueryDto): Promise<EventExport> {
    const filters = parseEventFilters(query);
    const format: ExportFormat = query.format ?? 'csv';
    const release = this.slots.acquire(auth.id);
    try {
      const conditions = this.conditions(auth, filters);
      const render = format === 'csv' ? toCsvLine : (event: EventDto) => `${JSON.stringify(event)}\n`;
      const first = await this.events.after(conditions, 0, EXPORT_CHUNK);
      const head = [...(format === 'csv' ? [CSV_HEADER] : []), ...renderRows(first, 0, render)];
      const stream = Readable.from(this.exportLines(conditions, first, head, render), {
        objectMode: false,
        highWaterMark: 64 * 1024,
      });
      let released = false;
      const done = () => {
        if (!released) release();
        released = true;
      };
      stream.once('close', done);
      stream.once('error', done);
      stream.once('end', done);
      return format === 'csv'
        ? { contentType: 'text/csv; charset=utf-8', filename: 'events.csv', stream }
        : { contentType: 'application/x-ndjson; charset=utf-8', filename: 'events.ndjson', stream };
    } catch (error) {
      release();
      throw error;
    }
  }

  /** A session `auth` can see (in `GET /api/2/sessions/{id}/`'s shape), all of its events and listen events in order. */
  async history(auth: AuthUser, sessionId: number): Promise<SessionHistoryDto> {
    const session = await this.sessions.get(auth, sessionId);
    const [events, listenEvents] = await Promise.all([
      this.listAll(auth, { sessionId }),
      this.listenEvents.ofSession(auth, sessionId),
    ]);
    return { session, events, listen_events: listenEvents };
  }

  /**
   * The statements recording an event the server itself observed (session started / stopped) at `at`,
   * for the plan of the start or stop that causes it (`SessionEventsRecorder`).
   */
  serverEventSteps(sessionId: number, eventType: string, at: Micros): SqlPlan<unknown> {
    return this.events.serverEventSteps(sessionId, eventType, at);
  }

  /** The 400 message for `data` over EVENT_DATA_MAX_BYTES, or undefined. */
  private dataError(data: string | null | undefined): string | undefined {
    const max = this.config.sessev.eventDataMaxBytes;
    if (typeof data !== 'string' || data.length * 3 <= max) return undefined;
    return Buffer.byteLength(data, 'utf8') > max
      ? `Ensure this field has no more than ${max} bytes (UTF-8).`
      : undefined;
  }

  private conditions(auth: AuthUser, filters: EventFilters): SqlCondition[] {
    return [this.access.visibleTo(auth), ...this.events.filterConditions(filters)];
  }

  /** The unpaginated list: at most EVENTS_LIST_MAX_ROWS rows and LIST_MAX_BYTES bytes, else 400. */
  private async listAll(auth: AuthUser, filters: EventFilters): Promise<EventDto[]> {
    const max = this.config.eventsListMaxRows;
    const maxBytes = this.config.sessev.listMaxBytes;
    const { rows, complete } = await this.events.boundedRows(
      this.conditions(auth, filters),
      max + 1,
      0,
      maxBytes,
    );
    if (rows.length > max) {
      throw new BadRequestException(
        `More than ${max} events match. Ask for pages with page_size (and page), narrow the filters, ` +
          'or download them all from /api/2/events/export/.',
      );
    }
    if (!complete) {
      throw new BadRequestException(
        `The matching events are larger than ${maxBytes} bytes. Ask for pages with page_size (and page), ` +
          'narrow the filters, or download them all from /api/2/events/export/.',
      );
    }
    return rows.map(toRoundwareEvent);
  }

  private stamp(events: NewEvent[]): NewEventRow[] {
    return events.map((event) => ({ ...event, serverTime: nowMicros() }));
  }

  private async insert(rows: NewEventRow[]): Promise<number[]> {
    try {
      return await this.events.insert(rows);
    } catch (error) {
      // The session was deleted between the visibility check and the insert.
      if (error instanceof SessionGoneError) {
        throw new FieldErrorsException({ session_id: [missingSession(rows[0].sessionId)] });
      }
      throw error;
    }
  }

  private async write(events: NewEvent[]): Promise<EventDto[]> {
    const rows = this.stamp(events);
    return rendered(rows, await this.insert(rows));
  }

  private async *exportLines(
    conditions: SqlCondition[],
    first: EventRow[],
    head: string[],
    render: (event: EventDto) => string,
  ): AsyncGenerator<string> {
    yield head.join('');
    let rows = first;
    let index = rows.length;
    while (rows.length === EXPORT_CHUNK) {
      await exportHooks.beforeChunk?.();
      rows = await this.events.after(conditions, Number(rows[rows.length - 1].id), EXPORT_CHUNK);
      for (const line of renderRows(rows, index, render)) yield line;
      index += rows.length;
    }
  }
}

function renderRows(rows: EventRow[], start: number, render: (event: EventDto) => string): string[] {
  return rows.map((row, i) => {
    exportHooks.beforeRow?.(row, start + i);
    return render(toRoundwareEvent(row));
  });
}

function rendered(rows: NewEventRow[], ids: number[]): EventDto[] {
  return rows.map((row, i) =>
    toRoundwareEvent({
      id: ids[i],
      server_time: row.serverTime,
      client_time: row.clientTime,
      event_type: row.eventType,
      data: row.data,
      latitude: row.latitude,
      longitude: row.longitude,
      session_id: row.sessionId,
      tag_ids: tagIdsText(row.tagIds),
    }),
  );
}

function missingSession(id: number): string {
  return DRF_MESSAGES.invalidPk(id);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'dict';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value;
}
