import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, EntityManager, In, Repository } from 'typeorm';
import type { SqlCondition } from '../common/sql-condition';
import { Sql, SqlValue } from '../database/sql';
import { Guide } from './entities/guide.entity';
import { Location } from './entities/location.entity';
import { ScheduleSessionLocation } from './entities/schedule-session-location.entity';
import { ScheduleSessionTrack } from './entities/schedule-session-track.entity';
import { ScheduleSession } from './entities/schedule-session.entity';
import { ScheduleTrack } from './entities/schedule-track.entity';
import type { QueryScope } from './guides.repository';

const ORDER_COLUMNS: Record<string, string> = {
  id: 's.id',
  start_time: 's.start_time',
  end_time: 's.end_time',
};

/** The filters of the session list. */
export interface SessionFilters {
  guide?: number;
  id?: number;
  importId?: string;
  /** Sessions in any of these tracks. */
  trackIds?: number[];
}

/**
 * The database refused a link (a track or location was deleted between the check and the insert);
 * nothing was written. `field` names the list it came from.
 */
export class TrackLinkRefused extends Error {
  constructor(readonly field: 'schedule_tracks' | 'locations' = 'schedule_tracks') {
    super(`${field} link refused`);
  }
}

/** Ids added to and removed from a session's links. */
export interface LinkChange {
  added: number[];
  removed: number[];
}

/** A session's track and location ids, ascending. */
export interface SessionLinkIds {
  tracks: number[];
  locations: number[];
}

/**
 * Every statement on `schedule_sessions` and `schedule_session_tracks`. Visibility comes in from
 * `GuideAccess` (a condition for `Sql` or a query scope). A session and its track links are written in
 * one transaction.
 */
@Injectable()
export class ScheduleSessionsRepository {
  private readonly toSession: (row: Record<string, unknown>) => ScheduleSession;

  constructor(
    @InjectRepository(ScheduleSession) private readonly sessions: Repository<ScheduleSession>,
    @InjectRepository(ScheduleTrack) private readonly tracks: Repository<ScheduleTrack>,
    @InjectRepository(Location) private readonly locations: Repository<Location>,
    private readonly sql: Sql,
  ) {
    this.toSession = sql.rowMapper(ScheduleSession);
  }

  /** Which of `ids` are tracks of `guideId`. */
  async trackIdsOfGuide(guideId: number, ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await this.tracks.find({ select: { id: true }, where: { guideId, id: In(ids) } });
    return new Set(rows.map((t) => t.id));
  }

  /** Which of `ids` are locations of `guideId`. */
  async locationIdsOfGuide(guideId: number, ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await this.locations.find({ select: { id: true }, where: { guideId, id: In(ids) } });
    return new Set(rows.map((l) => l.id));
  }

  /**
   * Inserts a session and its links (one transaction) and returns it; `TrackLinkRefused` when a link is.
   * `inTransaction` runs last in the same transaction (e.g. a webhook outbox row).
   */
  async insertSession(
    fields: DeepPartial<ScheduleSession>,
    links: SessionLinkIds,
    inTransaction?: (session: ScheduleSession) => Promise<void>,
  ): Promise<ScheduleSession> {
    return this.sql.transaction(async (manager) => {
      const sessions = manager.getRepository(ScheduleSession);
      const session = await sessions.save(sessions.create(fields));
      await this.insertLinks(manager, session.id, links.tracks);
      await this.insertLocationLinks(manager, session.id, links.locations);
      if (inTransaction) await inTransaction(session);
      return session;
    });
  }

  /**
   * Saves `session`, links it to `addedTrackIds` and unlinks `removedTrackIds` (one transaction);
   * `TrackLinkRefused` when a new link is.
   */
  async updateSession(
    session: ScheduleSession,
    tracks: LinkChange,
    locations: LinkChange,
    inTransaction?: () => Promise<void>,
  ): Promise<void> {
    await this.sql.transaction(async (manager) => {
      await this.insertLinks(manager, session.id, tracks.added);
      if (tracks.removed.length) {
        await manager
          .getRepository(ScheduleSessionTrack)
          .delete({ sessionId: session.id, trackId: In(tracks.removed) });
      }
      await this.insertLocationLinks(manager, session.id, locations.added);
      if (locations.removed.length) {
        await manager
          .getRepository(ScheduleSessionLocation)
          .delete({ sessionId: session.id, locationId: In(locations.removed) });
      }
      await manager.getRepository(ScheduleSession).save(session);
      if (inTransaction) await inTransaction();
    });
  }

  private async insertLocationLinks(
    manager: EntityManager,
    sessionId: number,
    locationIds: number[],
  ): Promise<void> {
    if (!locationIds.length) return;
    try {
      await manager
        .getRepository(ScheduleSessionLocation)
        .insert(locationIds.map((locationId) => ({ sessionId, locationId })));
    } catch {
      // A location was deleted between the check and the insert (foreign key refused it).
      throw new TrackLinkRefused('locations');
    }
  }

  private async insertLinks(manager: EntityManager, sessionId: number, trackIds: number[]): Promise<void> {
    if (!trackIds.length) return;
    try {
      await manager
        .getRepository(ScheduleSessionTrack)
        .insert(trackIds.map((trackId) => ({ sessionId, trackId })));
    } catch {
      // A track was deleted between the check and the insert (foreign key refused it).
      throw new TrackLinkRefused();
    }
  }

  /** The session `id` if it passes `scope` (on its guide `g`). */
  async findVisible(id: number, scope: QueryScope): Promise<ScheduleSession | null> {
    return scope(this.sessions.createQueryBuilder('s').innerJoin(Guide, 'g', 'g.id = s.guide_id'))
      .andWhere('s.id = :id', { id })
      .getOne();
  }

  /**
   * How many sessions pass `scope` (on their guide `g`) and `filters`, and those of the page in
   * `ordering` (keys of ORDER_COLUMNS; end times NULL last ascending, first descending, as Django on
   * PostgreSQL). The page is not read when `offset` is past the count.
   */
  async pageOfSessions(
    scope: SqlCondition,
    filters: SessionFilters,
    ordering: [string, 'ASC' | 'DESC'][],
    offset: number,
    limit: number,
  ): Promise<[number, ScheduleSession[]]> {
    const [scopeText, scopeValues] = scope;
    const params: SqlValue[] = [...scopeValues];
    const where = scopeText ? [scopeText] : [];
    const add = (condition: string, ...values: SqlValue[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (filters.guide !== undefined) add('s.guide_id = ?', filters.guide);
    if (filters.id !== undefined) add('s.id = ?', filters.id);
    if (filters.importId !== undefined) add('s.import_id = ?', filters.importId);
    if (filters.trackIds?.length) {
      const [list, values] = this.sql.inList(filters.trackIds);
      add(
        `EXISTS (SELECT 1 FROM schedule_session_tracks st WHERE st.session_id = s.id AND st.track_id IN ${list})`,
        ...values,
      );
    }
    const from = ` FROM schedule_sessions s JOIN guides g ON g.id = s.guide_id${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    // a plain COUNT(*): the join on the guide is one row per session (COUNT(DISTINCT) was twice the work)
    const counted = await this.sql.one<{ count: number }>(`SELECT COUNT(*) AS count${from}`, params);
    const count = Number(counted?.count ?? 0);
    const order = ordering
      .map(([key, direction]) => {
        const nulls = key === 'end_time' ? (direction === 'ASC' ? ' NULLS LAST' : ' NULLS FIRST') : '';
        return `${ORDER_COLUMNS[key]} ${direction}${nulls}`;
      })
      .join(', ');
    const rows =
      offset < count
        ? (
            await this.sql.all<Record<string, unknown>>(
              `SELECT s.*${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
              [...params, limit, offset],
            )
          ).map(this.toSession)
        : [];
    return [count, rows];
  }

  /** Track and location ids per session, ascending (every asked session has an entry). */
  async linksOf(sessionIds: number[]): Promise<Map<number, SessionLinkIds>> {
    const out = new Map<number, SessionLinkIds>(sessionIds.map((id) => [id, { tracks: [], locations: [] }]));
    if (!sessionIds.length) return out;
    const [ids, params] = this.sql.inList(sessionIds);
    const tracks = await this.sql.all<{ session_id: number; track_id: number }>(
      `SELECT session_id, track_id FROM schedule_session_tracks WHERE session_id IN ${ids} ORDER BY session_id, track_id`,
      params,
    );
    for (const row of tracks) out.get(Number(row.session_id))?.tracks.push(Number(row.track_id));
    const locations = await this.sql.all<{ session_id: number; location_id: number }>(
      `SELECT session_id, location_id FROM schedule_session_locations WHERE session_id IN ${ids} ORDER BY session_id, location_id`,
      params,
    );
    for (const row of locations) out.get(Number(row.session_id))?.locations.push(Number(row.location_id));
    return out;
  }

  /**
   * Deletes a session (its links go with it); `inTransaction` runs in the same transaction and is told how
   * many sessions its guide has left. On PostgreSQL the guide's row is locked first, so two deletes of a
   * guide's last sessions are serialised and exactly one of them sees none left (SQLite has one writer).
   */
  async deleteById(
    session: Pick<ScheduleSession, 'id' | 'guideId'>,
    inTransaction?: (remaining: number) => Promise<void>,
  ): Promise<void> {
    await this.sql.transaction(async (manager) => {
      if (this.sql.postgres)
        await this.sql.all('SELECT id FROM guides WHERE id = ? FOR UPDATE', [session.guideId]);
      await manager.getRepository(ScheduleSession).delete({ id: session.id });
      const left = await this.sql.one<{ count: number }>(
        'SELECT COUNT(*) AS count FROM schedule_sessions WHERE guide_id = ?',
        [session.guideId],
      );
      if (inTransaction) await inTransaction(Number(left?.count ?? 0));
    });
  }
}
