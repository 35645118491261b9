import { Injectable } from '@nestjs/common';
import { Micros } from '../common/time';
import { SqlCondition, whereOf } from '../common/sql-condition';
import { Sql, SqlPlan, SqlRunResult, step } from '../database/sql';
import { Session, SessionType } from './entities/session.entity';
import { EXPERIMENT_SESSION_COLUMNS } from './experiments.mapper';
import { ROUNDWARE_SESSION_COLUMNS } from './roundware.mapper';

/** The fields of a new session (the owner and times are added by the lifecycle). */
export interface NewSessionRow {
  projectId: number;
  ownerId: number;
  startTime: Micros;
  sessionType: SessionType;
  deviceId: string | null;
  clientType: string | null;
  clientSystem: string | null;
  languageId: number | null;
  timezone: string | null;
  geoListenEnabled: boolean;
  demoStreamEnabled: boolean;
}

export interface SessionStop {
  id: number;
  stopTime: Micros;
  endedById: number;
  modifiedAt: Micros;
}

/** Every statement on `sessions`. Visibility comes in as a condition from `SessionAccess`. */
@Injectable()
export class SessionsRepository {
  private readonly toSession: (row: Record<string, unknown>) => Session;
  private readonly roundwareColumns: string;
  private readonly experimentColumns: string;

  constructor(private readonly sql: Sql) {
    this.toSession = sql.rowMapper(Session);
    this.roundwareColumns = sql.columnList(Session, ROUNDWARE_SESSION_COLUMNS);
    this.experimentColumns = sql.columnList(Session, EXPERIMENT_SESSION_COLUMNS);
  }

  /** The session `id` if it passes `scope`. */
  async findById(id: number, scope: SqlCondition): Promise<Session | null> {
    const [where, values] = whereOf([['id = ?', [id]], scope]);
    const row = await this.sql.one<Record<string, unknown>>(`SELECT * FROM sessions${where}`, values);
    return row ? this.toSession(row) : null;
  }

  /** Which of `ids` name sessions passing `scope` (one query). */
  async existingIds(ids: number[], scope: SqlCondition): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const [list, listValues] = this.sql.inList(ids);
    const [where, values] = whereOf([[`id IN ${list}`, listValues], scope]);
    const rows = await this.sql.all<{ id: number }>(`SELECT id FROM sessions${where}`, values);
    return new Set(rows.map((row) => Number(row.id)));
  }

  /**
   * Inserts a running session and returns it; `andThen`'s statements (another module's rows caused by
   * the start) run in the same transaction, so both commit together, with one commit.
   */
  insert(s: NewSessionRow, andThen?: (session: Session) => SqlPlan<unknown>): Promise<Session> {
    const toSession = this.toSession;
    return this.sql.atomic(function* () {
      const row = (yield step.one(
        `INSERT INTO sessions (project_id, owner_id, ended_by_id, start_time, stop_time, is_active, session_type,
           device_id, client_type, client_system, language_id, timezone, geo_listen_enabled, demo_stream_enabled,
           created_by_id, created_at, modified_by_id, modified_at)
         VALUES (?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          s.projectId,
          s.ownerId,
          s.startTime,
          true,
          s.sessionType,
          s.deviceId,
          s.clientType,
          s.clientSystem,
          s.languageId,
          s.timezone,
          s.geoListenEnabled,
          s.demoStreamEnabled,
          s.ownerId,
          s.startTime,
          s.ownerId,
          s.startTime,
        ],
      )) as Record<string, unknown>;
      const session = toSession(row);
      if (andThen) yield* andThen(session);
      return session;
    });
  }

  /**
   * Ends the session if it is still running; false when it had ended already. `andThen`'s statements
   * run in the same transaction when it did end here.
   */
  stopIfRunning(stop: SessionStop, andThen?: () => SqlPlan<unknown>): Promise<boolean> {
    return this.sql.atomic(function* () {
      const { changes } = (yield step.run(
        'UPDATE sessions SET is_active = ?, stop_time = ?, ended_by_id = ?, modified_by_id = ?, modified_at = ? ' +
          'WHERE id = ? AND is_active = ?',
        [false, stop.stopTime, stop.endedById, stop.endedById, stop.modifiedAt, stop.id, true],
      )) as SqlRunResult;
      if (changes > 0 && andThen) yield* andThen();
      return changes > 0;
    });
  }

  /** Deletes a session (its events go with it); false when there was none. */
  async deleteById(id: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM sessions WHERE id = ?', [id])).changes > 0;
  }

  /** Roundware's list: up to `limit` sessions passing `conditions`, oldest first, from `offset`. */
  async roundwareRows(conditions: SqlCondition[], limit: number, offset = 0): Promise<Session[]> {
    const [where, values] = whereOf(conditions);
    const rows = await this.sql.all<Record<string, unknown>>(
      `SELECT ${this.roundwareColumns} FROM sessions WHERE id IN ` +
        `(SELECT id FROM sessions${where} ORDER BY id LIMIT ? OFFSET ?) ORDER BY id`,
      [...values, limit, offset],
    );
    return rows.map(this.toSession);
  }

  /** How many sessions pass `conditions`. */
  async count(conditions: SqlCondition[]): Promise<number> {
    const [where, values] = whereOf(conditions);
    const row = await this.sql.one<{ count: number }>(
      `SELECT COUNT(*) AS count FROM sessions${where}`,
      values,
    );
    return Number(row?.count ?? 0);
  }

  /**
   * AERPAW's list: sessions passing `conditions`, newest first. The offset runs on the id index alone
   * and only the page's rows are read (a deferred join), so a deep page costs what the first one does.
   */
  async experimentRows(conditions: SqlCondition[], limit: number, offset = 0): Promise<Session[]> {
    const [where, values] = whereOf(conditions);
    const rows = await this.sql.all<Record<string, unknown>>(
      `SELECT ${this.experimentColumns} FROM sessions WHERE id IN ` +
        `(SELECT id FROM sessions${where} ORDER BY id DESC LIMIT ? OFFSET ?) ORDER BY id DESC`,
      [...values, limit, offset],
    );
    return rows.map(this.toSession);
  }
}
