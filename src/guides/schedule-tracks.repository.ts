import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository } from 'typeorm';
import { Guide } from './entities/guide.entity';
import { ScheduleTrack } from './entities/schedule-track.entity';
import type { QueryScope } from './guides.repository';

/** The filters of the track list. */
export interface TrackFilters {
  guide?: number;
  id?: number;
  importId?: string;
}

/** Every statement on `schedule_tracks`. Visibility comes in as a query scope from `GuideAccess`. */
@Injectable()
export class ScheduleTracksRepository {
  constructor(@InjectRepository(ScheduleTrack) private readonly tracks: Repository<ScheduleTrack>) {}

  /** Inserts a track and returns it. */
  async insertTrack(fields: DeepPartial<ScheduleTrack>): Promise<ScheduleTrack> {
    return this.tracks.save(this.tracks.create(fields));
  }

  /** Updates `track` and returns it. */
  async save(track: ScheduleTrack): Promise<ScheduleTrack> {
    return this.tracks.save(track);
  }

  /** How many tracks pass `scope` (on their guide `g`) and `filters`, and those of the page, by id. */
  async pageOfTracks(
    scope: QueryScope,
    filters: TrackFilters,
    offset: number,
    limit: number,
  ): Promise<[number, ScheduleTrack[]]> {
    const qb = scope(this.tracks.createQueryBuilder('t').innerJoin(Guide, 'g', 'g.id = t.guide_id'));
    if (filters.guide !== undefined) qb.andWhere('t.guide_id = :guide', { guide: filters.guide });
    if (filters.id !== undefined) qb.andWhere('t.id = :id', { id: filters.id });
    if (filters.importId !== undefined)
      qb.andWhere('t.import_id = :importId', { importId: filters.importId });
    const count = await qb.getCount();
    const rows = await qb.orderBy('t.id', 'ASC').offset(offset).limit(limit).getMany();
    return [count, rows];
  }

  /** The track `id` if it passes `scope` (on its guide `g`). */
  async findVisible(id: number, scope: QueryScope): Promise<ScheduleTrack | null> {
    return scope(this.tracks.createQueryBuilder('t').innerJoin(Guide, 'g', 'g.id = t.guide_id'))
      .andWhere('t.id = :id', { id })
      .getOne();
  }

  /** Deletes a track (its session links go with it). */
  async deleteById(id: number): Promise<void> {
    await this.tracks.delete({ id });
  }
}
