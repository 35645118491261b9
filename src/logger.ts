import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { AppConfig } from './config/app-config';

const REQUEST_ID = /^[\w.-]{1,64}$/;
/** Query parameters whose values are credentials by name. */
const SECRET_PARAM = /token|key|secret|passw|auth|refresh|access|jwt|session|code|sig/i;
/** Values that are credentials by shape: an API key or a JWT. */
const SECRET_VALUE = /^(shk_|eyJ[\w-]*\.)/;

/**
 * The request URL as logged: no credential is accepted in a query string, but clients put them there
 * anyway (`?token=…`), and the URL would carry them into log storage. Values of parameters named like a
 * credential, or shaped like an API key or a JWT, are replaced by `[redacted]`.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      let value = pair.slice(eq + 1);
      try {
        value = decodeURIComponent(value.replace(/\+/g, ' '));
      } catch {
        // not valid percent-encoding: judge the raw text
      }
      return SECRET_PARAM.test(name) || SECRET_VALUE.test(value) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/**
 * The root pino logger: structured JSON to stdout, or to `LOG_FILE` (written asynchronously).
 * Credentials and bodies are never logged: request lines carry no Authorization or Cookie value
 * (only whether one was sent), credentials in query strings are masked (`redactUrl`), and request
 * bodies are not serialised anywhere.
 */
export function createLogger(config: AppConfig): pino.Logger {
  const destination = config.logFile
    ? pino.destination({ dest: config.logFile, sync: false, mkdir: true })
    : pino.destination({ dest: 1, sync: false });
  return pino({ level: config.logLevel }, destination);
}

/**
 * Request logging and the request id, as the first middleware: the client's `X-Request-Id` when it is a
 * sane token, else a new UUID, echoed back in the response header; one line per finished request (`info`,
 * or `error` for a 5xx) with method, masked URL, status and duration.
 *
 * Written here rather than with pino-http + nestjs-pino: those build a child logger per request and run
 * the rest of the request inside an AsyncLocalStorage context, which on Node 20 puts a hook on every
 * promise; together that was 37% of the throughput of `GET /auth/me` (1,000 → 1,370 req/s without them,
 * docs/reliability.md). Nothing here is allocated unless the line is actually written.
 */
export function requestLogger(logger: pino.Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', id);
    if (logger.isLevelEnabled('error')) {
      const started = performance.now();
      res.once('finish', () => {
        const level = res.statusCode >= 500 ? 'error' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        logger[level](
          {
            req: {
              id,
              method: req.method,
              url: redactUrl(req.originalUrl),
              headers: {
                authorization: req.headers.authorization === undefined ? undefined : '[redacted]',
                'user-agent': req.headers['user-agent'],
              },
            },
            res: { statusCode: res.statusCode },
            responseTime: Math.round(performance.now() - started),
          },
          'request completed',
        );
      });
    }
    next();
  };
}

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
const PINO_LEVEL: Record<NestLevel, pino.Level> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/**
 * Nest's own logging (`new Logger(context).log(…)`, the framework's start-up lines) into the same pino
 * logger. Nest calls `method(message, ...params, context)`: a trailing string is the context; for
 * `error`, a string before it is a stack; an object message is merged into the line (`logger.error({ err },
 * 'text')`).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: pino.Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(nestLevel: NestLevel, message: unknown, params: unknown[]): void {
    const level = PINO_LEVEL[nestLevel];
    if (!this.logger.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length && typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    let text: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      text = message.message;
    } else if (message !== null && typeof message === 'object') {
      Object.assign(fields, message);
      text = typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    } else {
      text = String(message);
      if (nestLevel === 'error' && typeof rest[0] === 'string') fields.stack = rest.shift();
    }
    this.logger[level](fields, text);
  }
}
