import { DataSource } from 'typeorm';
import { User } from '../../src/auth/entities/user.entity';
import { Role } from '../../src/common/auth-user';
import { isConstraintError } from '../../src/database/errors';
import { Sql } from '../../src/database/sql';
import { ENTITIES } from '../../src/entities';
import { startTestApp, TestApp } from '../utils/test-app';

/** The database owner on the engine of this run (SQLite, or PostgreSQL with TEST_DATABASE_URL). */
describe('Sql.transaction on the running app', () => {
  let t: TestApp;
  let sql: Sql;
  const insertUser = (name: string) =>
    sql.run("INSERT INTO users (username, role, created_at, updated_at) VALUES (?, 'user', 1, 2)", [name]);
  const names = async (like: string) =>
    (
      await sql.all<{ username: string }>(
        'SELECT username FROM users WHERE username LIKE ? ORDER BY username',
        [like],
      )
    ).map((r) => r.username);

  beforeAll(async () => {
    t = await startTestApp();
    sql = t.app.get(Sql);
  });
  afterAll(() => t.close());

  it('registers exactly the entities of the explicit list (feature modules and the CLI agree)', () => {
    const registered = t.app
      .get(DataSource)
      .entityMetadatas.map((m) => m.name)
      .sort();
    expect(registered).toEqual(ENTITIES.map((e) => (e as { name: string }).name).sort());
  });

  it('commits Sql statements and TypeORM calls together, or rolls both back', async () => {
    await expect(
      sql.transaction(async (manager) => {
        await insertUser('txe-sql');
        await manager.insert(User, { username: 'txe-orm', role: Role.User, createdAt: 1, updatedAt: 1 });
        await sql.transaction(() => insertUser('txe-nested'));
        throw new Error('injected');
      }),
    ).rejects.toThrow('injected');
    expect(await names('txe-%')).toEqual([]);
    await sql.transaction(async (manager) => {
      await insertUser('txe-sql');
      await manager.insert(User, { username: 'txe-orm', role: Role.User, createdAt: 1, updatedAt: 1 });
    });
    expect(await names('txe-%')).toEqual(['txe-orm', 'txe-sql']);
  });

  it('keeps a concurrent write from outside out of a transaction that rolls back', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = sql
      .transaction(async () => {
        await insertUser('txc-inside');
        await gate;
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 5));
    const outside = insertUser('txc-outside');
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all([tx, outside]);
    expect(await names('txc-%')).toEqual(['txc-outside']);
  });

  it('tells constraint violations by driver code', async () => {
    await insertUser('txu-dup');
    const duplicate = await insertUser('txu-dup').catch((e: unknown) => e);
    expect(isConstraintError(duplicate, 'unique')).toBe(true);
    expect(isConstraintError(duplicate, 'foreign_key')).toBe(false);
    const orphan = await sql
      .run(
        "INSERT INTO api_keys (user_id, name, key_hash, key_prefix, created_at) VALUES (?, 'k', 'h', 'p', 1)",
        [2_000_000_000],
      )
      .catch((e: unknown) => e);
    expect(isConstraintError(orphan, 'foreign_key')).toBe(true);
    expect(isConstraintError(new Error('UNIQUE constraint failed'), 'unique')).toBe(false);
  });
});
