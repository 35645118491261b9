import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { offsetOf, Page, PageRequest } from '../common/pagination';
import { nowMicros } from '../common/time';
import { sanitizeBasicHtml } from './basic-html';
import { parseOrdering } from './dto/query-filters';
import {
  CreateScheduleSessionDto,
  ListScheduleSessionsQueryDto,
  ScheduleSessionDto,
  UpdateScheduleSessionDto,
} from './dto/schedule-session.dto';
import { ScheduleSession } from './entities/schedule-session.entity';
import { GuideAccess } from './guide-access.service';
import { toGuidebookSession } from './guidebook.mapper';
import { GuidesRepository } from './guides.repository';
import { resolveSessionTimes } from './schedule-rules';
import { ScheduleSessionsRepository, TrackLinkRefused } from './schedule-sessions.repository';

const blankToNull = (text: string | null | undefined): string | null => (text ? text : null);

/** A track link the database refused: a track was deleted between the check and the insert. */
function trackLinkError(error: unknown): unknown {
  return error instanceof TrackLinkRefused
    ? FieldErrorsException.of('schedule_tracks', 'A schedule track was deleted meanwhile; try again.')
    : error;
}

/**
 * Schedule sessions of guides. A session and its track links are written in one transaction (by the
 * repository), so a refused link leaves the session as it was (or not created at all).
 */
@Injectable()
export class ScheduleSessionsService {
  constructor(
    private readonly sessions: ScheduleSessionsRepository,
    private readonly guides: GuidesRepository,
    private readonly access: GuideAccess,
  ) {}

  async create(auth: AuthUser, dto: CreateScheduleSessionDto): Promise<ScheduleSessionDto> {
    const guide = await this.access.writableFromBody(auth, dto.guide);
    const times = resolveSessionTimes(null, dto);
    const trackIds = await this.tracksOfGuide(guide.id, dto.schedule_tracks ?? []);
    const now = nowMicros();
    const session = await this.sessions
      .insertSession(
        {
          guideId: guide.id,
          name: dto.name,
          descriptionHtml: sanitizeBasicHtml(dto.description_html),
          ...times,
          allowRating: dto.allow_rating ?? false,
          addToSchedule: dto.add_to_schedule ?? false,
          importId: blankToNull(dto.import_id),
          createdAt: now,
          lastUpdated: now,
        },
        trackIds,
      )
      .catch((error: unknown) => {
        throw trackLinkError(error);
      });
    return toGuidebookSession(session, trackIds);
  }

  async list(
    auth: AuthUser,
    page: PageRequest,
    query: ListScheduleSessionsQueryDto,
  ): Promise<Page<ScheduleSessionDto>> {
    const ordering = parseOrdering(query.ordering);
    // a total order ending in the id, so pages never overlap or skip rows
    if (!ordering.some(([key]) => key === 'id')) ordering.push(['id', 'ASC']);
    const [count, rows] = await this.sessions.pageOfSessions(
      this.access.visibleTo(auth, 'g.owner_id'),
      { guide: query.guide, id: query.id, importId: query.import_id, trackIds: query.schedule_tracks },
      ordering,
      offsetOf(page),
      page.pageSize,
    );
    const tracks = await this.sessions.trackIdsOf(rows.map((r) => r.id));
    return { count, items: rows.map((row) => toGuidebookSession(row, tracks.get(row.id) ?? [])) };
  }

  async get(auth: AuthUser, id: number): Promise<ScheduleSessionDto> {
    const session = await this.readable(auth, id);
    return toGuidebookSession(session, (await this.sessions.trackIdsOf([session.id])).get(session.id) ?? []);
  }

  async update(auth: AuthUser, id: number, dto: UpdateScheduleSessionDto): Promise<ScheduleSessionDto> {
    const session = await this.readable(auth, id);
    await this.assertCanWrite(auth, session);
    if (dto.guide !== undefined && dto.guide !== session.guideId) {
      throw FieldErrorsException.of('guide', 'The guide of a session cannot be changed.');
    }
    Object.assign(session, resolveSessionTimes(session, dto));
    const current = (await this.sessions.trackIdsOf([session.id])).get(session.id) ?? [];
    let trackIds = current;
    if (dto.schedule_tracks !== undefined) {
      trackIds = await this.tracksOfGuide(session.guideId, dto.schedule_tracks);
    }
    const added = trackIds.filter((t) => !current.includes(t));
    const removed = current.filter((t) => !trackIds.includes(t));
    if (dto.name !== undefined) session.name = dto.name;
    if (dto.description_html !== undefined) session.descriptionHtml = sanitizeBasicHtml(dto.description_html);
    if (dto.allow_rating !== undefined) session.allowRating = dto.allow_rating;
    if (dto.add_to_schedule !== undefined) session.addToSchedule = dto.add_to_schedule;
    if (dto.import_id !== undefined) session.importId = blankToNull(dto.import_id);
    session.lastUpdated = Math.max(nowMicros(), session.lastUpdated + 1);
    await this.sessions.updateSession(session, added, removed).catch((error: unknown) => {
      throw trackLinkError(error);
    });
    return toGuidebookSession(session, trackIds);
  }

  /** The guide's owner (or an admin) deletes a session of it; its track links go with it. */
  async remove(auth: AuthUser, id: number): Promise<void> {
    const session = await this.readable(auth, id);
    await this.assertCanWrite(auth, session);
    await this.sessions.deleteById(session.id);
  }

  /** The session `id` if `auth` may read its guide, else 404. */
  private async readable(auth: AuthUser, id: number): Promise<ScheduleSession> {
    const session = await this.sessions.findVisible(id, this.access.scopeOf(auth, 'g.owner_id'));
    if (!session) throw new NotFoundException();
    return session;
  }

  private async assertCanWrite(auth: AuthUser, session: ScheduleSession): Promise<void> {
    const guide = await this.guides.findById(session.guideId);
    if (!guide) throw new NotFoundException();
    this.access.assertCanWrite(auth, guide);
  }

  /** `ids` without duplicates, ascending, if every one is a track of `guideId`; else 400 naming them. */
  private async tracksOfGuide(guideId: number, ids: number[]): Promise<number[]> {
    const wanted = [...new Set(ids)].sort((a, b) => a - b);
    if (!wanted.length) return [];
    const inRange = wanted.filter((id) => id >= 1 && id <= 2_147_483_647);
    const found = await this.sessions.trackIdsOfGuide(guideId, inRange);
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) {
      throw new FieldErrorsException({
        schedule_tracks: missing.map(
          (id) => `Invalid pk "${id}" - not a schedule track of guide ${guideId}.`,
        ),
      });
    }
    return wanted;
  }
}
