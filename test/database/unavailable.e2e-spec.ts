import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, TestApp, bearer, TestUser } from '../utils/test-app';

/**
 * A database that cannot take a write right now (another process holds the SQLite lock) answers 503 with
 * Retry-After in each surface's dialect, fast, and `/health` reports it. The lock is a SQLite file lock, so
 * this app runs on SQLite in the PostgreSQL pass too.
 */
describe('an externally locked SQLite database', () => {
  let t: TestApp;
  let user: TestUser;
  let admin: TestUser;
  let holder: Database.Database;
  // raw requests: the 503 is an operational answer of every route, not part of each operation's contract
  const raw = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sessions-hub-locked-'));
    t = await startTestApp({
      DB_TYPE: 'sqlite',
      DB_PATH: join(dir, 'locked.sqlite'),
      SQLITE_BUSY_TIMEOUT_MS: '50',
    });
    user = await t.makeUser();
    admin = await t.admin();
    holder = new Database(t.env.DB_PATH);
  });
  afterAll(async () => {
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
    await t.close();
  });

  it('answers writes 503 with Retry-After in each dialect while the lock is held, then recovers', async () => {
    expect((await t.http.get('/health').expect(200)).body.status).toBe('ok');
    holder.exec('BEGIN EXCLUSIVE');
    const started = Date.now();
    const drf = await raw()
      .post('/api/experiments')
      .set('Authorization', bearer(user))
      .send({ name: 'while locked' })
      .expect(503);
    expect(drf.headers['retry-after']).toBe('1');
    expect(drf.body).toEqual({ detail: 'The database is busy or unavailable; retry shortly.' });
    expect(Date.now() - started).toBeLessThan(2000);
    const abs = await raw()
      .post('/audiobookshelf/api/libraries')
      .set('Authorization', bearer(admin))
      .send({ name: 'Books', mediaType: 'book' });
    expect(abs.status).toBe(503);
    expect(abs.headers['content-type']).toMatch(/^text\/plain/);
    expect(abs.text).toBe('The database is busy or unavailable; retry shortly.');
    const health = await raw().get('/health').expect(503);
    expect(health.body.status).toBe('error');
    holder.exec('ROLLBACK');
    const after = await raw()
      .post('/api/experiments')
      .set('Authorization', bearer(user))
      .send({ name: 'after the lock' })
      .expect(201);
    expect(after.body.name).toBe('after the lock');
  });
});
