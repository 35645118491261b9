import { Injectable } from '@nestjs/common';
import { Sql } from '../../database/sql';

export interface CounterRow {
  count: number;
  /** Start of the counter's window, microseconds since the epoch. */
  windowStart: number;
}

interface RawCounterRow {
  count: number | string;
  window_start: number | string;
}

const toRow = (row: RawCounterRow): CounterRow => ({
  count: Number(row.count),
  windowStart: Number(row.window_start),
});

/** Every statement on `rate_counters`: fixed-window counters shared by every instance. */
@Injectable()
export class RateCounterRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Adds one to `key` and answers its new count, in one statement (SQLite ≥ 3.35 and PostgreSQL both
   * run `INSERT … ON CONFLICT … DO UPDATE … RETURNING` atomically): a window that started before
   * `cutoff` is restarted at `start`. Two callers can never read the same count.
   */
  async increment(key: string, start: number, cutoff: number): Promise<CounterRow> {
    const row = await this.sql.one<RawCounterRow>(
      `INSERT INTO rate_counters (key, window_start, count) VALUES (?, ?, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN rate_counters.window_start < ? THEN 1 ELSE rate_counters.count + 1 END,
         window_start = CASE WHEN rate_counters.window_start < ? THEN ? ELSE rate_counters.window_start END
       RETURNING count, window_start`,
      [key, start, cutoff, cutoff, start],
    );
    return toRow(row!);
  }

  /** Takes back one hit of `key`, if its window is still the one that counted it. */
  async decrement(key: string, windowStart: number): Promise<void> {
    await this.sql.run(
      'UPDATE rate_counters SET count = count - 1 WHERE key = ? AND window_start = ? AND count > 0',
      [key, windowStart],
    );
  }
}
