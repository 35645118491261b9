import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { FieldErrors, FieldErrorsException } from '../common/errors';
import { Page, PageRequest, paginate } from '../common/pagination';
import type { SqlCondition } from '../common/sql-condition';
import { parseDateTimeMicros } from '../common/time';
import { DRF_MESSAGES } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { SessionAccess } from '../sessions/session-access.service';
import {
  CreateListenEventDto,
  ListenEventCountDto,
  ListenEventDto,
  ListenEventFiltersDto,
  StartTimeRange,
  UpdateListenEventDto,
} from './dto/listen-event.dto';
import { toRoundwareListenEvent } from './event.mapper';
import { SessionGoneError } from './events.repository';
import {
  AssetMissingError,
  ListenEventChanges,
  ListenEventFilters,
  ListenEventsRepository,
} from './listen-events.repository';

/** Nanoseconds of `seconds` (upstream: `float(duration_in_seconds) * 1e9`). */
const nanos = (seconds: number) => Math.round(seconds * 1e9);

/** Micros of a text that passed `IsDateTimeText` (undefined and null stay undefined). */
const micros = (text: string | null | undefined) =>
  text === undefined || text === null ? undefined : parseDateTimeMicros(text)!;

const NOT_NULL = 'This field may not be null.';

const DAY_MS = 86_400_000;

/**
 * The half-open range, in microseconds, of upstream's `start_time__range` choice at `nowMs` (UTC
 * calendar, as every naive time here is UTC): `week` is django-filter's "past 7 days", from the start of
 * the day 7 days ago to the end of today.
 */
export function dateRangeMicros(range: StartTimeRange, nowMs: number): [number, number] {
  const now = new Date(nowMs);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = Date.UTC(y, m, now.getUTCDate());
  const ms: Record<StartTimeRange, [number, number]> = {
    today: [today, today + DAY_MS],
    yesterday: [today - DAY_MS, today],
    week: [today - 7 * DAY_MS, today + DAY_MS],
    month: [Date.UTC(y, m, 1), Date.UTC(y, m + 1, 1)],
    year: [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)],
  };
  const [from, to] = ms[range];
  return [from * 1000, to * 1000];
}

/** 400 for the fields of `dto` that are null but may not be (every writable field but the duration). */
function refuseNulls(dto: object): void {
  const nulls = Object.entries(dto)
    .filter(([key, value]) => value === null && key !== 'duration_in_seconds' && key !== 'duration')
    .map(([key]) => key);
  if (nulls.length) throw new FieldErrorsException(Object.fromEntries(nulls.map((key) => [key, [NOT_NULL]])));
}

/**
 * Roundware listen events (`/api/2/listenevents/`): which asset played when, and for how long, inside a
 * session. Visible when their session is (users: their own sessions; operators and admins: all).
 */
@Injectable()
export class ListenEventsService {
  constructor(
    private readonly listenEvents: ListenEventsRepository,
    private readonly sessions: SessionAccess,
    private readonly config: AppConfig,
  ) {}

  /** Every visible listen event matching the filters, in id order (at most EVENTS_LIST_MAX_ROWS). */
  list(auth: AuthUser, query: ListenEventFiltersDto): Promise<ListenEventDto[]> {
    return this.all(this.conditions(auth, query));
  }

  /** One page of the same list. */
  async page(auth: AuthUser, query: ListenEventFiltersDto, pr: PageRequest): Promise<Page<ListenEventDto>> {
    const conditions = this.conditions(auth, query);
    const { count, items } = await paginate(
      pr,
      () => this.listenEvents.count(conditions),
      (limit, offset) => this.listenEvents.list(conditions, limit, offset),
    );
    return { count, items: items.map(toRoundwareListenEvent) };
  }

  async count(auth: AuthUser, filters: ListenEventFiltersDto): Promise<ListenEventCountDto> {
    return { count: await this.listenEvents.count(this.conditions(auth, filters)) };
  }

  /** Every listen event of a session (the caller has been checked against the session). */
  ofSession(auth: AuthUser, sessionId: number): Promise<ListenEventDto[]> {
    return this.all(this.conditions(auth, { session_id: sessionId }));
  }

  async get(auth: AuthUser, id: number): Promise<ListenEventDto> {
    return toRoundwareListenEvent(await this.visible(auth, id));
  }

  /** Stores a play in a session `auth` can see (another user's session is "does not exist"). */
  async create(auth: AuthUser, dto: CreateListenEventDto): Promise<ListenEventDto> {
    refuseNulls(dto);
    const sessionId = dto.session ?? dto.session_id;
    const assetId = dto.asset ?? dto.asset_id;
    const start = micros(dto.starttime ?? dto.start_time);
    const errors: FieldErrors = {};
    if (sessionId === undefined) errors.session = [DRF_MESSAGES.required];
    if (assetId === undefined) errors.asset = [DRF_MESSAGES.required];
    if (start === undefined) errors.starttime = [DRF_MESSAGES.required];
    const session = sessionId === undefined ? null : await this.sessions.findVisible(auth, sessionId);
    if (sessionId !== undefined && !session) errors.session = [DRF_MESSAGES.invalidPk(sessionId)];
    if (Object.keys(errors).length || !session) throw new FieldErrorsException(errors);
    try {
      const id = await this.listenEvents.insert({
        sessionId: session.id,
        projectId: session.projectId,
        assetId: assetId!,
        startTime: start!,
        durationNs: this.durationOf(dto) ?? null,
      });
      return this.get(auth, id);
    } catch (error) {
      // a broken key: the session went away meanwhile, else the asset does not exist
      if (error instanceof SessionGoneError) {
        if (await this.sessions.findVisible(auth, session.id))
          throw FieldErrorsException.of('asset', DRF_MESSAGES.invalidPk(assetId!));
        throw FieldErrorsException.of('session', DRF_MESSAGES.invalidPk(session.id));
      }
      throw error;
    }
  }

  /** Changes a visible listen event (the owner of its session, operators, admins). */
  async update(auth: AuthUser, id: number, dto: UpdateListenEventDto): Promise<ListenEventDto> {
    refuseNulls(dto);
    await this.visible(auth, id);
    const changes: ListenEventChanges = {
      assetId: dto.asset ?? dto.asset_id,
      startTime: micros(dto.starttime ?? dto.start_time),
      durationNs: this.durationOf(dto),
    };
    try {
      if (!(await this.listenEvents.update(id, changes))) throw new NotFoundException();
    } catch (error) {
      if (error instanceof AssetMissingError)
        throw FieldErrorsException.of('asset', DRF_MESSAGES.invalidPk(changes.assetId!));
      throw error;
    }
    return this.get(auth, id);
  }

  async remove(_auth: AuthUser, id: number): Promise<void> {
    if (!(await this.listenEvents.deleteById(id))) throw new NotFoundException();
  }

  /** The duration in nanoseconds the body gives (null clears it), or undefined. */
  private durationOf(dto: UpdateListenEventDto): number | null | undefined {
    const seconds = dto.duration_in_seconds as number | null | undefined;
    if (seconds !== undefined) return seconds === null ? null : nanos(seconds);
    return dto.duration;
  }

  private async visible(auth: AuthUser, id: number) {
    const row = await this.listenEvents.findById(id, this.sessions.visibleSessionRows(auth, 'l.session_id'));
    if (!row) throw new NotFoundException();
    return row;
  }

  private conditions(auth: AuthUser, f: ListenEventFiltersDto): SqlCondition[] {
    const filters: ListenEventFilters = {
      sessionId: f.session_id ?? f.session,
      assetId: f.asset_id ?? f.asset,
      projectId: f.project_id,
      startTime: micros(f.starttime),
      startTimeFrom: micros(f.start_time__gte),
      startTimeTo: micros(f.start_time__lte),
      startTimeRange: f.start_time__range && dateRangeMicros(f.start_time__range, Date.now()),
      duration: f.duration,
      durationFrom: f.duration__gte,
      durationTo: f.duration__lte,
    };
    return [
      this.sessions.visibleSessionRows(auth, 'l.session_id'),
      ...this.listenEvents.filterConditions(filters),
    ];
  }

  /** The unpaginated list: at most EVENTS_LIST_MAX_ROWS rows, else 400. */
  private async all(conditions: SqlCondition[]): Promise<ListenEventDto[]> {
    const max = this.config.eventsListMaxRows;
    const rows = await this.listenEvents.list(conditions, max + 1);
    if (rows.length > max) {
      throw new BadRequestException(
        `More than ${max} listen events match. Ask for pages with page_size (and page), or narrow the filters.`,
      );
    }
    return rows.map(toRoundwareListenEvent);
  }
}
