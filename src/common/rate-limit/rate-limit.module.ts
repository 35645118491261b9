import { Module } from '@nestjs/common';
import { RateCounterRepository } from './rate-counter.repository';
import { RateCounterService } from './rate-counter.service';

/** Database-backed counters; import it where a budget is enforced. */
@Module({ providers: [RateCounterRepository, RateCounterService], exports: [RateCounterService] })
export class RateLimitModule {}
