import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TooManyRequestsError } from '../common/errors';
import { RateCounterService } from '../common/rate-limit/rate-counter.service';

/**
 * Counts failed logins per client IP and per username in the shared database, so the limit holds across
 * instances. Only failures count: a user who logs in often is never locked out by their own successes.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    private readonly counters: RateCounterService,
    private readonly config: AppConfig,
  ) {}

  private keys(ip: string, username: string): string[] {
    return [`login:ip:${ip}`, `login:user:${username.toLowerCase().slice(0, 150)}`];
  }

  /** Throws 429 when either key has used up its failures in the current window. */
  async assertAllowed(ip: string, username: string): Promise<void> {
    const { maxFailures, windowSeconds } = this.config.login;
    for (const key of this.keys(ip, username)) {
      const state = await this.counters.peek(key, windowSeconds);
      if (state.count >= maxFailures) {
        throw new TooManyRequestsError(
          `Too many failed login attempts. Try again in ${state.resetInSeconds} seconds.`,
          state.resetInSeconds,
        );
      }
    }
  }

  async recordFailure(ip: string, username: string): Promise<void> {
    for (const key of this.keys(ip, username)) await this.counters.hit(key, this.config.login.windowSeconds);
  }
}
