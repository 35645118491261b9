import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, In, Not, Repository } from 'typeorm';
import { Guide } from './entities/guide.entity';
import { Location, LocationType } from './entities/location.entity';
import type { QueryScope } from './guides.repository';
import { isConstraintError } from '../database/errors';

/** A second Main Venue for a guide (the partial unique index refused it). */
export class MainVenueTakenError extends Error {}

/** The write, with the unique index's refusal told apart. */
function refusingSecondMainVenue(error: unknown): never {
  throw isConstraintError(error, 'unique') ? new MainVenueTakenError() : error;
}

/** The filters of the location list. */
export interface LocationFilters {
  guide?: number;
  locationType?: number;
  id?: number;
  importId?: string;
}

/** Every statement on `locations`. Visibility comes in as a query scope from `GuideAccess`. */
@Injectable()
export class LocationsRepository {
  constructor(@InjectRepository(Location) private readonly locations: Repository<Location>) {}

  /** Stores a new location; `MainVenueTakenError` when its guide already has a Main Venue. */
  async insertLocation(fields: DeepPartial<Location>): Promise<Location> {
    return this.locations.save(this.locations.create(fields)).catch(refusingSecondMainVenue);
  }

  /** Stores a changed location; `MainVenueTakenError` when it would be its guide's second Main Venue. */
  async save(location: Location): Promise<Location> {
    return this.locations.save(location).catch(refusingSecondMainVenue);
  }

  /** How many locations pass `scope` (on their guide `g`) and `filters`, and those of the page, by id. */
  async pageOfLocations(
    scope: QueryScope,
    filters: LocationFilters,
    offset: number,
    limit: number,
  ): Promise<[number, Location[]]> {
    const qb = scope(this.locations.createQueryBuilder('l').innerJoin(Guide, 'g', 'g.id = l.guide_id'));
    if (filters.guide !== undefined) qb.andWhere('l.guide_id = :guide', { guide: filters.guide });
    if (filters.locationType !== undefined)
      qb.andWhere('l.location_type = :locationType', { locationType: filters.locationType });
    if (filters.id !== undefined) qb.andWhere('l.id = :id', { id: filters.id });
    if (filters.importId !== undefined)
      qb.andWhere('l.import_id = :importId', { importId: filters.importId });
    const count = await qb.getCount();
    const rows = await qb.orderBy('l.id', 'ASC').offset(offset).limit(limit).getMany();
    return [count, rows];
  }

  async findVisible(id: number, scope: QueryScope): Promise<Location | null> {
    return scope(this.locations.createQueryBuilder('l').innerJoin(Guide, 'g', 'g.id = l.guide_id'))
      .andWhere('l.id = :id', { id })
      .getOne();
  }

  /** Whether `guideId` has a Main Venue other than `exceptId`. */
  async hasMainVenue(guideId: number, exceptId?: number): Promise<boolean> {
    return this.locations.exists({
      where: {
        guideId,
        locationType: LocationType.MainVenue,
        ...(exceptId !== undefined ? { id: Not(exceptId) } : {}),
      },
    });
  }

  /** Which of `ids` are locations of `guideId`. */
  async idsOfGuide(guideId: number, ids: number[]): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows = await this.locations.find({ select: { id: true }, where: { guideId, id: In(ids) } });
    return new Set(rows.map((l) => l.id));
  }

  /** Deletes a location (its session links go with it). */
  async deleteById(id: number): Promise<void> {
    await this.locations.delete({ id });
  }
}
