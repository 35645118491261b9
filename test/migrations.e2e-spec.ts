import { DataSource } from 'typeorm';
import { loadAppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/database.options';
import { schemaDrift } from '../src/database/schema-drift';
import { baseTestEnv, freshDatabase } from './utils/test-app';

describe('migrations (e2e)', () => {
  it('run on an empty database and leave no drift between entities and schema', async () => {
    const db = await freshDatabase();
    const config = loadAppConfig({ ...baseTestEnv(), ...db.env });
    const dataSource = new DataSource(dataSourceOptions(config.db, { migrationsRun: false }));
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
});
