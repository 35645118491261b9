import { DataSource } from 'typeorm';

/** The PostgreSQL advisory lock key under which instances apply migrations (any constant bigint). */
export const MIGRATION_LOCK_KEY = 7_346_915_002;

/**
 * Applies the pending migrations while holding a lock that every instance takes, so instances started at
 * the same moment never run a migration twice (the loser would crash on "relation already exists"): the
 * first applies them, the others wait and then find nothing pending.
 *
 * PostgreSQL: a session advisory lock on one pooled connection while the migrations run (each in its own
 * transaction) on others. SQLite: `BEGIN IMMEDIATE` takes the database's write lock before the list of
 * applied migrations is read, and the migrations run inside that one transaction (SQLite DDL is
 * transactional); another process waits for it through `busy_timeout`.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<DataSource> {
  if (dataSource.options.type === 'postgres') {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await runner.release();
    }
    return dataSource;
  }
  // Another instance may be migrating: wait for its lock longer than a request ever waits (busy_timeout).
  const [{ timeout }] = await dataSource.query<{ timeout: number }[]>('PRAGMA busy_timeout');
  await dataSource.query('PRAGMA busy_timeout = 60000');
  try {
    await migrateSqlite(dataSource);
  } finally {
    await dataSource.query(`PRAGMA busy_timeout = ${Number(timeout)}`);
  }
  return dataSource;
}

async function migrateSqlite(dataSource: DataSource): Promise<void> {
  await dataSource.query('BEGIN IMMEDIATE');
  try {
    await dataSource.runMigrations({ transaction: 'none' });
    await dataSource.query('COMMIT');
  } catch (error) {
    await dataSource.query('ROLLBACK');
    throw error;
  }
}
