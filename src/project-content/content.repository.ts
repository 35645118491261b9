import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, DeepPartial, EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { Sql } from '../database/sql';
import { Asset } from './entities/asset.entity';
import { Audiotrack } from './entities/audiotrack.entity';
import { Envelope } from './entities/envelope.entity';
import { Speaker } from './entities/speaker.entity';
import { Tag } from './entities/tag.entity';
import { TimedAsset } from './entities/timed-asset.entity';
import { UiGroup } from './entities/ui-group.entity';
import { UiItem } from './entities/ui-item.entity';
import { Vote } from './entities/vote.entity';

/** Exact-value and boolean filters of a list: column → value (undefined: no filter). */
export type Equals = Record<string, number | string | boolean | undefined>;

/** Range filters: `[column, operator, value]`. */
export type Range = [string, '<=' | '>=', number | undefined];

/** What every content list takes: the visible project ids and its filters. */
export interface ListQuery {
  projectIds: number[];
  equals?: Equals;
  ranges?: Range[];
  /** Every one of these tag ids is in the row's `tag_ids` text (whole ids). */
  allTags?: number[];
  /** At least one of these tag ids. */
  anyTags?: number[];
  /** Case-insensitive substrings: column → text. */
  contains?: Record<string, string | undefined>;
}

/**
 * Statements common to every content table (the rows carry `project_id`): the project ids present,
 * a filtered list, one row, writes. Each resource's repository below is this over its own table.
 */
export abstract class ContentTable<T extends ObjectLiteral & { id: number }> {
  protected constructor(
    protected readonly repo: Repository<T>,
    private readonly projectColumn = 'project_id',
  ) {}

  /** The distinct project ids of the table's rows (the candidates a visibility policy filters). */
  async projectIds(): Promise<number[]> {
    const rows = await this.repo
      .createQueryBuilder('r')
      .select(`DISTINCT r.${this.projectColumn}`, 'pid')
      .getRawMany<{ pid: number | string }>();
    return rows.map((r) => Number(r.pid));
  }

  async list(query: ListQuery, order: Array<[string, 'ASC' | 'DESC']> = [['r.id', 'ASC']]): Promise<T[]> {
    if (!query.projectIds.length) return [];
    const qb = this.repo.createQueryBuilder('r').where(`r.${this.projectColumn} IN (:...pids)`, {
      pids: query.projectIds,
    });
    applyFilters(qb, query);
    for (const [column, dir] of order) qb.addOrderBy(column, dir);
    return qb.getMany();
  }

  async findById(id: number): Promise<T | null> {
    return this.repo.findOne({ where: { id } as never });
  }

  async insert(fields: DeepPartial<T>, manager?: EntityManager): Promise<T> {
    const repo = manager ? manager.getRepository<T>(this.repo.target) : this.repo;
    return repo.save(repo.create(fields));
  }

  async save(row: T): Promise<T> {
    return this.repo.save(row);
  }

  async deleteById(id: number): Promise<void> {
    await this.repo.delete(id);
  }
}

let param = 0;

function applyFilters<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, query: ListQuery): void {
  for (const [column, value] of Object.entries(query.equals ?? {})) {
    if (value === undefined) continue;
    const p = `eq${param++}`;
    qb.andWhere(`r.${column} = :${p}`, { [p]: value });
  }
  for (const [column, op, value] of query.ranges ?? []) {
    if (value === undefined) continue;
    const p = `rg${param++}`;
    qb.andWhere(`r.${column} ${op} :${p}`, { [p]: value });
  }
  for (const [column, text] of Object.entries(query.contains ?? {})) {
    if (text === undefined) continue;
    const p = `ct${param++}`;
    qb.andWhere(`LOWER(r.${column}) LIKE :${p}`, { [p]: `%${escapeLike(text.toLowerCase())}%` });
  }
  const tagMatch = (tag: number) => {
    const p = `tg${param++}`;
    return [`(',' || r.tag_ids || ',') LIKE :${p}`, { [p]: `%,${tag},%` }] as const;
  };
  for (const tag of query.allTags ?? []) qb.andWhere(...tagMatch(tag));
  if (query.anyTags?.length) {
    const tags = query.anyTags;
    qb.andWhere(
      new Brackets((b) => {
        for (const tag of tags) b.orWhere(...tagMatch(tag));
      }),
    );
  }
}

/** LIKE wildcards and backslashes are dropped from a client's text (the engines escape them differently). */
function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, '');
}

@Injectable()
export class SpeakersRepository extends ContentTable<Speaker> {
  constructor(@InjectRepository(Speaker) repo: Repository<Speaker>) {
    super(repo);
  }
}

@Injectable()
export class AudiotracksRepository extends ContentTable<Audiotrack> {
  constructor(@InjectRepository(Audiotrack) repo: Repository<Audiotrack>) {
    super(repo);
  }
}

@Injectable()
export class TagsRepository extends ContentTable<Tag> {
  constructor(@InjectRepository(Tag) repo: Repository<Tag>) {
    super(repo);
  }

  /** The tags of `ids` (any project). */
  async byIds(ids: number[]): Promise<Tag[]> {
    if (!ids.length) return [];
    return this.repo.createQueryBuilder('r').where('r.id IN (:...ids)', { ids }).getMany();
  }
}

@Injectable()
export class UiGroupsRepository extends ContentTable<UiGroup> {
  constructor(@InjectRepository(UiGroup) repo: Repository<UiGroup>) {
    super(repo);
  }
}

/** UI items carry no project: they are scoped through their group. */
@Injectable()
export class UiItemsRepository {
  constructor(@InjectRepository(UiItem) private readonly repo: Repository<UiItem>) {}

  /** Items of `groupIds`, by index then id; `active` filters when given. */
  async ofGroups(groupIds: number[], filters: Equals = {}): Promise<UiItem[]> {
    if (!groupIds.length) return [];
    const qb = this.repo.createQueryBuilder('r').where('r.ui_group_id IN (:...gids)', { gids: groupIds });
    applyFilters(qb, { projectIds: [], equals: filters });
    return qb.orderBy('r.index', 'ASC').addOrderBy('r.id', 'ASC').getMany();
  }

  async findById(id: number): Promise<UiItem | null> {
    return this.repo.findOne({ where: { id } });
  }

  async insert(fields: DeepPartial<UiItem>): Promise<UiItem> {
    return this.repo.save(this.repo.create(fields));
  }

  async save(row: UiItem): Promise<UiItem> {
    return this.repo.save(row);
  }

  async deleteById(id: number): Promise<void> {
    await this.repo.delete(id);
  }
}

@Injectable()
export class TimedAssetsRepository extends ContentTable<TimedAsset> {
  constructor(@InjectRepository(TimedAsset) repo: Repository<TimedAsset>) {
    super(repo);
  }
}

@Injectable()
export class AssetsRepository extends ContentTable<Asset> {
  constructor(
    @InjectRepository(Asset) repo: Repository<Asset>,
    private readonly sql: Sql,
  ) {
    super(repo);
  }

  /** The asset ids of each of `envelopeIds`. */
  async idsByEnvelope(envelopeIds: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>(envelopeIds.map((id) => [id, []]));
    if (!envelopeIds.length) return out;
    const rows = await this.repo
      .createQueryBuilder('r')
      .select(['r.id', 'r.envelopeId'])
      .where('r.envelope_id IN (:...ids)', { ids: envelopeIds })
      .orderBy('r.id', 'ASC')
      .getMany();
    for (const row of rows) out.get(row.envelopeId!)?.push(row.id);
    return out;
  }

  /** Runs `fn` in one transaction (the upload's asset insert). */
  inTransaction<R>(fn: (manager: EntityManager) => Promise<R>): Promise<R> {
    return this.sql.transaction(fn);
  }
}

@Injectable()
export class EnvelopesRepository extends ContentTable<Envelope> {
  constructor(@InjectRepository(Envelope) repo: Repository<Envelope>) {
    super(repo);
  }
}

@Injectable()
export class VotesRepository {
  constructor(@InjectRepository(Vote) private readonly repo: Repository<Vote>) {}

  /** The vote of `sessionId` of `type` on `assetId`, if any. */
  async findOne(assetId: number, sessionId: number, type: string): Promise<Vote | null> {
    return this.repo.findOne({ where: { assetId, sessionId, type }, order: { id: 'ASC' } });
  }

  async insert(fields: DeepPartial<Vote>): Promise<Vote> {
    return this.repo.save(this.repo.create(fields));
  }

  async save(row: Vote): Promise<Vote> {
    return this.repo.save(row);
  }

  async deleteById(id: number): Promise<void> {
    await this.repo.delete(id);
  }

  /** Per vote type on `assetId`: how many, and the mean value (fewest first, then by type). */
  async countsByType(assetId: number): Promise<Array<{ type: string; total: number; avg: number | null }>> {
    const rows = await this.repo
      .createQueryBuilder('r')
      .select('r.type', 'type')
      .addSelect('COUNT(r.id)', 'total')
      .addSelect('AVG(r.value)', 'avg')
      .where('r.asset_id = :assetId', { assetId })
      .groupBy('r.type')
      .orderBy('total', 'ASC')
      .addOrderBy('r.type', 'ASC')
      .getRawMany<{ type: string; total: number | string; avg: number | string | null }>();
    return rows.map((r) => ({
      type: r.type,
      total: Number(r.total),
      avg: r.avg === null ? null : Number(r.avg),
    }));
  }
}
