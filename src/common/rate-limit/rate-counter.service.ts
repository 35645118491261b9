import { Injectable } from '@nestjs/common';
import { nowMicros } from '../time';
import { RateCounterRepository } from './rate-counter.repository';

export interface WindowState {
  count: number;
  /** Seconds until the current window ends. */
  resetInSeconds: number;
  /** Start of the window that counted the hit (microseconds), to take the hit back with `release`. */
  windowStart: number;
}

/**
 * Fixed-window counters kept in the database, so every instance behind a load balancer counts the
 * same budget. A hit counts and answers in one atomic statement, so a budget holds under any
 * concurrency: check the answer of `hit` (there is no peek: a check before
 * the hit is a race).
 */
@Injectable()
export class RateCounterService {
  constructor(private readonly counters: RateCounterRepository) {}

  /** Adds one hit to `key` in a window of `windowSeconds` (or the window given by `windowStart`). */
  async hit(key: string, windowSeconds: number, windowStart?: number): Promise<WindowState> {
    const now = nowMicros();
    const row = await this.counters.increment(
      key,
      windowStart ?? now,
      windowStart ?? now - windowSeconds * 1_000_000,
    );
    return this.state(row.count, row.windowStart, windowSeconds, now);
  }

  /** Takes back a hit that turned out not to count (e.g. a login that succeeded). */
  release(key: string, state: WindowState): Promise<void> {
    return this.counters.decrement(key, state.windowStart);
  }

  private state(count: number, windowStart: number, windowSeconds: number, now: number): WindowState {
    const endsAt = windowStart + windowSeconds * 1_000_000;
    return {
      count,
      windowStart,
      resetInSeconds: Math.max(1, Math.ceil((endsAt - now) / 1_000_000)),
    };
  }
}
