import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { HealthRepository } from './health.repository';

/**
 * The database check of `/health`: one `SELECT 1` (`HealthRepository.ping`), down when it fails or takes longer
 * than `timeoutMs`. Terminus's own TypeOrmHealthIndicator `require()`s its optional packages on every
 * call to see whether they are installed — half the CPU of a health probe in the benchmark.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly health: HealthRepository,
  ) {}

  async ping<const Key extends string>(key: Key, timeoutMs: number): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.health.ping(),
        new Promise((_, fail) => {
          timer = setTimeout(() => fail(new Error(`timeout of ${timeoutMs} ms exceeded`)), timeoutMs);
        }),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }
}
