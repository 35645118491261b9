/**
 * The benchmark's yardstick: a bare `node:http` + better-sqlite3 server doing the same work as Sessions
 * Hub for each benchmark case (same database file, same credential checks, same response shape), with
 * nothing else — no framework, no ORM, no validation layer, no logging. The ratio hub/reference tells how
 * much the stack costs.
 *
 * Started by bench/run.ts as `node dist/bench/reference-server.js` with DB_PATH and JWT_SECRET; prints
 * `reference listening on <port>`. Module cases add one handler each to ROUTES.
 */
import Database from 'better-sqlite3';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

const db = new Database(process.env.DB_PATH);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const secret = process.env.JWT_SECRET!;

interface UserRow {
  id: number;
  username: string;
  role: string;
  device_id: string | null;
  created_at: number;
}

const userById = db.prepare<[number], UserRow>(
  'SELECT id, username, role, device_id, created_at FROM users WHERE id = ?',
);
const userByKey = db.prepare<[string], UserRow & { key_id: number }>(
  `SELECT u.id, u.username, u.role, u.device_id, u.created_at, k.id AS key_id
   FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?`,
);
const ping = db.prepare('SELECT 1');

function offsetIso(us: number): string {
  const iso = new Date(Math.floor(us / 1000)).toISOString().slice(0, 19);
  return `${iso}.${String(us % 1_000_000).padStart(6, '0')}+00:00`;
}

/** HS256 only, exp checked, `typ: access` — what the hub's JWT strategy accepts. */
function verifyJwt(token: string): { sub: number } | null {
  const [h, p, s] = token.split('.');
  if (!h || !p || !s) return null;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  if (header.alg !== 'HS256') return null;
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
    sub: number;
    exp: number;
    typ: string;
  };
  if (payload.typ !== 'access' || payload.exp * 1000 < Date.now()) return null;
  return payload;
}

function caller(req: IncomingMessage): { user: UserRow; apiKey: boolean } | null {
  const match = /^\s*(bearer|jwt|token)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return null;
  const credential = match[2];
  if (credential.startsWith('shk_')) {
    const row = userByKey.get(createHash('sha256').update(credential).digest('hex'));
    return row ? { user: row, apiKey: true } : null;
  }
  const payload = verifyJwt(credential);
  const user = payload ? userById.get(payload.sub) : undefined;
  return user ? { user, apiKey: false } : null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** "METHOD /path" → handler (module cases add theirs here). */
const ROUTES: Record<string, Handler> = {
  'GET /health': (_req, res) => {
    ping.get();
    send(res, 200, {
      status: 'ok',
      info: { database: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' } },
    });
  },
  'GET /auth/me': (req, res) => {
    const who = caller(req);
    if (!who) return send(res, 401, { detail: 'Invalid token.' });
    const u = who.user;
    send(res, 200, {
      id: u.id,
      username: u.username,
      role: u.role,
      auth_method: who.apiKey ? 'api_key' : 'jwt',
      device_id: u.device_id,
      created_at: offsetIso(u.created_at),
    });
  },
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = ROUTES[`${req.method} ${path}`];
    if (!handler) return send(res, 404, { detail: 'Not found.' });
    try {
      handler(req, res, Buffer.concat(chunks).toString());
    } catch {
      send(res, 500, { detail: 'A server error occurred.' });
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `reference listening on http://127.0.0.1:${typeof address === 'object' ? address?.port : ''}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
