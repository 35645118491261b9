import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { Repository } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { DRF_MESSAGES, isIntId } from '../common/validation';
import { FieldErrors, FieldErrorsException, toFieldErrors } from '../common/errors';
import { stripPrototypeKeys } from '../common/prototype-keys';
import { drfPage, DrfPage, offsetOf, PageRequest } from '../common/pagination';
import { Micros, nowMicros } from '../common/time';
import { AppConfig } from '../config/app-config';
import { Sql, SqlValue } from '../database/sql';
import { SessionAccess } from '../sessions/session-access.service';
import {
  CreateEventDto,
  EventBatchResultDto,
  EventDto,
  EventExportQueryDto,
  EventListQueryDto,
  ExportFormat,
  SessionHistoryDto,
} from './dto/event.dto';
import { Event } from './entities/event.entity';
import { escapeLike, EventFilters, parseEventFilters, prefixUpperBound } from './event-filters';
import { MAX_BATCH_EVENTS, NewEvent, NewEventRow, tagIdsText, toNewEvent } from './event-input';
import { CSV_HEADER, EventRow, toCsvLine, toHistorySession, toRoundwareEvent } from './event.mapper';
import { EventStore } from './event-store';

/** The columns of an event under their wire names, from `events e` joined to its type. */
const SELECT_EVENTS =
  'SELECT e.id, e.server_time, e.client_time, t.name AS event_type, e.data, e.latitude, e.longitude, ' +
  'e.session_id, e.tag_ids FROM events e JOIN event_types t ON t.id = e.event_type_id';

interface EventQuery {
  /** Joins after `events e` (the sessions, when visibility needs the owner). */
  from: string;
  /** ` WHERE …`, or empty. */
  where: string;
  params: SqlValue[];
}

/** Rows per query while exporting: memory holds one chunk, whatever the export's size. */
const EXPORT_CHUNK = 1000;

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

@Injectable()
export class EventsService {
  constructor(
    @InjectRepository(Event) private readonly events: Repository<Event>,
    private readonly store: EventStore,
    private readonly access: SessionAccess,
    private readonly config: AppConfig,
    private readonly sql: Sql,
  ) {}

  /** The events `auth` may see, filtered, in id order: the whole array, or one page when asked. */
  async list(
    auth: AuthUser,
    query: EventListQueryDto,
    req: Request,
  ): Promise<EventDto[] | DrfPage<EventDto>> {
    const filters = parseEventFilters(query);
    if (query.page !== undefined || query.page_size !== undefined) {
      const pr: PageRequest = { page: query.page ?? 1, pageSize: query.page_size ?? 50 };
      const q = this.query(auth, filters);
      const counted = await this.sql.one<{ count: number }>(
        `SELECT COUNT(*) AS count FROM events e${q.from}${q.where}`,
        q.params,
      );
      const count = Number(counted?.count ?? 0);
      const rows =
        offsetOf(pr) < count
          ? await this.sql.all<EventRow>(
              `${SELECT_EVENTS}${q.from}${q.where} ORDER BY e.id LIMIT ? OFFSET ?`,
              [...q.params, pr.pageSize, offsetOf(pr)],
            )
          : [];
      return drfPage(req, pr, count, rows.map(toRoundwareEvent));
    }
    return this.listAll(auth, filters);
  }

  async get(auth: AuthUser, id: number): Promise<EventDto> {
    const q = this.query(auth, {}, ['e.id = ?', id]);
    const row = await this.sql.one<EventRow>(`${SELECT_EVENTS}${q.from}${q.where}`, q.params);
    if (!row) throw new NotFoundException();
    return toRoundwareEvent(row);
  }

  /** Stores one event in a session `auth` can see (another user's session is "does not exist"). */
  async create(auth: AuthUser, body: CreateEventDto): Promise<EventDto> {
    const event = toNewEvent(body);
    const visible = await this.visibleSessionIds(auth, [event.sessionId]);
    if (!visible.has(event.sessionId)) {
      throw new FieldErrorsException({ session_id: [missingSession(event.sessionId)] });
    }
    const [row] = await this.write([event]);
    return row;
  }

  /**
   * Stores up to 1,000 events in one transaction. Any invalid item (or one in a session the caller
   * cannot see) stores nothing: the answer is DRF's list of per-item errors, `{}` for the good items.
   */
  async createBatch(auth: AuthUser, body: unknown): Promise<EventBatchResultDto> {
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
      // as the global ValidationPipe does: class-transformer crashes on a nested own `constructor` key
      stripPrototypeKeys(item);
      const dto = plainToInstance(CreateEventDto, item);
      const problems = validateSync(dto, ITEM_VALIDATION);
      if (problems.length) errors[i] = toFieldErrors(problems);
      else events[i] = toNewEvent(dto);
    });
    const visible = await this.visibleSessionIds(
      auth,
      events.filter(Boolean).map((e) => e.sessionId),
    );
    events.forEach((event, i) => {
      if (event && !visible.has(event.sessionId)) {
        errors[i] = { session_id: [missingSession(event.sessionId)] };
      }
    });
    if (errors.some((e) => Object.keys(e).length)) throw new FieldErrorsException(errors);
    const results = await this.write(events);
    return { count: results.length, results };
  }

  async remove(_auth: AuthUser, id: number): Promise<void> {
    const result = await this.events
      .createQueryBuilder()
      .delete()
      .from(Event)
      .where('id = :id', { id })
      .execute();
    if (!result.affected) throw new NotFoundException();
  }

  /**
   * The filtered events as CSV or NDJSON, read from the database in chunks of 1,000 by id (keyset), so
   * memory stays flat at any size. Filters are checked before the first byte is sent.
   */
  export(auth: AuthUser, query: EventExportQueryDto): EventExport {
    const filters = parseEventFilters(query);
    const format: ExportFormat = query.format ?? 'csv';
    const chunks = this.exportChunks(auth, filters, format);
    return format === 'csv'
      ? { contentType: 'text/csv; charset=utf-8', filename: 'events.csv', stream: Readable.from(chunks) }
      : {
          contentType: 'application/x-ndjson; charset=utf-8',
          filename: 'events.ndjson',
          stream: Readable.from(chunks),
        };
  }

  /** A session `auth` can see, and all of its events in order. */
  async history(auth: AuthUser, sessionId: number): Promise<SessionHistoryDto> {
    const session = await this.access.findVisible(auth, sessionId);
    if (!session) throw new NotFoundException();
    return { session: toHistorySession(session), events: await this.listAll(auth, { sessionId }) };
  }

  /** Records an event the server itself observed (session started / stopped) at `at`. */
  async logServerEvent(sessionId: number, eventType: string, at: Micros): Promise<void> {
    await this.store.insert([
      {
        sessionId,
        eventType,
        serverTime: at,
        clientTime: null,
        data: null,
        latitude: null,
        longitude: null,
        tagIds: [],
      },
    ]);
  }

  private async listAll(auth: AuthUser, filters: EventFilters): Promise<EventDto[]> {
    const max = this.config.eventsListMaxRows;
    const q = this.query(auth, filters);
    const rows = await this.sql.all<EventRow>(`${SELECT_EVENTS}${q.from}${q.where} ORDER BY e.id LIMIT ?`, [
      ...q.params,
      max + 1,
    ]);
    if (rows.length > max) {
      throw new BadRequestException(
        `More than ${max} events match. Ask for pages with page_size (and page), narrow the filters, ` +
          'or download them all from /api/2/events/export/.',
      );
    }
    return rows.map(toRoundwareEvent);
  }

  private async write(events: NewEvent[]): Promise<EventDto[]> {
    const rows: NewEventRow[] = events.map((event) => ({ ...event, serverTime: nowMicros() }));
    let ids: number[];
    try {
      ids = await this.store.insert(rows);
    } catch (error) {
      // The session was deleted between the visibility check and the insert.
      if (/foreign key/i.test(String((error as Error)?.message))) {
        throw new FieldErrorsException({ session_id: [missingSession(rows[0].sessionId)] });
      }
      throw error;
    }
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

  /** Which of `ids` name sessions `auth` can see (one query, visibility as a filter). */
  private async visibleSessionIds(auth: AuthUser, ids: number[]): Promise<Set<number>> {
    const wanted = [...new Set(ids)].filter((id) => isIntId(String(id)));
    if (!wanted.length) return new Set();
    const [list, values] = this.sql.inList(wanted);
    const [scope, params] = this.access.condition(auth, 'owner_id');
    const rows = await this.sql.all<{ id: number }>(
      `SELECT id FROM sessions WHERE id IN ${list}${scope ? ` AND ${scope}` : ''}`,
      [...values, ...params],
    );
    return new Set(rows.map((row) => Number(row.id)));
  }

  /**
   * The FROM tail and WHERE clause selecting the events `auth` may see that pass `filters` (and `extra`,
   * one condition with its value), for `SELECT_EVENTS` or a count.
   */
  private query(auth: AuthUser, f: EventFilters, extra?: [string, SqlValue]): EventQuery {
    const where: string[] = [];
    const params: SqlValue[] = [];
    const add = (condition: string, ...values: SqlValue[]) => {
      where.push(condition);
      params.push(...values);
    };
    let from = '';
    const [scope, scopeParams] = this.access.condition(auth, 's.owner_id');
    if (scope) {
      from = ' JOIN sessions s ON s.id = e.session_id';
      add(scope, ...scopeParams);
    }
    if (extra) add(extra[0], extra[1]);
    if (f.sessionId !== undefined) add('e.session_id = ?', f.sessionId);
    if (f.eventType !== undefined) {
      add(
        "e.event_type_id IN (SELECT et.id FROM event_types et WHERE LOWER(et.name) LIKE ? ESCAPE '!')",
        `%${escapeLike(f.eventType)}%`,
      );
    }
    if (f.serverTimeFrom !== undefined) add('e.server_time >= ?', f.serverTimeFrom);
    if (f.serverTimeTo !== undefined) add('e.server_time < ?', f.serverTimeTo);
    this.prefix(add, 'e.latitude', f.latitudePrefix);
    this.prefix(add, 'e.longitude', f.longitudePrefix);
    for (const tagId of f.tagIds ?? [])
      add('e.id IN (SELECT g.event_id FROM event_tags g WHERE g.tag_id = ?)', tagId);
    return { from, where: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
  }

  /**
   * Prefix match on stored text. SQLite's LIKE ignores case and so cannot use a plain index; a range
   * `[prefix, prefix~)` can. PostgreSQL's LIKE 'prefix%' is planned as that range by itself where the
   * collation allows it (C), and stays correct under any collation, which a hand-made range would not.
   */
  private prefix(
    add: (condition: string, ...values: SqlValue[]) => void,
    column: string,
    prefix?: string,
  ): void {
    if (prefix === undefined) return;
    if (this.sql.postgres) add(`${column} LIKE ?`, `${prefix}%`);
    else add(`${column} >= ? AND ${column} < ?`, prefix, prefixUpperBound(prefix));
  }

  private async *exportChunks(
    auth: AuthUser,
    filters: EventFilters,
    format: ExportFormat,
  ): AsyncGenerator<string> {
    if (format === 'csv') yield CSV_HEADER;
    let after = 0;
    for (;;) {
      const q = this.query(auth, filters, ['e.id > ?', after]);
      const rows = await this.sql.all<EventRow>(`${SELECT_EVENTS}${q.from}${q.where} ORDER BY e.id LIMIT ?`, [
        ...q.params,
        EXPORT_CHUNK,
      ]);
      if (!rows.length) return;
      const events = rows.map(toRoundwareEvent);
      yield format === 'csv'
        ? events.map(toCsvLine).join('')
        : events.map((event) => `${JSON.stringify(event)}\n`).join('');
      if (rows.length < EXPORT_CHUNK) return;
      after = Number(rows[rows.length - 1].id);
    }
  }
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
