/**
 * Crash safety: the built server runs on a SQLite file while concurrent clients write through it; once
 * ACK_TARGET writes have been acknowledged (with more in flight) the process is killed with SIGKILL — no
 * shutdown hook, no flush. Then:
 *  - `PRAGMA integrity_check` is `ok` and `PRAGMA foreign_key_check` finds nothing;
 *  - every write the server acknowledged is in the database (unacknowledged ones may or may not be);
 *  - a restarted server on the same file serves them (and the acknowledged credentials still work).
 * SQLite runs in WAL mode with synchronous=NORMAL: a commit is in the WAL (OS page cache) before the
 * response is sent, so it survives the death of the process (not of the machine; see docs/reliability.md).
 *
 * Each kind of write is one entry of WRITERS: how to send write number i, what its acknowledgement
 * records, and how to find the acknowledged writes in the database afterwards.
 * Writers: API key creation, Roundware device registration, events (`POST /api/2/events/` single and
 * `POST /api/2/events/batch/`: every acknowledged event is in the file, with its data) and playback
 * syncs (`POST /audiobookshelf/api/session/:id/sync`: each session's time listened is at least the sum
 * of its acknowledged credits, and at most that plus the credits still in flight at the kill).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_PASSWORD, TEST_JWT_SECRET } from '../utils/test-app';
import { call, spawnServer, SpawnedServer } from '../utils/spawn-server';

const WORKERS = 16;
const ACK_TARGET = Number(process.env.CRASH_ACK_TARGET ?? 300);

interface Ack {
  writer: string;
  /** What identifies the write in the database (an id, a unique name, …). */
  id: number;
  detail: Record<string, unknown>;
}

interface WriterContext {
  adminToken: string;
  adminId: number;
  /** A Roundware session the event writers post into. */
  eventSessionId: number;
  /** Open playback sessions the sync writer spreads its syncs over. */
  playbackIds: string[];
  /** Seconds of listening each sync sent (not refused) may have credited, by playback session. */
  syncSent: Map<string, number>;
}

/** Credit per sync: an integer, so sums are exact; far below the (raised) sync tolerance. */
const SYNC_CREDIT = 1;
const BATCH_SIZE = 5;

interface Writer {
  name: string;
  /** Sends write number `i`; returns what the server acknowledged, or null when it refused. */
  send(base: string, ctx: WriterContext, i: number): Promise<Omit<Ack, 'writer'> | null>;
  /** The acknowledged writes that are missing from the (recovered) database file. */
  missing(db: Database.Database, acks: Ack[], ctx: WriterContext): Ack[];
  /** Checks through the restarted server (acknowledged credentials still work, lists show the rows). */
  verifyOverHttp(base: string, acks: Ack[], ctx: WriterContext): Promise<void>;
}

const WRITERS: Writer[] = [
  {
    name: 'api key',
    async send(base, ctx, i) {
      const res = await call(base, 'POST', '/auth/api-keys', {
        token: ctx.adminToken,
        body: { name: `crash-key-${i}` },
      });
      return res.status === 201
        ? { id: res.body.id, detail: { name: res.body.name, key: res.body.key } }
        : null;
    },
    missing(db, acks, ctx) {
      const rows = db.prepare('SELECT id, name FROM api_keys WHERE user_id = ?').all(ctx.adminId) as Array<{
        id: number;
        name: string;
      }>;
      const stored = new Map(rows.map((r) => [r.id, r.name]));
      return acks.filter((a) => stored.get(a.id) !== a.detail.name);
    },
    async verifyOverHttp(base, acks, ctx) {
      const list = await call(base, 'GET', '/auth/api-keys', { token: ctx.adminToken });
      const ids = new Set((list.body as Array<{ id: number }>).map((k) => k.id));
      expect(acks.filter((a) => !ids.has(a.id))).toEqual([]);
      for (const ack of acks.slice(-3)) {
        const me = await call(base, 'GET', '/auth/me', { token: ack.detail.key as string });
        expect(me.body).toMatchObject({ username: 'admin', auth_method: 'api_key' });
      }
    },
  },
  {
    name: 'device registration',
    async send(base, _ctx, i) {
      const res = await call(base, 'POST', '/api/2/users/', { body: { device_id: `crash-device-${i}` } });
      return res.status === 200
        ? { id: res.body.id, detail: { device_id: res.body.device_id, token: res.body.token } }
        : null;
    },
    missing(db, acks) {
      const rows = db.prepare('SELECT id, device_id FROM users WHERE device_id IS NOT NULL').all() as Array<{
        id: number;
        device_id: string;
      }>;
      const stored = new Map(rows.map((r) => [r.id, r.device_id]));
      return acks.filter((a) => stored.get(a.id) !== a.detail.device_id);
    },
    async verifyOverHttp(base, acks) {
      for (const ack of acks.slice(-3)) {
        const me = await call(base, 'GET', '/auth/me', {
          token: ack.detail.token as string,
          scheme: 'token',
        });
        expect(me.body).toMatchObject({ id: ack.id, device_id: ack.detail.device_id });
      }
    },
  },
  {
    name: 'event (single)',
    async send(base, ctx, i) {
      const res = await call(base, 'POST', '/api/2/events/', {
        token: ctx.adminToken,
        body: { session_id: ctx.eventSessionId, event_type: 'crash_single', data: `crash-event-${i}` },
      });
      return res.status === 200 ? { id: res.body.id, detail: { data: res.body.data } } : null;
    },
    missing: (db, acks) => missingEvents(db, acks),
    verifyOverHttp: (base, acks, ctx) => eventsListed(base, acks, ctx),
  },
  {
    name: 'event (batch)',
    async send(base, ctx, i) {
      const body = Array.from({ length: BATCH_SIZE }, (_, j) => ({
        session_id: ctx.eventSessionId,
        event_type: 'crash_batch',
        data: `crash-batch-${i}-${j}`,
      }));
      const res = await call(base, 'POST', '/api/2/events/batch/', { token: ctx.adminToken, body });
      if (res.status !== 201) return null;
      expect(res.body.count).toBe(BATCH_SIZE);
      return {
        id: res.body.results[0].id,
        detail: { events: res.body.results.map((e: { id: number; data: string }) => [e.id, e.data]) },
      };
    },
    // a batch is one transaction: every event of an acknowledged batch is there
    missing: (db, acks) =>
      acks.filter(
        (a) =>
          missingEvents(
            db,
            (a.detail.events as Array<[number, string]>).map(([id, data]) => ({
              ...a,
              id,
              detail: { data },
            })),
          ).length > 0,
      ),
    verifyOverHttp: (base, acks, ctx) =>
      eventsListed(
        base,
        acks.flatMap((a) => (a.detail.events as Array<[number, string]>).map(([id]) => ({ ...a, id }))),
        ctx,
      ),
  },
  {
    name: 'playback sync',
    async send(base, ctx, i) {
      const session = ctx.playbackIds[i % ctx.playbackIds.length];
      // counted before sending: a sync in flight at the kill may or may not have been credited
      ctx.syncSent.set(session, (ctx.syncSent.get(session) ?? 0) + SYNC_CREDIT);
      const res = await call(base, 'POST', `/audiobookshelf/api/session/${session}/sync`, {
        token: ctx.adminToken,
        body: { currentTime: (i % 500) + 1, timeListened: SYNC_CREDIT },
      });
      if (res.status !== 200) {
        // refused with an answer: it credited nothing
        ctx.syncSent.set(session, ctx.syncSent.get(session)! - SYNC_CREDIT);
        return null;
      }
      return { id: i, detail: { session, credited: SYNC_CREDIT, reported: res.body.timeListening } };
    },
    missing(db, acks, ctx) {
      const stored = new Map(
        (
          db
            .prepare(
              `SELECT id, time_listening FROM abs_playback_sessions WHERE id IN (${ctx.playbackIds.map(() => '?').join(',')})`,
            )
            .all(...ctx.playbackIds) as Array<{ id: string; time_listening: number }>
        ).map((r) => [r.id, r.time_listening]),
      );
      const problems: Ack[] = [];
      for (const session of ctx.playbackIds) {
        const mine = acks.filter((a) => a.detail.session === session);
        const acknowledged = mine.length * SYNC_CREDIT;
        const listened = stored.get(session) ?? -1;
        // at least every acknowledged credit, and never more than acknowledged + in flight at the kill
        if (listened < acknowledged || listened > ctx.syncSent.get(session)!) {
          problems.push({
            writer: 'playback sync',
            id: -1,
            detail: { session, listened, acknowledged, sentNotRefused: ctx.syncSent.get(session) },
          });
        }
        // and no acknowledged answer reported more than what the file holds
        problems.push(...mine.filter((a) => (a.detail.reported as number) > listened));
      }
      return problems;
    },
    async verifyOverHttp(base, acks, ctx) {
      for (const session of ctx.playbackIds) {
        const res = await call(base, 'GET', `/audiobookshelf/api/session/${session}`, {
          token: ctx.adminToken,
        });
        expect(res.status).toBe(200); // still open after the restart
        const acknowledged = acks.filter((a) => a.detail.session === session).length * SYNC_CREDIT;
        expect(res.body.timeListening).toBeGreaterThanOrEqual(acknowledged);
        expect(res.body.timeListening).toBeLessThanOrEqual(ctx.syncSent.get(session)!);
      }
    },
  },
];

/** Acknowledged events (`id` + `detail.data`) that are not in the file with that data. */
function missingEvents(db: Database.Database, acks: Ack[]): Ack[] {
  const find = db.prepare<[number], { data: string | null }>('SELECT data FROM events WHERE id = ?');
  return acks.filter((a) => find.get(a.id)?.data !== a.detail.data);
}

/** The restarted server lists every acknowledged event of the session. */
async function eventsListed(base: string, acks: Ack[], ctx: WriterContext): Promise<void> {
  const list = await call(base, 'GET', `/api/2/events/?session_id=${ctx.eventSessionId}`, {
    token: ctx.adminToken,
  });
  expect(list.status).toBe(200);
  const ids = new Set((list.body as Array<{ id: number }>).map((e) => e.id));
  expect(acks.filter((a) => !ids.has(a.id))).toEqual([]);
}

/** What the event and playback writers need: a Roundware session, a book and a few open playback sessions. */
async function prepare(
  base: string,
  adminToken: string,
): Promise<Omit<WriterContext, 'adminToken' | 'adminId'>> {
  const experiment = await call(base, 'POST', '/api/experiments', {
    token: adminToken,
    body: { name: 'crash experiment' },
  });
  const session = await call(base, 'POST', '/api/sessions', {
    token: adminToken,
    body: { experiment_id: experiment.body.experiment_id },
  });
  expect(session.status).toBe(201);
  const library = await call(base, 'POST', '/audiobookshelf/api/libraries', {
    token: adminToken,
    body: { name: 'Crash books', mediaType: 'book' },
  });
  const item = await call(base, 'POST', `/audiobookshelf/api/libraries/${library.body.id}/items`, {
    token: adminToken,
    body: { media: { metadata: { title: 'Crash' }, audioFiles: [{ filename: 'a.mp3', duration: 1000 }] } },
  });
  expect(item.status).toBe(200);
  const playbackIds: string[] = [];
  for (let d = 0; d < 4; d++) {
    const play = await call(base, 'POST', `/audiobookshelf/api/items/${item.body.id}/play`, {
      token: adminToken,
      body: { deviceInfo: { deviceId: `crash-device-${d}` } },
    });
    expect(play.status).toBe(200);
    playbackIds.push(play.body.id);
  }
  return { eventSessionId: session.body.session_id, playbackIds, syncSent: new Map() };
}

describe('crash safety: SIGKILL under write load (e2e, built server, SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sessions-hub-crash-'));
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DB_TYPE: 'sqlite',
    DB_PATH: join(dir, 'crash.sqlite'),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD,
    JWT_SECRET: TEST_JWT_SECRET,
    DOCS_ENABLED: 'false',
    // every sync is credited in full, so the expected time listened is exact (the clamp has its own tests)
    PLAYBACK_SYNC_TOLERANCE_SECONDS: '86400',
  };
  const acks: Ack[] = [];
  let ctx: WriterContext;
  let inFlightAtKill = 0;
  let restarted: SpawnedServer | undefined;

  beforeAll(async () => {
    const server = await spawnServer(env);
    const login = await call(server.url, 'POST', '/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const adminToken = login.body.access_token as string;
    ctx = { adminToken, adminId: login.body.user.id, ...(await prepare(server.url, adminToken)) };

    let next = 0;
    let inFlight = 0;
    let killing: Promise<void> | undefined;
    const worker = async () => {
      while (!killing) {
        const i = next++;
        const writer = WRITERS[i % WRITERS.length];
        inFlight++;
        try {
          const ack = await writer.send(server.url, ctx, i);
          if (ack) acks.push({ writer: writer.name, ...ack });
        } catch {
          // connection refused / reset: the server is gone
        } finally {
          inFlight--;
        }
        if (acks.length >= ACK_TARGET && !killing) {
          inFlightAtKill = inFlight;
          killing = server.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    await killing;
  }, 120_000);

  afterAll(async () => {
    await restarted?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('was killed mid-load, with writes still in flight', () => {
    expect(acks.length).toBeGreaterThanOrEqual(ACK_TARGET);
    expect(inFlightAtKill).toBeGreaterThan(0);
    for (const writer of WRITERS) expect(acks.some((a) => a.writer === writer.name)).toBe(true);
  });

  it('left a database file that passes integrity_check, with every acknowledged write in it', () => {
    const db = new Database(env.DB_PATH); // read-write: replays the WAL as the next server would
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      for (const writer of WRITERS) {
        const mine = acks.filter((a) => a.writer === writer.name);
        expect({ writer: writer.name, missing: writer.missing(db, mine, ctx) }).toEqual({
          writer: writer.name,
          missing: [],
        });
      }
    } finally {
      db.close();
    }
  });

  it('restarts on the same file and serves every acknowledged write', async () => {
    restarted = await spawnServer(env);
    expect((await call(restarted.url, 'GET', '/health')).status).toBe(200);
    for (const writer of WRITERS) {
      await writer.verifyOverHttp(
        restarted.url,
        acks.filter((a) => a.writer === writer.name),
        ctx,
      );
    }
  });
});
