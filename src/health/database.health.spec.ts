import { HealthIndicatorService } from '@nestjs/terminus';
import type { HealthRepository } from './health.repository';
import { DatabaseHealthIndicator } from './database.health';

const indicator = (ping: () => Promise<unknown>) =>
  new DatabaseHealthIndicator(new HealthIndicatorService(), { ping } as unknown as HealthRepository);

describe('DatabaseHealthIndicator', () => {
  it('is up when the database answers', async () => {
    await expect(indicator(async () => ({ ok: 1 })).ping('database', 50)).resolves.toEqual({
      database: { status: 'up' },
    });
  });

  it('is down, with the reason, when the query fails', async () => {
    const failing = indicator(() => Promise.reject(new Error('The database connection is not open')));
    await expect(failing.ping('database', 50)).resolves.toEqual({
      database: { status: 'down', message: 'The database connection is not open' },
    });
  });

  it('is down when the database does not answer in time', async () => {
    const hanging = indicator(() => new Promise(() => undefined));
    await expect(hanging.ping('database', 20)).resolves.toEqual({
      database: { status: 'down', message: 'timeout of 20 ms exceeded' },
    });
  });
});
