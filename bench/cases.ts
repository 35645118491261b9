/**
 * The benchmark cases: one entry each, run against Sessions Hub and against the bare reference server
 * (bench/reference-server.ts, which implements the same route doing the same work). The data comes from
 * SEEDS (straight through better-sqlite3, each in one transaction, with the big tables' indexes dropped
 * and rebuilt around them — fast), at the issue's scale: 1M events in 10k Roundware/experiment sessions,
 * 100k playback sessions, 10k Guidebook schedule sessions, 10k users with API keys. A case builds its
 * request from what the harness prepared (`request`); `vary` spreads the load over many rows (sessions,
 * pages) instead of hammering one.
 */
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Scale = 'full' | 'smoke' | 'events-10k';
export const SCALES: Scale[] = ['full', 'smoke', 'events-10k'];

/** What the harness prepared before the cases run (through the hub's own API). */
export interface BenchContext {
  adminId: number;
  /** An access JWT of the admin. */
  jwt: string;
  /** An API key of the admin. */
  apiKey: string;
  /** Whatever the seeds returned, by case name. */
  seeded: Record<string, unknown>;
  /** The media store both servers serve from (MEDIA_DIR). */
  mediaDir: string;
}

export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Request number n's path and/or body (autocannon's setupRequest), to spread the load over rows. */
  vary?: (n: number) => { path?: string; body?: string };
}

export type StatsUser = 'small' | 'large' | 'huge';

export interface BenchCase {
  name: string;
  /**
   * The targets by kind: single-row reads ≥ 5,000 req/s with p99 ≤ 30 ms; list pages ≥ 2,000
   * req/s with p99 ≤ 50 ms; single-row reads and writes (not batches) at ≥ 0.25 of the reference;
   * playback sync ≥ 3,000 req/s (its own `minRps`).
   */
  kind: 'single-row' | 'list' | 'write' | 'batch';
  /** A throughput target of its own (playback sync). */
  minRps?: number;
  /** Events each request stores (batch ingest): the targets read events/s from req/s. */
  eventsPerRequest?: number;
  /** Batch ingest targets (issue 17.7): events/s, and req/s against the reference's. */
  minEventsPerSecond?: number;
  minRatio?: number;
  /** The lightest routes (issue 17.6): at least this share of the minimal Nest app's req/s, same run. */
  minFloorShare?: number;
  /**
   * Cases that must cost about the same whatever their size (issue 17.3 and 17.4: deep pages, listening
   * stats at 1k–100k sessions): each case's p50 within 2× of the first case of its group.
   */
  flatGroup?: string;
  /**
   * socket.io clients connected to the server under load for the whole measurement, authenticated as the
   * admin (the owner of the synced sessions), so each write is also pushed to that many sockets.
   */
  subscribers?: number;
  request(ctx: BenchContext): BenchRequest;
}

/** What the seeds wrote (ids the cases' requests use). */
export interface Seeded {
  users: number;
  projectId: number;
  sessions: number;
  events: number;
  guideId: number;
  scheduleSessionsPerGuide: number;
  playbackSessions: number;
  /** The first of the INGEST_SESSIONS sessions the large batch spreads its events over. */
  ingestFirst: number;
  /** Open playback sessions of the admin, synced by the playback case. */
  openPlayback: string[];
  /**
   * API keys of the three listening-stats users: 1/100 and 1/10 of the playback sessions, and as many
   * sessions again of a user of their own (1k, 10k and 100k at full scale).
   */
  statsKeys: Record<StatsUser, string>;
  /** An open session of the admin on a scanned book whose one track is a real file (`audio range read`). */
  audioSession: string;
}

const SIZES = {
  full: {
    users: 10_000,
    sessions: 10_000,
    eventsPerSession: 100,
    guides: 10,
    perGuide: 1_000,
    playback: 100_000,
  },
  smoke: { users: 100, sessions: 100, eventsPerSession: 10, guides: 2, perGuide: 100, playback: 1_000 },
  /**
   * The full scale with 10k events instead of 1M (100 sessions of 100 events): the event list's latency
   * against the same 100-row answers at 1/100 of the table.
   */
  'events-10k': {
    users: 10_000,
    sessions: 100,
    eventsPerSession: 100,
    guides: 10,
    perGuide: 1_000,
    playback: 100_000,
  },
};
/** Tables whose indexes are dropped during the seed and rebuilt after it. */
export const SEEDED_TABLES = [
  'users',
  'api_keys',
  'sessions',
  'events',
  'event_tags',
  'schedule_sessions',
  'schedule_session_tracks',
  'abs_playback_sessions',
];
const EVENT_TYPES = [
  'start_session',
  'heartbeat',
  'start_listen',
  'stop_listen',
  'change_location',
  'vote_asset',
];
const OPEN_PLAYBACK = 1_000;
/** Roundware sessions of their own for the large batch. */
const INGEST_SESSIONS = 1_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Seeds every module's tables at `scale` in one transaction (the caller drops and rebuilds indexes).
 * Rows of one parent are interleaved with everyone else's, as real traffic writes them, so reading one
 * session's events touches scattered rows rather than one contiguous page.
 */
export function seedAll(db: Database.Database, scale: Scale, ctx: BenchContext): Seeded {
  const n = SIZES[scale];
  const now = Date.now() * 1000;
  // users with API keys: the key lookup goes through a real index, not a one-row table
  const user = db.prepare(
    "INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES (?, NULL, 'user', ?, ?)",
  );
  const key = db.prepare(
    'INSERT INTO api_keys (user_id, name, key_hash, key_prefix, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const userIds: number[] = [];
  for (let i = 0; i < n.users; i++) {
    const id = Number(user.run(`bench-user-${i}`, now, now).lastInsertRowid);
    key.run(id, 'bench', `${i}`.padStart(64, 'f'), 'shk_bench', now);
    userIds.push(id);
  }

  // one project of the admin, 10k Roundware/experiment sessions, 1M events interleaved across them
  const projectId = Number(
    db
      .prepare(
        "INSERT INTO projects (name, description, owner_id, geo_listen_enabled, demo_stream_enabled, created_at, updated_at) VALUES ('bench', '', ?, 0, 0, ?, ?)",
      )
      .run(ctx.adminId, now, now).lastInsertRowid,
  );
  const insertSession = db.prepare(
    `INSERT INTO sessions (project_id, owner_id, start_time, is_active, session_type, client_system, language_id,
       timezone, created_by_id, created_at, modified_by_id, modified_at)
     VALUES (?, ?, ?, 1, 'development', 'iOS 8.1', 1, '0000', ?, ?, ?, ?)`,
  );
  const sessionIds: number[] = [];
  for (let s = 0; s < n.sessions; s++) {
    const t = now - (n.sessions - s) * 60_000_000;
    sessionIds.push(
      Number(insertSession.run(projectId, ctx.adminId, t, ctx.adminId, t, ctx.adminId, t).lastInsertRowid),
    );
  }
  // sessions only the large batch writes into (no list case reads them, so ingest never grows a list)
  const ingest = () =>
    Number(
      insertSession.run(projectId, ctx.adminId, now, ctx.adminId, now, ctx.adminId, now).lastInsertRowid,
    );
  const ingestFirst = ingest();
  for (let s = 1; s < INGEST_SESSIONS; s++) ingest();
  const typeIds = EVENT_TYPES.map((name) => {
    db.prepare('INSERT OR IGNORE INTO event_types (name) VALUES (?)').run(name);
    return (db.prepare('SELECT id FROM event_types WHERE name = ?').get(name) as { id: number }).id;
  });
  const insertEvent = db.prepare(
    'INSERT INTO events (session_id, event_type_id, server_time, client_time, data, latitude, longitude, tag_ids) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)',
  );
  const insertTag = db.prepare('INSERT INTO event_tags (event_id, tag_id) VALUES (?, ?)');
  const events = n.sessions * n.eventsPerSession;
  const start = now - events * 1000;
  for (let i = 1; i <= events; i++) {
    const tags = i % 3 === 0 ? [] : i % 3 === 1 ? [(i % 50) + 1] : [(i % 50) + 1, ((i * 7) % 50) + 51];
    const id = Number(
      insertEvent.run(
        sessionIds[(i - 1) % sessionIds.length],
        typeIds[i % typeIds.length],
        start + i * 1000,
        i % 5 === 0 ? `payload ${i}` : null,
        (40 + (i % 1000) / 1000).toFixed(6),
        (-73 - (i % 997) / 1000).toFixed(6),
        tags.length ? tags.join(',') : null,
      ).lastInsertRowid,
    );
    for (const tag of tags) insertTag.run(id, tag);
  }

  // Guidebook: guides of the admin, 5 tracks each, sessions interleaved across guides, one track each
  const guideIds: number[] = [];
  const trackIds: number[][] = [];
  for (let g = 0; g < n.guides; g++) {
    const guideId = Number(
      db
        .prepare(
          "INSERT INTO guides (owner_id, name, description_html, timezone, created_at, last_updated) VALUES (?, ?, NULL, 'UTC', ?, ?)",
        )
        .run(ctx.adminId, `Bench guide ${g}`, now, now).lastInsertRowid,
    );
    guideIds.push(guideId);
    trackIds.push(
      Array.from({ length: 5 }, (_, k) =>
        Number(
          db
            .prepare(
              "INSERT INTO schedule_tracks (guide_id, name, color, created_at, last_updated) VALUES (?, ?, '#000080', ?, ?)",
            )
            .run(guideId, `Track ${k}`, now, now).lastInsertRowid,
        ),
      ),
    );
  }
  const insertSchedule = db.prepare(
    `INSERT INTO schedule_sessions (guide_id, name, description_html, start_time, end_time, all_day, allow_rating,
       add_to_schedule, import_id, created_at, last_updated) VALUES (?, ?, ?, ?, ?, 0, 1, 1, ?, ?, ?)`,
  );
  const insertScheduleTrack = db.prepare(
    'INSERT INTO schedule_session_tracks (session_id, track_id) VALUES (?, ?)',
  );
  for (let i = 0; i < n.guides * n.perGuide; i++) {
    const g = i % n.guides;
    const t = now + i * 3_600_000_000;
    const id = Number(
      insertSchedule.run(
        guideIds[g],
        `Talk ${i}`,
        '<p>About the talk.</p>',
        t,
        t + 3_600_000_000,
        `imp-${i}`,
        now,
        now,
      ).lastInsertRowid,
    );
    insertScheduleTrack.run(id, trackIds[g][i % 5]);
  }

  // Audiobookshelf: one book, 100k playback sessions over the users (the last OPEN_PLAYBACK: the admin's, open)
  db.prepare(
    "INSERT INTO abs_libraries (id, name, media_type, folder_id, created_at, updated_at) VALUES ('lib_bench', 'Bench', 'book', 'fol_bench', ?, ?)",
  ).run(now, now);
  const media = JSON.stringify({
    metadata: { title: 'Bench Book', author: 'Bench Author', genres: ['Fantasy'] },
    coverPath: null,
    audioFiles: [{ id: 'af_bench', filename: 'part1.mp3', duration: 36_000, size: 1 }],
    episodes: [],
  });
  db.prepare(
    "INSERT INTO abs_library_items (id, library_id, media_type, title, author, path, ino, media, added_at, updated_at) VALUES ('li_bench', 'lib_bench', 'book', 'Bench Book', 'Bench Author', '/bench', '1', ?, ?, ?)",
  ).run(media, now, now);
  const metadata = JSON.stringify({ title: 'Bench Book', author: 'Bench Author', genres: ['Fantasy'] });
  const insertPlayback = db.prepare(
    `INSERT INTO abs_playback_sessions (id, user_id, library_id, library_item_id, episode_id, media_type,
       media_metadata, chapters, display_title, display_author, cover_path, duration, play_method, media_player,
       device_info, device_key, date, day_of_week, time_listening, start_position, current_position, started_at,
       updated_at, credited_until, is_open, is_local, closed_at)
     VALUES (?, ?, 'lib_bench', 'li_bench', NULL, 'book', ?, '[]', 'Bench Book', 'Bench Author', NULL, 36000, 0,
       'html5', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 0, ?)`,
  );
  /** A session's day and weekday as the hub stores them, from its start (µs). */
  const day = (t: number) => {
    const d = new Date(t / 1000);
    return [d.toISOString().slice(0, 10), WEEKDAYS[d.getUTCDay()]] as const;
  };
  // the listening-stats users: the first 1/100 of the sessions are one user's, the next 1/10 another's,
  // and a third user has as many sessions again of their own. Each user's k-th session is on day k mod
  // 365 back, so all three listened on the same days (as many as they have sessions, up to a year) and
  // only the number of sessions differs between them.
  const statsDay = (k: number) => day(now - (k % 365) * 86_400_000_000);
  const statsKeys: Record<StatsUser, string> = {
    small: 'shk_bench_stats_small',
    large: 'shk_bench_stats_large',
    huge: 'shk_bench_stats_huge',
  };
  const statsUsers = (['small', 'large', 'huge'] as const).map((size) => {
    const id = Number(user.run(`bench-stats-${size}`, now, now).lastInsertRowid);
    key.run(id, 'bench', createHash('sha256').update(statsKeys[size]).digest('hex'), 'shk_bench', now);
    return id;
  });
  const small = Math.floor(n.playback / 100);
  const large = small + Math.floor(n.playback / 10);
  const openPlayback: string[] = [];
  for (let i = 0; i < n.playback; i++) {
    const open = i >= n.playback - OPEN_PLAYBACK;
    const owner = open
      ? ctx.adminId
      : i < small
        ? statsUsers[0]
        : i < large
          ? statsUsers[1]
          : userIds[i % userIds.length];
    const id = `play_bench_${String(i).padStart(7, '0')}`;
    const t = now - (n.playback - i) * 10_000_000;
    insertPlayback.run(
      id,
      owner,
      metadata,
      `{"ipAddress":"127.0.0.1","deviceId":"bench-${i}"}`,
      `id:bench-${i}`,
      ...(i < small ? statsDay(i) : i < large ? statsDay(i - small) : day(t)),
      (i % 3600) + 1,
      (i % 30_000) + 1,
      t,
      t,
      t,
      open ? 1 : 0,
      open ? null : t,
    );
    if (open) openPlayback.push(id);
  }
  for (let i = 0; i < n.playback; i++) {
    const t = now - (n.playback - i) * 300_000_000;
    insertPlayback.run(
      `play_bench_huge_${String(i).padStart(7, '0')}`,
      statsUsers[2],
      metadata,
      `{"ipAddress":"127.0.0.1","deviceId":"bench-huge-${i}"}`,
      `id:bench-huge-${i}`,
      ...statsDay(i),
      (i % 3600) + 1,
      (i % 30_000) + 1,
      t,
      t,
      t,
      0,
      t,
    );
  }
  const audioSession = seedAudio(db, ctx, now);
  return {
    audioSession,
    users: n.users,
    projectId,
    sessions: n.sessions,
    ingestFirst,
    events,
    guideId: guideIds[0],
    scheduleSessionsPerGuide: n.perGuide,
    playbackSessions: n.playback,
    openPlayback,
    statsKeys,
  };
}

/** Bytes of the bench's audio file: a 4 MiB PCM WAV (8 kHz mono 16-bit, about 4.4 minutes). */
const AUDIO_BYTES = 4 * 1024 * 1024;
/** The Range each audio read asks for: 64 KiB from 1 MiB in, as a player's read-ahead. */
export const AUDIO_RANGE = 'bytes=1048576-1114111';

/**
 * A library scanned from a folder of the media store, as the scanner stores it: one book of one WAV file
 * on disk, and an open session of the admin on it.
 */
function seedAudio(db: Database.Database, ctx: BenchContext, now: number): string {
  const folder = join(ctx.mediaDir, 'bench-books', 'Bench Author', 'Bench Audio');
  mkdirSync(folder, { recursive: true });
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + AUDIO_BYTES, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(AUDIO_BYTES, 40);
  const file = join(folder, '01.wav');
  writeFileSync(file, Buffer.concat([header, Buffer.alloc(AUDIO_BYTES, 1)]));
  const { ino, size } = statSync(file);
  const duration = AUDIO_BYTES / 16000;
  db.prepare(
    `INSERT INTO abs_libraries (id, name, media_type, folder_id, folders, created_at, updated_at)
     VALUES ('lib_bench_audio', 'Bench audio', 'book', 'fol_bench_audio', ?, ?, ?)`,
  ).run(JSON.stringify([{ id: 'fol_bench_audio', path: 'bench-books', addedAt: now / 1000 }]), now, now);
  const audioFile = {
    index: 1,
    ino: String(ino),
    filename: '01.wav',
    relPath: '01.wav',
    duration,
    mimeType: 'audio/wav',
    size,
    addedAt: now / 1000,
  };
  const media = {
    folderId: 'fol_bench_audio',
    metadata: { title: 'Bench Audio', author: 'Bench Author' },
    coverPath: null,
    tags: [],
    audioFiles: [audioFile],
    episodes: [],
    onDisk: true,
    chapters: [{ id: 0, start: 0, end: duration, title: '01' }],
  };
  db.prepare(
    `INSERT INTO abs_library_items (id, library_id, media_type, title, author, path, ino, media, added_at, updated_at)
     VALUES ('li_bench_audio', 'lib_bench_audio', 'book', 'Bench Audio', 'Bench Author', '/bench-books/Bench Author/Bench Audio', '1', ?, ?, ?)`,
  ).run(JSON.stringify(media), now, now);
  db.prepare(
    `INSERT INTO abs_playback_sessions (id, user_id, library_id, library_item_id, episode_id, media_type,
       media_metadata, chapters, display_title, display_author, cover_path, duration, play_method, media_player,
       device_info, device_key, date, day_of_week, time_listening, start_position, current_position, started_at,
       updated_at, credited_until, is_open, is_local, closed_at)
     VALUES ('play_bench_audio', ?, 'lib_bench_audio', 'li_bench_audio', NULL, 'book', '{}', '[]', 'Bench Audio',
       'Bench Author', NULL, ?, 0, 'html5', '{}', 'id:bench-audio', '2026-11-22', 'Sunday', 0, 0, 0, ?, ?, ?, 1, 0, NULL)`,
  ).run(ctx.adminId, duration, now, now, now);
  return 'play_bench_audio';
}

const seeded = (ctx: BenchContext) => ctx.seeded.all as Seeded;
const json = { 'content-type': 'application/json' };
/** A page number in 1…pages, spread over the pages (n × a prime, so consecutive requests differ). */
const pageOf = (n: number, pages: number) => ((n * 7919) % Math.max(1, pages)) + 1;
const eventBody = (sessionId: number, i: number) => ({
  session_id: sessionId,
  event_type: i % 2 ? 'heartbeat' : 'start_listen',
  client_time: '2017-05-06T22:55:15.114568',
  latitude: 1.2345,
  longitude: 2.3456,
  tag_ids: '3,8',
  data: 'some random data',
});
export const BATCH_SIZE = 100;
/** The batch of the ingest target (issue 17.7): 1,000 events per request, answered `{count, ids}`. */
export const LARGE_BATCH = 1_000;

/**
 * 64 prepared batch bodies of `size` events, each spreading its events over `count` sessions from `first`
 * (a few sessions taking every batch would soon hold more events than an unpaginated list may answer).
 */
function batchRequest(
  ctx: BenchContext,
  size: number,
  first: number,
  count: number,
  query = '',
): BenchRequest {
  const bodies = Array.from({ length: 64 }, (_, b) =>
    JSON.stringify(
      Array.from({ length: size }, (_, i) => eventBody(first - 1 + pageOf(b * size + i, count), i)),
    ),
  );
  return {
    method: 'POST',
    path: `/api/2/events/batch/${query}`,
    headers: { ...json, authorization: `token ${ctx.apiKey}` },
    body: bodies[0],
    vary: (n) => ({ body: bodies[n % bodies.length] }),
  };
}

/** A playback sync of one of the admin's open sessions, spread over all of them. */
function syncRequest(ctx: BenchContext): BenchRequest {
  const open = seeded(ctx).openPlayback;
  return {
    method: 'POST',
    path: `/audiobookshelf/api/session/${open[0]}/sync`,
    headers: { ...json, authorization: `Bearer ${ctx.jwt}` },
    body: JSON.stringify({ currentTime: 120, timeListened: 1 }),
    vary: (n) => ({ path: `/audiobookshelf/api/session/${open[(n * 7919) % open.length]}/sync` }),
  };
}

export const CASES: BenchCase[] = [
  {
    name: 'GET /health',
    kind: 'single-row',
    minFloorShare: 0.9,
    request: () => ({ method: 'GET', path: '/health' }),
  },
  {
    name: 'GET /auth/me (JWT)',
    kind: 'single-row',
    minFloorShare: 0.9,
    request: (ctx) => ({ method: 'GET', path: '/auth/me', headers: { authorization: `Bearer ${ctx.jwt}` } }),
  },
  {
    name: 'GET /auth/me (API key)',
    kind: 'single-row',
    minFloorShare: 0.9,
    request: (ctx) => ({
      method: 'GET',
      path: '/auth/me',
      headers: { authorization: `token ${ctx.apiKey}` },
    }),
  },
  {
    name: 'POST /api/2/events/ (1 event)',
    kind: 'write',
    request: (ctx) => ({
      method: 'POST',
      path: '/api/2/events/',
      headers: { ...json, authorization: `token ${ctx.apiKey}` },
      body: JSON.stringify(eventBody(1, 0)),
      vary: (n) => ({ body: JSON.stringify(eventBody(pageOf(n, seeded(ctx).sessions), n)) }),
    }),
  },
  {
    name: `POST /api/2/events/batch/ (${BATCH_SIZE})`,
    kind: 'batch',
    eventsPerRequest: BATCH_SIZE,
    request: (ctx) => batchRequest(ctx, BATCH_SIZE, 1, seeded(ctx).sessions),
  },
  {
    name: `POST /api/2/events/batch/?echo=false (${LARGE_BATCH.toLocaleString('en-US')})`,
    kind: 'batch',
    eventsPerRequest: LARGE_BATCH,
    minEventsPerSecond: 50_000,
    minRatio: 1,
    request: (ctx) => batchRequest(ctx, LARGE_BATCH, seeded(ctx).ingestFirst, INGEST_SESSIONS, '?echo=false'),
  },
  {
    name: 'GET /api/2/events/?session_id= (1 session)',
    kind: 'list',
    request: (ctx) => ({
      method: 'GET',
      path: '/api/2/events/?session_id=1',
      headers: { authorization: `token ${ctx.apiKey}` },
      vary: (n) => ({ path: `/api/2/events/?session_id=${pageOf(n, seeded(ctx).sessions)}` }),
    }),
  },
  {
    name: 'POST /api/2/sessions/ (Roundware create)',
    kind: 'write',
    request: (ctx) => ({
      method: 'POST',
      path: '/api/2/sessions/',
      headers: { ...json, authorization: `token ${ctx.apiKey}` },
      body: JSON.stringify({ project_id: seeded(ctx).projectId, client_system: 'iOS 8.1', language: 'en' }),
    }),
  },
  {
    name: 'GET /api/sessions?page= (experiment sessions, 100/page)',
    kind: 'list',
    request: (ctx) => ({
      method: 'GET',
      path: '/api/sessions?page=1',
      headers: { authorization: `Bearer ${ctx.jwt}` },
      vary: (n) => ({ path: `/api/sessions?page=${pageOf(n, Math.floor(seeded(ctx).sessions / 100))}` }),
    }),
  },
  { name: 'POST /audiobookshelf/api/session/:id/sync', kind: 'write', minRps: 3000, request: syncRequest },
  {
    name: 'POST /audiobookshelf/api/session/:id/sync (50 socket subscribers)',
    kind: 'write',
    subscribers: 50,
    request: syncRequest,
  },
  {
    name: 'GET /audiobookshelf/public/session/:id/track/1 (audio range read, 64 KiB)',
    kind: 'single-row',
    request: (ctx) => ({
      method: 'GET',
      path: `/audiobookshelf/public/session/${seeded(ctx).audioSession}/track/1`,
      headers: { range: AUDIO_RANGE },
    }),
  },
  {
    name: 'GET /audiobookshelf/api/sessions?page= (admin, 10/page)',
    kind: 'list',
    request: (ctx) => ({
      method: 'GET',
      path: '/audiobookshelf/api/sessions?itemsPerPage=10&page=0',
      headers: { authorization: `Bearer ${ctx.jwt}` },
      // the first 100 pages (offset pagination: deep pages cost more on both servers alike)
      vary: (n) => ({ path: `/audiobookshelf/api/sessions?itemsPerPage=10&page=${pageOf(n, 100) - 1}` }),
    }),
  },
  // deep pages of the admin list: the offset runs on the index alone, so page 9,999 costs about page 0
  ...[0, 5_000, 9_999].map((page): BenchCase => ({
    name: `GET /audiobookshelf/api/sessions?page=${page} (admin, 10/page, deep page)`,
    kind: 'list',
    flatGroup: 'deep pages',
    request: (ctx) => ({
      method: 'GET',
      path: `/audiobookshelf/api/sessions?itemsPerPage=10&page=${page}`,
      headers: { authorization: `Bearer ${ctx.jwt}` },
    }),
  })),
  // listening stats of a user with 1k / 10k / 100k sessions (at full scale): read from the daily totals
  ...(['small', 'large', 'huge'] as const).map((size): BenchCase => ({
    name: `GET /audiobookshelf/api/me/listening-stats (${{ small: '1k', large: '10k', huge: '100k' }[size]} sessions)`,
    kind: 'single-row',
    flatGroup: 'listening stats',
    // 20× the 11 req/s measured before the daily totals, at 10k sessions
    ...(size === 'large' ? { minRps: 220 } : {}),
    request: (ctx) => ({
      method: 'GET',
      path: '/audiobookshelf/api/me/listening-stats',
      headers: { authorization: `Bearer ${seeded(ctx).statsKeys[size]}` },
    }),
  })),
  {
    name: 'GET /open-api/v1/sessions/?guide=&page= (50/page)',
    kind: 'list',
    request: (ctx) => {
      const { guideId, scheduleSessionsPerGuide } = seeded(ctx);
      const path = (page: number) => `/open-api/v1/sessions/?guide=${guideId}&page=${page}`;
      return {
        method: 'GET',
        path: path(1),
        headers: { authorization: `JWT ${ctx.apiKey}` },
        vary: (n) => ({ path: path(pageOf(n, Math.floor(scheduleSessionsPerGuide / 50))) }),
      };
    },
  },
];
