import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SqlCondition, whereOf } from '../common/sql-condition';
import { Sql } from '../database/sql';
import { Project } from './entities/project.entity';

/** The columns every insert names; the upstream fields default as the entity says. */
type CoreProjectColumns = 'name' | 'description' | 'ownerId' | 'geoListenEnabled' | 'demoStreamEnabled';
export type NewProject = Pick<Project, CoreProjectColumns | 'createdAt' | 'updatedAt'> &
  Partial<Omit<Project, 'id' | 'owner' | CoreProjectColumns | 'createdAt' | 'updatedAt'>>;
export type ProjectChanges = Partial<Omit<Project, 'id' | 'owner' | 'ownerId' | 'createdAt'>>;

/** Every statement on `projects`. Visibility comes in as a condition from `ProjectAccess`. */
/** The filters of `GET /api/2/projects/`, read. */
export interface ProjectListFilters {
  name?: string;
  listenEnabled?: boolean;
  geoListenEnabled?: boolean;
  speakEnabled?: boolean;
  geoSpeakEnabled?: boolean;
}

/** The part of a project a session start needs. */
export type ProjectStartRef = Pick<Project, 'id' | 'geoListenEnabled'>;

@Injectable()
export class ProjectsRepository {
  private readonly toProject: (row: Record<string, unknown>) => Project;

  constructor(
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    private readonly sql: Sql,
  ) {
    this.toProject = sql.rowMapper(Project);
  }

  /** The project `id` if it passes `scope`. */
  async findById(id: number, scope: SqlCondition): Promise<Project | null> {
    const [where, values] = whereOf([['id = ?', [id]], scope]);
    const row = await this.sql.one<Record<string, unknown>>(`SELECT * FROM projects${where}`, values);
    return row ? this.toProject(row) : null;
  }

  /**
   * What a session start reads of project `id` (its id and session defaults) if it passes `scope`: two of
   * the project's columns instead of all of them (the hot path of every session start).
   */
  async findStartRef(id: number, scope: SqlCondition): Promise<ProjectStartRef | null> {
    const [where, values] = whereOf([['id = ?', [id]], scope]);
    const row = await this.sql.one<{ id: number; geo_listen_enabled: number | boolean }>(
      `SELECT id, geo_listen_enabled FROM projects${where}`,
      values,
    );
    return row ? { id: Number(row.id), geoListenEnabled: Boolean(row.geo_listen_enabled) } : null;
  }

  /** Which of `ids` name projects passing `scope`. */
  async existingIds(ids: number[], scope: SqlCondition): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const [list, listValues] = this.sql.inList(ids);
    const [where, values] = whereOf([[`id IN ${list}`, listValues], scope]);
    const rows = await this.sql.all<{ id: number }>(`SELECT id FROM projects${where}`, values);
    return new Set(rows.map((row) => Number(row.id)));
  }

  async insert(project: NewProject): Promise<Project> {
    return this.projects.save(this.projects.create(project));
  }

  /** Applies `changes` to project `id`; the project after the change, or null when there is none. */
  async update(id: number, changes: ProjectChanges): Promise<Project | null> {
    return this.sql.transaction(async (manager) => {
      if (Object.keys(changes).length) await manager.update(Project, { id }, changes);
      return this.findById(id, ['', []]);
    });
  }

  /** Deletes project `id` (its sessions and their events go with it); false when there was none. */
  async deleteById(id: number): Promise<boolean> {
    return (await this.sql.run('DELETE FROM projects WHERE id = ?', [id])).changes > 0;
  }

  /** Projects passing `scope`, in id order, at most `limit` from `offset` (the Roundware list). */
  /** Conditions of upstream's project list filters (name substring, the four booleans). */
  filterConditions(f: ProjectListFilters): SqlCondition[] {
    const out: SqlCondition[] = [];
    if (f.name) out.push(['LOWER(name) LIKE ?', [`%${f.name.toLowerCase().replace(/[%_\\]/g, '')}%`]]);
    const flags: Array<[keyof ProjectListFilters, string]> = [
      ['listenEnabled', 'listen_enabled'],
      ['geoListenEnabled', 'geo_listen_enabled'],
      ['speakEnabled', 'speak_enabled'],
      ['geoSpeakEnabled', 'geo_speak_enabled'],
    ];
    for (const [key, column] of flags) {
      const value = f[key];
      if (typeof value === 'boolean') out.push([`${column} = ?`, [value]]);
    }
    return out;
  }

  async oldestFirst(scope: SqlCondition, limit: number, offset = 0): Promise<Project[]> {
    const [where, values] = whereOf([scope]);
    const rows = await this.sql.all<Record<string, unknown>>(
      `SELECT * FROM projects${where} ORDER BY id LIMIT ? OFFSET ?`,
      [...values, limit, offset],
    );
    return rows.map(this.toProject);
  }

  async count(scope: SqlCondition): Promise<number> {
    const [where, values] = whereOf([scope]);
    const row = await this.sql.one<{ count: number }>(
      `SELECT COUNT(*) AS count FROM projects${where}`,
      values,
    );
    return Number(row?.count ?? 0);
  }

  /** Projects passing `scope`, newest first, one page (offset on the id index, then the page's rows). */
  async newestFirst(scope: SqlCondition, limit: number, offset: number): Promise<Project[]> {
    const [where, values] = whereOf([scope]);
    const rows = await this.sql.all<Record<string, unknown>>(
      'SELECT * FROM projects WHERE id IN ' +
        `(SELECT id FROM projects${where} ORDER BY id DESC LIMIT ? OFFSET ?) ORDER BY id DESC`,
      [...values, limit, offset],
    );
    return rows.map(this.toProject);
  }
}
