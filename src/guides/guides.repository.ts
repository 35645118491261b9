import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DeepPartial, Repository, SelectQueryBuilder } from 'typeorm';
import { Guide } from './entities/guide.entity';

/** Restricts a query builder to the rows `auth` may read (from `GuideAccess.scope`). */
export type QueryScope = <Q extends object>(qb: SelectQueryBuilder<Q>) => SelectQueryBuilder<Q>;

/** Every statement on `guides`. Visibility comes in from `GuideAccess` (an owner id or a query scope). */
@Injectable()
export class GuidesRepository {
  constructor(@InjectRepository(Guide) private readonly guides: Repository<Guide>) {}

  /** The guide `id`, if it belongs to `ownerId` (any owner when `ownerId` is undefined). */
  async findById(id: number, ownerId?: number): Promise<Guide | null> {
    return this.guides.findOneBy(ownerId === undefined ? { id } : { id, ownerId });
  }

  /** A guide object (not yet saved). */
  build(fields: DeepPartial<Guide>): Guide {
    return this.guides.create(fields);
  }

  /** Inserts or updates `guide` and returns it. */
  async save(guide: Guide): Promise<Guide> {
    return this.guides.save(guide);
  }

  /** How many guides pass `scope`, and those of the page from `offset`, by id. */
  async pageOfGuides(scope: QueryScope, offset: number, limit: number): Promise<[number, Guide[]]> {
    const qb = scope(this.guides.createQueryBuilder('g'));
    const count = await qb.getCount();
    const rows = await qb.orderBy('g.id', 'ASC').offset(offset).limit(limit).getMany();
    return [count, rows];
  }

  /** Deletes a guide (its tracks and sessions go with it); false when there was none. */
  async deleteById(id: number): Promise<boolean> {
    return Boolean((await this.guides.delete({ id })).affected);
  }
}
