import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { In, Repository, SelectQueryBuilder } from 'typeorm';
import { AuthUser, canReadAll } from '../common/auth-user';
import { isIntId } from '../common/validation';
import { microsToMillis, nowMicros } from '../common/time';
import { AppConfig } from '../config/app-config';
import { Sql, SqlValue } from '../database/sql';
import {
  bookDuration,
  parseMedia,
  sessionMetadata,
  toAbsSession,
  toExpandedSession,
  toMediaProgressDto,
} from './abs-mappers';
import { CatalogueService } from './catalogue.service';
import {
  AbsPageQueryDto,
  CloseSessionDto,
  DeviceInfoInputDto,
  ListeningStatsDto,
  ListSessionsQueryDto,
  LocalSessionDto,
  LocalSyncResultDto,
  LocalSyncResultsDto,
  MediaProgressDto,
  PlaybackSessionDto,
  PlaybackSessionExpandedDto,
  PlayItemDto,
  SessionListDto,
  SessionPageDto,
  SessionSortKey,
  SyncSessionDto,
} from './dto/sessions.dto';
import { LibraryItem, StoredEpisode, StoredMedia } from './entities/library-item.entity';
import { MediaProgress } from './entities/media-progress.entity';
import { PlaybackSession } from './entities/playback-session.entity';
import {
  ABS_ID_PATTERN,
  acceptedPosition,
  clampLocalListening,
  computeProgress,
  localDay,
  newAbsId,
  startPosition,
} from './playback-rules';

/** What a client connection tells us about the device when it opens a session. */
export interface ClientContext {
  ip: string;
  userAgent: string | undefined;
}

const SORT_PROPERTIES: Record<SessionSortKey, keyof PlaybackSession> = {
  displayTitle: 'displayTitle',
  duration: 'duration',
  playMethod: 'playMethod',
  startTime: 'startPosition',
  currentTime: 'currentPosition',
  timeListening: 'timeListening',
  updatedAt: 'updatedAt',
  startedAt: 'startedAt',
  createdAt: 'startedAt',
};

/**
 * The sync rule of `creditSync` (playback-rules.ts) as SQL, evaluated inside the UPDATE so that
 * concurrent syncs of one session serialise on its row and none is lost. `:allowEnd` is
 * `now + tolerance` in µs, `:listened` the claimed seconds. Every SET expression reads the row as it
 * was before this UPDATE (standard SQL, on SQLite and PostgreSQL alike).
 */
const ALLOWANCE_US = `(CAST(:allowEnd AS bigint) - credited_until)`;
const CREDIT_SQL =
  `(CASE WHEN ${ALLOWANCE_US} <= 0 THEN 0 ` +
  `WHEN CAST(:listened AS double precision) * 1000000 < ${ALLOWANCE_US} THEN CAST(:listened AS double precision) ` +
  `ELSE CAST(${ALLOWANCE_US} AS double precision) / 1000000 END)`;
const CREDITED_UNTIL_SQL =
  `(CASE WHEN credited_until + CAST(${CREDIT_SQL} * 1000000 AS bigint) > CAST(:now AS bigint) ` +
  `THEN credited_until + CAST(${CREDIT_SQL} * 1000000 AS bigint) ELSE CAST(:now AS bigint) END)`;

/** A list's WHERE clause on `s` (shared by its page query and its count); empty for none. */
interface Filter {
  where: string;
  params: Record<string, SqlValue>;
}

interface PlayTarget {
  item: LibraryItem;
  media: StoredMedia;
  episode: StoredEpisode | null;
  duration: number;
}

@Injectable()
export class PlaybackSessionsService {
  private readonly logger = new Logger(PlaybackSessionsService.name);

  constructor(
    @InjectRepository(PlaybackSession) private readonly sessions: Repository<PlaybackSession>,
    @InjectRepository(MediaProgress) private readonly progress: Repository<MediaProgress>,
    private readonly sql: Sql,
    private readonly catalogue: CatalogueService,
    private readonly config: AppConfig,
  ) {
    this.toSession = sql.rowMapper(PlaybackSession);
  }

  /** A row of `abs_playback_sessions` as the entity (the hot paths read through `Sql`). */
  private readonly toSession: (row: Record<string, unknown>) => PlaybackSession;

  // ---------------------------------------------------------------- opening

  /** Opens a session on an item (or episode), closing the caller's previous open session on the same device. */
  async play(
    auth: AuthUser,
    itemId: string,
    episodeId: string | null,
    dto: PlayItemDto,
    client: ClientContext,
  ): Promise<PlaybackSessionExpandedDto> {
    const target = await this.playTarget(itemId, episodeId);
    if ('error' in target) throw new NotFoundException(target.error);
    const { item, media, episode, duration } = target;
    const now = nowMicros();
    const deviceKey = this.deviceKey(auth, dto.deviceInfo, client);
    const saved = await this.progress.findOneBy({
      userId: auth.id,
      libraryItemId: item.id,
      episodeId: episode?.id ?? '',
    });
    const start = Math.min(
      startPosition(saved && { currentTime: saved.currentPosition, isFinished: saved.isFinished }),
      duration,
    );
    const day = localDay(microsToMillis(now), this.config.timezone);
    const row = this.sessions.create({
      id: newAbsId('play'),
      userId: auth.id,
      libraryId: item.libraryId,
      libraryItemId: item.id,
      episodeId: episode?.id ?? null,
      mediaType: item.mediaType,
      mediaMetadata: JSON.stringify(sessionMetadata(item, media)),
      chapters: '[]',
      displayTitle: episode?.title ?? item.title,
      displayAuthor: item.author,
      coverPath: media.coverPath,
      duration,
      playMethod: 0,
      mediaPlayer: dto.mediaPlayer ?? 'unknown',
      deviceInfo: JSON.stringify(this.deviceInfo(dto.deviceInfo, client)),
      deviceKey,
      date: day.date,
      dayOfWeek: day.dayOfWeek,
      timeListening: 0,
      startPosition: start,
      currentPosition: start,
      startedAt: now,
      updatedAt: now,
      creditedUntil: now,
      isOpen: true,
      isLocal: false,
      closedAt: null,
    });
    await this.sessions.insert(row);
    // After the insert, close every open session of this user on this device but the newest. Each
    // play runs this after its own insert, so the last statement to run sees every racing insert and
    // exactly the newest session survives.
    await this.sessions
      .createQueryBuilder()
      .update(PlaybackSession)
      .set({ isOpen: () => 'FALSE', closedAt: now })
      .where('user_id = :userId AND device_key = :deviceKey AND is_open = TRUE', {
        userId: auth.id,
        deviceKey,
      })
      .andWhere(
        `id <> (SELECT n.id FROM abs_playback_sessions n
          WHERE n.user_id = :userId AND n.device_key = :deviceKey AND n.is_open = TRUE
          ORDER BY n.started_at DESC, n.id DESC LIMIT 1)`,
      )
      .execute();
    return toExpandedSession(row, item);
  }

  private async playTarget(
    itemId: string,
    episodeId: string | null,
  ): Promise<PlayTarget | { error: string }> {
    const item = await this.catalogue.findItem(itemId);
    if (!item) return { error: 'Library item not found' };
    const media = parseMedia(item);
    if (item.mediaType === 'podcast') {
      const episode = episodeId ? media.episodes.find((e) => e.id === episodeId) : undefined;
      if (!episode) return { error: 'Episode not found' };
      return { item, media, episode, duration: episode.audioFile.duration };
    }
    if (episodeId) return { error: 'Episode not found' };
    return { item, media, episode: null, duration: bookDuration(media) };
  }

  /** The client's own device id when it sends one, else a hash of who and where it is. */
  private deviceKey(auth: AuthUser, info: DeviceInfoInputDto | undefined, client: ClientContext): string {
    if (info?.deviceId) return `id:${info.deviceId}`;
    const seed = `${auth.id}|${client.ip}|${client.userAgent ?? ''}|${info?.clientName ?? ''}`;
    return `h:${createHash('sha256').update(seed).digest('hex').slice(0, 32)}`;
  }

  private deviceInfo(info: DeviceInfoInputDto | undefined, client: ClientContext): Record<string, unknown> {
    const out: Record<string, unknown> = { ipAddress: client.ip };
    for (const [key, value] of Object.entries(info ?? {})) if (value !== undefined) out[key] = value;
    return out;
  }

  // ---------------------------------------------------------------- open sessions

  /** The open session `id` if the caller may act on it (own; operators and admins: any), else null. */
  private async findOpen(auth: AuthUser, id: string): Promise<PlaybackSession | null> {
    if (!ABS_ID_PATTERN.test(id)) return null;
    const row = canReadAll(auth)
      ? await this.sql.one<Record<string, unknown>>(
          'SELECT * FROM abs_playback_sessions WHERE id = ? AND is_open = ?',
          [id, true],
        )
      : await this.sql.one<Record<string, unknown>>(
          'SELECT * FROM abs_playback_sessions WHERE id = ? AND is_open = ? AND user_id = ?',
          [id, true, auth.id],
        );
    return row ? this.toSession(row) : null;
  }

  async getOpen(auth: AuthUser, id: string): Promise<PlaybackSessionExpandedDto> {
    const row = await this.findOpen(auth, id);
    if (!row) throw new NotFoundException();
    return toExpandedSession(row, await this.catalogue.findItem(row.libraryItemId));
  }

  async sync(auth: AuthUser, id: string, dto: SyncSessionDto): Promise<PlaybackSessionDto> {
    const row = await this.findOpen(auth, id);
    if (!row) throw new NotFoundException();
    const position = this.position(dto.currentTime, row.duration);
    return toAbsSession(await this.applySync(row, dto.timeListened, position, false));
  }

  /** Closes an open session, first applying the sync data if there is any (an empty body is no sync). */
  async close(auth: AuthUser, id: string, dto: CloseSessionDto): Promise<PlaybackSessionDto> {
    const row = await this.findOpen(auth, id);
    if (!row) throw new NotFoundException();
    const hasSync = dto.currentTime !== undefined || dto.timeListened !== undefined;
    if (hasSync) {
      const position = this.position(dto.currentTime ?? row.currentPosition, row.duration);
      return toAbsSession(await this.applySync(row, dto.timeListened ?? 0, position, true));
    }
    const closed = await this.sql.one<Record<string, unknown>>(
      'UPDATE abs_playback_sessions SET is_open = ?, closed_at = ? WHERE id = ? AND is_open = ? RETURNING *',
      [false, nowMicros(), row.id, true],
    );
    if (!closed) throw new NotFoundException();
    return toAbsSession(this.toSession(closed));
  }

  private position(currentTime: number, duration: number): number {
    const position = acceptedPosition(currentTime, duration);
    if (position === null)
      throw new BadRequestException(`currentTime ${currentTime} is past the duration (${duration} s)`);
    return position;
  }

  /**
   * One atomic UPDATE: adds the credited part of `timeListened`, moves the credit watermark, stores the
   * position (and closes when asked), returning the updated row; then the owner's media progress follows
   * the position.
   */
  private async applySync(
    row: PlaybackSession,
    timeListened: number,
    position: number,
    close: boolean,
  ): Promise<PlaybackSession> {
    const now = nowMicros();
    const allowEnd = now + this.config.playback.syncToleranceSeconds * 1_000_000;
    const updated = await this.sql.one<Record<string, unknown>>(
      `UPDATE abs_playback_sessions SET time_listening = time_listening + ${CREDIT_SQL},
         credited_until = ${CREDITED_UNTIL_SQL}, current_position = :position, updated_at = :now
         ${close ? ', is_open = :closed, closed_at = :now' : ''}
       WHERE id = :id AND is_open = :open RETURNING *`,
      { allowEnd, listened: timeListened, now, position, id: row.id, open: true, closed: false },
    );
    if (!updated) throw new NotFoundException();
    await this.saveProgress(row.userId, row.libraryItemId, row.episodeId, position, row.duration, now, now);
    return this.toSession(updated);
  }

  // ---------------------------------------------------------------- media progress

  /**
   * Upserts the user's progress in one statement; the write applies only when `updatedAt` is not older
   * than the stored `lastUpdate` (the newer one wins). Returns whether it applied.
   */
  private async saveProgress(
    userId: number,
    libraryItemId: string,
    episodeId: string | null,
    currentTime: number,
    duration: number,
    updatedAt: number,
    startedAt: number,
  ): Promise<boolean> {
    const { progress, isFinished } = computeProgress(
      currentTime,
      duration,
      this.config.playback.finishedThresholdSeconds,
    );
    const sql = `
      INSERT INTO abs_media_progress
        (user_id, library_item_id, episode_id, duration, progress, current_position, is_finished, finished_at, started_at, last_update)
      VALUES (:userId, :libraryItemId, :episodeId, :duration, :progress, :currentTime, :isFinished, :finishedAt, :startedAt, :updatedAt)
      ON CONFLICT (user_id, library_item_id, episode_id) DO UPDATE SET
        duration = excluded.duration,
        progress = excluded.progress,
        current_position = excluded.current_position,
        is_finished = excluded.is_finished,
        finished_at = CASE WHEN excluded.is_finished
          THEN COALESCE(abs_media_progress.finished_at, excluded.finished_at) ELSE NULL END,
        last_update = excluded.last_update
      WHERE abs_media_progress.last_update <= excluded.last_update
      RETURNING id`;
    const saved = await this.sql.one(sql, {
      userId,
      libraryItemId,
      episodeId: episodeId ?? '',
      duration,
      progress,
      currentTime: Math.min(currentTime, duration),
      isFinished,
      finishedAt: isFinished ? updatedAt : null,
      startedAt,
      updatedAt,
    });
    return saved !== undefined;
  }

  async getProgress(
    auth: AuthUser,
    libraryItemId: string,
    episodeId: string | null,
  ): Promise<MediaProgressDto> {
    const row =
      ABS_ID_PATTERN.test(libraryItemId) && (episodeId === null || ABS_ID_PATTERN.test(episodeId))
        ? await this.progress.findOneBy({ userId: auth.id, libraryItemId, episodeId: episodeId ?? '' })
        : null;
    if (!row) throw new NotFoundException();
    return toMediaProgressDto(row);
  }

  // ---------------------------------------------------------------- local sessions

  /** One local session; a failure answers its status (404 unknown item or id, 400 bad numbers, 409 race). */
  async syncLocal(auth: AuthUser, dto: LocalSessionDto): Promise<LocalSyncResultDto> {
    const { result, status } = await this.syncOneLocal(auth, dto);
    if (result.success) return result;
    if (status === 409) throw new ConflictException(result.error);
    if (status === 400) throw new BadRequestException(result.error);
    throw new NotFoundException(result.error);
  }

  /** Several local sessions, each succeeding or failing on its own. */
  async syncLocalAll(auth: AuthUser, sessions: LocalSessionDto[]): Promise<LocalSyncResultsDto> {
    const results: LocalSyncResultDto[] = [];
    for (const session of sessions) results.push((await this.syncOneLocal(auth, session)).result);
    return { results };
  }

  /**
   * Stores one local (offline) session of the caller and moves their progress if it is newer. The
   * item data comes from our catalogue and the day from our clock zone; from the client we take the
   * times and positions, clamped: its listening time cannot exceed its own wall-clock span.
   */
  private async syncOneLocal(auth: AuthUser, dto: LocalSessionDto): Promise<LocalOutcome> {
    const fail = (error: string, status: LocalOutcome['status']): LocalOutcome => ({
      result: { id: dto.id, success: false, error },
      status,
    });
    const target = await this.playTarget(dto.libraryItemId, dto.episodeId ?? null);
    if ('error' in target) return fail(target.error, 404);
    const { item, media, episode, duration } = target;
    if (dto.updatedAt < dto.startedAt) return fail('updatedAt is before startedAt', 400);

    const now = nowMicros();
    const updatedAtMs = Math.min(dto.updatedAt, microsToMillis(now));
    const startedAtMs = Math.min(dto.startedAt, updatedAtMs);
    const timeListening = clampLocalListening(
      dto.timeListening,
      startedAtMs,
      updatedAtMs,
      this.config.playback.syncToleranceSeconds,
    );
    const position = acceptedPosition(dto.currentTime, duration);
    if (position === null)
      return fail(`currentTime ${dto.currentTime} is past the duration (${duration} s)`, 400);
    const startTime = Math.min(dto.startTime ?? position, duration);
    const updatedAt = updatedAtMs * 1000;
    const startedAt = startedAtMs * 1000;

    const existing = await this.sessions.findOne({
      where: { id: dto.id },
      select: { id: true, userId: true, isLocal: true },
    });
    if (existing && (existing.userId !== auth.id || !existing.isLocal)) {
      return fail('Session id is not available', 404);
    }
    const fields = {
      timeListening,
      startPosition: startTime,
      currentPosition: position,
      updatedAt,
      creditedUntil: updatedAt,
      playMethod: dto.playMethod ?? 0,
      mediaPlayer: dto.mediaPlayer ?? 'unknown',
      deviceInfo: JSON.stringify(sanitizeDeviceInfo(dto.deviceInfo)),
    };
    if (existing) {
      // Only a newer copy of the session replaces the stored one (uploads may arrive out of order).
      await this.sessions
        .createQueryBuilder()
        .update(PlaybackSession)
        .set(fields)
        .where('id = :id AND user_id = :userId AND is_local = TRUE AND updated_at <= :updatedAt', {
          id: dto.id,
          userId: auth.id,
          updatedAt,
        })
        .execute();
    } else {
      const day = localDay(startedAtMs, this.config.timezone);
      try {
        await this.sessions.insert({
          ...fields,
          id: dto.id,
          userId: auth.id,
          libraryId: item.libraryId,
          libraryItemId: item.id,
          episodeId: episode?.id ?? null,
          mediaType: item.mediaType,
          mediaMetadata: JSON.stringify(sessionMetadata(item, media)),
          chapters: '[]',
          displayTitle: episode?.title ?? item.title,
          displayAuthor: item.author,
          coverPath: media.coverPath,
          duration,
          deviceKey: null,
          date: day.date,
          dayOfWeek: day.dayOfWeek,
          startedAt,
          isOpen: false,
          isLocal: true,
          closedAt: updatedAt,
        });
      } catch (error) {
        if (await this.sessions.existsBy({ id: dto.id }))
          return fail('Local session is already syncing', 409);
        throw error;
      }
    }
    const progressSynced = await this.saveProgress(
      auth.id,
      item.id,
      episode?.id ?? null,
      position,
      duration,
      updatedAt,
      startedAt,
    );
    return { result: { id: dto.id, success: true, progressSynced } };
  }

  // ---------------------------------------------------------------- lists

  /** All sessions (operators and admins; anyone else is told the list does not exist, as upstream). */
  async list(auth: AuthUser, query: ListSessionsQueryDto): Promise<SessionListDto> {
    if (!canReadAll(auth)) throw new NotFoundException();
    const userFilter = query.user ?? null;
    const qb = this.sessions.createQueryBuilder('s');
    // no WHERE at all when unfiltered: SQLite counts a whole table from its smallest index only for a bare
    // COUNT(*); `WHERE 1 = 1` made it scan the table (1.2 ms against 20 µs on 100k sessions)
    const filter: Filter = { where: '', params: {} };
    if (userFilter !== null) {
      // An id that cannot be a user id matches no session (the filter is never silently dropped).
      Object.assign(filter, {
        where: 's.user_id = :userId',
        params: { userId: isIntId(userFilter) ? Number(userFilter) : -1 },
      });
      qb.where(filter.where, filter.params);
    } else {
      qb.leftJoin('s.user', 'u').addSelect(['u.id', 'u.username']);
    }
    const sort = SORT_PROPERTIES[query.sort ?? 'updatedAt'];
    const desc = query.desc === undefined || query.desc === '1' || query.desc === 'true';
    qb.orderBy(`s.${sort}`, desc ? 'DESC' : 'ASC').addOrderBy('s.id', desc ? 'DESC' : 'ASC');
    return { ...(await this.page(qb, filter, query, 10)), userFilter };
  }

  /** Open sessions of everyone (operators and admins), most recently synced first. */
  async listOpen(auth: AuthUser, query: AbsPageQueryDto): Promise<SessionPageDto> {
    if (!canReadAll(auth)) throw new NotFoundException();
    const filter: Filter = { where: 's.is_open = TRUE', params: {} };
    const qb = this.sessions
      .createQueryBuilder('s')
      .leftJoin('s.user', 'u')
      .addSelect(['u.id', 'u.username'])
      .where(filter.where)
      .orderBy('s.updatedAt', 'DESC')
      .addOrderBy('s.id', 'DESC');
    return this.page(qb, filter, query, 100);
  }

  /** The caller's own sessions, most recently updated first. */
  async listOwn(auth: AuthUser, query: AbsPageQueryDto): Promise<SessionPageDto> {
    const filter: Filter = { where: 's.user_id = :userId', params: { userId: auth.id } };
    const qb = this.sessions
      .createQueryBuilder('s')
      .where(filter.where, filter.params)
      .orderBy('s.updatedAt', 'DESC')
      .addOrderBy('s.id', 'DESC');
    return this.page(qb, filter, query, 10);
  }

  /**
   * One page of `qb`, counted with a plain `COUNT(*)` of the sessions matching `filter`: the join on
   * the user (one row per session) does not change the count, and TypeORM's `getManyAndCount` would
   * count `DISTINCT id` over the join — ~60× slower on 100k sessions (128 ms against 2 ms).
   */
  private async page(
    qb: SelectQueryBuilder<PlaybackSession>,
    filter: Filter,
    query: AbsPageQueryDto,
    defaultSize: number,
  ): Promise<SessionPageDto> {
    const itemsPerPage = query.itemsPerPage ?? defaultSize;
    const page = query.page ?? 0;
    const [rows, counted] = await Promise.all([
      qb
        .offset(page * itemsPerPage)
        .limit(itemsPerPage)
        .getMany(),
      this.sql.one<{ count: number }>(
        `SELECT COUNT(*) AS count FROM abs_playback_sessions s${filter.where ? ` WHERE ${filter.where}` : ''}`,
        filter.params,
      ),
    ]);
    const total = Number(counted?.count ?? 0);
    return {
      total,
      numPages: Math.ceil(total / itemsPerPage),
      page,
      itemsPerPage,
      sessions: rows.map(toAbsSession),
    };
  }

  // ---------------------------------------------------------------- stats

  /**
   * Listening totals of the caller, summed in SQL: all time, per start day and weekday (in
   * APP_TIMEZONE: a session is counted on the day it started), per item; plus the 10 latest sessions.
   */
  async stats(auth: AuthUser): Promise<ListeningStatsDto> {
    const grouped = async (column: string) =>
      this.sessions
        .createQueryBuilder('s')
        .select(`s.${column}`, 'key')
        .addSelect('SUM(s.timeListening)', 'total')
        .where('s.userId = :userId AND s.timeListening > 0', { userId: auth.id })
        .groupBy(`s.${column}`)
        .getRawMany<{ key: string; total: number | string }>();
    const [days, weekdays, items, recent] = await Promise.all([
      grouped('date'),
      grouped('dayOfWeek'),
      grouped('libraryItemId'),
      this.sessions.find({ where: { userId: auth.id }, order: { updatedAt: 'DESC', id: 'DESC' }, take: 10 }),
    ]);
    const catalogue = await this.catalogue.findItems(items.map((i) => i.key));
    const toMap = (rows: typeof days) => Object.fromEntries(rows.map((r) => [r.key, Number(r.total)]));
    const dayTotals = toMap(days);
    const today = localDay(Date.now(), this.config.timezone).date;
    return {
      totalTime: days.reduce((sum, r) => sum + Number(r.total), 0),
      items: Object.fromEntries(
        items.map((r) => {
          const item = catalogue.get(r.key);
          return [
            r.key,
            {
              id: r.key,
              timeListening: Number(r.total),
              mediaMetadata: item ? sessionMetadata(item, parseMedia(item)) : null,
            },
          ];
        }),
      ),
      days: dayTotals,
      dayOfWeek: toMap(weekdays),
      today: dayTotals[today] ?? 0,
      recentSessions: recent.map(toAbsSession),
    };
  }

  // ---------------------------------------------------------------- deleting

  async remove(_auth: AuthUser, id: string): Promise<void> {
    const result = ABS_ID_PATTERN.test(id) ? await this.sessions.delete({ id }) : { affected: 0 };
    if (!result.affected) throw new NotFoundException();
  }

  /** Deletes the listed sessions; 404 when none of them exists. */
  async removeMany(_auth: AuthUser, ids: string[]): Promise<void> {
    const result = await this.sessions.delete({ id: In([...new Set(ids)]) });
    if (!result.affected) throw new NotFoundException();
  }

  // ---------------------------------------------------------------- idle sessions

  /** Closes open sessions not synced for the configured idle time; returns how many. */
  async closeIdle(now = nowMicros()): Promise<number> {
    const cutoff = now - this.config.playback.idleTimeoutSeconds * 1_000_000;
    const result = await this.sessions
      .createQueryBuilder()
      .update(PlaybackSession)
      .set({ isOpen: () => 'FALSE', closedAt: now })
      .where('is_open = TRUE AND updated_at < :cutoff', { cutoff })
      .execute();
    const closed = result.affected ?? 0;
    if (closed) this.logger.log(`Closed ${closed} idle playback session(s)`);
    return closed;
  }
}

interface LocalOutcome {
  result: LocalSyncResultDto;
  /** The status a single-session upload answers when the result is a failure. */
  status?: 400 | 404 | 409;
}

/** A client's deviceInfo, kept to short scalar values. */
function sanitizeDeviceInfo(info: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(info ?? {}).slice(0, 20)) {
    if (key.length > 64) continue;
    if (typeof value === 'string') out[key] = value.slice(0, 255);
    else if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
    else if (typeof value === 'boolean') out[key] = value;
  }
  return out;
}
