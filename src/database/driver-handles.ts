import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';

/**
 * The driver handles under TypeORM's DataSource: the one better-sqlite3 connection, or the pg pool.
 * TypeORM keeps them in driver fields it does not type publicly (`databaseConnection`, `master`); this is
 * the only code that reads them, and `Sql` (the database owner) its only caller.
 */
export function driverHandles(dataSource: DataSource): { sqlite?: Database.Database; pool?: Pool } {
  const driver = dataSource.driver as unknown as { databaseConnection?: Database.Database; master?: Pool };
  if (dataSource.options.type === 'better-sqlite3') {
    if (!driver.databaseConnection) throw new Error('The SQLite DataSource is not initialised');
    return { sqlite: driver.databaseConnection };
  }
  if (!driver.master) throw new Error('The PostgreSQL DataSource is not initialised');
  return { pool: driver.master };
}

/**
 * Calls `listener` whenever a TypeORM transaction commits or rolls back (a subscriber added to the live
 * DataSource): on SQLite, writes outside a transaction wait for this instead of polling.
 */
export function onTypeormTransactionEnd(dataSource: DataSource, listener: () => void): void {
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit: listener,
    afterTransactionRollback: listener,
  };
  dataSource.subscribers.push(subscriber);
}
