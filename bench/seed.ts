import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/passwords';
import { nowMicros } from '../src/common/time';
import { dataSourceOptions } from '../src/database/database.options';

export const EVENTS_PER_SESSION = 50;
export const BENCH_USER = { username: 'bench', password: 'bench-password-0123' };
const EVENT_TYPES = [
  'start_session',
  'stop_session',
  'start_listen',
  'stop_listen',
  'start_upload',
  'upload_recording',
  'heartbeat',
  'change_location',
  'vote_asset',
  'skip_asset',
];

export interface SeededDb {
  path: string;
  userId: number;
  sessions: number;
  events: number;
}

/**
 * Builds a database for the benchmark: the app's migrations, one user, `events / 50` sessions of 50
 * events each, written directly with better-sqlite3 in one transaction. A session's events are
 * interleaved with everyone else's (event i belongs to session i mod n), as real traffic is, so reading
 * one session touches ~50 scattered rows rather than one contiguous page.
 */
export async function seedDatabase(path: string, events: number): Promise<SeededDb> {
  const ds = new DataSource(dataSourceOptions({ type: 'sqlite', path, logging: false }));
  await ds.initialize(); // applies the migrations
  await ds.destroy();

  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144'); // 256 MB while loading
  // Indexes are dropped during the load and rebuilt after it from their own definitions (much faster
  // than maintaining five random-order indexes row by row).
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('events', 'event_tags') AND sql IS NOT NULL",
    )
    .all();
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  const now = nowMicros();
  const sessions = Math.max(1, Math.floor(events / EVENTS_PER_SESSION));
  const hash = await hashPassword(BENCH_USER.password);
  let userId = 0;
  db.transaction(() => {
    userId = Number(
      db
        .prepare(
          "INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES (?, ?, 'user', ?, ?)",
        )
        .run(BENCH_USER.username, hash, now, now).lastInsertRowid,
    );
    const project = Number(
      db
        .prepare(
          "INSERT INTO projects (name, description, owner_id, geo_listen_enabled, demo_stream_enabled, created_at, updated_at) VALUES ('bench', '', ?, 0, 0, ?, ?)",
        )
        .run(userId, now, now).lastInsertRowid,
    );
    const insertType = db.prepare('INSERT INTO event_types (id, name) VALUES (?, ?)');
    EVENT_TYPES.forEach((name, i) => insertType.run(i + 1, name));
    const insertSession = db.prepare(
      'INSERT INTO sessions (id, project_id, owner_id, start_time, is_active, created_by_id, created_at, modified_by_id, modified_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)',
    );
    for (let s = 1; s <= sessions; s++) insertSession.run(s, project, userId, now, userId, now, userId, now);
    const insertEvent = db.prepare(
      'INSERT INTO events (id, session_id, event_type_id, server_time, client_time, data, latitude, longitude, tag_ids) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?)',
    );
    const insertTag = db.prepare('INSERT INTO event_tags (event_id, tag_id) VALUES (?, ?)');
    const start = now - events * 1000;
    for (let id = 1; id <= events; id++) {
      const tags = id % 3 === 0 ? [] : id % 3 === 1 ? [(id % 50) + 1] : [(id % 50) + 1, ((id * 7) % 50) + 51];
      insertEvent.run(
        id,
        ((id - 1) % sessions) + 1,
        (id % EVENT_TYPES.length) + 1,
        start + id * 1000,
        id % 5 === 0 ? `payload ${id}` : null,
        (40 + (id % 1000) / 1000).toFixed(6),
        (-73 - (id % 997) / 1000).toFixed(6),
        tags.length ? tags.join(',') : null,
      );
      for (const tag of tags) insertTag.run(id, tag);
    }
  })();
  for (const index of indexes) db.exec(index.sql);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  return { path, userId, sessions, events };
}
