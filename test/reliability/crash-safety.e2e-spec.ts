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
 * TODO (module writers, to add to WRITERS when merged): events POST (`POST /api/2/events/`, single and
 * batch: every acknowledged event id present), playback sync (`POST /audiobookshelf/api/session/:id/sync`:
 * the session's time listened is at least the sum of the acknowledged syncs).
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
}

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
  // TODO events POST (single and batch) and playback sync: see the file header.
];

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
    ctx = { adminToken: login.body.access_token, adminId: login.body.user.id };

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
