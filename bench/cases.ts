/**
 * The benchmark cases: one entry each, run against Sessions Hub and against the bare reference server
 * (bench/reference-server.ts, which must implement the same route). A case may seed the database first
 * (`seed`, straight through better-sqlite3 in one transaction — fast) and may build its request from what
 * the harness prepared (`request`).
 *
 * Cases to add with the modules (each one entry + a seed + a reference handler):
 *   event POST single / batch          seed: 1M events in 10k sessions
 *   event list by session              GET /api/2/events/?session_id=…
 *   Roundware session create           POST /api/2/sessions/
 *   experiment session list page       GET /api/sessions?page=…       seed: 10k sessions
 *   playback sync                      POST /audiobookshelf/api/session/:id/sync   seed: 100k playback sessions
 *   playback admin list page           GET /audiobookshelf/api/sessions?page=…
 *   Guidebook session list page        GET /open-api/v1/sessions/?guide=…   seed: 10k schedule sessions
 */
import type Database from 'better-sqlite3';

export type Scale = 'full' | 'smoke';

/** What the harness prepared before the cases run (through the hub's own API). */
export interface BenchContext {
  adminId: number;
  /** An access JWT of the admin. */
  jwt: string;
  /** An API key of the admin. */
  apiKey: string;
  /** Whatever the seeds returned, by case name. */
  seeded: Record<string, unknown>;
}

export interface BenchRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface BenchCase {
  name: string;
  /** Single-row reads and writes are held to the ≥ 0.25 ratio and 5,000 req/s targets; lists to theirs. */
  kind: 'single-row' | 'list' | 'write';
  request(ctx: BenchContext): BenchRequest;
  /** Runs once, before any run, inside one transaction; its result lands in ctx.seeded[name]. */
  seed?(db: Database.Database, scale: Scale, ctx: BenchContext): unknown;
}

export const CASES: BenchCase[] = [
  {
    name: 'GET /health',
    kind: 'single-row',
    request: () => ({ method: 'GET', path: '/health' }),
  },
  {
    name: 'GET /auth/me (JWT)',
    kind: 'single-row',
    request: (ctx) => ({ method: 'GET', path: '/auth/me', headers: { authorization: `Bearer ${ctx.jwt}` } }),
  },
  {
    name: 'GET /auth/me (API key)',
    kind: 'single-row',
    request: (ctx) => ({
      method: 'GET',
      path: '/auth/me',
      headers: { authorization: `token ${ctx.apiKey}` },
    }),
    // many users and keys, so the key lookup goes through a real index, not a one-row table
    seed: (db, scale) => {
      const n = scale === 'full' ? 10_000 : 100;
      const now = Date.now() * 1000;
      const user = db.prepare(
        "INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES (?, NULL, 'user', ?, ?)",
      );
      const key = db.prepare(
        'INSERT INTO api_keys (user_id, name, key_hash, key_prefix, created_at) VALUES (?, ?, ?, ?, ?)',
      );
      for (let i = 0; i < n; i++) {
        const id = Number(user.run(`bench-user-${i}`, now, now).lastInsertRowid);
        key.run(id, 'bench', `${i}`.padStart(64, 'f'), 'shk_bench', now);
      }
      return { users: n };
    },
  },
  // ---- module cases go here (see the list above) ----
];
