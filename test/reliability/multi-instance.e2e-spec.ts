/**
 * Several instances, one database: no state may live in one process.
 *
 * Two built servers (`node dist/src/main.js`) run side by side on ephemeral loopback ports against ONE
 * database: a fresh PostgreSQL database when TEST_DATABASE_URL is set (CI's PostgreSQL pass), otherwise
 * one SQLite file in WAL mode shared by both processes (never skipped). Both start at the same moment on
 * the empty database; the migration lock (src/database/migrate.ts) lets exactly one apply each migration.
 *
 * Each cross-instance property is one entry of CROSS_INSTANCE_CASES below: a name and a function that
 * gets both instances. Cases run in order on the same pair.
 *
 * Module cases: a playback session opened on A is synced on B and closed on A; sessions started on A
 * (AERPAW and Roundware views) are listed on B, stopped on B and seen stopped on A; the Guidebook daily
 * budget (a small GUIDEBOOK_DAILY_LIMIT) is spent half on A and half on B, then both answer 429.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { Role } from '../../src/common/auth-user';
import { MIGRATIONS } from '../../src/database/migrations';
import { ADMIN_PASSWORD, freshDatabase, TEST_JWT_SECRET } from '../utils/test-app';
import { call, spawnServer, SpawnedServer } from '../utils/spawn-server';

/** Failed logins allowed per window in this suite (small, so the throttling case is quick). */
const MAX_FAILURES = 4;
/** Guidebook Open API requests per account and UTC day in this suite (small, so it is spent quickly). */
const GUIDEBOOK_LIMIT = 6;

interface Pair {
  a: SpawnedServer;
  b: SpawnedServer;
  /** The admin's access JWT, issued by A. */
  adminToken: string;
}

type CrossInstanceCase = [name: string, run: (pair: Pair) => Promise<void>];

/** The names in the migrations table, in the order they were applied. */
async function appliedMigrations(env: Record<string, string>): Promise<string[]> {
  const sql = 'SELECT name FROM migrations ORDER BY id';
  if (env.DB_TYPE === 'postgres') {
    const client = new Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query<{ name: string }>(sql)).rows.map((r) => r.name);
    } finally {
      await client.end();
    }
  }
  const file = new Database(env.DB_PATH, { readonly: true });
  try {
    return file
      .prepare<[], { name: string }>(sql)
      .all()
      .map((r) => r.name);
  } finally {
    file.close();
  }
}

async function login(base: string, username: string, password: string) {
  return call(base, 'POST', '/auth/login', { body: { username, password } });
}

/** A new user created by the admin on `base`; returns its id and an access JWT (logged in on `base`). */
async function makeUser(base: string, adminToken: string, username: string, role = Role.User) {
  const password = `${username}-password-1`;
  const created = await call(base, 'POST', '/users', {
    token: adminToken,
    body: { username, password, role },
  });
  expect(created.status).toBe(201);
  const session = await login(base, username, password);
  expect(session.status).toBe(200);
  return { id: created.body.id as number, token: session.body.access_token as string };
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
      // re-registering keeps the first key working (a second tab, issue 14 item 5), on every instance
      expect(
        (await call(a.url, 'GET', '/auth/me', { token: first.body.token, scheme: 'token' })).status,
      ).toBe(200);
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
  [
    'a playback session opened on A is synced on B and closed on A; both see the final state',
    async ({ a, b, adminToken }) => {
      const abs = (path: string) => `/audiobookshelf/api${path}`;
      const library = await call(a.url, 'POST', abs('/libraries'), {
        token: adminToken,
        body: { name: 'Multi books', mediaType: 'book' },
      });
      expect(library.status).toBe(200);
      const item = await call(b.url, 'POST', abs(`/libraries/${library.body.id}/items`), {
        token: adminToken,
        body: {
          media: {
            metadata: { title: 'Two Instances', author: 'A. B.' },
            audioFiles: [{ filename: 'part1.mp3', duration: 600 }],
          },
        },
      });
      expect(item.status).toBe(200);
      const listener = await makeUser(a.url, adminToken, 'multi-listener');

      const opened = await call(a.url, 'POST', abs(`/items/${item.body.id}/play`), {
        token: listener.token,
        body: { deviceInfo: { deviceId: 'multi-phone' } },
      });
      expect(opened.status).toBe(200);
      const id = opened.body.id as string;
      expect(opened.body).toMatchObject({ libraryItemId: item.body.id, timeListening: 0, currentTime: 0 });

      // B knows the session A opened (it lives in the database, not in A's memory)
      const onB = await call(b.url, 'GET', abs(`/session/${id}`), { token: listener.token });
      expect(onB.status).toBe(200);
      expect(onB.body).toMatchObject({ id, duration: 600 });
      const synced = await call(b.url, 'POST', abs(`/session/${id}/sync`), {
        token: listener.token,
        body: { currentTime: 30, timeListened: 5 },
      });
      expect(synced.status).toBe(200);
      expect(synced.body).toMatchObject({ id, currentTime: 30, timeListening: 5 });

      // A closes it with a last sync, on top of what B credited
      const closed = await call(a.url, 'POST', abs(`/session/${id}/close`), {
        token: listener.token,
        body: { currentTime: 42, timeListened: 3 },
      });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ id, currentTime: 42, timeListening: 8 });

      // closed everywhere at once: neither instance still serves or syncs it as open
      for (const server of [a, b]) {
        expect((await call(server.url, 'GET', abs(`/session/${id}`), { token: listener.token })).status).toBe(
          404,
        );
      }
      const late = await call(b.url, 'POST', abs(`/session/${id}/sync`), {
        token: listener.token,
        body: { currentTime: 50, timeListened: 1 },
      });
      expect(late.status).toBe(404);
      // the history and the media progress read on B are what A wrote last
      const history = await call(b.url, 'GET', abs('/me/listening-sessions'), { token: listener.token });
      expect(history.body.sessions).toEqual([
        expect.objectContaining({ id, timeListening: 8, currentTime: 42 }),
      ]);
      const progress = await call(b.url, 'GET', abs(`/me/progress/${item.body.id}`), {
        token: listener.token,
      });
      expect(progress.status).toBe(200);
      expect(progress.body).toMatchObject({
        libraryItemId: item.body.id,
        currentTime: 42,
        isFinished: false,
      });
      const open = await call(a.url, 'GET', abs('/sessions/open'), { token: adminToken });
      expect(open.body.sessions.map((s: { id: string }) => s.id)).not.toContain(id);
    },
  ],
  [
    'sessions started on A (AERPAW and Roundware views) are listed on B; stopped on B, A sees them stopped',
    async ({ a, b, adminToken }) => {
      const owner = await makeUser(a.url, adminToken, 'multi-experimenter');
      const experiment = await call(a.url, 'POST', '/api/experiments', {
        token: owner.token,
        body: { name: 'multi-instance experiment' },
      });
      expect(experiment.status).toBe(201);
      const projectId = experiment.body.experiment_id as number;
      const aerpaw = await call(a.url, 'POST', '/api/sessions', {
        token: owner.token,
        body: { experiment_id: projectId },
      });
      expect(aerpaw.status).toBe(201);
      const roundware = await call(a.url, 'POST', '/api/2/sessions/', {
        token: owner.token,
        scheme: 'token',
        body: { project_id: projectId, client_system: 'iOS 8.1', language: 'en' },
      });
      expect(roundware.status).toBe(200);
      const ids = [aerpaw.body.session_id as number, roundware.body.id as number];

      const page = await call(b.url, 'GET', `/api/sessions?experiment_id=${projectId}`, {
        token: owner.token,
      });
      expect(page.status).toBe(200);
      expect(page.body.count).toBe(2);
      expect(page.body.results.map((s: { session_id: number }) => s.session_id).sort()).toEqual(
        [...ids].sort(),
      );
      const plain = await call(b.url, 'GET', `/api/2/sessions/?project_id=${projectId}`, {
        token: owner.token,
        scheme: 'token',
      });
      expect(plain.body.map((s: { id: number }) => s.id)).toEqual(ids);
      expect(plain.body[1]).toMatchObject({ project_id: projectId, client_system: 'iOS 8.1' });
      // the start_session events A recorded are readable on B
      const events = await call(b.url, 'GET', `/api/2/events/?session_id=${ids[1]}`, {
        token: owner.token,
        scheme: 'token',
      });
      expect(events.body.map((e: { event_type: string }) => e.event_type)).toEqual(['start_session']);

      const stopped = await call(b.url, 'POST', `/api/sessions/${ids[0]}/stop`, { token: owner.token });
      expect(stopped.status).toBe(200);
      const seen = await call(a.url, 'GET', `/api/sessions/${ids[0]}`, { token: owner.token });
      expect(seen.body).toMatchObject({ session_id: ids[0], end_date_time: stopped.body.end_date_time });
      expect(seen.body.end_date_time).not.toBeNull();
      const again = await call(a.url, 'POST', `/api/sessions/${ids[0]}/stop`, { token: owner.token });
      expect(again.status).toBe(409);
    },
  ],
  [
    'the Guidebook daily budget counts across instances: half spent on A, half on B, then both answer 429',
    async ({ a, b, adminToken }) => {
      const organiser = await makeUser(a.url, adminToken, 'multi-organiser');
      const key = await call(a.url, 'POST', '/auth/api-keys', {
        token: organiser.token,
        body: { name: 'guidebook' },
      });
      expect(key.status).toBe(201);
      const guidebook = (server: typeof a) =>
        call(server.url, 'GET', '/open-api/v1/guides/', { token: key.body.key, scheme: 'JWT' });
      const remaining: string[] = [];
      for (const server of [a, b]) {
        for (let i = 0; i < GUIDEBOOK_LIMIT / 2; i++) {
          const res = await guidebook(server);
          expect(res.status).toBe(200);
          expect(res.headers.get('x-ratelimit-limit')).toBe(String(GUIDEBOOK_LIMIT));
          remaining.push(res.headers.get('x-ratelimit-remaining')!);
        }
      }
      // one budget: the remaining count went down by one per request, whichever instance served it
      expect(remaining).toEqual(['5', '4', '3', '2', '1', '0']);
      for (const server of [a, b]) {
        const res = await guidebook(server);
        expect(res.status).toBe(429);
        expect(res.body.detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      // the budget is per account: another account is not throttled on either instance
      const other = await call(b.url, 'GET', '/open-api/v1/guides/', { token: adminToken, scheme: 'JWT' });
      expect(other.status).toBe(200);
    },
  ],
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
      GUIDEBOOK_DAILY_LIMIT: String(GUIDEBOOK_LIMIT),
      ...db.env,
    };
    // both at the same moment on the empty database: the migration lock lets one apply the migrations
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    const admin = await login(a.url, 'admin', ADMIN_PASSWORD);
    expect(admin.status).toBe(200);
    Object.assign(pair, { a, b, adminToken: admin.body.access_token });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it('applied each migration exactly once although both instances started together', async () => {
    const names = await appliedMigrations(db.env);
    expect(names).toEqual(MIGRATIONS.map((m) => m.name));
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
