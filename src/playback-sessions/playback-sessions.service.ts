import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthUser } from '../common/auth-user';
import { isIntId } from '../common/validation';
import { microsToMillis, nowMicros } from '../common/time';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../auth/users.service';
import {
  ABS_SERVER_VERSION,
  bookDuration,
  episodeJson,
  parseMedia,
  parseProgressId,
  sessionMetadata,
  toAbsSession,
  toAbsUser,
  toExpandedSession,
  toLibraryItemDto,
  toMediaProgressDto,
} from './audiobookshelf.mapper';
import type { AbsUserDto } from './dto/abs-auth.dto';
import { CatalogueService } from './catalogue.service';
import {
  AbsPageQueryDto,
  BatchProgressUpdateDto,
  CloseSessionDto,
  DeviceInfoInputDto,
  ItemInProgressDto,
  ItemsInProgressDto,
  ItemsInProgressQueryDto,
  ListeningStatsDto,
  ListSessionsQueryDto,
  LocalSessionDto,
  LocalSyncResultDto,
  LocalSyncResultsDto,
  MediaProgressDto,
  PlaybackSessionDto,
  PlaybackSessionExpandedDto,
  PlayItemDto,
  ProgressUpdateDto,
  SessionListDto,
  OpenSessionsDto,
  SessionPageDto,
  SessionSortKey,
  SyncSessionDto,
} from './dto/sessions.dto';
import { LibraryItem, StoredEpisode, StoredMedia } from './entities/library-item.entity';
import { PlaybackSession } from './entities/playback-session.entity';
import { PlaybackSessionAccess } from './playback-session.access';
import {
  ABS_ID_PATTERN,
  acceptedPosition,
  applyProgressChange,
  changesProgress,
  clampLocalListening,
  computeProgress,
  localDay,
  newAbsId,
  startPosition,
} from './playback-rules';
import {
  ALL_SESSIONS,
  PlaybackSessionsRepository,
  SessionCondition,
  SessionSortColumn,
  sessionsOfUser,
} from './playback-sessions.repository';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  ABS_PROGRESS_UPDATED,
  ABS_SESSION_CLOSED,
  ABS_SESSION_OPENED,
  ABS_USER_UPDATED,
  AbsProgressEvent,
  AbsSessionEvent,
  AbsUserEvent,
} from './abs-events';

/** What a client connection tells us about the device when it opens a session. */
export interface ClientContext {
  ip: string;
  userAgent: string | undefined;
}

const SORT_COLUMNS: Record<SessionSortKey, SessionSortColumn> = {
  displayTitle: 'display_title',
  duration: 'duration',
  playMethod: 'play_method',
  startTime: 'start_position',
  currentTime: 'current_position',
  timeListening: 'time_listening',
  updatedAt: 'updated_at',
  startedAt: 'started_at',
  createdAt: 'started_at',
};

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
    private readonly sessions: PlaybackSessionsRepository,
    private readonly access: PlaybackSessionAccess,
    private readonly catalogue: CatalogueService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
  ) {}

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
    const { item, episode, duration } = target;
    const now = nowMicros();
    const deviceKey = this.deviceKey(auth, dto.deviceInfo, client);
    const saved = await this.sessions.findProgress(auth.id, item.id, episode?.id ?? '');
    const start = Math.min(
      startPosition(saved && { currentTime: saved.currentPosition, isFinished: saved.isFinished }),
      duration,
    );
    const day = localDay(microsToMillis(now), this.config.timezone);
    const row: PlaybackSession = {
      id: newAbsId('play'),
      userId: auth.id,
      ...itemColumns(target),
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
    };
    await this.sessions.insert(row);
    // after the insert: the last play to run sees every racing insert, so exactly the newest survives
    await this.sessions.closeOthersOnDevice(auth.id, deviceKey, now);
    this.events.emit(ABS_SESSION_OPENED, { session: row } satisfies AbsSessionEvent);
    return toExpandedSession(row, item);
  }

  private async playTarget(
    itemId: string,
    episodeId: string | null,
  ): Promise<PlayTarget | { error: string }> {
    const item = await this.catalogue.findItem(itemId);
    if (!item) return { error: 'Library item not found' };
    return targetIn(item, episodeId);
  }

  /** The client's own device id when it sends one, else a hash of who and where it is. */
  private deviceKey(auth: AuthUser, info: DeviceInfoInputDto | undefined, client: ClientContext): string {
    if (info?.deviceId) return `id:${info.deviceId}`;
    const seed = `${auth.id}|${client.ip}|${client.userAgent ?? ''}|${info?.clientName ?? ''}`;
    return `h:${createHash('sha256').update(seed).digest('hex').slice(0, 32)}`;
  }

  /**
   * The device as upstream's `DeviceInfo` echoes it: what the client sent (null keys dropped), its address,
   * `clientVersion` defaulting to the server's version and `sdkVersion` as a string (Android's Kotlin
   * `DeviceInfo` needs string `deviceId, manufacturer, model, clientVersion`), and `serverVersion`.
   */
  private deviceInfo(info: DeviceInfoInputDto | undefined, client: ClientContext): Record<string, unknown> {
    const out: Record<string, unknown> = { ipAddress: client.ip };
    for (const [key, value] of Object.entries(info ?? {}))
      if (value !== undefined && value !== null) out[key] = key === 'sdkVersion' ? String(value) : value;
    out.clientVersion ??= ABS_SERVER_VERSION;
    out.serverVersion = ABS_SERVER_VERSION;
    return out;
  }

  // ---------------------------------------------------------------- open sessions

  /** The open session `id` if the caller may act on it (see PlaybackSessionAccess), else null. */
  private async findOpen(auth: AuthUser, id: string): Promise<PlaybackSession | null> {
    if (!ABS_ID_PATTERN.test(id)) return null;
    return this.sessions.findOpen(id, this.access.visibleTo(auth));
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
    const closed = await this.sessions.close(row.id, nowMicros());
    if (!closed) throw new NotFoundException();
    this.events.emit(ABS_SESSION_CLOSED, { session: closed } satisfies AbsSessionEvent);
    return toAbsSession(closed);
  }

  private position(currentTime: number, duration: number): number {
    const position = acceptedPosition(currentTime, duration);
    if (position === null)
      throw new BadRequestException(`currentTime ${currentTime} is past the duration (${duration} s)`);
    return position;
  }

  /**
   * One atomic UPDATE (adds the credited part of `timeListened`, moves the credit watermark, stores the
   * position, closes when asked) and the owner's media progress following the position, in one transaction.
   */
  private async applySync(
    row: PlaybackSession,
    timeListened: number,
    position: number,
    close: boolean,
  ): Promise<PlaybackSession> {
    const now = nowMicros();
    const allowEnd = now + this.config.playback.syncToleranceSeconds * 1_000_000;
    // the credited sync and the owner's progress commit together or not at all
    let progressMoved = false;
    const updated = await this.sessions.inTransaction(async () => {
      const synced = await this.sessions.sync({
        id: row.id,
        listened: timeListened,
        allowEnd,
        now,
        position,
        close,
      });
      if (synced)
        progressMoved = await this.saveProgress(
          row.userId,
          row.libraryItemId,
          row.episodeId,
          position,
          row.duration,
          now,
          now,
        );
      return synced;
    });
    if (!updated) throw new NotFoundException();
    // after the commit: a socket never hears of a write that rolled back
    if (progressMoved) this.progressEvent(updated.userId, updated.libraryItemId, updated.episodeId, updated);
    if (close) this.events.emit(ABS_SESSION_CLOSED, { session: updated } satisfies AbsSessionEvent);
    return updated;
  }

  // ---------------------------------------------------------------- media progress

  /** Tells the user's sockets (AudiobookshelfGateway) that a progress of theirs moved. */
  private progressEvent(
    userId: number,
    libraryItemId: string,
    episodeId: string | null,
    session: PlaybackSession | null,
  ): void {
    this.events.emit(ABS_PROGRESS_UPDATED, {
      userId,
      libraryItemId,
      episodeId,
      session,
    } satisfies AbsProgressEvent);
  }

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
    return this.sessions.saveProgress({
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
  }

  async getProgress(
    auth: AuthUser,
    libraryItemId: string,
    episodeId: string | null,
  ): Promise<MediaProgressDto> {
    const row =
      ABS_ID_PATTERN.test(libraryItemId) && (episodeId === null || ABS_ID_PATTERN.test(episodeId))
        ? await this.sessions.findProgress(auth.id, libraryItemId, episodeId ?? '')
        : null;
    if (!row) throw new NotFoundException();
    return toMediaProgressDto(row);
  }

  /**
   * The caller marks an item (or episode) finished or not, or sets a position (`PATCH /me/progress/…`):
   * creates the progress if there is none. Rules in `applyProgressChange`; the newest `lastUpdate` wins.
   */
  async updateProgress(
    auth: AuthUser,
    libraryItemId: string,
    episodeId: string | null,
    dto: ProgressUpdateDto,
  ): Promise<void> {
    const write = await this.progressWrite(libraryItemId, episodeId, dto);
    await this.sessions.inTransaction(() => this.applyProgressWrite(auth, write));
    this.userUpdated(auth);
  }

  /** Tells the user's sockets that their user JSON (its `mediaProgress`) changed. */
  private userUpdated(auth: AuthUser): void {
    this.events.emit(ABS_USER_UPDATED, { userId: auth.id } satisfies AbsUserEvent);
  }

  /** Several progress changes, all or nothing: any unknown item or bad position refuses the whole batch. */
  async updateProgressBatch(auth: AuthUser, updates: BatchProgressUpdateDto[]): Promise<void> {
    const writes: ProgressWriteRequest[] = [];
    for (const update of updates)
      writes.push(await this.progressWrite(update.libraryItemId, update.episodeId ?? null, update));
    await this.sessions.inTransaction(async () => {
      for (const write of writes) await this.applyProgressWrite(auth, write);
    });
    this.userUpdated(auth);
  }

  /** Checks a progress change against the catalogue (as upstream: 404 unknown, 400 a podcast without episode). */
  private async progressWrite(
    libraryItemId: string,
    episodeId: string | null,
    dto: ProgressUpdateDto,
  ): Promise<ProgressWriteRequest> {
    const item = await this.catalogue.findItem(libraryItemId);
    if (!item) throw new NotFoundException('Library item not found');
    if (item.mediaType === 'podcast' && !episodeId)
      throw new BadRequestException('Library item is not a book');
    const target = targetIn(item, episodeId);
    if ('error' in target) throw new NotFoundException(target.error);
    if (dto.currentTime !== undefined) this.position(dto.currentTime, target.duration);
    const nowMs = microsToMillis(nowMicros());
    return {
      libraryItemId: target.item.id,
      episodeId: target.episode?.id ?? '',
      duration: target.duration,
      dto,
      at: Math.min(dto.lastUpdate ?? nowMs, nowMs) * 1000,
    };
  }

  private async applyProgressWrite(auth: AuthUser, write: ProgressWriteRequest): Promise<void> {
    if (!changesProgress(write.dto)) return;
    const before = await this.sessions.findProgressForUpdate(auth.id, write.libraryItemId, write.episodeId);
    const next = applyProgressChange(
      before && {
        currentTime: before.currentPosition,
        progress: before.progress,
        isFinished: before.isFinished,
        finishedAt: before.finishedAt,
        hidden: before.hideFromContinueListening,
      },
      {
        isFinished: write.dto.isFinished,
        currentTime: write.dto.currentTime,
        progress: write.dto.progress,
        hideFromContinueListening: write.dto.hideFromContinueListening,
      },
      write.duration,
      this.config.playback.finishedThresholdSeconds,
      write.at,
    );
    await this.sessions.writeProgress({
      userId: auth.id,
      libraryItemId: write.libraryItemId,
      episodeId: write.episodeId,
      duration: write.duration,
      progress: next.progress,
      currentTime: next.currentTime,
      isFinished: next.isFinished,
      finishedAt: next.finishedAt,
      hidden: next.hidden,
      startedAt: before?.startedAt ?? write.at,
      updatedAt: write.at,
    });
  }

  /** Deletes one of the caller's progress rows by its id (`mp_…`); another user's is not found. */
  async removeProgress(auth: AuthUser, progressId: string): Promise<void> {
    const id = parseProgressId(progressId);
    if (id === null || !(await this.sessions.deleteProgress(auth.id, id))) throw new NotFoundException();
    this.userUpdated(auth);
  }

  /**
   * Hides one of the caller's progress rows from continue-listening (`items-in-progress`) until its position
   * moves again; answers the caller's user, as upstream.
   */
  async hideFromContinueListening(auth: AuthUser, progressId: string): Promise<AbsUserDto> {
    const id = parseProgressId(progressId);
    if (id === null || !(await this.sessions.hideProgress(auth.id, id))) throw new NotFoundException();
    this.userUpdated(auth);
    const user = await this.users.findById(auth.id);
    if (!user) throw new NotFoundException();
    return toAbsUser(user, await this.sessions.progressOf(user.id));
  }

  /**
   * The caller's unfinished, not hidden items with a position, most recently listened first, each as its
   * library item plus `progressLastUpdate` (and a podcast's `recentEpisode`, once per episode in progress).
   * Progress of items that no longer exist is skipped.
   */
  async itemsInProgress(auth: AuthUser, query: ItemsInProgressQueryDto): Promise<ItemsInProgressDto> {
    const rows = await this.sessions.inProgressOf(auth.id, query.limit ?? 25);
    const items = await this.catalogue.findItems([...new Set(rows.map((r) => r.libraryItemId))]);
    const libraryItems: ItemInProgressDto[] = [];
    for (const row of rows) {
      const item = items.get(row.libraryItemId);
      if (!item) continue;
      const media = parseMedia(item);
      const progressLastUpdate = microsToMillis(row.lastUpdate);
      if (item.mediaType === 'podcast') {
        const episode = media.episodes.find((e) => e.id === row.episodeId);
        if (episode)
          libraryItems.push({
            ...toLibraryItemDto(item, media),
            recentEpisode: episodeJson(item, episode),
            progressLastUpdate,
          });
      } else if (!row.episodeId) {
        libraryItems.push({ ...toLibraryItemDto(item, media), progressLastUpdate });
      }
    }
    return { libraryItems };
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
   * Stores one session a client played offline, or whose syncs failed, as the caller's, and moves their
   * progress if it is newer. The id is a new one (`play_local_…`, a UUID: inserted) or one of the caller's
   * stored sessions, local or server-opened (updated when the copy is not older). The item data comes from
   * our catalogue and the day from our clock zone; from the client we take the times and positions,
   * clamped: its listening time cannot exceed its own wall-clock span (for a stored session, from the
   * start we stored).
   */
  private async syncOneLocal(auth: AuthUser, dto: LocalSessionDto): Promise<LocalOutcome> {
    const fail = (error: string, status: LocalOutcome['status']): LocalOutcome => ({
      result: { id: dto.id, success: false, error },
      status,
    });
    const target = await this.playTarget(dto.libraryItemId, dto.episodeId ?? null);
    if ('error' in target) return fail(target.error, 404);
    const { item, episode, duration } = target;
    if (dto.updatedAt < dto.startedAt) return fail('updatedAt is before startedAt', 400);
    const position = acceptedPosition(dto.currentTime, duration);
    if (position === null)
      return fail(`currentTime ${dto.currentTime} is past the duration (${duration} s)`, 400);

    const existing = await this.sessions.findOwnership(dto.id);
    // another user's session, or one of another item or episode: one answer, revealing nothing
    if (
      existing &&
      (existing.userId !== auth.id ||
        existing.libraryItemId !== item.id ||
        (existing.episodeId ?? null) !== (episode?.id ?? null))
    )
      return fail('Session id is not available', 404);

    const now = nowMicros();
    const updatedAtMs = Math.min(dto.updatedAt, microsToMillis(now));
    const startedAtMs = Math.min(existing ? microsToMillis(existing.startedAt) : dto.startedAt, updatedAtMs);
    const timeListening = clampLocalListening(
      dto.timeListening,
      startedAtMs,
      updatedAtMs,
      this.config.playback.syncToleranceSeconds,
    );
    const startTime = Math.min(dto.startTime ?? position, duration);
    const updatedAt = updatedAtMs * 1000;
    const startedAt = startedAtMs * 1000;
    const clientFields = {
      startPosition: startTime,
      playMethod: dto.playMethod ?? 0,
      mediaPlayer: dto.mediaPlayer ?? 'unknown',
      deviceInfo: JSON.stringify(sanitizeDeviceInfo(dto.deviceInfo)),
    };

    if (existing) {
      // Only a newer copy replaces the stored one (uploads may arrive out of order). A server-opened
      // session keeps its player, device and open state (upstream overwrites only the times); its credit
      // watermark covers what the copy claims, so a later sync cannot credit that time twice.
      await this.sessions.updateLocal({
        id: dto.id,
        userId: auth.id,
        timeListening,
        currentPosition: position,
        updatedAt,
        creditedUntil: Math.max(updatedAt, startedAt + Math.round(timeListening * 1_000_000)),
        local: existing.isLocal ? clientFields : undefined,
      });
    } else {
      const day = localDay(startedAtMs, this.config.timezone);
      try {
        await this.sessions.insert({
          ...clientFields,
          timeListening,
          currentPosition: position,
          updatedAt,
          creditedUntil: updatedAt,
          id: dto.id,
          userId: auth.id,
          ...itemColumns(target),
          deviceKey: null,
          date: day.date,
          dayOfWeek: day.dayOfWeek,
          startedAt,
          isOpen: false,
          isLocal: true,
          closedAt: updatedAt,
        });
      } catch (error) {
        if (await this.sessions.exists(dto.id)) return fail('Local session is already syncing', 409);
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
    if (progressSynced) this.progressEvent(auth.id, item.id, episode?.id ?? null, null);
    return { result: { id: dto.id, success: true, progressSynced } };
  }

  // ---------------------------------------------------------------- lists

  /** All sessions (the route admits operators and admins; anyone else is told it does not exist, as upstream). */
  async list(_auth: AuthUser, query: ListSessionsQueryDto): Promise<SessionListDto> {
    const userFilter = query.user ?? null;
    // An id that cannot be a user id matches no session (the filter is never silently dropped).
    const condition =
      userFilter === null ? ALL_SESSIONS : sessionsOfUser(isIntId(userFilter) ? Number(userFilter) : -1);
    // upstream: descending only with `desc=1` (absent means ascending)
    const desc = query.desc === '1' || query.desc === 'true';
    const sort = SORT_COLUMNS[query.sort ?? 'updatedAt'];
    const page = await this.page(condition, sort, desc, userFilter === null, query, 10);
    // today's web client reads `userId`; the seed documents `userFilter`: both, when a user is given
    return { ...page, ...(userFilter === null ? {} : { userId: userFilter }), userFilter };
  }

  /** Open sessions of everyone (operators and admins), most recently synced first. */
  async listOpen(_auth: AuthUser, query: AbsPageQueryDto): Promise<OpenSessionsDto> {
    const page = await this.page(
      { where: 's.is_open = ?', values: [true] },
      'updated_at',
      true,
      true,
      query,
      100,
    );
    return { ...page, shareSessions: [] };
  }

  /** The caller's own sessions, most recently updated first. */
  async listOwn(auth: AuthUser, query: AbsPageQueryDto): Promise<SessionPageDto> {
    return this.page(sessionsOfUser(auth.id), 'updated_at', true, false, query, 10);
  }

  /**
   * The caller's sessions of one book (`episodeId` null) or one podcast episode, most recently updated
   * first; 404 for an unknown item or episode, or a podcast without its episode (as upstream).
   */
  async listOwnOfItem(
    auth: AuthUser,
    libraryItemId: string,
    episodeId: string | null,
    query: AbsPageQueryDto,
  ): Promise<SessionPageDto> {
    const target = await this.playTarget(libraryItemId, episodeId);
    if ('error' in target) throw new NotFoundException(target.error);
    const condition: SessionCondition = target.episode
      ? {
          where: 's.user_id = ? AND s.library_item_id = ? AND s.episode_id = ?',
          values: [auth.id, target.item.id, target.episode.id],
        }
      : {
          where: 's.user_id = ? AND s.library_item_id = ? AND s.episode_id IS NULL',
          values: [auth.id, target.item.id],
        };
    return this.page(condition, 'updated_at', true, false, query, 10);
  }

  /** One user's sessions, newest first, each with its `user` (operators and admins; 404 for an unknown user). */
  async listOfUser(_auth: AuthUser, userId: number, query: AbsPageQueryDto): Promise<SessionPageDto> {
    if (!(await this.users.findById(userId))) throw new NotFoundException();
    return this.page(sessionsOfUser(userId), 'updated_at', true, true, query, 10);
  }

  /** One page of the sessions matching `condition`, and how many match. */
  private async page(
    condition: SessionCondition,
    sort: SessionSortColumn,
    desc: boolean,
    withUser: boolean,
    query: AbsPageQueryDto,
    defaultSize: number,
  ): Promise<SessionPageDto> {
    const itemsPerPage = query.itemsPerPage ?? defaultSize;
    const page = query.page ?? 0;
    // the count first: the page reads a deep page from the end of it
    const total = await this.sessions.count(condition);
    const rows = await this.sessions.page({
      condition,
      sort,
      desc,
      offset: page * itemsPerPage,
      limit: itemsPerPage,
      withUser,
      total,
    });
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
   * Listening totals of the caller: all time, per start day and weekday (in APP_TIMEZONE: a session is
   * counted on the day it started), per item; plus the 10 latest sessions. Read from the per-user daily
   * totals, so the cost follows the days and items listened to, not the number of sessions.
   */
  stats(auth: AuthUser): Promise<ListeningStatsDto> {
    return this.statsOf(auth.id);
  }

  /** `stats` of another user (operators and admins; 404 for an unknown user). */
  async statsOfUser(_auth: AuthUser, userId: number): Promise<ListeningStatsDto> {
    if (!(await this.users.findById(userId))) throw new NotFoundException();
    return this.statsOf(userId);
  }

  private async statsOf(userId: number): Promise<ListeningStatsDto> {
    const [rows, recent] = await Promise.all([
      this.sessions.listeningDays(userId),
      this.sessions.latestOf(userId, 10),
    ]);
    const sum = (key: (r: (typeof rows)[number]) => string) => {
      const totals = new Map<string, number>();
      for (const r of rows) totals.set(key(r), (totals.get(key(r)) ?? 0) + r.seconds);
      return new Map([...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    };
    const days = sum((r) => r.date);
    const items = sum((r) => r.libraryItemId);
    const catalogue = await this.catalogue.findItems([...items.keys()]);
    const today = localDay(Date.now(), this.config.timezone).date;
    return {
      totalTime: [...days.values()].reduce((total, seconds) => total + seconds, 0),
      items: Object.fromEntries(
        [...items].map(([id, seconds]) => {
          const item = catalogue.get(id);
          return [
            id,
            {
              id,
              timeListening: seconds,
              mediaMetadata: item ? sessionMetadata(item, parseMedia(item)) : null,
            },
          ];
        }),
      ),
      days: Object.fromEntries(days),
      dayOfWeek: Object.fromEntries(sum((r) => r.dayOfWeek)),
      today: days.get(today) ?? 0,
      recentSessions: recent.map(toAbsSession),
    };
  }

  // ---------------------------------------------------------------- deleting

  async remove(_auth: AuthUser, id: string): Promise<void> {
    const deleted = ABS_ID_PATTERN.test(id) ? await this.sessions.delete(id) : 0;
    if (!deleted) throw new NotFoundException();
  }

  /** Deletes the listed sessions; 404 when none of them exists. */
  async removeMany(_auth: AuthUser, ids: string[]): Promise<void> {
    if (!(await this.sessions.deleteMany([...new Set(ids)]))) throw new NotFoundException();
  }

  // ---------------------------------------------------------------- idle sessions

  /** Closes open sessions not synced for the configured idle time; returns how many. */
  async closeIdle(now = nowMicros()): Promise<number> {
    const cutoff = now - this.config.playback.idleTimeoutSeconds * 1_000_000;
    const closed = await this.sessions.closeIdle(cutoff, now);
    if (closed) this.logger.log(`Closed ${closed} idle playback session(s)`);
    return closed;
  }
}

/** A checked progress change: the item's key and duration, and when it was made (µs). */
interface ProgressWriteRequest {
  libraryItemId: string;
  episodeId: string;
  duration: number;
  dto: ProgressUpdateDto;
  at: number;
}

interface LocalOutcome {
  result: LocalSyncResultDto;
  /** The status a single-session upload answers when the result is a failure. */
  status?: 400 | 404 | 409;
}

/** What plays in `item`: the book, or its episode `episodeId` (a podcast needs one, a book has none). */
function targetIn(item: LibraryItem, episodeId: string | null): PlayTarget | { error: string } {
  const media = parseMedia(item);
  if (item.mediaType === 'podcast') {
    const episode = episodeId ? media.episodes.find((e) => e.id === episodeId) : undefined;
    if (!episode) return { error: 'Episode not found' };
    return { item, media, episode, duration: episode.audioFile.duration };
  }
  if (episodeId) return { error: 'Episode not found' };
  return { item, media, episode: null, duration: bookDuration(media) };
}

/** The columns a session copies from what it plays (the item or episode, and its media). */
function itemColumns({ item, media, episode, duration }: PlayTarget) {
  return {
    libraryId: item.libraryId,
    libraryItemId: item.id,
    episodeId: episode?.id ?? null,
    mediaType: item.mediaType,
    mediaMetadata: JSON.stringify(sessionMetadata(item, media)),
    chapters: JSON.stringify(episode ? [] : (media.chapters ?? [])),
    displayTitle: episode?.title ?? item.title,
    displayAuthor: item.author,
    coverPath: media.coverPath,
    duration,
  };
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
