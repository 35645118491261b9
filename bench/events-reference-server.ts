/**
 * The reference for the events benchmark: the same three operations on bare `node:http` +
 * better-sqlite3 prepared statements, with a per-request user lookup standing in for authentication.
 * No framework, no validation library, no ORM — the ceiling the app is compared against.
 * Usage: node dist/bench/events-reference-server.js <db path> <port> <user id>
 */
import Database from 'better-sqlite3';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { nowMicros, toNaiveIso } from '../src/common/time';

const [dbPath, portText, userIdText] = process.argv.slice(2);
const userId = Number(userIdText);
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');

const findUser = db.prepare<[number], { id: number; role: string }>(
  'SELECT id, role FROM users WHERE id = ?',
);
const sessionOwner = db.prepare<[number], { owner_id: number }>('SELECT owner_id FROM sessions WHERE id = ?');
const typeId = db.prepare<[string], { id: number }>('SELECT id FROM event_types WHERE name = ?');
const insertType = db.prepare('INSERT OR IGNORE INTO event_types (name) VALUES (?)');
const insertEvent = db.prepare(
  'INSERT INTO events (session_id, event_type_id, server_time, client_time, data, latitude, longitude, tag_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
const insertTag = db.prepare('INSERT INTO event_tags (event_id, tag_id) VALUES (?, ?)');
const listBySession = db.prepare(
  'SELECT e.id, e.server_time, e.client_time, t.name AS event_type, e.data, e.latitude, e.longitude, e.session_id, e.tag_ids ' +
    'FROM events e JOIN event_types t ON t.id = e.event_type_id JOIN sessions s ON s.id = e.session_id ' +
    'WHERE e.session_id = ? AND s.owner_id = ? ORDER BY e.id',
);

interface Body {
  session_id: number;
  event_type: string;
  client_time?: string;
  latitude?: number | string;
  longitude?: number | string;
  tag_ids?: string | number[];
  data?: string;
}

function store(items: Body[]) {
  return items.map((item) => {
    let type = typeId.get(item.event_type);
    if (!type) {
      insertType.run(item.event_type);
      type = typeId.get(item.event_type)!;
    }
    const tags = Array.isArray(item.tag_ids)
      ? item.tag_ids
      : item.tag_ids
        ? item.tag_ids.split(',').map(Number)
        : [];
    const serverTime = nowMicros();
    const lat = item.latitude === undefined ? null : String(item.latitude);
    const lon = item.longitude === undefined ? null : String(item.longitude);
    const tagText = tags.length ? tags.join(',') : null;
    const id = Number(
      insertEvent.run(
        item.session_id,
        type.id,
        serverTime,
        item.client_time ?? null,
        item.data ?? null,
        lat,
        lon,
        tagText,
      ).lastInsertRowid,
    );
    for (const tag of tags) insertTag.run(id, tag);
    return {
      id,
      server_time: toNaiveIso(serverTime),
      client_time: item.client_time ?? null,
      event_type: item.event_type,
      data: item.data ?? null,
      latitude: lat,
      longitude: lon,
      session_id: item.session_id,
      tag_ids: tagText,
    };
  });
}
const storeAll = db.transaction(store);

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const user = findUser.get(userId);
  if (!user) return send(res, 401, { detail: 'no user' });
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/api/2/events/') {
    const rows = listBySession.all(Number(url.searchParams.get('session_id')), user.id) as Array<
      Record<string, unknown> & { server_time: number }
    >;
    return send(
      res,
      200,
      rows.map((r) => ({ ...r, server_time: toNaiveIso(r.server_time) })),
    );
  }
  if (
    req.method === 'POST' &&
    (url.pathname === '/api/2/events/' || url.pathname === '/api/2/events/batch/')
  ) {
    const parsed = JSON.parse(await readBody(req)) as Body | Body[];
    const items = Array.isArray(parsed) ? parsed : [parsed];
    for (const item of items) {
      if (!item.session_id || !item.event_type) return send(res, 400, { detail: 'bad item' });
      if (sessionOwner.get(item.session_id)?.owner_id !== user.id)
        return send(res, 400, { detail: 'no session' });
    }
    const stored = storeAll(items);
    return Array.isArray(parsed)
      ? send(res, 201, { count: stored.length, results: stored })
      : send(res, 200, stored[0]);
  }
  send(res, 404, { detail: 'Not found.' });
}

createServer((req, res) => {
  handle(req, res).catch(() => send(res, 500, { detail: 'error' }));
}).listen(Number(portText), '127.0.0.1', () => process.stdout.write('ready\n'));
