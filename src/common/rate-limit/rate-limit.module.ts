import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateCounter } from './rate-counter.entity';
import { RateCounterRepository } from './rate-counter.repository';
import { RateCounterService } from './rate-counter.service';

/** Database-backed counters; import it where a budget is enforced. */
@Module({
  imports: [TypeOrmModule.forFeature([RateCounter])],
  providers: [RateCounterRepository, RateCounterService],
  exports: [RateCounterService],
})
export class RateLimitModule {}
