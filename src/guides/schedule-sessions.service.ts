import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { In, Repository, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { drfPage, DrfPage, offsetOf, PageRequest } from '../common/pagination';
import { nowMicros } from '../common/time';
import { Sql, SqlValue } from '../database/sql';
import { sanitizeBasicHtml } from './basic-html';
import { parseOrdering } from './dto/query-filters';
import {
  CreateScheduleSessionDto,
  ListScheduleSessionsQueryDto,
  ScheduleSessionDto,
  UpdateScheduleSessionDto,
} from './dto/schedule-session.dto';
import { Guide } from './entities/guide.entity';
import { ScheduleSessionTrack } from './entities/schedule-session-track.entity';
import { ScheduleSession } from './entities/schedule-session.entity';
import { ScheduleTrack } from './entities/schedule-track.entity';
import { GuideAccess } from './guide-access.service';
import { toGuidebookSession } from './guidebook.mappers';
import { resolveSessionTimes } from './schedule-rules';

const ORDER_COLUMNS: Record<string, string> = {
  id: 's.id',
  start_time: 's.start_time',
  end_time: 's.end_time',
};

const blankToNull = (text: string | null | undefined): string | null => (text ? text : null);

/**
 * Schedule sessions of guides. Writes are single statements in a safe order rather than one transaction
 * (the SQLite driver shares one connection between concurrent requests): new track links are inserted
 * before anything else changes, so a failure leaves the session as it was.
 */
@Injectable()
export class ScheduleSessionsService {
  constructor(
    @InjectRepository(ScheduleSession) private readonly sessions: Repository<ScheduleSession>,
    @InjectRepository(ScheduleSessionTrack) private readonly links: Repository<ScheduleSessionTrack>,
    @InjectRepository(ScheduleTrack) private readonly tracks: Repository<ScheduleTrack>,
    @InjectRepository(Guide) private readonly guides: Repository<Guide>,
    private readonly access: GuideAccess,
    private readonly sql: Sql,
  ) {
    this.toSession = sql.rowMapper(ScheduleSession);
  }

  private readonly toSession: (row: Record<string, unknown>) => ScheduleSession;

  async create(auth: AuthUser, dto: CreateScheduleSessionDto): Promise<ScheduleSessionDto> {
    const guide = await this.access.writableFromBody(auth, dto.guide);
    const times = resolveSessionTimes(null, dto);
    const trackIds = await this.tracksOfGuide(guide.id, dto.schedule_tracks ?? []);
    const now = nowMicros();
    const session = await this.sessions.save(
      this.sessions.create({
        guideId: guide.id,
        name: dto.name,
        descriptionHtml: sanitizeBasicHtml(dto.description_html),
        ...times,
        allowRating: dto.allow_rating ?? false,
        addToSchedule: dto.add_to_schedule ?? false,
        importId: blankToNull(dto.import_id),
        createdAt: now,
        lastUpdated: now,
      }),
    );
    try {
      await this.insertLinks(session.id, trackIds);
    } catch (error) {
      await this.sessions.delete({ id: session.id });
      throw error;
    }
    return toGuidebookSession(session, trackIds);
  }

  async list(
    auth: AuthUser,
    req: Request,
    page: PageRequest,
    query: ListScheduleSessionsQueryDto,
  ): Promise<DrfPage<ScheduleSessionDto>> {
    const [scope, params] = this.access.condition(auth, 'g.owner_id');
    const where = scope ? [scope] : [];
    const add = (condition: string, ...values: SqlValue[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (query.guide !== undefined) add('s.guide_id = ?', query.guide);
    if (query.id !== undefined) add('s.id = ?', query.id);
    if (query.import_id !== undefined) add('s.import_id = ?', query.import_id);
    if (query.schedule_tracks?.length) {
      const [list, values] = this.sql.inList(query.schedule_tracks);
      add(
        `EXISTS (SELECT 1 FROM schedule_session_tracks st WHERE st.session_id = s.id AND st.track_id IN ${list})`,
        ...values,
      );
    }
    const from = ` FROM schedule_sessions s JOIN guides g ON g.id = s.guide_id${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    // a plain COUNT(*): the join on the guide is one row per session (COUNT(DISTINCT) was twice the work)
    const counted = await this.sql.one<{ count: number }>(`SELECT COUNT(*) AS count${from}`, params);
    const count = Number(counted?.count ?? 0);
    // Django/PostgreSQL order: NULL end times sort after every time ascending, before them descending.
    const ordering = parseOrdering(query.ordering);
    // a total order ending in the id, so pages never overlap or skip rows
    if (!ordering.some(([key]) => key === 'id')) ordering.push(['id', 'ASC']);
    const order = ordering
      .map(([key, direction]) => {
        const nulls = key === 'end_time' ? (direction === 'ASC' ? ' NULLS LAST' : ' NULLS FIRST') : '';
        return `${ORDER_COLUMNS[key]} ${direction}${nulls}`;
      })
      .join(', ');
    const rows =
      offsetOf(page) < count
        ? (
            await this.sql.all<Record<string, unknown>>(
              `SELECT s.*${from} ORDER BY ${order} LIMIT ? OFFSET ?`,
              [...params, page.pageSize, offsetOf(page)],
            )
          ).map(this.toSession)
        : [];
    const tracks = await this.trackIdsOf(rows.map((r) => r.id));
    return drfPage(
      req,
      page,
      count,
      rows.map((row) => toGuidebookSession(row, tracks.get(row.id) ?? [])),
    );
  }

  async get(auth: AuthUser, id: number): Promise<ScheduleSessionDto> {
    const session = await this.readable(auth, id);
    return toGuidebookSession(session, (await this.trackIdsOf([session.id])).get(session.id) ?? []);
  }

  async update(auth: AuthUser, id: number, dto: UpdateScheduleSessionDto): Promise<ScheduleSessionDto> {
    const session = await this.readable(auth, id);
    await this.assertCanWrite(auth, session);
    if (dto.guide !== undefined && dto.guide !== session.guideId) {
      throw FieldErrorsException.of('guide', 'The guide of a session cannot be changed.');
    }
    Object.assign(session, resolveSessionTimes(session, dto));
    const current = (await this.trackIdsOf([session.id])).get(session.id) ?? [];
    let trackIds = current;
    if (dto.schedule_tracks !== undefined) {
      trackIds = await this.tracksOfGuide(session.guideId, dto.schedule_tracks);
      await this.insertLinks(
        session.id,
        trackIds.filter((t) => !current.includes(t)),
      );
      const removed = current.filter((t) => !trackIds.includes(t));
      if (removed.length) await this.links.delete({ sessionId: session.id, trackId: In(removed) });
    }
    if (dto.name !== undefined) session.name = dto.name;
    if (dto.description_html !== undefined) session.descriptionHtml = sanitizeBasicHtml(dto.description_html);
    if (dto.allow_rating !== undefined) session.allowRating = dto.allow_rating;
    if (dto.add_to_schedule !== undefined) session.addToSchedule = dto.add_to_schedule;
    if (dto.import_id !== undefined) session.importId = blankToNull(dto.import_id);
    session.lastUpdated = Math.max(nowMicros(), session.lastUpdated + 1);
    await this.sessions.save(session);
    return toGuidebookSession(session, trackIds);
  }

  /** The guide's owner (or an admin) deletes a session of it; its track links go with it. */
  async remove(auth: AuthUser, id: number): Promise<void> {
    const session = await this.readable(auth, id);
    await this.assertCanWrite(auth, session);
    await this.sessions.delete({ id: session.id });
  }

  /** Sessions of guides `auth` may read. */
  private visible(auth: AuthUser): SelectQueryBuilder<ScheduleSession> {
    return this.access.scope(
      this.sessions.createQueryBuilder('s').innerJoin(Guide, 'g', 'g.id = s.guide_id'),
      auth,
      'g.owner_id',
    );
  }

  private async readable(auth: AuthUser, id: number): Promise<ScheduleSession> {
    const session = await this.visible(auth).andWhere('s.id = :id', { id }).getOne();
    if (!session) throw new NotFoundException();
    return session;
  }

  private async assertCanWrite(auth: AuthUser, session: ScheduleSession): Promise<void> {
    const guide = await this.guides.findOneBy({ id: session.guideId });
    if (!guide) throw new NotFoundException();
    this.access.assertCanWrite(auth, guide);
  }

  /** `ids` without duplicates, ascending, if every one is a track of `guideId`; else 400 naming them. */
  private async tracksOfGuide(guideId: number, ids: number[]): Promise<number[]> {
    const wanted = [...new Set(ids)].sort((a, b) => a - b);
    if (!wanted.length) return [];
    const inRange = wanted.filter((id) => id >= 1 && id <= 2_147_483_647);
    const found = new Set(
      inRange.length
        ? (await this.tracks.find({ select: { id: true }, where: { guideId, id: In(inRange) } })).map(
            (t) => t.id,
          )
        : [],
    );
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

  private async insertLinks(sessionId: number, trackIds: number[]): Promise<void> {
    if (!trackIds.length) return;
    try {
      await this.links.insert(trackIds.map((trackId) => ({ sessionId, trackId })));
    } catch {
      // A track was deleted between the check and the insert (foreign key refused it).
      throw FieldErrorsException.of('schedule_tracks', 'A schedule track was deleted meanwhile; try again.');
    }
  }

  /** Track ids per session, ascending. */
  private async trackIdsOf(sessionIds: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (!sessionIds.length) return out;
    const [ids, params] = this.sql.inList(sessionIds);
    const rows = await this.sql.all<{ session_id: number; track_id: number }>(
      `SELECT session_id, track_id FROM schedule_session_tracks WHERE session_id IN ${ids} ORDER BY session_id, track_id`,
      params,
    );
    for (const row of rows) {
      const list = out.get(row.session_id) ?? [];
      list.push(row.track_id);
      out.set(row.session_id, list);
    }
    return out;
  }
}
