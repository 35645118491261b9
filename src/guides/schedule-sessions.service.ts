import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { offsetOf, Page, PageRequest } from '../common/pagination';
import { nowMicros } from '../common/time';
import { sanitizeBasicHtml } from './basic-html';
import { parseOrdering } from './dto/query-filters';
import {
  CreateScheduleSessionDto,
  CreateScheduleSessionV11Dto,
  ListScheduleSessionsQueryDto,
  ScheduleSessionDto,
  UpdateScheduleSessionDto,
} from './dto/schedule-session.dto';
import { ScheduleSession } from './entities/schedule-session.entity';
import { Guide } from './entities/guide.entity';
import { GuideAccess } from './guide-access.service';
import { WebhookEvents } from './webhook-events.service';
import { GUIDEBOOK_FOLDER, imageExtensionOf, MediaStore } from '../media/media-store.service';
import { toGuidebookSession } from './guidebook.mapper';
import { assertListFilter, GuidebookVersion } from './guidebook-version';
import { GuidesRepository } from './guides.repository';
import { resolveRegistration, resolveSessionTimes, SessionRegistration } from './schedule-rules';
import { LinkChange, ScheduleSessionsRepository, TrackLinkRefused } from './schedule-sessions.repository';

/** The part of a multer upload the service reads. */
export interface UploadedImage {
  /** Where multer wrote it (inside the store's `.incoming/`). */
  path: string;
}

const IMAGE_MESSAGE =
  'Upload a valid image. The file you uploaded was either not an image or a corrupted image (PNG or JPEG only).';

const blankToNull = (text: string | null | undefined): string | null => (text ? text : null);

/** A track link the database refused: a track was deleted between the check and the insert. */
function trackLinkError(error: unknown): unknown {
  if (!(error instanceof TrackLinkRefused)) return error;
  return error.field === 'locations'
    ? FieldErrorsException.of('locations', 'A location was deleted meanwhile; try again.')
    : FieldErrorsException.of('schedule_tracks', 'A schedule track was deleted meanwhile; try again.');
}

const NO_REGISTRATION: SessionRegistration = {
  addToSchedule: false,
  requireLogin: false,
  maxCapacity: null,
  waitlist: false,
  registrationStartDate: null,
  registrationEndDate: null,
};

/** What changed in a link list. */
function diff(current: number[], next: number[]): LinkChange {
  return {
    added: next.filter((id) => !current.includes(id)),
    removed: current.filter((id) => !next.includes(id)),
  };
}

/**
 * Schedule sessions of guides. A session and its track links are written in one transaction (by the
 * repository), so a refused link leaves the session as it was (or not created at all). An uploaded image
 * is moved from the store's `.incoming/` to its final name as the last step of that transaction (a failed
 * transaction removes it again), and the image it replaces is removed once the change is committed; an upload
 * not kept is removed from `.incoming/` by the route's `UploadCleanupInterceptor`.
 */
@Injectable()
export class ScheduleSessionsService {
  constructor(
    private readonly sessions: ScheduleSessionsRepository,
    private readonly guides: GuidesRepository,
    private readonly access: GuideAccess,
    private readonly events: WebhookEvents,
    private readonly media: MediaStore,
  ) {}

  /**
   * v1 follows the seed (`description_html` required by the DTO, `allow_rating` and `add_to_schedule`
   * false unless sent); v1.1 today's docs (both true unless sent).
   */
  async create(
    auth: AuthUser,
    version: GuidebookVersion,
    dto: CreateScheduleSessionDto | CreateScheduleSessionV11Dto,
    mediaBase: string,
    image?: UploadedImage,
  ): Promise<ScheduleSessionDto> {
    const guide = await this.access.writableFromBody(auth, dto.guide);
    const times = resolveSessionTimes(null, dto);
    const defaultOn = version === 'v1.1';
    const registration = resolveRegistration(
      { ...NO_REGISTRATION, addToSchedule: dto.add_to_schedule ?? defaultOn },
      dto,
    );
    const tracks = await this.tracksOfGuide(guide.id, dto.schedule_tracks ?? []);
    const locations = await this.locationsOfGuide(guide.id, dto.locations ?? []);
    const imagePath = image ? await this.imageName(image) : null;
    const now = nowMicros();
    const session = await this.sessions
      .insertSession(
        {
          guideId: guide.id,
          name: dto.name,
          descriptionHtml: sanitizeBasicHtml(dto.description_html ?? null),
          ...times,
          ...registration,
          allowRating: dto.allow_rating ?? defaultOn,
          importId: blankToNull(dto.import_id),
          rank: dto.rank ?? 0,
          imagePath,
          createdAt: now,
          lastUpdated: now,
        },
        { tracks, locations },
        async (created) => {
          await this.sessionEvent(auth, version, guide, 'Builder-SessionCreated', created);
          if (image && imagePath) await this.media.commit(image.path, imagePath);
        },
      )
      .catch(async (error: unknown) => {
        if (imagePath) await this.media.remove(imagePath);
        throw trackLinkError(error);
      });
    return toGuidebookSession(session, { tracks, locations }, mediaBase);
  }

  async list(
    auth: AuthUser,
    version: GuidebookVersion,
    page: PageRequest,
    query: ListScheduleSessionsQueryDto,
    mediaBase: string,
  ): Promise<Page<ScheduleSessionDto>> {
    assertListFilter(version, query.guide);
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
    const links = await this.sessions.linksOf(rows.map((r) => r.id));
    return { count, items: rows.map((row) => toGuidebookSession(row, links.get(row.id)!, mediaBase)) };
  }

  async get(auth: AuthUser, id: number, mediaBase: string): Promise<ScheduleSessionDto> {
    const session = await this.readable(auth, id);
    const links = (await this.sessions.linksOf([session.id])).get(session.id)!;
    return toGuidebookSession(session, links, mediaBase);
  }

  async update(
    auth: AuthUser,
    version: GuidebookVersion,
    id: number,
    dto: UpdateScheduleSessionDto,
    mediaBase: string,
    image?: UploadedImage,
  ): Promise<ScheduleSessionDto> {
    const session = await this.readable(auth, id);
    const guide = await this.assertCanWrite(auth, session);
    if (dto.guide !== undefined && dto.guide !== session.guideId) {
      throw FieldErrorsException.of('guide', 'The guide of a session cannot be changed.');
    }
    Object.assign(session, resolveSessionTimes(session, dto));
    Object.assign(session, resolveRegistration(session, dto));
    const current = (await this.sessions.linksOf([session.id])).get(session.id)!;
    const tracks =
      dto.schedule_tracks !== undefined
        ? await this.tracksOfGuide(session.guideId, dto.schedule_tracks)
        : current.tracks;
    const locations =
      dto.locations !== undefined
        ? await this.locationsOfGuide(session.guideId, dto.locations)
        : current.locations;
    if (dto.rank !== undefined) session.rank = dto.rank;
    if (dto.name !== undefined) session.name = dto.name;
    if (dto.description_html !== undefined) session.descriptionHtml = sanitizeBasicHtml(dto.description_html);
    if (dto.allow_rating !== undefined) session.allowRating = dto.allow_rating;
    if (dto.import_id !== undefined) session.importId = blankToNull(dto.import_id);
    const replaced = session.imagePath;
    const imagePath = image ? await this.imageName(image) : null;
    if (image || dto.image === null) session.imagePath = imagePath;
    session.lastUpdated = Math.max(nowMicros(), session.lastUpdated + 1);
    await this.sessions
      .updateSession(session, diff(current.tracks, tracks), diff(current.locations, locations), async () => {
        await this.sessionEvent(auth, version, guide, 'Builder-SessionUpdated', session);
        if (image && imagePath) await this.media.commit(image.path, imagePath);
      })
      .catch(async (error: unknown) => {
        if (imagePath) await this.media.remove(imagePath);
        throw trackLinkError(error);
      });
    if (replaced && replaced !== session.imagePath) await this.media.remove(replaced);
    return toGuidebookSession(session, { tracks, locations }, mediaBase);
  }

  /**
   * The guide's owner (or an admin) deletes a session of it; its track links go with it. The delete that
   * leaves the guide without sessions also emits `Builder-AllSessionsInGuideDeleted` (after the session's
   * own event), as Guidebook's Builder does when a guide's schedule is emptied.
   */
  async remove(auth: AuthUser, version: GuidebookVersion, id: number): Promise<void> {
    const session = await this.readable(auth, id);
    const guide = await this.assertCanWrite(auth, session);
    await this.sessions.deleteById(session, async (remaining) => {
      await this.sessionEvent(auth, version, guide, 'Builder-SessionDeleted', session);
      if (remaining === 0) await this.events.emit(auth, version, guide, 'Builder-AllSessionsInGuideDeleted');
    });
    if (session.imagePath) await this.media.remove(session.imagePath);
  }

  /** A new store name for an uploaded image (`guidebook/<random>.png|jpg`, by its content), or 400. */
  private async imageName(image: UploadedImage): Promise<string> {
    const ext = imageExtensionOf(await this.media.headOf(image.path));
    if (!ext) throw FieldErrorsException.of('image', IMAGE_MESSAGE);
    return `${GUIDEBOOK_FOLDER}/${this.media.newName(ext)}`;
  }

  /** Writes a session's webhook event in the transaction of its change. */
  private sessionEvent(
    auth: AuthUser,
    version: GuidebookVersion,
    guide: Guide,
    event: 'Builder-SessionCreated' | 'Builder-SessionUpdated' | 'Builder-SessionDeleted',
    session: ScheduleSession,
  ): Promise<void> {
    return this.events.emit(auth, version, guide, event, {
      session_id: String(session.id),
      session_name: session.name,
    });
  }

  /** The session `id` if `auth` may read its guide, else 404. */
  private async readable(auth: AuthUser, id: number): Promise<ScheduleSession> {
    const session = await this.sessions.findVisible(id, this.access.scopeOf(auth, 'g.owner_id'));
    if (!session) throw new NotFoundException();
    return session;
  }

  private async assertCanWrite(auth: AuthUser, session: ScheduleSession): Promise<Guide> {
    const guide = await this.guides.findById(session.guideId);
    if (!guide) throw new NotFoundException();
    this.access.assertCanWrite(auth, guide);
    return guide;
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

  /** `ids` without duplicates, ascending, if every one is a location of `guideId`; else 400 naming them. */
  private async locationsOfGuide(guideId: number, ids: number[]): Promise<number[]> {
    const wanted = [...new Set(ids)].sort((a, b) => a - b);
    if (!wanted.length) return [];
    const inRange = wanted.filter((id) => id >= 1 && id <= 2_147_483_647);
    const found = await this.sessions.locationIdsOfGuide(guideId, inRange);
    const missing = wanted.filter((id) => !found.has(id));
    if (missing.length) {
      throw new FieldErrorsException({
        locations: missing.map((id) => `Invalid pk "${id}" - not a location of guide ${guideId}.`),
      });
    }
    return wanted;
  }
}
