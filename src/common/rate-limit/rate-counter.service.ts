import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { nowMicros } from '../time';

export interface WindowState {
  count: number;
  /** Seconds until the current window ends. */
  resetInSeconds: number;
}

/**
 * Fixed-window counters kept in the database, so every instance behind a load balancer counts the
 * same budget. One atomic upsert per hit (SQLite ≥ 3.35 and PostgreSQL both support
 * `INSERT … ON CONFLICT … DO UPDATE … RETURNING`).
 */
@Injectable()
export class RateCounterService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private param(i: number): string {
    return this.db.options.type === 'postgres' ? `$${i}` : '?';
  }

  /** Adds one hit to `key` in a window of `windowSeconds` (or the window given by `windowStart`). */
  async hit(key: string, windowSeconds: number, windowStart?: number): Promise<WindowState> {
    const now = nowMicros();
    const start = windowStart ?? now;
    const cutoff = windowStart ?? now - windowSeconds * 1_000_000;
    const p = (i: number) => this.param(i);
    // positional on SQLite, numbered on PostgreSQL: the values are listed in order of appearance
    const rows: Array<{ count: number | string; window_start: number | string }> = await this.db.query(
      `INSERT INTO rate_counters (key, window_start, count) VALUES (${p(1)}, ${p(2)}, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_counters.window_start < ${p(3)} THEN 1 ELSE rate_counters.count + 1 END,
         window_start = CASE WHEN rate_counters.window_start < ${p(4)} THEN ${p(5)} ELSE rate_counters.window_start END
       RETURNING count, window_start`,
      [key, start, cutoff, cutoff, start],
    );
    return this.state(rows[0], windowSeconds, now);
  }

  /** The current count of `key` without adding to it (0 when its window has passed). */
  async peek(key: string, windowSeconds: number): Promise<WindowState> {
    const now = nowMicros();
    const rows: Array<{ count: number | string; window_start: number | string }> = await this.db.query(
      `SELECT count, window_start FROM rate_counters WHERE key = ${this.param(1)}`,
      [key],
    );
    if (!rows.length || Number(rows[0].window_start) < now - windowSeconds * 1_000_000) {
      return { count: 0, resetInSeconds: windowSeconds };
    }
    return this.state(rows[0], windowSeconds, now);
  }

  async reset(key: string): Promise<void> {
    await this.db.query(`DELETE FROM rate_counters WHERE key = ${this.param(1)}`, [key]);
  }

  private state(
    row: { count: number | string; window_start: number | string },
    windowSeconds: number,
    now: number,
  ): WindowState {
    const endsAt = Number(row.window_start) + windowSeconds * 1_000_000;
    return { count: Number(row.count), resetInSeconds: Math.max(1, Math.ceil((endsAt - now) / 1_000_000)) };
  }
}
