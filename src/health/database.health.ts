import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { databaseUnavailableRecently } from '../common/database-unavailable';
import { HealthRepository } from './health.repository';

/**
 * The database check of `/health`: one `SELECT 1` (`HealthRepository.ping`), down when it fails or takes longer
 * than `timeoutMs`, or when a request met a locked, full or unreachable database in the last 10 s. Terminus's own TypeOrmHealthIndicator `require()`s its optional packages on every
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
      // a database that answers reads but refused a write (locked, disk full) within the window is down
      if (databaseUnavailableRecently())
        return indicator.down({ message: 'recent writes failed: the database is busy or unavailable' });
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  }
}
