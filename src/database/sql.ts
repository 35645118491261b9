import { Global, Injectable, Module } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { setImmediate as nextTick } from 'node:timers/promises';
import type { Pool } from 'pg';
import { DataSource, EntityTarget } from 'typeorm';

const MAX_STATEMENTS = 500;

/** A bound value: booleans are stored as 0/1 on SQLite and as booleans on PostgreSQL. */
export type SqlValue = string | number | boolean | null;

/** Positional values for `?`, or named values for TypeORM's `:name` (for statements that repeat one). */
export type SqlParams = SqlValue[] | Record<string, SqlValue>;

const sqliteValues = (values: SqlValue[]) => values.map((v) => (typeof v === 'boolean' ? Number(v) : v));

export interface SqlRunResult {
  /** Rows changed (UPDATE/DELETE) or inserted. */
  changes: number;
}

/**
 * Plain SQL for the hot paths, one statement at a time, on both engines: `?` placeholders (rewritten to
 * `$1…` for PostgreSQL; never put a literal `?` in the SQL text) or TypeORM's `:name` ones, rows as plain
 * objects with the column names of the SQL.
 *
 * Why beside TypeORM: the benchmark showed TypeORM's query building and entity hydration costing more than
 * the query itself on the hot paths (a by-id lookup is ~20 µs in SQLite, several times that through the
 * ORM). On SQLite each distinct SQL text is prepared once and kept (better-sqlite3 statements run
 * synchronously on the connection TypeORM uses); on PostgreSQL the statements go straight to TypeORM's
 * pg pool. Everything else — migrations, transactions, the long tail of queries — stays on TypeORM.
 *
 * Not for use inside a TypeORM transaction callback: on SQLite a write here waits for open transactions
 * to end (see `sqliteStatement`).
 *
 * Values differ by engine in two ways callers normalise: booleans read back as 0/1 on SQLite, and
 * `int8` is parsed to a number on PostgreSQL (see database.options.ts), as on SQLite.
 */
@Injectable()
export class Sql {
  private readonly sqlite?: Database.Database;
  private readonly pool?: Pool;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly pgText = new Map<string, string>();
  /** One mapper per entity, however many services ask for it. */
  private readonly mappers = new Map<EntityTarget<unknown>, (row: Record<string, unknown>) => unknown>();

  constructor(private readonly dataSource: DataSource) {
    const driver = dataSource.driver as unknown as { databaseConnection?: Database.Database; master?: Pool };
    if (dataSource.options.type === 'better-sqlite3') this.sqlite = driver.databaseConnection;
    else this.pool = driver.master;
  }

  /** True on PostgreSQL (for the few statements whose text differs by engine). */
  get postgres(): boolean {
    return this.pool !== undefined;
  }

  /** Rows of a statement: `?` with an array of values, or TypeORM's `:name` with an object of them. */
  async all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    const [text, values] = this.bind(sql, params);
    if (this.sqlite) return (await this.sqliteStatement(text)).all(...values) as T[];
    return (await this.pool!.query(text, values)).rows as T[];
  }

  /** The first row of a statement (a read, or a write with `RETURNING`), or undefined. */
  async one<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    const [text, values] = this.bind(sql, params);
    if (this.sqlite) return (await this.sqliteStatement(text)).get(...values) as T | undefined;
    return (await this.pool!.query(text, values)).rows[0] as T | undefined;
  }

  /** A write without `RETURNING`. */
  async run(sql: string, params: SqlParams = []): Promise<SqlRunResult> {
    const [text, values] = this.bind(sql, params);
    if (this.sqlite) return { changes: (await this.sqliteStatement(text)).run(...values).changes };
    return { changes: (await this.pool!.query(text, values)).rowCount ?? 0 };
  }

  /** The engine's SQL text and positional values. */
  private bind(sql: string, params: SqlParams): [string, SqlValue[]] {
    if (!Array.isArray(params)) {
      const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
      return [text, this.sqlite ? sqliteValues(values as SqlValue[]) : (values as SqlValue[])];
    }
    if (this.sqlite) return [sql, sqliteValues(params)];
    let text = this.pgText.get(sql);
    if (text === undefined) {
      let n = 0;
      text = sql.replace(/\?/g, () => `$${++n}`);
      this.pgText.set(sql, text);
    }
    return [text, params];
  }

  /**
   * The prepared statement for `sql`. TypeORM shares the one SQLite connection: if another request's
   * TypeORM transaction is open, a write waits for it instead of joining (and maybe being rolled back
   * with) it — the same rule as the event store's. Reads see what that connection sees, as through TypeORM.
   */
  /**
   * `(?, ?, …)` for `IN` and its values, never empty. The list is padded to a power of two (repeating
   * its first value, which `IN` ignores) so that lists of any length share a few statement texts.
   */
  inList(values: SqlValue[]): [string, SqlValue[]] {
    const padded = [...values];
    while (padded.length & (padded.length - 1)) padded.push(values[0]);
    return [`(${padded.map(() => '?').join(', ')})`, padded];
  }

  /** The column names of `properties` of `entity`, for a SELECT list: `id, project_id, …`. */
  columnList<T>(entity: EntityTarget<T>, properties: readonly (keyof T & string)[]): string {
    const metadata = this.dataSource.getMetadata(entity);
    return properties.map((p) => metadata.findColumnWithPropertyName(p)!.databaseName).join(', ');
  }

  private async sqliteStatement(sql: string): Promise<Database.Statement> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite!.prepare(sql);
      // SQL texts are constants of the code (values are always bound), so this stays small; the bound
      // only guards against a caller that builds texts from data.
      if (this.statements.size >= MAX_STATEMENTS)
        this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    while (!statement.readonly && this.sqlite!.inTransaction) await nextTick();
    return statement;
  }

  /**
   * A function turning a row of `entity`'s table (its column names, e.g. from `SELECT t.*` or
   * `… RETURNING *`) into a plain object with the entity's property names, booleans as booleans on both
   * engines. Built once per entity from TypeORM's metadata; relations are left to the caller.
   */
  rowMapper<T>(entity: EntityTarget<T>): (row: Record<string, unknown>) => T {
    const known = this.mappers.get(entity);
    if (known) return known as (row: Record<string, unknown>) => T;
    const columns = this.dataSource
      .getMetadata(entity)
      .columns.map((c) => [c.propertyName, c.databaseName, c.type === 'boolean'] as const);
    const mapper = (row: Record<string, unknown>): T => {
      const out: Record<string, unknown> = {};
      for (const [property, column, boolean] of columns) {
        const value = row[column];
        out[property] = boolean && value !== null && value !== undefined ? Boolean(value) : value;
      }
      return out as T;
    };
    this.mappers.set(entity, mapper);
    return mapper;
  }
}

/** Provides `Sql` everywhere (it only needs the app's DataSource). */
@Global()
@Module({ providers: [Sql], exports: [Sql] })
export class SqlModule {}
