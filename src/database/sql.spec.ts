import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource } from 'typeorm';
import { Role } from '../common/auth-user';
import { User } from '../auth/entities/user.entity';
import { Session } from '../sessions/entities/session.entity';
import { dataSourceOptions } from './database.options';
import { ENTITIES } from '../entities';
import { runMigrationsLocked } from './migrate';
import { Sql, step } from './sql';

describe('Sql (SQLite, in memory, migrated)', () => {
  let dataSource: DataSource;
  let sql: Sql;
  const insertUser = (name: string) =>
    sql.run("INSERT INTO users (username, role, created_at, updated_at) VALUES (?, 'user', 1, 2)", [name]);

  beforeAll(async () => {
    dataSource = await runMigrationsLocked(
      await new DataSource(
        dataSourceOptions({ type: 'sqlite', path: ':memory:', logging: false }, ENTITIES),
      ).initialize(),
    );
    sql = new Sql(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('binds ? and :name values and returns rows under their column names', async () => {
    await insertUser('ada');
    expect(await sql.one('SELECT username, created_at FROM users WHERE username = ?', ['ada'])).toEqual({
      username: 'ada',
      created_at: 1,
    });
    const named = await sql.all<{ username: string }>(
      'SELECT username FROM users WHERE username = :name OR username = :name',
      { name: 'ada' },
    );
    expect(named).toEqual([{ username: 'ada' }]);
    expect(await sql.one('SELECT id FROM users WHERE username = ?', ['nobody'])).toBeUndefined();
  });

  it('maps a row onto the entity, booleans as booleans', async () => {
    const toUser = sql.rowMapper(User);
    const row = await sql.one<Record<string, unknown>>('SELECT * FROM users WHERE username = ?', ['ada']);
    expect(toUser(row!)).toMatchObject({ username: 'ada', role: Role.User, createdAt: 1, updatedAt: 2 });
    const toSession = sql.rowMapper(Session);
    expect(toSession({ is_active: 1, geo_listen_enabled: 0, demo_stream_enabled: null })).toMatchObject({
      isActive: true,
      geoListenEnabled: false,
      demoStreamEnabled: null,
    });
  });

  it('pads IN lists to a power of two with a value the list already has', () => {
    expect(sql.inList([7])).toEqual(['(?)', [7]]);
    expect(sql.inList([1, 2, 3])).toEqual(['(?, ?, ?, ?)', [1, 2, 3, 1]]);
    expect(sql.inList([1, 2, 3, 4, 5])[1]).toEqual([1, 2, 3, 4, 5, 1, 1, 1]);
    expect(sql.columnList(User, ['id', 'deviceId', 'createdAt'])).toBe('id, device_id, created_at');
  });

  it('lets a write wait for an open TypeORM transaction instead of joining it', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query(
      "INSERT INTO users (username, role, created_at, updated_at) VALUES ('rolled', 'user', 1, 1)",
    );
    let written = false;
    const write = insertUser('kept').then(() => (written = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(written).toBe(false);
    await runner.rollbackTransaction();
    await runner.release();
    await write;
    const names = await sql.all<{ username: string }>(
      "SELECT username FROM users WHERE username IN ('rolled', 'kept')",
    );
    expect(names).toEqual([{ username: 'kept' }]);
  });

  it('binds :name values as parameters: one prepared statement whatever the values', async () => {
    await sql.one('SELECT id FROM users WHERE id = :id OR username = :name', { id: 0, name: 'x' });
    const before = sql.prepares;
    for (let i = 1; i <= 25; i++)
      await sql.one('SELECT id FROM users WHERE id = :id OR username = :name', { id: i, name: `u${i}` });
    await sql.run('UPDATE users SET updated_at = :at WHERE id = :id', { at: 5, id: 1 });
    await sql.run('UPDATE users SET updated_at = :at WHERE id = :id', { at: 6, id: 2 });
    expect(sql.prepares - before).toBe(1);
    await expect(sql.one('SELECT id FROM users WHERE id = :missing', {})).rejects.toThrow(':missing');
  });

  it('runs Sql statements and TypeORM calls of one transaction together, or neither', async () => {
    await expect(
      sql.transaction(async (manager) => {
        await insertUser('tx-sql');
        await manager.insert(User, { username: 'tx-orm', role: Role.User, createdAt: 1, updatedAt: 1 });
        // nested: joins the open transaction
        await sql.transaction(() => insertUser('tx-nested'));
        throw new Error('injected');
      }),
    ).rejects.toThrow('injected');
    const names = await sql.all("SELECT username FROM users WHERE username LIKE 'tx-%'");
    expect(names).toEqual([]);
    await sql.transaction(async (manager) => {
      await insertUser('tx-sql');
      await manager.insert(User, { username: 'tx-orm', role: Role.User, createdAt: 1, updatedAt: 1 });
    });
    const kept = await sql.all<{ username: string }>(
      "SELECT username FROM users WHERE username LIKE 'tx-%' ORDER BY username",
    );
    expect(kept.map((r) => r.username)).toEqual(['tx-orm', 'tx-sql']);
  });

  it('makes a write from outside wait for an open transaction, not roll back with it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = sql
      .transaction(async () => {
        await insertUser('inside');
        await gate;
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 5));
    let written = false;
    const outside = insertUser('outside').then(() => (written = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(written).toBe(false);
    release();
    await tx;
    await outside;
    const names = await sql.all("SELECT username FROM users WHERE username IN ('inside', 'outside')");
    expect(names).toEqual([{ username: 'outside' }]);
  });

  it('runs an atomic plan all or nothing, and after an open transaction, never inside it', async () => {
    const users = "INSERT INTO users (username, role, created_at, updated_at) VALUES (?, 'user', 1, 2)";
    const ids = await sql.atomic(function* () {
      yield step.run(users, ['plan-a']);
      const row = (yield step.one('SELECT id FROM users WHERE username = ?', ['plan-a'])) as { id: number };
      yield step.run(users, [`plan-b-${row.id}`]);
      return (yield step.all("SELECT id FROM users WHERE username LIKE 'plan-%'")) as unknown[];
    });
    expect(ids).toHaveLength(2);

    const failed = await sql
      .atomic(function* () {
        yield step.run(users, ['plan-c']);
        yield step.run(users, [null]); // username is NOT NULL: the plan fails at its second statement
      })
      .then(
        () => 'committed',
        (error: unknown) => String(error),
      );
    expect(failed).toMatch(/NOT NULL/);
    expect(await sql.one("SELECT id FROM users WHERE username = 'plan-c'")).toBeUndefined();

    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = sql
      .transaction(async () => {
        await insertUser('plan-inside');
        await gate;
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 5));
    const outside = sql.atomic(function* () {
      yield step.run(users, ['plan-outside']);
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(await sql.one("SELECT id FROM users WHERE username = 'plan-outside'")).toBeUndefined();
    release();
    await tx;
    await outside;
    expect(
      await sql.all("SELECT username FROM users WHERE username IN ('plan-inside', 'plan-outside')"),
    ).toEqual([{ username: 'plan-outside' }]);
  });

  // While an AsyncLocalStorage is enabled, Node 20 runs a hook on every new promise of the process, so the
  // transaction context must be disabled whenever no transaction is open, and only then.
  it('disables the transaction context once no transaction is open, and only then', async () => {
    const disable = jest.spyOn(AsyncLocalStorage.prototype, 'disable');
    try {
      let releaseFirst = () => undefined as void;
      const first = sql.transaction(async () => {
        await new Promise<void>((resolve) => (releaseFirst = resolve));
        await insertUser('hook-a');
      });
      // SQLite queues the second behind the first's write lock: each then runs alone
      const second = sql.transaction(() => insertUser('hook-b'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(disable).not.toHaveBeenCalled();
      releaseFirst();
      await Promise.all([first, second]);
      expect(disable).toHaveBeenCalledTimes(2);
      // the next transaction has its context again: its statements join it
      await expect(
        sql.transaction(async () => {
          await insertUser('hook-c');
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await sql.one('SELECT id FROM users WHERE username = ?', ['hook-c'])).toBeUndefined();
      expect(disable).toHaveBeenCalledTimes(3);
    } finally {
      disable.mockRestore();
    }
  });
});
