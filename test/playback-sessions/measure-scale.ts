/**
 * Latency of the deep pages and of the listening statistics at scale (issue 17.3 / 17.4): seeds users with
 * 1k, 10k and 100k playback sessions (111k in all, over 365 days and 20 items), then times, each the median
 * of 20 sequential requests through HTTP, the admin list at pages 0 / 5,000 / 9,999 and the stats of each
 * user; beside them the SQL the previous code ran (plain OFFSET with the join; three GROUP BYs over the
 * user's sessions), timed the same way.
 *
 *   npx ts-node test/playback-sessions/measure-scale.ts            # SQLite (temporary file)
 *   TEST_DATABASE_URL=postgres://… npx ts-node test/playback-sessions/measure-scale.ts
 *
 * Not part of the test suite (no assertions on time).
 */
import { DataSource } from 'typeorm';
import { startTestApp } from '../utils/test-app';
import { Role } from '../../src/common/auth-user';
import {
  PlaybackSessionsRepository,
  ALL_SESSIONS,
} from '../../src/playback-sessions/playback-sessions.repository';
import { PlaybackSessionsService } from '../../src/playback-sessions/playback-sessions.service';
import { makeCatalogue } from './abs-helpers';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(n: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(out);
}

async function main(): Promise<void> {
  const t = await startTestApp({ LOG_LEVEL: 'silent' });
  try {
    const c = await makeCatalogue(t);
    const admin = await t.admin();
    const db = t.app.get(DataSource);
    const pg = db.options.type === 'postgres';
    const users = [await t.makeUser(), await t.makeUser(), await t.makeUser()];
    const sizes = [1_000, 10_000, 100_000];
    const now = Date.now() * 1000;
    const started = Date.now();
    let n = 0;
    for (const [u, size] of sizes.entries()) {
      for (let from = 0; from < size; from += 500) {
        const rows: string[] = [];
        const values: unknown[] = [];
        for (let i = from; i < Math.min(size, from + 500); i++, n++) {
          const day = new Date(Date.UTC(2025, 0, 1) + (i % 365) * 86_400_000);
          const ts = now - n * 1_000_000;
          const p = values.length;
          const ph = (k: number) => (pg ? `$${p + k}` : '?');
          rows.push(
            `(${ph(1)}, ${ph(2)}, '${c.bookLibraryId}', ${ph(3)}, NULL, 'book', '{}', '[]', 'Bench', NULL, NULL, 3600, 0, 'html5', '{}', NULL, ${ph(4)}, ${ph(5)}, ${ph(6)}, 0, 0, ${ph(7)}, ${ph(8)}, ${ph(9)}, ${pg ? 'FALSE' : '0'}, ${pg ? 'FALSE' : '0'}, ${ph(10)})`,
          );
          values.push(
            `play_m_${n}`,
            users[u].id,
            i % 20 ? `li_other_${i % 20}` : c.bookId,
            day.toISOString().slice(0, 10),
            ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][day.getUTCDay()],
            (i % 600) + 1,
            ts,
            ts,
            ts,
            ts,
          );
        }
        await db.query(
          `INSERT INTO abs_playback_sessions (id, user_id, library_id, library_item_id, episode_id, media_type,
             media_metadata, chapters, display_title, display_author, cover_path, duration, play_method, media_player,
             device_info, device_key, date, day_of_week, time_listening, start_position, current_position, started_at,
             updated_at, credited_until, is_open, is_local, closed_at) VALUES ${rows.join(', ')}`,
          values,
        );
      }
    }
    // PostgreSQL: VACUUM sets the visibility map (autovacuum would), so index-only scans stay index-only
    await db.query(pg ? 'VACUUM ANALYZE' : 'ANALYZE');
    process.stdout.write(
      `${pg ? 'PostgreSQL' : 'SQLite'}: seeded ${n} sessions in ${Date.now() - started} ms\n`,
    );
    const get = (user: { token: string }, path: string) =>
      t.http.get(`/audiobookshelf/api${path}`).set('Authorization', `Bearer ${user.token}`).expect(200);
    const q = (sql: string, params: unknown[]) =>
      db.query(
        pg
          ? sql.replace(
              /\?/g,
              (() => {
                let i = 0;
                return () => `$${++i}`;
              })(),
            )
          : sql,
        params,
      );

    for (const page of [0, 5_000, 9_999]) {
      const http = await time(20, () => get(admin, `/sessions?itemsPerPage=10&page=${page}`));
      const before = await time(20, () =>
        q(
          `SELECT s.*, u.username FROM abs_playback_sessions s LEFT JOIN users u ON u.id = s.user_id
           ORDER BY s.updated_at DESC, s.id DESC LIMIT ? OFFSET ?`,
          [10, page * 10],
        ),
      );
      const repo = t.app.get(PlaybackSessionsRepository);
      const total = await repo.count(ALL_SESSIONS);
      const now = await time(20, () =>
        repo.page({
          condition: ALL_SESSIONS,
          total,
          sort: 'updated_at',
          desc: true,
          offset: page * 10,
          limit: 10,
          withUser: true,
        }),
      );
      process.stdout.write(
        `page ${page}: HTTP ${http.toFixed(2)} ms; page query now ${now.toFixed(2)} ms, before ${before.toFixed(2)} ms\n`,
      );
    }
    for (const [u, size] of sizes.entries()) {
      const http = await time(20, () => get(users[u], '/me/listening-stats'));
      const before = await time(20, () =>
        Promise.all(
          ['date', 'day_of_week', 'library_item_id'].map((col) =>
            q(
              `SELECT ${col} AS key, SUM(time_listening) AS total FROM abs_playback_sessions
               WHERE user_id = ? AND time_listening > 0 GROUP BY ${col}`,
              [users[u].id],
            ),
          ),
        ),
      );
      const service = t.app.get(PlaybackSessionsService);
      const auth = { id: users[u].id, username: users[u].username, role: Role.User };
      const now = await time(20, () => service.stats(auth));
      process.stdout.write(
        `stats of a user with ${size} sessions: HTTP ${http.toFixed(2)} ms; stats() now ${now.toFixed(2)} ms, ` +
          `before: its three GROUP BYs alone ${before.toFixed(2)} ms\n`,
      );
    }
  } finally {
    await t.close();
  }
}

void main();
