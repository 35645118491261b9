import type Database from 'better-sqlite3';
import { types as pgTypes } from 'pg';
import type { DataSourceOptions, MixedList } from 'typeorm';
import type { DbConfig } from '../config/app-config';
import { MIGRATIONS } from './migrations';

/** The entity classes for a DataSource built outside Nest (the TypeORM CLI, the drift check, tests). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function>;

/**
 * The one place that turns configuration into TypeORM options, used by the app (whose entities come
 * from each feature module's `TypeOrmModule.forFeature`, `autoLoadEntities`), by `ormconfig.ts` (TypeORM
 * CLI) and by the drift check, which pass the list in `src/entities.ts`. `synchronize` is never on: the
 * schema comes from migrations, which the app applies before it listens (`runMigrationsLocked`).
 */
export function dataSourceOptions(db: DbConfig, entities: EntityList = []): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    // applied by the app under a lock (migrate.ts), never by TypeORM's own initialize()
    migrationsRun: false,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: db.logging,
  };
  if (db.type === 'postgres') {
    // int8 (bigint, count(*)) as a JS number: every bigint here is a microsecond time or a count, far below 2^53.
    pgTypes.setTypeParser(20, (value: string) => Number(value));
    return { type: 'postgres', url: db.url, extra: { max: 10 }, ...common };
  }
  return {
    type: 'better-sqlite3',
    database: db.path,
    enableWAL: true,
    prepareDatabase: (handle: Database.Database) => {
      handle.pragma(`busy_timeout = ${db.sqliteBusyTimeoutMs ?? 250}`);
      handle.pragma(`synchronous = ${db.sqliteSynchronous ?? 'FULL'}`);
      handle.pragma(`journal_size_limit = ${db.sqliteJournalSizeLimitBytes ?? 64 * 1024 * 1024}`);
      handle.pragma('foreign_keys = ON');
    },
    ...common,
  };
}
