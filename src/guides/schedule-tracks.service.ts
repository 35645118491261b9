import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { offsetOf, Page, PageRequest } from '../common/pagination';
import { nowMicros } from '../common/time';
import {
  CreateScheduleTrackDto,
  ListScheduleTracksQueryDto,
  ScheduleTrackDto,
  UpdateScheduleTrackDto,
} from './dto/schedule-track.dto';
import { Guide } from './entities/guide.entity';
import { ScheduleTrack } from './entities/schedule-track.entity';
import { GuideAccess } from './guide-access.service';
import { GuidesRepository } from './guides.repository';
import { ScheduleTracksRepository } from './schedule-tracks.repository';
import { toGuidebookTrack } from './guidebook.mapper';
import { assertListFilter, GuidebookVersion } from './guidebook-version';

const blankToNull = (text: string | null | undefined): string | null => (text ? text : null);

@Injectable()
export class ScheduleTracksService {
  constructor(
    private readonly tracks: ScheduleTracksRepository,
    private readonly guides: GuidesRepository,
    private readonly access: GuideAccess,
  ) {}

  async create(auth: AuthUser, dto: CreateScheduleTrackDto): Promise<ScheduleTrackDto> {
    const guide = await this.access.writableFromBody(auth, dto.guide);
    const now = nowMicros();
    const track = await this.tracks.insertTrack({
      guideId: guide.id,
      name: dto.name,
      color: dto.color ?? null,
      importId: blankToNull(dto.import_id),
      createdAt: now,
      lastUpdated: now,
    });
    return toGuidebookTrack(track);
  }

  async list(
    auth: AuthUser,
    version: GuidebookVersion,
    page: PageRequest,
    query: ListScheduleTracksQueryDto,
  ): Promise<Page<ScheduleTrackDto>> {
    assertListFilter(version, query.guide);
    const [count, rows] = await this.tracks.pageOfTracks(
      this.access.scopeOf(auth, 'g.owner_id'),
      { guide: query.guide, id: query.id, importId: query.import_id },
      offsetOf(page),
      page.pageSize,
    );
    return { count, items: rows.map(toGuidebookTrack) };
  }

  async get(auth: AuthUser, id: number): Promise<ScheduleTrackDto> {
    return toGuidebookTrack((await this.readable(auth, id)).track);
  }

  async update(auth: AuthUser, id: number, dto: UpdateScheduleTrackDto): Promise<ScheduleTrackDto> {
    const { track, guide } = await this.readable(auth, id);
    this.access.assertCanWrite(auth, guide);
    if (dto.guide !== undefined && dto.guide !== track.guideId) {
      throw FieldErrorsException.of('guide', 'The guide of a schedule track cannot be changed.');
    }
    if (dto.name !== undefined) track.name = dto.name;
    if (dto.color !== undefined) track.color = dto.color;
    if (dto.import_id !== undefined) track.importId = blankToNull(dto.import_id);
    track.lastUpdated = Math.max(nowMicros(), track.lastUpdated + 1);
    return toGuidebookTrack(await this.tracks.save(track));
  }

  /** The guide's owner (or an admin) removes a track; its sessions stay, without it. */
  async remove(auth: AuthUser, id: number): Promise<void> {
    const { track, guide } = await this.readable(auth, id);
    this.access.assertCanWrite(auth, guide);
    await this.tracks.deleteById(track.id);
  }

  /** The track and its guide if `auth` may read them, else 404. */
  private async readable(auth: AuthUser, id: number): Promise<{ track: ScheduleTrack; guide: Guide }> {
    const track = await this.tracks.findVisible(id, this.access.scopeOf(auth, 'g.owner_id'));
    if (!track) throw new NotFoundException();
    const guide = await this.guides.findById(track.guideId);
    if (!guide) throw new NotFoundException();
    return { track, guide };
  }
}
