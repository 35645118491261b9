import { Injectable } from '@nestjs/common';
import { Semaphore } from 'async-mutex';
import { AppConfig } from '../config/app-config';
import { TooManyRequestsError } from '../common/errors';
import { RateCounterService, WindowState } from '../common/rate-limit/rate-counter.service';

/** A reserved login attempt: it counts as a failure unless `release` takes it back. */
export interface LoginAttempt {
  /** The attempt did not fail (the password was right, or it was never evaluated). */
  release(): Promise<void>;
}

/**
 * Failed logins per client address, counted in the shared database so the limit holds across instances.
 *
 * An attempt is reserved before the password is hashed: one atomic upsert counts it and answers the
 * new count, so of any number of parallel attempts at most LOGIN_MAX_FAILURES are evaluated per window
 * (the rest answer 429 without hashing). A successful login takes its reservation back, so only
 * failures count. The key is the address alone: there is no per-username lock, so nobody can lock a
 * user out from another address (every (username, address) pair is bounded by its address's budget).
 */
@Injectable()
export class LoginLimiter {
  constructor(
    private readonly counters: RateCounterService,
    private readonly config: AppConfig,
  ) {}

  /** Reserves one attempt for `ip`; throws 429 when the address has used up its failures. */
  async reserve(ip: string): Promise<LoginAttempt> {
    const { maxFailures, windowSeconds } = this.config.login;
    const key = `login:ip:${ip}`;
    const state: WindowState = await this.counters.hit(key, windowSeconds);
    if (state.count > maxFailures) {
      throw new TooManyRequestsError(
        `Too many failed login attempts. Try again in ${state.resetInSeconds} seconds.`,
        state.resetInSeconds,
      );
    }
    return { release: () => this.counters.release(key, state) };
  }
}

/**
 * Bounds the password hashes (argon2: 64 MiB and tens of milliseconds each) that run at once
 * (LOGIN_HASH_CONCURRENCY) and the logins waiting for one (LOGIN_HASH_QUEUE); a login beyond the queue
 * answers 429 with `Retry-After: 1` instead of piling up, so a burst cannot starve the event loop, the
 * memory, or a legitimate login.
 */
@Injectable()
export class PasswordHashGate {
  private readonly slots: Semaphore;
  private waiting = 0;

  constructor(private readonly config: AppConfig) {
    this.slots = new Semaphore(config.authLimits.hashConcurrency);
  }

  async run<T>(hash: () => Promise<T>): Promise<T> {
    if (this.slots.isLocked() && this.waiting >= this.config.authLimits.hashQueue) {
      throw new TooManyRequestsError('Too many logins at once. Try again in 1 seconds.', 1);
    }
    this.waiting++;
    let release: () => void;
    try {
      [, release] = await this.slots.acquire();
    } finally {
      this.waiting--;
    }
    try {
      return await hash();
    } finally {
      release();
    }
  }
}

/**
 * Anonymous device registrations (`POST /api/2/users/`) per client address: at most
 * DEVICE_REGISTRATIONS_PER_MINUTE in a fixed minute, counted in the shared database; beyond it 429 in
 * DRF's throttling words, with Retry-After.
 */
@Injectable()
export class RegistrationLimiter {
  constructor(
    private readonly counters: RateCounterService,
    private readonly config: AppConfig,
  ) {}

  async hit(ip: string): Promise<void> {
    const state = await this.counters.hit(`register:ip:${ip}`, 60);
    if (state.count > this.config.authLimits.deviceRegistrationsPerMinute) {
      throw new TooManyRequestsError(
        `Request was throttled. Expected available in ${state.resetInSeconds} seconds.`,
        state.resetInSeconds,
      );
    }
  }
}
