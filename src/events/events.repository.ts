import { Injectable } from '@nestjs/common';
import { isConstraintError } from '../database/errors';
import { Sql, SqlPlan, SqlRunResult, SqlValue, step } from '../database/sql';
import { SqlCondition, whereOf } from '../common/sql-condition';
import { escapeLike, EventFilters, prefixUpperBound } from './event-filters';
import { NewEvent, NewEventRow, tagIdsText } from './event-input';
import { EventRow } from './event.mapper';

/** The columns of an event under their wire names, from `events e` joined to its type. */
const EVENT_COLUMNS =
  'e.id, e.server_time, e.client_time, t.name AS event_type, e.data, e.latitude, e.longitude, ' +
  'e.session_id, e.tag_ids';
const SELECT_EVENTS = `SELECT ${EVENT_COLUMNS} FROM events e JOIN event_types t ON t.id = e.event_type_id`;

/** Bytes counted for the fields of an event other than `data` (its JSON is ~250 bytes without data). */
export const EVENT_ROW_OVERHEAD_BYTES = 256;

const SIZE = `OCTET_LENGTH(e.data) + ${EVENT_ROW_OVERHEAD_BYTES}`;
/**
 * Rows per statement of a byte-bounded list: one statement for most sessions' lists; the most a list
 * reads past its byte bound is one chunk (256 × EVENT_DATA_MAX_BYTES at worst, 16 MB by default).
 */
const BOUNDED_CHUNK = 256;

/** An insert named a session that no longer exists (deleted between the visibility check and the insert). */
export class SessionGoneError extends Error {}

/** Rows per multi-row INSERT of events (8 values each: far below SQLite's 32,766 and PostgreSQL's 65,535). */
const EVENT_ROWS_PER_INSERT = 100;

/** `INSERT INTO events … VALUES (…), (…) RETURNING id` for `n` rows. */
const insertEventsSql = (n: number) =>
  'INSERT INTO events (session_id, event_type_id, server_time, client_time, data, latitude, longitude, tag_ids) ' +
  `VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} RETURNING id`;

/** `INSERT INTO event_tags … VALUES (…), (…)` for `n` rows. */
const insertTagsSql = (n: number) =>
  `INSERT INTO event_tags (event_id, tag_id) VALUES ${Array.from({ length: n }, () => '(?, ?)').join(', ')}`;

/** Rows per `IN (…)` read of a list by ids. */
const IDS_CHUNK = 512;

/**
 * Every statement on `events`, `event_types` and `event_tags`. Visibility comes in as a condition from
 * `EventAccess`; the filters are turned into conditions here (`filterConditions`).
 */
@Injectable()
export class EventsRepository {
  /**
   * Event type name → id, filled once a type's row is committed: an id never changes, so the cache is
   * safe across instances (a rolled-back insert of a new type is never cached).
   */
  private readonly typeIds = new Map<string, number>();

  constructor(private readonly sql: Sql) {}

  /** The conditions (on `events e`) selecting the events that pass `f`. */
  filterConditions(f: EventFilters): SqlCondition[] {
    const out: SqlCondition[] = [];
    const add = (text: string, ...values: SqlValue[]) => out.push([text, values]);
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
    return out;
  }

  async count(conditions: SqlCondition[]): Promise<number> {
    const [where, values] = whereOf(conditions);
    const row = await this.sql.one<{ count: number }>(
      `SELECT COUNT(*) AS count FROM events e${where}`,
      values,
    );
    return Number(row?.count ?? 0);
  }

  /**
   * The events passing `conditions`, in id order, `limit` from `offset`, read in chunks of
   * BOUNDED_CHUNK rows that stop once the answer would pass `maxBytes` (stored `data` plus a fixed
   * allowance per row): at most `maxBytes`, one row and one chunk more ever reach the app. `complete` is
   * false when rows were held back for that reason. The offset runs on the ids alone (a deferred join),
   * so a deep page costs what page 1 does; later chunks continue after the last id. (One statement with a
   * running SUM() OVER the rows did the same bound in SQL at twice the cost of reading the rows.)
   */
  async boundedRows(
    conditions: SqlCondition[],
    limit: number,
    offset: number,
    maxBytes: number,
  ): Promise<{ rows: EventRow[]; complete: boolean }> {
    const rows: EventRow[] = [];
    let total = 0;
    let last: number | undefined;
    while (rows.length < limit) {
      const take = Math.min(BOUNDED_CHUNK, limit - rows.length);
      const chunk = await this.sizedChunk(conditions, take, last === undefined ? offset : 0, last);
      for (const { bytes, ...row } of chunk) {
        rows.push(row);
        total += Number(bytes);
        if (total > maxBytes) return { rows, complete: false };
      }
      if (chunk.length < take) break;
      last = Number(chunk[chunk.length - 1].id);
    }
    return { rows, complete: true };
  }

  /** Up to `limit` events (with their counted bytes) from `offset`, or after the id `afterId`. */
  private sizedChunk(
    conditions: SqlCondition[],
    limit: number,
    offset: number,
    afterId?: number,
  ): Promise<Array<EventRow & { bytes: number }>> {
    const [where, values] = whereOf(
      afterId === undefined ? conditions : [...conditions, ['e.id > ?', [afterId]]],
    );
    const select = `SELECT ${EVENT_COLUMNS}, COALESCE(${SIZE}, ${EVENT_ROW_OVERHEAD_BYTES}) AS bytes FROM events e JOIN event_types t ON t.id = e.event_type_id`;
    if (!offset) return this.sql.all(`${select}${where} ORDER BY e.id LIMIT ?`, [...values, limit]);
    return this.sql.all(
      `${select} WHERE e.id IN (SELECT e.id FROM events e${where} ORDER BY e.id LIMIT ? OFFSET ?) ORDER BY e.id`,
      [...values, limit, offset],
    );
  }

  /** The events `ids` (ascending), in id order. */
  async rowsByIds(ids: number[]): Promise<EventRow[]> {
    const rows: EventRow[] = [];
    for (let i = 0; i < ids.length; i += IDS_CHUNK) {
      const [list, values] = this.sql.inList(ids.slice(i, i + IDS_CHUNK));
      rows.push(
        ...(await this.sql.all<EventRow>(`${SELECT_EVENTS} WHERE e.id IN ${list} ORDER BY e.id`, values)),
      );
    }
    return rows;
  }

  /** The event `id` if it passes `scope`. */
  async findById(id: number, scope: SqlCondition): Promise<EventRow | undefined> {
    const [where, values] = whereOf([['e.id = ?', [id]], scope]);
    return this.sql.one<EventRow>(`${SELECT_EVENTS}${where}`, values);
  }

  /** Which of `ids` name events passing `scope`. */
  async existingIds(ids: number[], scope: SqlCondition): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const [list, listValues] = this.sql.inList(ids);
    const [where, values] = whereOf([[`e.id IN ${list}`, listValues], scope]);
    const rows = await this.sql.all<{ id: number }>(`SELECT e.id FROM events e${where}`, values);
    return new Set(rows.map((row) => Number(row.id)));
  }

  /** Up to `limit` events passing `conditions` with an id above `afterId`, in id order (keyset paging). */
  async after(conditions: SqlCondition[], afterId: number, limit: number): Promise<EventRow[]> {
    const [where, values] = whereOf([...conditions, ['e.id > ?', [afterId]]]);
    return this.sql.all<EventRow>(`${SELECT_EVENTS}${where} ORDER BY e.id LIMIT ?`, [...values, limit]);
  }

  /** The first event of `eventType` in session `sessionId`, if any (e.g. the server's `start_session`). */
  async firstOfType(sessionId: number, eventType: string): Promise<number | undefined> {
    const row = await this.sql.one<{ id: number }>(
      'SELECT e.id FROM events e JOIN event_types t ON t.id = e.event_type_id ' +
        'WHERE e.session_id = ? AND t.name = ? ORDER BY e.id LIMIT 1',
      [sessionId, eventType],
    );
    return row ? Number(row.id) : undefined;
  }

  /**
   * Gives event `id` the client's fields of `event` (client time, data, coordinates, tags), keeping its
   * id, type and server time; one transaction with its tags. False when the event is gone.
   */
  replaceClientFields(id: number, event: NewEvent): Promise<boolean> {
    return this.sql.atomic(function* () {
      const { changes } = (yield step.run(
        'UPDATE events SET client_time = ?, data = ?, latitude = ?, longitude = ?, tag_ids = ? WHERE id = ?',
        [event.clientTime, event.data, event.latitude, event.longitude, tagIdsText(event.tagIds), id],
      )) as SqlRunResult;
      if (!changes) return false;
      yield step.run('DELETE FROM event_tags WHERE event_id = ?', [id]);
      if (event.tagIds.length)
        yield step.run(
          insertTagsSql(event.tagIds.length),
          event.tagIds.flatMap((tagId) => [id, tagId]),
        );
      return true;
    });
  }

  /** Deletes an event (its tags go with it); false when there was none. */
  async deleteById(id: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM events WHERE id = ?', [id])).changes > 0;
  }

  /**
   * Stores `rows` and their tags in one transaction (all or nothing), with multi-row INSERTs of
   * `EVENT_ROWS_PER_INSERT` rows on both engines; their ids in order. Event type names are resolved to
   * ids through `event_types` (created on first use).
   */
  async insert(rows: NewEventRow[]): Promise<number[]> {
    const { ids, types } = await this.sql
      .atomic(() => this.insertSteps(rows))
      .catch((error: unknown) => {
        throw isConstraintError(error, 'foreign_key') ? new SessionGoneError() : error;
      });
    for (const [name, id] of types) this.typeIds.set(name, id);
    return ids;
  }

  /**
   * The steps storing a server-logged event (`start_session`, `stop_session`) inside the plan of the
   * write that causes it, so both commit together. A type created here is not cached: the plan's
   * transaction is another module's and may still roll back.
   */
  serverEventSteps(sessionId: number, eventType: string, at: number): SqlPlan<unknown> {
    const row: NewEventRow = {
      sessionId,
      eventType,
      serverTime: at,
      clientTime: null,
      data: null,
      latitude: null,
      longitude: null,
      tagIds: [],
    };
    return this.insertSteps([row]);
  }

  /** The statements of `insert` (types resolved, rows and tags stored); the new types' ids. */
  private *insertSteps(rows: NewEventRow[]): SqlPlan<{ ids: number[]; types: Map<string, number> }> {
    const types = new Map<string, number>();
    for (const name of new Set(rows.map((row) => row.eventType))) {
      if (this.typeIds.has(name)) continue;
      yield step.run('INSERT INTO event_types (name) VALUES (?) ON CONFLICT (name) DO NOTHING', [name]);
      const row = (yield step.one('SELECT id FROM event_types WHERE name = ?', [name])) as { id: number };
      types.set(name, Number(row.id));
    }
    const ids: number[] = [];
    for (let start = 0; start < rows.length; start += EVENT_ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + EVENT_ROWS_PER_INSERT);
      const values = chunk.flatMap((row) => [
        row.sessionId,
        this.typeIds.get(row.eventType) ?? types.get(row.eventType)!,
        row.serverTime,
        row.clientTime,
        row.data,
        row.latitude,
        row.longitude,
        tagIdsText(row.tagIds),
      ]);
      // RETURNING yields the rows in the order of VALUES on both engines
      const returned = (yield step.all(insertEventsSql(chunk.length), values)) as { id: number }[];
      const chunkIds = returned.map((r) => Number(r.id));
      ids.push(...chunkIds);
      const tags = chunk.flatMap((row, i) => row.tagIds.flatMap((tagId) => [chunkIds[i], tagId]));
      for (let t = 0; t < tags.length; t += 2 * EVENT_ROWS_PER_INSERT) {
        const part = tags.slice(t, t + 2 * EVENT_ROWS_PER_INSERT);
        yield step.run(insertTagsSql(part.length / 2), part);
      }
    }
    return { ids, types };
  }

  /**
   * Prefix match on stored text. SQLite's LIKE ignores case and so cannot use a plain index; a range
   * `[prefix, prefix~)` can. PostgreSQL's LIKE 'prefix%' is planned as that range by itself where the
   * collation allows it (C), and stays correct under any collation, which a hand-made range would not.
   */
  private prefix(add: (condition: string, ...values: SqlValue[]) => void, column: string, prefix?: string) {
    if (prefix === undefined) return;
    if (this.sql.postgres) add(`${column} LIKE ?`, `${prefix}%`);
    else add(`${column} >= ? AND ${column} < ?`, prefix, prefixUpperBound(prefix));
  }
}
