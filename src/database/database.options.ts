import type Database from 'better-sqlite3';
import { types as pgTypes } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The one place that turns configuration into TypeORM options, used by the app, by `ormconfig.ts`
 * (TypeORM CLI) and by the drift check. `synchronize` is never on: the schema comes from migrations,
 * which the app applies before it listens (`runMigrationsLocked`).
 */
export function dataSourceOptions(db: AppConfig['db']): DataSourceOptions {
  const common = {
    entities: ENTITIES,
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
      handle.pragma('busy_timeout = 5000');
      handle.pragma('synchronous = NORMAL');
      handle.pragma('foreign_keys = ON');
    },
    ...common,
  };
}
