import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { mkdirSync } from 'node:fs';
import type pino from 'pino';
import { dirname } from 'node:path';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/errors';
import { assertJsonDepth } from './common/json-depth';
import { NullCharactersPipe } from './common/null-characters.pipe';
import { UnknownQueryInterceptor } from './common/unknown-query.interceptor';
import { DialectExceptionFilter } from './common/filters/dialect-exception.filter';
import { AppConfig, loadAppConfig } from './config/app-config';
import { createLogger, PinoNestLogger, requestLogger } from './logger';
import { setupSwagger } from './swagger';

export interface CreateAppOptions {
  /** Environment variables layered over `process.env` (tests use this instead of mutating it). */
  env?: Record<string, string | undefined>;
}

/**
 * Builds the whole application, ready to `listen()`: configuration validated first (a bad value throws
 * a ConfigError naming the variable before anything starts), migrations applied, every cross-cutting
 * piece (helmet, CORS, body limits, validation, error dialects, Swagger) configured. main.ts and the
 * e2e tests share it, so tests exercise exactly what production runs.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const config = loadAppConfig({ ...process.env, ...options.env });
  if (config.db.type === 'sqlite' && config.db.path !== ':memory:')
    mkdirSync(dirname(config.db.path), { recursive: true });

  const logger = createLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: new PinoNestLogger(logger),
  });
  configureApp(app, config, logger);
  await app.init();
  return app;
}

function configureApp(app: NestExpressApplication, config: AppConfig, logger: pino.Logger): void {
  app.use(requestLogger(logger));
  app.disable('x-powered-by');
  // No ETags: Express would hash every JSON body (SHA-1 of whole list pages) for conditional GETs that
  // none of the five APIs' clients make.
  app.set('etag', false);
  app.use(helmet());
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, credentials: false });
  app.useBodyParser('json', {
    limit: config.bodyLimitBytes,
    verify: (_req: unknown, _res: unknown, buf: Buffer) => assertJsonDepth(buf),
  });
  app.useBodyParser('urlencoded', { limit: config.bodyLimitBytes, extended: false });
  app.useGlobalPipes(new NullCharactersPipe(), createValidationPipe());
  app.useGlobalInterceptors(new UnknownQueryInterceptor());
  app.useGlobalFilters(new DialectExceptionFilter());
  app.enableShutdownHooks();
  if (config.docsEnabled) setupSwagger(app);
}
