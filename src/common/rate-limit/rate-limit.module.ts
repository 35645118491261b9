import { Module } from '@nestjs/common';
import { RateCounterService } from './rate-counter.service';

/** Database-backed counters; import it where a budget is enforced. */
@Module({ providers: [RateCounterService], exports: [RateCounterService] })
export class RateLimitModule {}
