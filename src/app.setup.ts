import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { mkdirSync } from 'node:fs';
import type pino from 'pino';
import { dirname } from 'node:path';
import { AppModule } from './app.module';
import { createValidationPipe } from './common/errors';
import { IdleCollector } from './common/idle-collector';
import { assertJsonDepth } from './common/json-depth';
import { unsupportedMediaType } from './common/media-type';
import { NullCharactersPipe } from './common/null-characters.pipe';
import { DB_ERROR_LOCAL, DialectExceptionFilter, dialectOf } from './common/filters/dialect-exception.filter';
import { MetricsService } from './metrics/metrics.service';
import { PUBLIC_URL_LOCAL } from './common/pagination';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { AppConfig, loadAppConfig } from './config/app-config';
import { createLogger, PinoNestLogger, requestLogger } from './logger';
import { setupSwagger } from './swagger';
import { HubIoAdapter } from './database/socket-io.adapter';

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
  app.useWebSocketAdapter(HubIoAdapter.create(app));
  await app.init();
  return app;
}

function configureApp(app: NestExpressApplication, config: AppConfig, logger: pino.Logger): void {
  if (config.http.idleGcMs > 0) new IdleCollector(config.http.idleGcMs).watch(app.getHttpServer());
  app.use(requestLogger(logger));
  const metrics = app.get(MetricsService);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      metrics.observeRequest(
        req.method,
        route,
        res.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      if (res.locals[DB_ERROR_LOCAL]) metrics.countDbError();
    });
    next();
  });
  app.disable('x-powered-by');
  // No ETags: Express would hash every JSON body (SHA-1 of whole list pages) for conditional GETs that
  // none of the five APIs' clients make.
  app.set('etag', false);
  app.use(helmet());
  configureHttp(app, config);
  if (config.corsOrigins.length)
    app.enableCors({
      // `*` alone: any origin, and never credentials (the hub authenticates by header, not cookie)
      origin: config.corsOrigins[0] === '*' ? '*' : config.corsOrigins,
      credentials: false,
    });
  app.use(unsupportedMediaType);
  app.useBodyParser('json', {
    limit: config.bodyLimitBytes,
    verify: (_req: unknown, _res: unknown, buf: Buffer) => assertJsonDepth(buf),
  });
  app.useBodyParser('urlencoded', { limit: config.bodyLimitBytes, extended: false });
  app.useGlobalPipes(new NullCharactersPipe(), createValidationPipe());
  app.useGlobalFilters(new DialectExceptionFilter());
  app.enableShutdownHooks();
  if (config.docsEnabled) setupSwagger(app);
}

/**
 * Proxy trust, connection limits and the Host rule (issue 13.2, 13.10, 13.14). Node's timeouts are set on
 * the server Nest created (before `listen()`); the check interval is shortened so a timeout is enforced
 * close to its configured value, not up to 30 s later.
 */
function configureHttp(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.http.trustProxy);
  const server = app.getHttpServer() as Server & { connectionsCheckingInterval?: number };
  server.requestTimeout = config.http.requestTimeoutMs;
  server.headersTimeout = config.http.headersTimeoutMs;
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  server.maxConnections = config.http.maxConnections;
  server.connectionsCheckingInterval = Math.max(
    100,
    Math.min(30_000, Math.floor(Math.min(config.http.requestTimeoutMs, config.http.headersTimeoutMs) / 4)),
  );
  if (config.http.publicUrl) {
    app.getHttpAdapter().getInstance().locals[PUBLIC_URL_LOCAL] = config.http.publicUrl;
    return;
  }
  if (config.http.allowedHosts.includes('*')) return;
  const allowed = new Set(config.http.allowedHosts);
  // Django's ALLOWED_HOSTS: a Host header naming another host answers 400 DisallowedHost, so no page
  // link ever points at a host a client chose
  app.use((req: Request, res: Response, next: NextFunction) => {
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    if (allowed.has(host)) return next();
    const body = 'Invalid host header';
    if (dialectOf(req.path) === 'audiobookshelf')
      res.status(400).type('text/plain; charset=utf-8').send(body);
    else res.status(400).json({ detail: body });
  });
}
