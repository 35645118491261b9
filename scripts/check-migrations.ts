import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/database.options';
import { ENTITIES } from '../src/entities';
import { schemaDrift } from '../src/database/schema-drift';

/**
 * `npm run migration:check`: runs all migrations on an empty database — a temporary SQLite file, or the
 * (empty) PostgreSQL database named by DATABASE_URL when DB_TYPE=postgres — and fails if the entities
 * would still need schema changes.
 */
async function main(): Promise<void> {
  const config = loadAppConfig();
  const dir = config.db.type === 'sqlite' ? mkdtempSync(join(tmpdir(), 'migration-check-')) : undefined;
  const db = dir ? { ...config.db, path: join(dir, 'check.sqlite') } : config.db;
  const dataSource = new DataSource(dataSourceOptions(db, ENTITIES));
  await dataSource.initialize();
  try {
    const drift = await schemaDrift(dataSource);
    if (drift.length) {
      process.stderr.write(
        `Entities and migrations disagree on ${db.type}; missing changes:\n${drift.join(';\n')}\n`,
      );
      process.exitCode = 1;
    } else {
      process.stdout.write(
        `Migrations and entities agree on ${db.type} (${dataSource.migrations.length} migrations).\n`,
      );
    }
  } finally {
    await dataSource.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
