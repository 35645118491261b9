/**
 * Several instances, one database: no state may live in one process.
 *
 * Two built servers (`node dist/src/main.js`) run side by side on ephemeral loopback ports against ONE
 * database: a fresh PostgreSQL database when TEST_DATABASE_URL is set (CI's PostgreSQL pass), otherwise
 * one SQLite file in WAL mode shared by both processes (never skipped). Instance A starts first and
 * applies the migrations; B starts on the migrated database.
 *
 * Each cross-instance property is one entry of CROSS_INSTANCE_CASES below: a name and a function that
 * gets both instances. Cases run in order on the same pair.
 *
 * TODO (module cases, to add to CROSS_INSTANCE_CASES when the modules are merged):
 *  - playback: a playback session opened on A (`POST /audiobookshelf/api/items/:id/play`) is synced on B
 *    (`POST /audiobookshelf/api/session/:id/sync`) and closed on A (`…/close`); the final state read on
 *    either instance has the synced time listened.
 *  - sessions: a session created on A (`POST /api/sessions` / `POST /api/2/sessions/`) is listed on B
 *    (`GET /api/sessions`, `GET /api/2/sessions/`), and stopped on B is seen stopped on A.
 *  - guides: the Guidebook daily request budget counts across instances (spend part of it on A, the rest
 *    on B, the next request on either answers 429).
 */
import { Role } from '../../src/common/auth-user';
import { ADMIN_PASSWORD, freshDatabase, TEST_JWT_SECRET } from '../utils/test-app';
import { call, spawnServer, SpawnedServer } from '../utils/spawn-server';

/** Failed logins allowed per window in this suite (small, so the throttling case is quick). */
const MAX_FAILURES = 4;

interface Pair {
  a: SpawnedServer;
  b: SpawnedServer;
  /** The admin's access JWT, issued by A. */
  adminToken: string;
}

type CrossInstanceCase = [name: string, run: (pair: Pair) => Promise<void>];

async function login(base: string, username: string, password: string) {
  return call(base, 'POST', '/auth/login', { body: { username, password } });
}

const CROSS_INSTANCE_CASES: CrossInstanceCase[] = [
  [
    'a token issued by A is accepted by B (shared JWT_SECRET, no session state)',
    async ({ a, b, adminToken }) => {
      for (const server of [a, b]) {
        const me = await call(server.url, 'GET', '/auth/me', { token: adminToken });
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ username: 'admin', role: 'admin', auth_method: 'jwt' });
      }
    },
  ],
  [
    'a user created on A logs in on B, and B sees the same user row',
    async ({ a, b, adminToken }) => {
      const created = await call(a.url, 'POST', '/users', {
        token: adminToken,
        body: { username: 'multi-alice', password: 'alice-password-1', role: Role.Operator },
      });
      expect(created.status).toBe(201);
      const onB = await login(b.url, 'multi-alice', 'alice-password-1');
      expect(onB.status).toBe(200);
      expect(onB.body.user).toEqual({ id: created.body.id, username: 'multi-alice', role: 'operator' });
      const fetched = await call(b.url, 'GET', `/users/${created.body.id}`, { token: adminToken });
      expect(fetched.body).toMatchObject({ id: created.body.id, username: 'multi-alice', role: 'operator' });
      // a role change on B is what A enforces on the next request (the JWT is checked against the row)
      const patched = await call(b.url, 'PATCH', `/users/${created.body.id}`, {
        token: adminToken,
        body: { role: Role.User },
      });
      expect(patched.status).toBe(200);
      const me = await call(a.url, 'GET', '/auth/me', { token: onB.body.access_token });
      expect(me.body).toMatchObject({ username: 'multi-alice', role: 'user' });
    },
  ],
  [
    'a Roundware device registered on A gets the same user back on B',
    async ({ a, b }) => {
      const first = await call(a.url, 'POST', '/api/2/users/', { body: { device_id: 'multi-device-1' } });
      const again = await call(b.url, 'POST', '/api/2/users/', { body: { device_id: 'multi-device-1' } });
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      // the new key replaced the old one on every instance at once
      expect(
        (await call(a.url, 'GET', '/auth/me', { token: first.body.token, scheme: 'token' })).status,
      ).toBe(401);
      expect(
        (await call(a.url, 'GET', '/auth/me', { token: again.body.token, scheme: 'token' })).status,
      ).toBe(200);
    },
  ],
  [
    'an API key created on A works on B; revoked on B it is refused by both at once',
    async ({ a, b, adminToken }) => {
      const created = await call(a.url, 'POST', '/auth/api-keys', {
        token: adminToken,
        body: { name: 'multi-instance key' },
      });
      expect(created.status).toBe(201);
      const key = created.body.key as string;
      for (const server of [a, b]) {
        const me = await call(server.url, 'GET', '/auth/me', { token: key, scheme: 'JWT' });
        expect(me.body).toMatchObject({ username: 'admin', auth_method: 'api_key' });
      }
      const revoked = await call(b.url, 'DELETE', `/auth/api-keys/${created.body.id}`, { token: adminToken });
      expect(revoked.status).toBe(204);
      const [onA, onB] = await Promise.all([
        call(a.url, 'GET', '/auth/me', { token: key }),
        call(b.url, 'GET', '/auth/me', { token: key }),
      ]);
      expect([onA.status, onB.status]).toEqual([401, 401]);
      expect(onA.body).toEqual({ detail: 'Invalid token.' });
    },
  ],
  // TODO playback: open on A, sync on B, close on A (see the file header).
  // TODO sessions: created on A, listed on B.
  // TODO guides: the Guidebook daily budget spent across A and B.
  [
    // last: it uses up the loopback IP's failure budget
    'failed logins count across instances: A and B share one budget, then both answer 429',
    async ({ a, b }) => {
      const half = MAX_FAILURES / 2;
      for (const server of [a, b]) {
        for (let i = 0; i < half; i++) {
          const res = await login(server.url, 'multi-alice', 'wrong-password');
          expect(res.status).toBe(401);
        }
      }
      for (const server of [a, b]) {
        const res = await login(server.url, 'multi-alice', 'alice-password-1');
        expect(res.status).toBe(429);
        expect(res.body.detail).toMatch(/^Too many failed login attempts/);
      }
      // every login surface shares the counters
      const pair = await call(b.url, 'POST', '/api/token/', {
        body: { username: 'multi-alice', password: 'alice-password-1' },
      });
      expect(pair.status).toBe(429);
    },
  ],
];

describe('several instances on one database (e2e, built server)', () => {
  let a: SpawnedServer | undefined;
  let b: SpawnedServer | undefined;
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  const pair = {} as Pair;

  beforeAll(async () => {
    db = await freshDatabase();
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD,
      JWT_SECRET: TEST_JWT_SECRET,
      DOCS_ENABLED: 'false',
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      ...db.env,
    };
    a = await spawnServer(env);
    b = await spawnServer(env);
    const admin = await login(a.url, 'admin', ADMIN_PASSWORD);
    expect(admin.status).toBe(200);
    Object.assign(pair, { a, b, adminToken: admin.body.access_token });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it('runs two separate processes on the same database', async () => {
    expect(pair.a.pid).not.toBe(pair.b.pid);
    expect(pair.a.port).not.toBe(pair.b.port);
    const [ha, hb] = await Promise.all([
      call(pair.a.url, 'GET', '/health'),
      call(pair.b.url, 'GET', '/health'),
    ]);
    expect([ha.status, hb.status]).toEqual([200, 200]);
    expect(db.env.DB_TYPE).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite');
  });

  it.each(CROSS_INSTANCE_CASES)('%s', async (_name, run) => {
    await run(pair);
  });
});
