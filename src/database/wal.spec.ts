import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { dataSourceOptions } from './database.options';
import { runMigrationsLocked } from './migrate';
import { Sql } from './sql';
import { walBytes } from './wal';

/** The bound the WAL must stay under while writes go on (SQLite checkpoints at ~1,000 pages = 4 MB). */
const WAL_BOUND_BYTES = 16 * 1024 * 1024;

describe('the SQLite WAL under sustained writes', () => {
  let dir: string;
  let dataSource: DataSource;
  let sql: Sql;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sessions-hub-wal-'));
    const db = { type: 'sqlite' as const, path: join(dir, 'wal.sqlite'), logging: false };
    dataSource = await runMigrationsLocked(
      await new DataSource(dataSourceOptions(db, ENTITIES)).initialize(),
    );
    sql = new Sql(dataSource);
    await sql.run('CREATE TABLE wal_probe (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, pad TEXT NOT NULL)');
    for (let i = 1; i <= 200; i++)
      await sql.run('INSERT INTO wal_probe VALUES (?, 0, ?)', [i, 'x'.repeat(3000)]);
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays bounded when every write is an UPDATE … RETURNING (writes run to completion)', async () => {
    let largest = 0;
    for (let i = 0; i < 12_000; i++) {
      const row = await sql.one<{ n: number }>('UPDATE wal_probe SET n = n + 1 WHERE id = ? RETURNING n', [
        (i % 200) + 1,
      ]);
      expect(row?.n).toBeGreaterThan(0);
      if (i % 500 === 0) largest = Math.max(largest, walBytes(join(dir, 'wal.sqlite')));
    }
    largest = Math.max(largest, walBytes(join(dir, 'wal.sqlite')));
    // 12,000 page writes of 4 KiB would be ~48 MB of WAL without a checkpoint
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(WAL_BOUND_BYTES);
  });

  it('truncates the WAL at shutdown', async () => {
    sql.onApplicationShutdown();
    expect(walBytes(join(dir, 'wal.sqlite'))).toBe(0);
  });
});
