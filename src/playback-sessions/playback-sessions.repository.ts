import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Sql, SqlValue } from '../database/sql';
import { MediaProgress } from './entities/media-progress.entity';
import { PlaybackSession } from './entities/playback-session.entity';

/** An SQL condition on the sessions table aliased `s`, with its `?` values; `''` for none. */
export interface SessionCondition {
  where: string;
  values: SqlValue[];
  /**
   * Set by `ALL_SESSIONS` and `sessionsOfUser`: the condition's count is kept (`abs_session_counts`, one
   * row per user, maintained by triggers), so `count` reads it instead of counting rows.
   */
  counted?: 'all' | { userId: number };
}

/** Every session. */
export const ALL_SESSIONS: SessionCondition = { where: '', values: [], counted: 'all' };

/** The sessions of one user. */
export const sessionsOfUser = (userId: number): SessionCondition => ({
  where: 's.user_id = ?',
  values: [userId],
  counted: { userId },
});

/** Columns a session list may sort by (each has an index on (column, id)). */
export type SessionSortColumn =
  | 'display_title'
  | 'duration'
  | 'play_method'
  | 'start_position'
  | 'current_position'
  | 'time_listening'
  | 'updated_at'
  | 'started_at';

export interface SessionPageRequest {
  condition: SessionCondition;
  sort: SessionSortColumn;
  desc: boolean;
  offset: number;
  limit: number;
  /** Adds each session's user (`id`, `username`). */
  withUser: boolean;
  /** How many sessions match `condition` (from `count`): a page past the middle is then read from the end. */
  total: number;
}

/** What a credited sync writes; times in µs. */
export interface SyncWrite {
  id: string;
  /** Seconds the client claims. */
  listened: number;
  /** `now + tolerance`: the end of the allowance. */
  allowEnd: number;
  now: number;
  position: number;
  close: boolean;
}

export interface ProgressWrite {
  userId: number;
  libraryItemId: string;
  episodeId: string;
  duration: number;
  progress: number;
  currentTime: number;
  isFinished: boolean;
  finishedAt: number | null;
  startedAt: number;
  updatedAt: number;
}

/** A whole progress row as an explicit write stores it (times in µs). */
export interface ProgressRowWrite extends ProgressWrite {
  hidden: boolean;
}

/** What a stored session is, for an upload that names it (`session/local`). */
export interface SessionOwnership {
  userId: number;
  isLocal: boolean;
  libraryItemId: string;
  episodeId: string | null;
  startedAt: number;
  creditedUntil: number;
}

/** What an upload of an existing session writes (µs); the row changes only if `updatedAt` is not older. */
export interface LocalUpdate {
  id: string;
  userId: number;
  timeListening: number;
  currentPosition: number;
  updatedAt: number;
  /** The credit watermark the upload accounts for; the stored one moves forward to it, never back. */
  creditedUntil: number;
  /** Local sessions only: the client's copy of these replaces ours. */
  local?: Pick<PlaybackSession, 'startPosition' | 'playMethod' | 'mediaPlayer' | 'deviceInfo'>;
}

/** One row of the per-user daily listening totals. */
export interface ListeningDayRow {
  date: string;
  dayOfWeek: string;
  libraryItemId: string;
  seconds: number;
}

/**
 * The credit rule of a sync (see playback-rules.ts for what it guarantees), evaluated inside the UPDATE
 * so that concurrent syncs of one session serialise on its row and none is lost. `:allowEnd` is
 * `now + tolerance` in µs, `:listened` the claimed seconds. Every SET expression reads the row as it was
 * before the UPDATE (standard SQL, on SQLite and PostgreSQL alike). This is the only implementation of
 * the rule; its property test (test/playback-sessions/credit-rule.e2e-spec.ts) runs it on both engines.
 */
const ALLOWANCE_US = `(CAST(:allowEnd AS bigint) - credited_until)`;
const CREDIT_SQL =
  `(CASE WHEN ${ALLOWANCE_US} <= 0 THEN 0 ` +
  `WHEN CAST(:listened AS double precision) * 1000000 < ${ALLOWANCE_US} THEN CAST(:listened AS double precision) ` +
  `ELSE CAST(${ALLOWANCE_US} AS double precision) / 1000000 END)`;
const CREDITED_UNTIL_SQL =
  `(CASE WHEN credited_until + CAST(${CREDIT_SQL} * 1000000 AS bigint) > CAST(:now AS bigint) ` +
  `THEN credited_until + CAST(${CREDIT_SQL} * 1000000 AS bigint) ELSE CAST(:now AS bigint) END)`;

const where = (condition: SessionCondition, alias: string) =>
  condition.where ? ` WHERE ${condition.where.replace(/\bs\./g, `${alias}.`)}` : '';

/** Every statement on playback sessions and media progress. */
@Injectable()
export class PlaybackSessionsRepository {
  private readonly toSession: (row: Record<string, unknown>) => PlaybackSession;
  private readonly toProgress: (row: Record<string, unknown>) => MediaProgress;

  constructor(
    @InjectRepository(PlaybackSession) private readonly sessions: Repository<PlaybackSession>,
    @InjectRepository(MediaProgress) private readonly progress: Repository<MediaProgress>,
    private readonly sql: Sql,
  ) {
    this.toSession = sql.rowMapper(PlaybackSession);
    this.toProgress = sql.rowMapper(MediaProgress);
  }

  /** Runs `fn` in one transaction: every statement of this repository inside it commits with the rest or not at all. */
  inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.sql.transaction(() => fn());
  }

  // ---------------------------------------------------------------- sessions

  async insert(row: PlaybackSession | Omit<PlaybackSession, 'user'>): Promise<void> {
    await this.sessions.insert(row);
  }

  /**
   * Closes every open session of the user on the device but the newest. Each play runs this after its
   * own insert, so the last statement to run sees every racing insert and exactly the newest survives.
   */
  async closeOthersOnDevice(userId: number, deviceKey: string, now: number): Promise<void> {
    await this.sql.run(
      `UPDATE abs_playback_sessions SET is_open = ?, closed_at = ?
       WHERE user_id = ? AND device_key = ? AND is_open = ?
         AND id <> (SELECT n.id FROM abs_playback_sessions n
           WHERE n.user_id = ? AND n.device_key = ? AND n.is_open = ?
           ORDER BY n.started_at DESC, n.id DESC LIMIT 1)`,
      [false, now, userId, deviceKey, true, userId, deviceKey, true],
    );
  }

  /** How many playback sessions are open (the `/metrics` gauge). */
  async countOpen(): Promise<number> {
    const row = await this.sql.one<{ n: number }>(
      'SELECT COUNT(*) AS n FROM abs_playback_sessions WHERE is_open = ?',
      [true],
    );
    return Number(row?.n ?? 0);
  }

  /** The open session `id` within `visible`, or null. */
  async findOpen(id: string, visible: SessionCondition): Promise<PlaybackSession | null> {
    const row = await this.sql.one<Record<string, unknown>>(
      `SELECT * FROM abs_playback_sessions s WHERE s.id = ? AND s.is_open = ?${visible.where ? ` AND ${visible.where}` : ''}`,
      [id, true, ...visible.values],
    );
    return row ? this.toSession(row) : null;
  }

  /** Closes an open session without a sync; the closed row, or null when it was not open. */
  async close(id: string, now: number): Promise<PlaybackSession | null> {
    const row = await this.sql.one<Record<string, unknown>>(
      'UPDATE abs_playback_sessions SET is_open = ?, closed_at = ? WHERE id = ? AND is_open = ? RETURNING *',
      [false, now, id, true],
    );
    return row ? this.toSession(row) : null;
  }

  /**
   * One atomic UPDATE of an open session: adds the credited part of `listened`, moves the credit
   * watermark, stores the position (and closes when asked); the updated row, or null when not open.
   * `updated_at` never moves back: concurrent syncs may reach the row out of the order of their `now`.
   */
  async sync(write: SyncWrite): Promise<PlaybackSession | null> {
    const { id, listened, allowEnd, now, position, close } = write;
    const row = await this.sql.one<Record<string, unknown>>(
      `UPDATE abs_playback_sessions SET time_listening = time_listening + ${CREDIT_SQL},
         credited_until = ${CREDITED_UNTIL_SQL}, current_position = :position,
         updated_at = (CASE WHEN updated_at > CAST(:now AS bigint) THEN updated_at ELSE CAST(:now AS bigint) END)
         ${close ? ', is_open = :closed, closed_at = :now' : ''}
       WHERE id = :id AND is_open = :open RETURNING *`,
      { allowEnd, listened, now, position, id, open: true, closed: false },
    );
    return row ? this.toSession(row) : null;
  }

  /** Who owns session `id`, what it plays and whether it was uploaded as local; null when there is none. */
  async findOwnership(id: string): Promise<SessionOwnership | null> {
    const row = await this.sessions.findOne({
      where: { id },
      select: {
        id: true,
        userId: true,
        isLocal: true,
        libraryItemId: true,
        episodeId: true,
        startedAt: true,
        creditedUntil: true,
      },
    });
    return row
      ? {
          userId: row.userId,
          isLocal: row.isLocal,
          libraryItemId: row.libraryItemId,
          episodeId: row.episodeId,
          startedAt: row.startedAt,
          creditedUntil: row.creditedUntil,
        }
      : null;
  }

  async exists(id: string): Promise<boolean> {
    return this.sessions.existsBy({ id });
  }

  /**
   * Replaces the listening time and position of `userId`'s session `id` by an uploaded copy that is not
   * older than the stored one (uploads may arrive out of order); whether it applied. A local session also
   * takes the client's start position, player and device; a server-opened one keeps its own, stays open
   * or closed as it is, and its credit watermark never moves back (a later sync credits only time after
   * both the watermark and what the upload claims, see playback-rules.ts).
   */
  async updateLocal(update: LocalUpdate): Promise<boolean> {
    const { id, userId, timeListening, currentPosition, updatedAt, creditedUntil, local } = update;
    const row = await this.sql.one(
      `UPDATE abs_playback_sessions SET time_listening = :timeListening, current_position = :currentPosition,
         updated_at = :updatedAt,
         credited_until = (CASE WHEN credited_until > CAST(:creditedUntil AS bigint) THEN credited_until
           ELSE CAST(:creditedUntil AS bigint) END)
         ${local ? ', start_position = :startPosition, play_method = :playMethod, media_player = :mediaPlayer, device_info = :deviceInfo' : ''}
       WHERE id = :id AND user_id = :userId AND is_local = :isLocal AND updated_at <= :updatedAt
       RETURNING id`,
      {
        id,
        userId,
        timeListening,
        currentPosition,
        updatedAt,
        creditedUntil,
        isLocal: local !== undefined,
        ...(local ?? {}),
      },
    );
    return row !== undefined;
  }

  /** Closes open sessions not synced since `cutoff`; how many. */
  async closeIdle(cutoff: number, now: number): Promise<number> {
    const result = await this.sql.run(
      'UPDATE abs_playback_sessions SET is_open = ?, closed_at = ? WHERE is_open = ? AND updated_at < ?',
      [false, now, true, cutoff],
    );
    return result.changes;
  }

  async delete(id: string): Promise<number> {
    return (await this.sessions.delete({ id })).affected ?? 0;
  }

  async deleteMany(ids: string[]): Promise<number> {
    return (await this.sessions.delete({ id: In(ids) })).affected ?? 0;
  }

  /** Which of `ids` exist within `visible` (one query). */
  async idsAmong(ids: string[], visible: SessionCondition): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const [list, values] = this.sql.inList(ids);
    const rows = await this.sql.all<{ id: string }>(
      `SELECT s.id FROM abs_playback_sessions s WHERE s.id IN ${list}${visible.where ? ` AND ${visible.where}` : ''}`,
      [...values, ...visible.values],
    );
    return new Set(rows.map((r) => r.id));
  }

  // ---------------------------------------------------------------- lists

  /**
   * One page of sessions. The offset runs on the sort index alone (the subquery selects only ids) and
   * only the page's rows are read and joined: OFFSET no longer fetches every skipped row. It still walks
   * the index up to the offset (PostgreSQL: ≈12 ms for 100k entries), so a page past the middle of
   * `total` is read from the other end, in the opposite order, and turned round: the last page costs what
   * the first does and no page walks more than half the index. The order is total ((column, id)), so
   * both ends give the same rows. A page at or past `total` is empty without a query.
   */
  async page(request: SessionPageRequest): Promise<PlaybackSession[]> {
    const { condition, sort, offset, limit, withUser, total } = request;
    if (offset >= total) return [];
    const fromEndSkip = Math.max(0, total - offset - limit);
    const fromEnd = fromEndSkip < offset;
    const [skip, take, desc] = fromEnd
      ? [fromEndSkip, Math.min(limit, total - offset), !request.desc]
      : [offset, limit, request.desc];
    const dir = desc ? 'DESC' : 'ASC';
    const rows = await this.sql.all<Record<string, unknown>>(
      `SELECT s.*${withUser ? ', u.username AS joined_username' : ''}
       FROM abs_playback_sessions s${withUser ? ' LEFT JOIN users u ON u.id = s.user_id' : ''}
       WHERE s.id IN (SELECT p.id FROM abs_playback_sessions p${where(condition, 'p')}
         ORDER BY p.${sort} ${dir}, p.id ${dir} LIMIT ? OFFSET ?)
       ORDER BY s.${sort} ${dir}, s.id ${dir}`,
      [...condition.values, take, skip],
    );
    if (fromEnd) rows.reverse();
    return rows.map((row) => {
      const session = this.toSession(row);
      if (withUser && typeof row.joined_username === 'string')
        session.user = {
          id: session.userId,
          username: row.joined_username,
        } as PlaybackSession['user'];
      return session;
    });
  }

  /**
   * How many sessions match: read from the kept counts for all sessions or one user's (a `COUNT(*)` of
   * 200k sessions is ≈17 ms on PostgreSQL, which visits every row; the sum over one row per user is well
   * under one), counted for any other condition (open sessions, one user's of one item: small sets on an index).
   */
  async count(condition: SessionCondition): Promise<number> {
    const { counted } = condition;
    const [sql, values]: [string, SqlValue[]] =
      counted === 'all'
        ? ['SELECT SUM(sessions) AS count FROM abs_session_counts', []]
        : counted
          ? ['SELECT sessions AS count FROM abs_session_counts WHERE user_id = ?', [counted.userId]]
          : [
              `SELECT COUNT(*) AS count FROM abs_playback_sessions s${where(condition, 's')}`,
              condition.values,
            ];
    const row = await this.sql.one<{ count: number | string | null }>(sql, values);
    return Number(row?.count ?? 0);
  }

  /** The user's latest sessions, most recently updated first. */
  async latestOf(userId: number, limit: number): Promise<PlaybackSession[]> {
    const rows = await this.sql.all<Record<string, unknown>>(
      'SELECT * FROM abs_playback_sessions WHERE user_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?',
      [userId, limit],
    );
    return rows.map(this.toSession);
  }

  // ---------------------------------------------------------------- statistics

  /**
   * The user's listening totals per start day and item (kept by triggers on every write of a session's
   * listening time, see migration PlaybackListeningDays): O(days × items), whatever the number of sessions.
   */
  async listeningDays(userId: number): Promise<ListeningDayRow[]> {
    const rows = await this.sql.all<{
      date: string;
      day_of_week: string;
      library_item_id: string;
      seconds: number;
    }>(
      `SELECT date, day_of_week, library_item_id, seconds FROM abs_listening_days
       WHERE user_id = ? AND sessions > ? ORDER BY date, library_item_id`,
      [userId, 0],
    );
    return rows.map((r) => ({
      date: r.date,
      dayOfWeek: r.day_of_week,
      libraryItemId: r.library_item_id,
      seconds: Number(r.seconds),
    }));
  }

  // ---------------------------------------------------------------- media progress

  /** Every media progress of a user, most recently updated first. */
  progressOf(userId: number): Promise<MediaProgress[]> {
    return this.progress.find({ where: { userId }, order: { lastUpdate: 'DESC' } });
  }

  async findProgress(
    userId: number,
    libraryItemId: string,
    episodeId: string,
  ): Promise<MediaProgress | null> {
    return this.progress.findOneBy({ userId, libraryItemId, episodeId });
  }

  /**
   * The user's progress in an item, read to be rewritten in the open transaction: on PostgreSQL the row is
   * locked until the transaction ends, so a concurrent sync or write of the same progress waits for it
   * (SQLite has one writer).
   */
  async findProgressForUpdate(
    userId: number,
    libraryItemId: string,
    episodeId: string,
  ): Promise<MediaProgress | null> {
    const row = await this.sql.one<Record<string, unknown>>(
      `SELECT * FROM abs_media_progress WHERE user_id = ? AND library_item_id = ? AND episode_id = ?${
        this.sql.postgres ? ' FOR UPDATE' : ''
      }`,
      [userId, libraryItemId, episodeId],
    );
    return row ? this.toProgress(row) : null;
  }

  /** The user's progress with row number `id`, or null (another user's answers null too). */
  findProgressById(userId: number, id: number): Promise<MediaProgress | null> {
    return this.progress.findOneBy({ id, userId });
  }

  /**
   * The user's progress in items not finished, not hidden from continue-listening and with a position past
   * 0, most recently updated first (index `(user_id, last_update)`).
   */
  async inProgressOf(userId: number, limit: number): Promise<MediaProgress[]> {
    const rows = await this.sql.all<Record<string, unknown>>(
      `SELECT * FROM abs_media_progress
       WHERE user_id = ? AND is_finished = ? AND hide_from_continue_listening = ? AND current_position > ?
       ORDER BY last_update DESC, id DESC LIMIT ?`,
      [userId, false, false, 0, limit],
    );
    return rows.map(this.toProgress);
  }

  /** Deletes the user's progress `id`; how many rows (0 when it is not the user's). */
  async deleteProgress(userId: number, id: number): Promise<number> {
    return (await this.progress.delete({ id, userId })).affected ?? 0;
  }

  /** Hides the user's progress `id` from continue-listening; whether it is the user's. */
  async hideProgress(userId: number, id: number): Promise<boolean> {
    const row = await this.sql.one(
      'UPDATE abs_media_progress SET hide_from_continue_listening = ? WHERE id = ? AND user_id = ? RETURNING id',
      [true, id, userId],
    );
    return row !== undefined;
  }

  /**
   * Writes a whole progress row (an explicit change: mark finished, a PATCHed position), inserting it if
   * there is none; like `saveProgress` it applies only when `updatedAt` is not older than the stored
   * `lastUpdate`. Whether it applied.
   */
  async writeProgress(write: ProgressRowWrite): Promise<boolean> {
    const saved = await this.sql.one(
      `INSERT INTO abs_media_progress
        (user_id, library_item_id, episode_id, duration, progress, current_position, is_finished,
         hide_from_continue_listening, finished_at, started_at, last_update)
      VALUES (:userId, :libraryItemId, :episodeId, :duration, :progress, :currentTime, :isFinished,
         :hidden, :finishedAt, :startedAt, :updatedAt)
      ON CONFLICT (user_id, library_item_id, episode_id) DO UPDATE SET
        duration = excluded.duration,
        progress = excluded.progress,
        current_position = excluded.current_position,
        is_finished = excluded.is_finished,
        hide_from_continue_listening = excluded.hide_from_continue_listening,
        finished_at = excluded.finished_at,
        last_update = excluded.last_update
      WHERE abs_media_progress.last_update <= excluded.last_update
      RETURNING id`,
      { ...write },
    );
    return saved !== undefined;
  }

  /**
   * Upserts the user's progress in one statement; the write applies only when `updatedAt` is not older
   * than the stored `lastUpdate` (the newer one wins). A position that moves shows a hidden progress in
   * continue-listening again (as upstream). Whether it applied.
   */
  async saveProgress(write: ProgressWrite): Promise<boolean> {
    const saved = await this.sql.one(
      `INSERT INTO abs_media_progress
        (user_id, library_item_id, episode_id, duration, progress, current_position, is_finished, finished_at, started_at, last_update)
      VALUES (:userId, :libraryItemId, :episodeId, :duration, :progress, :currentTime, :isFinished, :finishedAt, :startedAt, :updatedAt)
      ON CONFLICT (user_id, library_item_id, episode_id) DO UPDATE SET
        duration = excluded.duration,
        progress = excluded.progress,
        current_position = excluded.current_position,
        is_finished = excluded.is_finished,
        finished_at = CASE WHEN excluded.is_finished
          THEN COALESCE(abs_media_progress.finished_at, excluded.finished_at) ELSE NULL END,
        hide_from_continue_listening = (CASE
          WHEN abs_media_progress.current_position <> excluded.current_position THEN :shown
          ELSE abs_media_progress.hide_from_continue_listening END),
        last_update = excluded.last_update
      WHERE abs_media_progress.last_update <= excluded.last_update
      RETURNING id`,
      { ...write, shown: false },
    );
    return saved !== undefined;
  }
}
