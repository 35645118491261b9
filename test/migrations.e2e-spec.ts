import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/database.options';
import { ENTITIES } from '../src/entities';
import { runMigrationsLocked } from '../src/database/migrate';
import { schemaDrift } from '../src/database/schema-drift';
import { baseTestEnv, freshDatabase } from './utils/test-app';

describe('migrations (e2e)', () => {
  it('run on an empty database and leave no drift between entities and schema', async () => {
    const db = await freshDatabase();
    const config = loadAppConfig({ ...baseTestEnv(), ...db.env });
    const dataSource = new DataSource(dataSourceOptions(config.db, ENTITIES));
    await dataSource.initialize();
    try {
      expect(await schemaDrift(dataSource)).toEqual([]);
      const executed = await dataSource.query('SELECT name FROM migrations ORDER BY id');
      expect(executed.map((r: { name: string }) => r.name)).toEqual(dataSource.migrations.map((m) => m.name));
      const [en] = await dataSource.query("SELECT id FROM languages WHERE code = 'en'");
      expect(Number(en.id)).toBe(1);
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });

  it('are applied under a lock: two instances migrating at once apply each migration once', async () => {
    const db = await freshDatabase();
    const config = loadAppConfig({ ...baseTestEnv(), ...db.env });
    const names = (dataSource: DataSource) =>
      dataSource
        .query('SELECT name FROM migrations ORDER BY id')
        .then((rows: Array<{ name: string }>) => rows.map((r) => r.name));
    const sources: DataSource[] = [];
    try {
      if (config.db.type === 'postgres') {
        // two pools started in the same tick: without the lock both read "nothing applied" and the
        // second fails on a relation the first has just created
        const [a, b] = await Promise.all(
          [0, 1].map(async () => {
            const dataSource = new DataSource(dataSourceOptions(config.db, ENTITIES));
            sources.push(dataSource);
            return runMigrationsLocked(await dataSource.initialize());
          }),
        );
        expect(await names(a)).toEqual(a.migrations.map((m) => m.name));
        expect(await names(b)).toEqual(a.migrations.map((m) => m.name));
        return;
      }
      // SQLite: while another connection holds the write lock, nothing is read or applied (a second
      // process would wait for it in busy_timeout; here that is cut short), and once it is released
      // everything is applied once
      const dataSource = new DataSource(dataSourceOptions(config.db, ENTITIES));
      sources.push(dataSource);
      await dataSource.initialize();
      (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection.pragma(
        'busy_timeout = 50',
      );
      const other = new Database(config.db.path);
      other.exec('BEGIN IMMEDIATE');
      await expect(runMigrationsLocked(dataSource)).rejects.toThrow(/locked|busy/i);
      expect(other.prepare("SELECT name FROM sqlite_master WHERE name = 'migrations'").all()).toEqual([]);
      other.exec('COMMIT');
      other.close();
      await runMigrationsLocked(dataSource);
      await runMigrationsLocked(dataSource);
      expect(await names(dataSource)).toEqual(dataSource.migrations.map((m) => m.name));
    } finally {
      for (const dataSource of sources) if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
    }
  });
});
