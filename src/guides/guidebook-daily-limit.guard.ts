import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthUser } from '../common/auth-user';
import { TooManyRequestsError } from '../common/errors';
import { RateCounterService } from '../common/rate-limit/rate-counter.service';
import { AppConfig } from '../config/app-config';
import { utcDay } from './schedule-rules';

/**
 * Guidebook's documented budget: a number of Open API requests per account and UTC day
 * (`GUIDEBOOK_DAILY_LIMIT`, default 10,000). Counted in the shared database, so every instance spends
 * the same budget. Runs after the global access guard, so the caller is known; once the budget is spent
 * the answer is 429 with `Retry-After` = seconds until the next UTC midnight.
 */
@Injectable()
export class GuidebookDailyLimitGuard implements CanActivate {
  constructor(
    private readonly counters: RateCounterService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const user = http.getRequest<Request & { user?: AuthUser }>().user;
    if (!user) return true;
    const limit = this.config.guidebookDailyLimit;
    const day = utcDay(Date.now());
    const state = await this.counters.hit(`guidebook:day:${user.id}`, 86_400, day.startMicros);
    const res = http.getResponse<Response>();
    res.setHeader('X-RateLimit-Limit', String(limit));
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit - state.count)));
    if (state.count > limit) {
      throw new TooManyRequestsError(
        `Request was throttled. Expected available in ${day.secondsLeft} seconds.`,
        day.secondsLeft,
      );
    }
    return true;
  }
}
