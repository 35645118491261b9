/**
 * The benchmark's yardstick: a bare `node:http` + better-sqlite3 server doing the same work as Sessions
 * Hub for each benchmark case (same database file, same credential checks, same response shape), with
 * nothing else — no framework, no ORM, no validation layer, no logging. The ratio hub/reference tells how
 * much the stack costs.
 *
 * Started by bench/run.ts as `node dist/bench/reference-server.js` with DB_PATH and JWT_SECRET; prints
 * `reference listening on <port>`. Every case of bench/cases.ts has one handler in ROUTES (exact paths)
 * or PATTERNS (paths with an id). Each does what the hub does for that request: authenticate the caller
 * (HS256 JWT or SHA-256 API key lookup, then the user row), validate what the hub validates for the
 * measured request, run the same SQL (the same visibility filters, counts, joins and writes, including
 * the Guidebook budget counter and the `start_session` event a session start records) and answer the same
 * JSON shape. It is the same work minus the framework, the ORM, the validation library and the logging.
 */
import Database from 'better-sqlite3';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve, sep } from 'node:path';
import { Server as IoServer } from 'socket.io';
import { nowMicros, toGuidebookTime, toNaiveIso, toOffsetIso } from '../src/common/time';

const db = new Database(process.env.DB_PATH);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
// the same durability as the hub it is measured against (bench/run.ts passes the hub's setting)
db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
db.pragma('foreign_keys = ON');
db.pragma('journal_size_limit = 67108864'); // as the hub: the WAL file is cut back to 64 MB at each reset
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

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, params: string[]) => void;

const canReadAll = (role: string) => role === 'operator' || role === 'admin';
const query = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://localhost').searchParams;

/** DRF's envelope with absolute next/previous URLs (no `page` for the first page). */
function drfPage(req: IncomingMessage, page: number, size: number, count: number, results: unknown[]) {
  const last = Math.max(1, Math.ceil(count / size));
  const url = (p: number) => {
    const u = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (p <= 1) u.searchParams.delete('page');
    else u.searchParams.set('page', String(p));
    return u.toString();
  };
  return {
    count,
    next: page < last ? url(page + 1) : null,
    previous: page > 1 ? url(page - 1) : null,
    results,
  };
}

function positiveInt(text: string | null, fallback: number): number | null {
  if (text === null) return fallback;
  const n = Number(text);
  return /^\d+$/.test(text) && n >= 1 && n <= 2147483647 ? n : null;
}

// ---------------------------------------------------------------- events

const sessionById = db.prepare<[number], { id: number; owner_id: number }>(
  'SELECT id, owner_id FROM sessions WHERE id = ?',
);
const typeIds = new Map<string, number>();
const insertType = db.prepare('INSERT OR IGNORE INTO event_types (name) VALUES (?)');
const selectType = db.prepare<[string], { id: number }>('SELECT id FROM event_types WHERE name = ?');
const insertEvent = db.prepare(
  'INSERT INTO events (session_id, event_type_id, server_time, client_time, data, latitude, longitude, tag_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
const insertTag = db.prepare('INSERT INTO event_tags (event_id, tag_id) VALUES (?, ?)');
const EVENT_COLUMNS =
  'e.id, e.server_time, e.client_time, t.name AS event_type, e.data, e.latitude, e.longitude, e.session_id, e.tag_ids ' +
  'FROM events e JOIN event_types t ON t.id = e.event_type_id';
const eventsOfSession = db.prepare<[number, number], EventRow>(
  `SELECT ${EVENT_COLUMNS} WHERE e.session_id = ? ORDER BY e.id LIMIT ?`,
);
const eventsOfOwnSession = db.prepare<[number, number, number], EventRow>(
  `SELECT ${EVENT_COLUMNS} JOIN sessions s ON s.id = e.session_id WHERE e.session_id = ? AND s.owner_id = ? ORDER BY e.id LIMIT ?`,
);
const MAX_EVENT_ROWS = 10_000;

interface EventRow {
  id: number;
  server_time: number;
  client_time: string | null;
  event_type: string;
  data: string | null;
  latitude: string | null;
  longitude: string | null;
  session_id: number;
  tag_ids: string | null;
}
interface EventBody {
  session_id?: unknown;
  event_type?: unknown;
  client_time?: unknown;
  latitude?: unknown;
  longitude?: unknown;
  tag_ids?: unknown;
  data?: unknown;
}
interface NewEvent {
  sessionId: number;
  eventType: string;
  clientTime: string | null;
  data: string | null;
  latitude: string | null;
  longitude: string | null;
  tags: number[];
}

const renderEvent = (r: EventRow) => ({ ...r, server_time: toNaiveIso(r.server_time) });

/** The checks the hub's DTO and event-input rules make, in plain code; null when the item is invalid. */
function eventInput(body: EventBody): NewEvent | null {
  const { session_id: sessionId, event_type: eventType } = body;
  if (typeof sessionId !== 'number' || !Number.isInteger(sessionId) || sessionId < 1) return null;
  if (typeof eventType !== 'string' || eventType.length < 1 || eventType.length > 50) return null;
  const coordinate = (v: unknown, limit: number) => {
    if (v === undefined || v === null || v === '') return null;
    const n = Number(v);
    if (!Number.isFinite(n) || Math.abs(n) > limit) return undefined;
    return typeof v === 'number' ? String(v) : (v as string);
  };
  const latitude = coordinate(body.latitude, 90);
  const longitude = coordinate(body.longitude, 180);
  if (latitude === undefined || longitude === undefined) return null;
  const clientTime = typeof body.client_time === 'string' ? body.client_time : null;
  if (
    clientTime !== null &&
    Number.isNaN(Date.parse(clientTime.endsWith('Z') ? clientTime : `${clientTime}Z`))
  )
    return null;
  const raw = body.tag_ids;
  const tags = Array.isArray(raw)
    ? raw.map(Number)
    : typeof raw === 'string' && raw !== ''
      ? raw.split(',').map((t) => Number(t.trim()))
      : typeof raw === 'number'
        ? [raw]
        : [];
  if (tags.some((t) => !Number.isInteger(t) || t < 1 || t > 2147483647) || tags.length > 100) return null;
  return {
    sessionId,
    eventType,
    clientTime,
    data: typeof body.data === 'string' ? body.data : null,
    latitude,
    longitude,
    tags: [...new Set(tags)],
  };
}

/** One transaction; returns each stored event's id, server time and tag text. */
const storeEvents = db.transaction((items: NewEvent[]) =>
  items.map((item) => {
    let typeId = typeIds.get(item.eventType);
    if (typeId === undefined) {
      insertType.run(item.eventType);
      typeId = selectType.get(item.eventType)!.id;
      typeIds.set(item.eventType, typeId);
    }
    const serverTime = nowMicros();
    const tagText = item.tags.length ? item.tags.join(',') : null;
    const id = Number(
      insertEvent.run(
        item.sessionId,
        typeId,
        serverTime,
        item.clientTime,
        item.data,
        item.latitude,
        item.longitude,
        tagText,
      ).lastInsertRowid,
    );
    for (const tag of item.tags) insertTag.run(id, tag);
    return { id, serverTime, tagText };
  }),
);

/** A stored event as the hub answers it. */
const storedEvent = (item: NewEvent, stored: { id: number; serverTime: number; tagText: string | null }) =>
  renderEvent({
    id: stored.id,
    server_time: stored.serverTime,
    client_time: item.clientTime,
    event_type: item.eventType,
    data: item.data,
    latitude: item.latitude,
    longitude: item.longitude,
    session_id: item.sessionId,
    tag_ids: stored.tagText,
  });

function postEvents(req: IncomingMessage, res: ServerResponse, body: string, batch: boolean): void {
  const who = caller(req);
  if (!who) return send(res, 401, { detail: 'Invalid token.' });
  const parsed = JSON.parse(body) as EventBody | EventBody[];
  const list = batch ? (Array.isArray(parsed) ? parsed : null) : Array.isArray(parsed) ? null : [parsed];
  if (!list || list.length === 0 || list.length > 1000) return send(res, 400, { detail: 'Bad body.' });
  const items: NewEvent[] = [];
  for (const raw of list) {
    const item = eventInput(raw);
    if (!item) return send(res, 400, { detail: 'Bad item.' });
    items.push(item);
  }
  for (const id of new Set(items.map((i) => i.sessionId))) {
    const session = sessionById.get(id);
    if (!session || (!canReadAll(who.user.role) && session.owner_id !== who.user.id))
      return send(res, 400, { session_id: [`Invalid pk "${id}" - object does not exist.`] });
  }
  const stored = storeEvents(items);
  if (!batch) send(res, 200, storedEvent(items[0], stored[0]));
  else if (query(req).get('echo') === 'false')
    send(res, 201, { count: stored.length, ids: stored.map((s) => s.id) });
  else send(res, 201, { count: stored.length, results: stored.map((s, i) => storedEvent(items[i], s)) });
}

// ---------------------------------------------------------------- sessions (Roundware, AERPAW)

const projectById = db.prepare<[number], { id: number; owner_id: number | null; geo_listen_enabled: number }>(
  'SELECT id, owner_id, geo_listen_enabled FROM projects WHERE id = ?',
);
const languageByCode = db.prepare<[string], { id: number }>('SELECT id FROM languages WHERE code = ?');
const userDevice = db.prepare<[number], { device_id: string | null; client_type: string | null }>(
  'SELECT device_id, client_type FROM users WHERE id = ?',
);
const insertSession = db.prepare(
  `INSERT INTO sessions (project_id, owner_id, ended_by_id, start_time, stop_time, is_active, session_type, device_id,
     client_type, client_system, language_id, timezone, geo_listen_enabled, demo_stream_enabled, created_by_id,
     created_at, modified_by_id, modified_at)
   VALUES (?, ?, NULL, ?, NULL, 1, 'development', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
);
const startSession = db.transaction(
  (values: Array<number | string | null>, owner: number, at: number): number => {
    const id = Number(insertSession.run(...values).lastInsertRowid);
    // what the Events module's listener records for SESSION_STARTED
    storeEvents([
      {
        sessionId: id,
        eventType: 'start_session',
        clientTime: null,
        data: null,
        latitude: null,
        longitude: null,
        tags: [],
      },
    ]);
    void owner;
    void at;
    return id;
  },
);
const countSessions = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM sessions');
const countOwnSessions = db.prepare<[number], { n: number }>(
  'SELECT COUNT(*) AS n FROM sessions WHERE owner_id = ?',
);
const SESSION_LIST_COLUMNS =
  'id, project_id, owner_id, ended_by_id, start_time, stop_time, is_active, session_type';
const sessionPage = db.prepare<[number, number], SessionListRow>(
  `SELECT ${SESSION_LIST_COLUMNS} FROM sessions ORDER BY id DESC LIMIT ? OFFSET ?`,
);
const ownSessionPage = db.prepare<[number, number, number], SessionListRow>(
  `SELECT ${SESSION_LIST_COLUMNS} FROM sessions WHERE owner_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`,
);
interface SessionListRow {
  id: number;
  project_id: number;
  owner_id: number;
  ended_by_id: number | null;
  start_time: number;
  stop_time: number | null;
  is_active: number;
  session_type: string;
}

// ---------------------------------------------------------------- playback (Audiobookshelf)

interface PlaybackRow {
  id: string;
  user_id: number;
  library_id: string;
  library_item_id: string;
  episode_id: string | null;
  media_type: string;
  media_metadata: string;
  chapters: string;
  display_title: string;
  display_author: string | null;
  cover_path: string | null;
  duration: number;
  play_method: number;
  media_player: string;
  device_info: string;
  date: string;
  day_of_week: string;
  time_listening: number;
  start_position: number;
  current_position: number;
  started_at: number;
  updated_at: number;
  username?: string | null;
}
const TOLERANCE_US = 10 * 1_000_000;
const FINISHED_THRESHOLD = 10;
const openSession = db.prepare<[string], PlaybackRow>(
  'SELECT * FROM abs_playback_sessions WHERE id = ? AND is_open = 1',
);
const openOwnSession = db.prepare<[string, number], PlaybackRow>(
  'SELECT * FROM abs_playback_sessions WHERE id = ? AND is_open = 1 AND user_id = ?',
);
const ALLOWANCE = '(@allowEnd - credited_until)';
const CREDIT = `(CASE WHEN ${ALLOWANCE} <= 0 THEN 0 WHEN @listened * 1000000 < ${ALLOWANCE} THEN @listened ELSE CAST(${ALLOWANCE} AS REAL) / 1000000 END)`;
const syncSession = db.prepare(
  `UPDATE abs_playback_sessions SET time_listening = time_listening + ${CREDIT},
     credited_until = (CASE WHEN credited_until + CAST(${CREDIT} * 1000000 AS INTEGER) > @now
       THEN credited_until + CAST(${CREDIT} * 1000000 AS INTEGER) ELSE @now END),
     current_position = @position, updated_at = @now
   WHERE id = @id AND is_open = 1`,
);
const saveProgress = db.prepare(
  `INSERT INTO abs_media_progress (user_id, library_item_id, episode_id, duration, progress, current_position,
     is_finished, finished_at, started_at, last_update)
   VALUES (@userId, @itemId, @episodeId, @duration, @progress, @position, @finished, @finishedAt, @now, @now)
   ON CONFLICT (user_id, library_item_id, episode_id) DO UPDATE SET
     duration = excluded.duration, progress = excluded.progress, current_position = excluded.current_position,
     is_finished = excluded.is_finished,
     finished_at = CASE WHEN excluded.is_finished THEN COALESCE(abs_media_progress.finished_at, excluded.finished_at) ELSE NULL END,
     last_update = excluded.last_update
   WHERE abs_media_progress.last_update <= excluded.last_update
   RETURNING id`,
);
const playbackById = db.prepare<[string], PlaybackRow>('SELECT * FROM abs_playback_sessions WHERE id = ?');
const progressOf = db.prepare<
  [number, string, string],
  {
    id: number;
    library_item_id: string;
    episode_id: string;
    hide_from_continue_listening: number;
    duration: number;
    progress: number;
    current_position: number;
    is_finished: number;
    last_update: number;
    started_at: number;
    finished_at: number | null;
  }
>('SELECT * FROM abs_media_progress WHERE user_id = ? AND library_item_id = ? AND episode_id = ?');
const openSessionItem = db.prepare<[string], { library_item_id: string }>(
  'SELECT library_item_id FROM abs_playback_sessions WHERE id = ? AND is_open = 1',
);
const itemMedia = db.prepare<[string], { path: string; media: string }>(
  'SELECT path, media FROM abs_library_items WHERE id = ?',
);
const mediaRoot = realpathSync(resolve(process.env.MEDIA_DIR ?? '.'));
const countPlayback = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM abs_playback_sessions');
const listeningDays = db.prepare<
  [number],
  { date: string; day_of_week: string; library_item_id: string; seconds: number }
>(
  `SELECT date, day_of_week, library_item_id, seconds FROM abs_listening_days
   WHERE user_id = ? AND sessions > 0 ORDER BY date, library_item_id`,
);
const latestPlayback = db.prepare<[number], PlaybackRow>(
  'SELECT * FROM abs_playback_sessions WHERE user_id = ? ORDER BY updated_at DESC, id DESC LIMIT 10',
);
const playbackPage = db.prepare<[number, number], PlaybackRow>(
  `SELECT s.*, u.username FROM abs_playback_sessions s LEFT JOIN users u ON u.id = s.user_id
   ORDER BY s.updated_at DESC, s.id DESC LIMIT ? OFFSET ?`,
);

function absSession(row: PlaybackRow) {
  const out: Record<string, unknown> = {
    id: row.id,
    userId: String(row.user_id),
    libraryId: row.library_id,
    libraryItemId: row.library_item_id,
    episodeId: row.episode_id,
    mediaType: row.media_type,
    mediaMetadata: JSON.parse(row.media_metadata) as unknown,
    chapters: JSON.parse(row.chapters) as unknown,
    displayTitle: row.display_title,
    displayAuthor: row.display_author,
    coverPath: row.cover_path,
    duration: row.duration,
    playMethod: row.play_method,
    mediaPlayer: row.media_player,
    deviceInfo: JSON.parse(row.device_info) as unknown,
    date: row.date,
    dayOfWeek: row.day_of_week,
    timeListening: row.time_listening,
    startTime: row.start_position,
    currentTime: row.current_position,
    startedAt: Math.floor(row.started_at / 1000),
    updatedAt: Math.floor(row.updated_at / 1000),
  };
  if (row.username !== undefined) out.user = { id: String(row.user_id), username: row.username };
  return out;
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

// ---------------------------------------------------------------- Guidebook

const hitCounter = db.prepare<
  [string, number, number, number, number],
  { count: number; window_start: number }
>(
  `INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
   ON CONFLICT (key) DO UPDATE SET
     count = CASE WHEN rate_counters.window_start < ? THEN 1 ELSE rate_counters.count + 1 END,
     window_start = CASE WHEN rate_counters.window_start < ? THEN ? ELSE rate_counters.window_start END
   RETURNING count, window_start`,
);
const GUIDEBOOK_LIMIT = Number(process.env.GUIDEBOOK_DAILY_LIMIT ?? 10_000);
const guideById = db.prepare<[number], { id: number; owner_id: number }>(
  'SELECT id, owner_id FROM guides WHERE id = ?',
);
const countSchedule = db.prepare<[number], { n: number }>(
  'SELECT COUNT(*) AS n FROM schedule_sessions WHERE guide_id = ?',
);
const schedulePage = db.prepare<[number, number, number], ScheduleRow>(
  'SELECT * FROM schedule_sessions WHERE guide_id = ? ORDER BY id ASC LIMIT ? OFFSET ?',
);
interface ScheduleRow {
  id: number;
  guide_id: number;
  name: string;
  description_html: string | null;
  start_time: number;
  end_time: number | null;
  all_day: number;
  allow_rating: number;
  add_to_schedule: number;
  import_id: string | null;
  created_at: number;
  last_updated: number;
}

/** "METHOD /path" → handler. */
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
      created_at: toOffsetIso(u.created_at),
    });
  },
  'POST /api/2/events': (req, res, body) => postEvents(req, res, body, false),
  'POST /api/2/events/batch': (req, res, body) => postEvents(req, res, body, true),
  'GET /api/2/events': (req, res) => {
    const who = caller(req);
    if (!who) return send(res, 401, { detail: 'Invalid token.' });
    const sessionId = positiveInt(query(req).get('session_id'), 0);
    if (!sessionId) return send(res, 400, { session_id: ['Enter a whole number.'] });
    const rows = canReadAll(who.user.role)
      ? eventsOfSession.all(sessionId, MAX_EVENT_ROWS + 1)
      : eventsOfOwnSession.all(sessionId, who.user.id, MAX_EVENT_ROWS + 1);
    if (rows.length > MAX_EVENT_ROWS) return send(res, 400, { detail: 'Too many events; paginate.' });
    send(res, 200, rows.map(renderEvent));
  },
  'POST /api/2/sessions': (req, res, body) => {
    const who = caller(req);
    if (!who) return send(res, 401, { detail: 'Invalid token.' });
    const dto = JSON.parse(body) as {
      project_id?: unknown;
      client_system?: unknown;
      language?: unknown;
      timezone?: unknown;
      client_type?: unknown;
    };
    const projectId = dto.project_id;
    if (typeof projectId !== 'number' || !Number.isInteger(projectId))
      return send(res, 400, { project_id: ['A valid integer is required.'] });
    if (typeof dto.client_system !== 'string')
      return send(res, 400, { client_system: ['This field is required.'] });
    const project = projectById.get(projectId);
    if (!project || (!canReadAll(who.user.role) && project.owner_id !== who.user.id))
      return send(res, 400, { project_id: [`Invalid pk "${projectId}" - object does not exist.`] });
    const code = typeof dto.language === 'string' ? dto.language.toLowerCase().split(/[-_]/)[0] : 'en';
    const language = languageByCode.get(code);
    if (!language) return send(res, 400, { language: [`Unknown language "${String(dto.language)}".`] });
    const device = userDevice.get(who.user.id);
    const timezone = typeof dto.timezone === 'string' ? dto.timezone : '0000';
    const clientType = typeof dto.client_type === 'string' ? dto.client_type : (device?.client_type ?? null);
    const now = nowMicros();
    const geo = project.geo_listen_enabled ? 1 : 0;
    const id = startSession(
      [
        projectId,
        who.user.id,
        now,
        device?.device_id ?? null,
        clientType,
        dto.client_system,
        language.id,
        timezone,
        geo,
        who.user.id,
        now,
        who.user.id,
        now,
      ],
      who.user.id,
      now,
    );
    send(res, 200, {
      client_system: dto.client_system,
      client_type: clientType,
      demo_stream_enabled: false,
      device_id: device?.device_id ?? null,
      geo_listen_enabled: Boolean(geo),
      language_id: language.id,
      project_id: projectId,
      starttime: toNaiveIso(now),
      stoptime: null,
      timezone,
      id,
    });
  },
  'GET /api/sessions': (req, res) => {
    const who = caller(req);
    if (!who) return send(res, 401, { detail: 'Invalid token.' });
    const q = query(req);
    const page = positiveInt(q.get('page'), 1);
    const size = positiveInt(q.get('page_size'), 100);
    if (!page || !size || size > 500) return send(res, 400, { page: ['Invalid page.'] });
    const all = canReadAll(who.user.role);
    const count = (all ? countSessions.get() : countOwnSessions.get(who.user.id))!.n;
    if (page > Math.max(1, Math.ceil(count / size))) return send(res, 404, { detail: 'Invalid page.' });
    const rows = all
      ? sessionPage.all(size, (page - 1) * size)
      : ownSessionPage.all(who.user.id, size, (page - 1) * size);
    send(
      res,
      200,
      drfPage(
        req,
        page,
        size,
        count,
        rows.map((s) => ({
          end_date_time: toOffsetIso(s.stop_time),
          ended_by: s.ended_by_id,
          experiment_id: s.project_id,
          is_active: Boolean(s.is_active),
          session_id: s.id,
          session_type: s.session_type,
          start_date_time: toOffsetIso(s.start_time),
          started_by: s.owner_id,
        })),
      ),
    );
  },
  'GET /audiobookshelf/api/sessions': (req, res) => {
    const who = caller(req);
    if (!who) return sendText(res, 401, 'Unauthorized');
    if (!canReadAll(who.user.role)) return sendText(res, 404, 'Not Found');
    const q = query(req);
    const itemsPerPage = Number(q.get('itemsPerPage') ?? 10);
    const page = Number(q.get('page') ?? 0);
    if (
      !Number.isInteger(itemsPerPage) ||
      itemsPerPage < 1 ||
      itemsPerPage > 500 ||
      !Number.isInteger(page) ||
      page < 0
    )
      return sendText(res, 400, 'Bad page');
    const total = countPlayback.get()!.n;
    const rows = playbackPage.all(itemsPerPage, page * itemsPerPage);
    send(res, 200, {
      total,
      numPages: Math.ceil(total / itemsPerPage),
      page,
      itemsPerPage,
      sessions: rows.map(absSession),
      userFilter: null,
    });
  },
  'GET /audiobookshelf/api/me/listening-stats': (req, res) => {
    const who = caller(req);
    if (!who) return sendText(res, 401, 'Unauthorized');
    const days: Record<string, number> = {};
    const dayOfWeek: Record<string, number> = {};
    const itemTotals: Record<string, number> = {};
    let totalTime = 0;
    for (const r of listeningDays.all(who.user.id)) {
      days[r.date] = (days[r.date] ?? 0) + r.seconds;
      dayOfWeek[r.day_of_week] = (dayOfWeek[r.day_of_week] ?? 0) + r.seconds;
      itemTotals[r.library_item_id] = (itemTotals[r.library_item_id] ?? 0) + r.seconds;
      totalTime += r.seconds;
    }
    const items = Object.fromEntries(
      Object.entries(itemTotals).map(([id, timeListening]) => {
        const row = itemMedia.get(id);
        const media = row ? (JSON.parse(row.media) as { metadata: unknown }) : null;
        return [id, { id, timeListening, mediaMetadata: media?.metadata ?? null }];
      }),
    );
    const today = new Date().toISOString().slice(0, 10);
    send(res, 200, {
      totalTime,
      items,
      days,
      dayOfWeek,
      today: days[today] ?? 0,
      recentSessions: latestPlayback.all(who.user.id).map(absSession),
    });
  },
  'GET /open-api/v1/sessions': (req, res) => {
    const who = caller(req);
    if (!who) return send(res, 401, { detail: 'Invalid token.' });
    const now = nowMicros();
    const dayStart = Math.floor(now / 86_400_000_000) * 86_400_000_000;
    const counter = hitCounter.get(`guidebook:day:${who.user.id}`, dayStart, dayStart, dayStart, dayStart)!;
    res.setHeader('X-RateLimit-Limit', String(GUIDEBOOK_LIMIT));
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, GUIDEBOOK_LIMIT - counter.count)));
    if (counter.count > GUIDEBOOK_LIMIT) return send(res, 429, { detail: 'Request was throttled.' });
    const q = query(req);
    const guideId = positiveInt(q.get('guide'), 0);
    const page = positiveInt(q.get('page'), 1);
    const size = positiveInt(q.get('page_size'), 50);
    if (!guideId || !page || !size || size > 500) return send(res, 400, { guide: ['Bad filter.'] });
    const guide = guideById.get(guideId);
    const visible = guide && (canReadAll(who.user.role) || guide.owner_id === who.user.id);
    const count = visible ? countSchedule.get(guideId)!.n : 0;
    if (page > Math.max(1, Math.ceil(count / size))) return send(res, 404, { detail: 'Invalid page.' });
    const rows = visible ? schedulePage.all(guideId, size, (page - 1) * size) : [];
    const tracks = new Map<number, number[]>();
    if (rows.length) {
      const links = db
        .prepare<number[], { session_id: number; track_id: number }>(
          `SELECT session_id, track_id FROM schedule_session_tracks WHERE session_id IN (${rows.map(() => '?').join(',')}) ORDER BY track_id`,
        )
        .all(...rows.map((r) => r.id));
      for (const link of links)
        tracks.set(link.session_id, [...(tracks.get(link.session_id) ?? []), link.track_id]);
    }
    send(
      res,
      200,
      drfPage(
        req,
        page,
        size,
        count,
        rows.map((r) => ({
          id: r.id,
          created_at: toGuidebookTime(r.created_at),
          last_updated: toGuidebookTime(r.last_updated),
          start_time: toGuidebookTime(r.start_time),
          end_time: toGuidebookTime(r.end_time),
          all_day: Boolean(r.all_day),
          name: r.name,
          description_html: r.description_html,
          import_id: r.import_id,
          allow_rating: Boolean(r.allow_rating),
          add_to_schedule: Boolean(r.add_to_schedule),
          guide: r.guide_id,
          schedule_tracks: tracks.get(r.id) ?? [],
        })),
      ),
    );
  },
};

/** Routes with an id in the path. */
const PATTERNS: Array<[method: string, pattern: RegExp, handler: Handler]> = [
  [
    'POST',
    /^\/audiobookshelf\/api\/session\/([^/]+)\/sync$/,
    (req, res, body, [id]) => {
      const who = caller(req);
      if (!who) return sendText(res, 401, 'Unauthorized');
      const dto = JSON.parse(body) as { currentTime?: unknown; timeListened?: unknown };
      const { currentTime, timeListened } = dto;
      if (
        typeof currentTime !== 'number' ||
        typeof timeListened !== 'number' ||
        !Number.isFinite(currentTime) ||
        !Number.isFinite(timeListened) ||
        currentTime < 0 ||
        timeListened < 0 ||
        timeListened > 86_400
      )
        return sendText(res, 400, 'Invalid sync');
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return sendText(res, 404, 'Not Found');
      const row = canReadAll(who.user.role) ? openSession.get(id) : openOwnSession.get(id, who.user.id);
      if (!row) return sendText(res, 404, 'Not Found');
      if (currentTime > row.duration + 1) return sendText(res, 400, 'currentTime is past the duration');
      const position = Math.min(currentTime, row.duration);
      const now = nowMicros();
      const result = syncSession.run({
        id,
        allowEnd: now + TOLERANCE_US,
        listened: timeListened,
        now,
        position,
      });
      if (!result.changes) return sendText(res, 404, 'Not Found');
      const finished = row.duration - position < FINISHED_THRESHOLD;
      const saved = saveProgress.get({
        userId: row.user_id,
        itemId: row.library_item_id,
        episodeId: row.episode_id ?? '',
        duration: row.duration,
        progress: finished ? 1 : position / row.duration,
        position,
        finished: finished ? 1 : 0,
        finishedAt: finished ? now : null,
        now,
      });
      send(res, 200, absSession(playbackById.get(id)!));
      // the hub's gateway: a progress that moved goes to its user's sockets, if any (one process)
      const room = `abs:user:${row.user_id}`;
      if (saved && (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0) {
        const p = progressOf.get(row.user_id, row.library_item_id, row.episode_id ?? '')!;
        io.to(room).emit('user_item_progress_updated', {
          id: `mp_${p.id}`,
          sessionId: id,
          deviceDescription: 'Unknown device',
          data: {
            id: `mp_${p.id}`,
            libraryItemId: p.library_item_id,
            episodeId: p.episode_id || null,
            duration: p.duration,
            progress: p.progress,
            currentTime: p.current_position,
            isFinished: !!p.is_finished,
            hideFromContinueListening: !!p.hide_from_continue_listening,
            lastUpdate: Math.floor(p.last_update / 1000),
            startedAt: Math.floor(p.started_at / 1000),
            finishedAt: p.finished_at === null ? null : Math.floor(p.finished_at / 1000),
          },
        });
      }
    },
  ],
  [
    'GET',
    /^\/audiobookshelf\/public\/session\/([^/]+)\/track\/(\d{1,4})$/,
    (req, res, _body, [id, index]) => {
      // the hub's public track route: the open session's item, its file by track index, inside MEDIA_DIR
      const session = openSessionItem.get(id);
      const item = session && itemMedia.get(session.library_item_id);
      if (!item) return sendText(res, 404, 'Not Found');
      const media = JSON.parse(item.media) as {
        audioFiles: { index: number; relPath?: string; mimeType: string }[];
      };
      const file = media.audioFiles.find((f) => f.index === Number(index));
      if (!file?.relPath) return sendText(res, 404, 'Not Found');
      let path: string;
      try {
        path = realpathSync(join(mediaRoot, item.path, file.relPath));
      } catch {
        return sendText(res, 404, 'Not Found');
      }
      if (!path.startsWith(mediaRoot + sep)) return sendText(res, 404, 'Not Found');
      const size = statSync(path).size;
      const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
      const headers = {
        'content-type': file.mimeType,
        'accept-ranges': 'bytes',
        'cache-control': 'private, max-age=3600',
      };
      if (!range) {
        res.writeHead(200, { ...headers, 'content-length': size });
        return void createReadStream(path).pipe(res);
      }
      const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start > end || start >= size) {
        res.writeHead(416, { 'content-range': `bytes */${size}` });
        return void res.end();
      }
      res.writeHead(206, {
        ...headers,
        'content-length': end - start + 1,
        'content-range': `bytes ${start}-${end}/${size}`,
      });
      createReadStream(path, { start, end }).pipe(res);
    },
  ],
];

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    // the hub answers DRF paths with and without their trailing slash
    const path = (req.url ?? '/').split('?')[0].replace(/(.)\/$/, '$1');
    let handler: Handler | undefined = ROUTES[`${req.method} ${path}`];
    let params: string[] = [];
    for (const [method, pattern, h] of PATTERNS) {
      const match = method === req.method ? pattern.exec(path) : null;
      if (match && !(`${req.method} ${path}` in ROUTES)) [handler, params] = [h, match.slice(1)];
    }
    if (!handler) return send(res, 404, { detail: 'Not found.' });
    try {
      handler(req, res, Buffer.concat(chunks).toString(), params);
    } catch (error) {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      send(res, 500, { detail: 'A server error occurred.' });
    }
  });
});
server.keepAliveTimeout = 65_000;
// the hub's Audiobookshelf socket.io endpoint: `auth` with an access JWT → the user's room and `init`
const io = new IoServer(server, { path: '/audiobookshelf/socket.io', cors: { origin: '*' } });
io.on('connection', (socket) => {
  socket.on('auth', (token: unknown) => {
    const payload = typeof token === 'string' ? verifyJwt(token) : null;
    const user = payload ? userById.get(payload.sub) : undefined;
    if (!user) return void socket.emit('auth_failed', { message: 'Invalid token' });
    void socket.join(`abs:user:${user.id}`);
    socket.emit('init', { userId: String(user.id), username: user.username });
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `reference listening on http://127.0.0.1:${typeof address === 'object' ? address?.port : ''}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
