import type { INestApplication } from '@nestjs/common';
import { createApp } from '../src/app.setup';

/**
 * The application as the generators (`npm run openapi`, `npm run routes`) boot it: not listening, an
 * in-memory SQLite database, silent logs, throw-away credentials.
 */
export function createGenerationApp(): Promise<INestApplication> {
  return createApp({
    env: {
      NODE_ENV: 'test',
      DB_TYPE: 'sqlite',
      DB_PATH: ':memory:',
      LOG_LEVEL: 'silent',
      DOCS_ENABLED: 'false',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'spec-generation-only-password',
      JWT_SECRET: 'spec-generation-only-secret-0123456789abcdef',
    },
  });
}
