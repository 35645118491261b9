import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import type Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager, EntityTarget, QueryRunner } from 'typeorm';
import type { SqlValue } from '../common/sql-condition';
import { driverHandles, onTypeormTransactionEnd } from './driver-handles';

export type { SqlValue } from '../common/sql-condition';

const MAX_STATEMENTS = 500;

/** Positional values for `?`, or named values for `:name` (for statements that repeat one). */
export type SqlParams = SqlValue[] | Record<string, SqlValue>;

/**
 * What a SQLite statement answers as `all` (its rows), `one` (its first row) or `run` (`SqlRunResult`).
 * A write asked for `one` runs to completion (`.all()`): `.get()` resets the statement after its first row,
 * before it finishes, and SQLite runs its automatic WAL checkpoint only when a statement finishes.
 */
function sqliteAnswer(kind: SqlStep['kind'], statement: Database.Statement, values: SqlValue[]): unknown {
  if (kind === 'all') return statement.all(...values);
  if (kind === 'one') return statement.readonly ? statement.get(...values) : statement.all(...values)[0];
  return { changes: statement.run(...values).changes } satisfies SqlRunResult;
}

const sqliteValues = (values: SqlValue[]) => values.map((v) => (typeof v === 'boolean' ? Number(v) : v));

export interface SqlRunResult {
  /** Rows changed (UPDATE/DELETE) or inserted. */
  changes: number;
}

/** The transaction a piece of code runs in (found through AsyncLocalStorage by every `Sql` call). */
interface TransactionContext {
  runner: QueryRunner;
  /** PostgreSQL: the pooled connection the transaction holds, for `Sql` statements inside it. */
  client?: PoolClient;
}

/** One statement of an `atomic` plan: what it answers is what the plan's `yield` returns. */
export type SqlStep =
  | { kind: 'all'; sql: string; params: SqlParams }
  | { kind: 'one'; sql: string; params: SqlParams }
  | { kind: 'run'; sql: string; params: SqlParams };

/**
 * A transaction written as a generator: each `yield step.all(…)` / `.one(…)` / `.run(…)` runs that
 * statement and evaluates to its rows / first row / `SqlRunResult`. The plan holds no other awaits.
 */
export type SqlPlan<T> = Generator<SqlStep, T, unknown>;

/** Builders of the steps an `atomic` plan yields. */
export const step = {
  all: (sql: string, params: SqlParams = []): SqlStep => ({ kind: 'all', sql, params }),
  one: (sql: string, params: SqlParams = []): SqlStep => ({ kind: 'one', sql, params }),
  run: (sql: string, params: SqlParams = []): SqlStep => ({ kind: 'run', sql, params }),
};

/** `:name` placeholders (not `::type` casts), rewritten to positional ones. */
const NAMED = /(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * The database owner: plain SQL on both engines, one statement at a time, and the one transaction API
 * that `Sql` statements and TypeORM calls join (`transaction`). Only this file and `driver-handles.ts`
 * touch driver handles.
 *
 * Statements take `?` placeholders (rewritten to `$1…` for PostgreSQL; never put a literal `?` in the
 * SQL text) or `:name` ones (rewritten to positional ones, cached per text): every value is bound, never
 * written into the text, so each distinct SQL text is prepared once (SQLite) and kept.
 *
 * SQLite writes are serialised by one async lock (`async-mutex`): `transaction` holds it from `BEGIN` to
 * `COMMIT`, and a write outside a transaction waits until no transaction is open on the shared
 * connection (ours or one TypeORM opened for a `save`) instead of landing inside it. The hot write paths
 * use `atomic` instead: a plan of statements only, run on SQLite as one synchronous better-sqlite3
 * transaction, so no lock is held across the event loop (an async transaction held over awaits makes
 * every concurrent writer queue behind other requests' work: the event POST ran at 0.6–0.8 of its
 * synchronous speed under load). Reads see what that
 * connection sees, as through TypeORM. On PostgreSQL a transaction holds one pooled connection; statements
 * outside one go to the pool.
 *
 * Values differ by engine in two ways callers normalise: booleans read back as 0/1 on SQLite, and
 * `int8` is parsed to a number on PostgreSQL (see database.options.ts), as on SQLite.
 */
@Injectable()
export class Sql implements OnApplicationShutdown {
  private readonly sqlite?: Database.Database;
  private readonly pool?: Pool;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly positional = new Map<string, [string, string[]]>();
  private readonly pgText = new Map<string, string>();
  /**
   * The open transactions' context. While it is enabled, Node runs a hook on every promise the process
   * creates (about 2.5× the cost of a bare promise on Node 20), so it is disabled whenever no transaction
   * is open (`openTransactions`) and a read-only load never pays for it.
   */
  private readonly context = new AsyncLocalStorage<TransactionContext>();
  private openTransactions = 0;
  /** SQLite: held by the open `transaction`, waited for by writes outside it. */
  private readonly writeLock = new Mutex();
  private typeormTransactionEnded?: Promise<void>;
  private endTypeormWait?: () => void;
  private checkpointTimer?: NodeJS.Timeout;
  /** One mapper per entity, however many services ask for it. */
  private readonly mappers = new Map<EntityTarget<unknown>, (row: Record<string, unknown>) => unknown>();
  /** How many statements were prepared (SQLite), for the statement-cache test. */
  prepares = 0;

  constructor(private readonly dataSource: DataSource) {
    const handles = driverHandles(dataSource);
    this.sqlite = handles.sqlite;
    this.pool = handles.pool;
    if (this.sqlite) {
      onTypeormTransactionEnd(dataSource, () => {
        const end = this.endTypeormWait;
        this.typeormTransactionEnded = this.endTypeormWait = undefined;
        end?.();
      });
    }
  }

  /** True on PostgreSQL (for the few statements whose text differs by engine). */
  get postgres(): boolean {
    return this.pool !== undefined;
  }

  /** Rows of a statement: `?` with an array of values, or `:name` with an object of them. */
  async all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    const [text, values] = this.bind(sql, params);
    if (this.sqlite) return sqliteAnswer('all', await this.sqliteStatement(text), values) as T[];
    return (await this.pgQuery(text, values)).rows as T[];
  }

  /** The first row of a statement (a read, or a write with `RETURNING`), or undefined. */
  async one<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    const [text, values] = this.bind(sql, params);
    if (this.sqlite) return sqliteAnswer('one', await this.sqliteStatement(text), values) as T | undefined;
    return (await this.pgQuery(text, values)).rows[0] as T | undefined;
  }

  /** A write without `RETURNING`. */
  async run(sql: string, params: SqlParams = []): Promise<SqlRunResult> {
    const [text, values] = this.bind(sql, params);
    if (this.sqlite) return sqliteAnswer('run', await this.sqliteStatement(text), values) as SqlRunResult;
    return { changes: (await this.pgQuery(text, values)).rowCount ?? 0 };
  }

  /**
   * Runs `fn` in one transaction: every `Sql` call made inside it (found through AsyncLocalStorage) and
   * every TypeORM call made through `manager` commit together or not at all. A call inside an open
   * transaction joins it.
   */
  async transaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const open = this.context.getStore();
    if (open) return fn(open.runner.manager);
    if (!this.sqlite) return this.inTransaction(fn);
    return this.writeLock.runExclusive(async () => {
      await this.typeormIdle();
      return this.inTransaction(fn);
    });
  }

  /**
   * Runs `plan` (statements only, see `SqlPlan`) as one transaction, all or nothing. SQLite: one
   * synchronous better-sqlite3 transaction once no other transaction is open, so nothing else runs
   * while it is open; inside an open `transaction` it joins it (a savepoint). PostgreSQL: `transaction`.
   */
  async atomic<T>(plan: () => SqlPlan<T>): Promise<T> {
    if (!this.sqlite) {
      return this.transaction(async () => {
        const steps = plan();
        let next = steps.next();
        while (!next.done) next = steps.next(await this.execute(next.value));
        return next.value;
      });
    }
    if (!this.context.getStore()) await this.sqliteWritable();
    return this.sqlite.transaction(() => {
      const steps = plan();
      let next = steps.next();
      while (!next.done) next = steps.next(this.executeSqlite(next.value));
      return next.value;
    })();
  }

  private execute(s: SqlStep): Promise<unknown> {
    return s.kind === 'all'
      ? this.all(s.sql, s.params)
      : s.kind === 'one'
        ? this.one(s.sql, s.params)
        : this.run(s.sql, s.params);
  }

  private executeSqlite(s: SqlStep): unknown {
    const [text, values] = this.bind(s.sql, s.params);
    return sqliteAnswer(s.kind, this.prepared(text), values);
  }

  private async inTransaction<T>(fn: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const client = this.pool ? ((await runner.connect()) as PoolClient) : undefined;
      try {
        const result = await this.inContext({ runner, client }, () => fn(runner.manager));
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      if (this.pool) await runner.release();
    }
  }

  /** Runs `fn` with `context` as the open transaction's; the storage is disabled once none is open. */
  private async inContext<T>(context: TransactionContext, fn: () => Promise<T>): Promise<T> {
    this.openTransactions++;
    try {
      return await this.context.run(context, fn);
    } finally {
      if (--this.openTransactions === 0) this.context.disable();
    }
  }

  /** Resolves once no TypeORM-opened transaction is open on the shared SQLite connection. */
  private async typeormIdle(): Promise<void> {
    while (this.sqlite!.inTransaction) {
      this.typeormTransactionEnded ??= new Promise<void>((resolve) => (this.endTypeormWait = resolve));
      await this.typeormTransactionEnded;
    }
  }

  /** The engine's SQL text and positional values. */
  private bind(sql: string, params: SqlParams): [string, SqlValue[]] {
    let text = sql;
    let values: SqlValue[];
    if (Array.isArray(params)) values = params;
    else {
      let known = this.positional.get(sql);
      if (!known) {
        const names: string[] = [];
        known = [
          sql.replace(NAMED, (_, name: string) => {
            names.push(name);
            return '?';
          }),
          names,
        ];
        this.positional.set(sql, known);
      }
      text = known[0];
      values = known[1].map((name) => {
        if (!(name in params)) throw new Error(`Sql: no value for :${name}`);
        return params[name];
      });
    }
    if (this.sqlite) return [text, sqliteValues(values)];
    let pg = this.pgText.get(text);
    if (pg === undefined) {
      let n = 0;
      pg = text.replace(/\?/g, () => `$${++n}`);
      this.pgText.set(text, pg);
    }
    return [pg, values];
  }

  private pgQuery(text: string, values: SqlValue[]) {
    const client = this.context.getStore()?.client;
    return (client ?? this.pool!).query(text, values);
  }

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

  /**
   * The prepared statement for `sql`. A write outside a transaction first waits until none is open on
   * the shared connection (it must not land inside another request's transaction and be rolled back
   * with it); inside `transaction` it runs at once.
   */
  private async sqliteStatement(sql: string): Promise<Database.Statement> {
    const statement = this.prepared(sql);
    if (!statement.readonly && !this.context.getStore()) await this.sqliteWritable();
    return statement;
  }

  /** Resolves once no transaction (ours or TypeORM's) is open on the shared SQLite connection. */
  private async sqliteWritable(): Promise<void> {
    while (this.writeLock.isLocked() || this.sqlite!.inTransaction) {
      if (this.writeLock.isLocked()) await this.writeLock.waitForUnlock();
      else await this.typeormIdle();
    }
  }

  /** The cached prepared statement for `sql` (SQLite). */
  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite!.prepare(sql);
      this.prepares++;
      // SQL texts are constants of the code (values are always bound), so this stays small; the bound
      // only guards against a caller that builds texts from data.
      if (this.statements.size >= MAX_STATEMENTS)
        this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Checkpoints the SQLite WAL every `intervalMs` (PASSIVE: never waits for readers), so that the WAL
   * stays small under sustained writes; `TRUNCATE` at shutdown. No-op on PostgreSQL.
   */
  startCheckpoints(intervalMs: number): void {
    if (!this.sqlite || intervalMs <= 0 || this.checkpointTimer) return;
    this.checkpointTimer = setInterval(() => this.checkpoint('PASSIVE'), intervalMs);
    this.checkpointTimer.unref();
  }

  /** Runs a WAL checkpoint now (SQLite); false when the database is busy or closed. */
  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): boolean {
    if (!this.sqlite?.open || this.sqlite.inTransaction) return false;
    try {
      this.sqlite.pragma(`wal_checkpoint(${mode})`);
      return true;
    } catch {
      return false;
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.checkpointTimer);
    this.checkpoint('TRUNCATE');
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
