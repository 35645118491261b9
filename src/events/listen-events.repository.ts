import { Injectable } from '@nestjs/common';
import { isConstraintError } from '../database/errors';
import { Sql } from '../database/sql';
import { SqlCondition, whereOf } from '../common/sql-condition';
import type { ListenEventRow } from './event.mapper';
import { SessionGoneError } from './events.repository';

/** A write named an asset that does not exist (`FK_listen_events_asset_id`). */
export class AssetMissingError extends Error {}

const SELECT_LISTEN_EVENTS =
  'SELECT l.id, l.duration_ns, l.start_time, l.session_id, l.asset_id, l.project_id FROM listen_events l';

/** The filters of `GET /api/2/listenevents/`, read (times in microseconds, durations in nanoseconds). */
export interface ListenEventFilters {
  sessionId?: number;
  assetId?: number;
  projectId?: number;
  startTime?: number;
  startTimeFrom?: number;
  startTimeTo?: number;
  /** A half-open range `[startTimeRange[0], startTimeRange[1])` (upstream's `start_time__range`). */
  startTimeRange?: [number, number];
  duration?: number;
  durationFrom?: number;
  durationTo?: number;
}

export interface NewListenEvent {
  sessionId: number;
  projectId: number;
  assetId: number;
  startTime: number;
  durationNs: number | null;
}

export type ListenEventChanges = Partial<Pick<NewListenEvent, 'assetId' | 'startTime' | 'durationNs'>>;

const COLUMNS: Record<keyof ListenEventChanges, string> = {
  assetId: 'asset_id',
  startTime: 'start_time',
  durationNs: 'duration_ns',
};

/**
 * Every statement on `listen_events`. Visibility comes in as a condition from `SessionAccess` (a listen
 * event is visible when its session is); the filters are turned into conditions here.
 */
@Injectable()
export class ListenEventsRepository {
  constructor(private readonly sql: Sql) {}

  filterConditions(f: ListenEventFilters): SqlCondition[] {
    const out: SqlCondition[] = [];
    const add = (text: string, value: number | undefined) => {
      if (value !== undefined) out.push([text, [value]]);
    };
    add('l.session_id = ?', f.sessionId);
    add('l.asset_id = ?', f.assetId);
    add('l.project_id = ?', f.projectId);
    add('l.start_time = ?', f.startTime);
    add('l.start_time >= ?', f.startTimeFrom);
    add('l.start_time <= ?', f.startTimeTo);
    add('l.start_time >= ?', f.startTimeRange?.[0]);
    add('l.start_time < ?', f.startTimeRange?.[1]);
    add('l.duration_ns = ?', f.duration);
    add('l.duration_ns >= ?', f.durationFrom);
    add('l.duration_ns <= ?', f.durationTo);
    return out;
  }

  async count(conditions: SqlCondition[]): Promise<number> {
    const [where, values] = whereOf(conditions);
    const row = await this.sql.one<{ count: number }>(
      `SELECT COUNT(*) AS count FROM listen_events l${where}`,
      values,
    );
    return Number(row?.count ?? 0);
  }

  /** Listen events passing `conditions` in id order, `limit` from `offset` (offset on the ids alone). */
  async list(conditions: SqlCondition[], limit: number, offset = 0): Promise<ListenEventRow[]> {
    const [where, values] = whereOf(conditions);
    return this.sql.all<ListenEventRow>(
      `${SELECT_LISTEN_EVENTS} WHERE l.id IN ` +
        `(SELECT l.id FROM listen_events l${where} ORDER BY l.id LIMIT ? OFFSET ?) ORDER BY l.id`,
      [...values, limit, offset],
    );
  }

  async findById(id: number, scope: SqlCondition): Promise<ListenEventRow | undefined> {
    const [where, values] = whereOf([['l.id = ?', [id]], scope]);
    return this.sql.one<ListenEventRow>(`${SELECT_LISTEN_EVENTS}${where}`, values);
  }

  async insert(row: NewListenEvent): Promise<number> {
    try {
      const inserted = await this.sql.one<{ id: number }>(
        'INSERT INTO listen_events (session_id, project_id, asset_id, start_time, duration_ns) ' +
          'VALUES (?, ?, ?, ?, ?) RETURNING id',
        [row.sessionId, row.projectId, row.assetId, row.startTime, row.durationNs],
      );
      return Number(inserted!.id);
    } catch (error) {
      // the session was deleted between the visibility check and the insert, or the asset does not exist
      if (isConstraintError(error, 'foreign_key')) throw new SessionGoneError();
      throw error;
    }
  }

  /** Applies `changes` to listen event `id`; false when there is none. */
  async update(id: number, changes: ListenEventChanges): Promise<boolean> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as Array<
      [keyof ListenEventChanges, number | null]
    >;
    if (!entries.length)
      return (await this.sql.one('SELECT id FROM listen_events WHERE id = ?', [id])) !== undefined;
    const set = entries.map(([key]) => `${COLUMNS[key]} = ?`).join(', ');
    try {
      const result = await this.sql.run(`UPDATE listen_events SET ${set} WHERE id = ?`, [
        ...entries.map(([, value]) => value),
        id,
      ]);
      return result.changes > 0;
    } catch (error) {
      // the only key an update can break is the asset's
      if (isConstraintError(error, 'foreign_key')) throw new AssetMissingError();
      throw error;
    }
  }

  async deleteById(id: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM listen_events WHERE id = ?', [id])).changes > 0;
  }
}
