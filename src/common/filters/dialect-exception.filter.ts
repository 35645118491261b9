import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  CREDENTIALS_INVALID,
  CREDENTIALS_MISSING,
  FieldErrorsException,
  TooManyRequestsError,
} from '../errors';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isDatabaseUnavailable,
  noteDatabaseUnavailable,
} from '../database-unavailable';
import { allowedMethods, unroutedMethod } from '../method-not-allowed';

/** The detail of a 503 for a database that is locked, full or unreachable. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is busy or unavailable; retry shortly.';

export type Dialect = 'drf' | 'audiobookshelf';

/** The Audiobookshelf surface answers plain text; every other surface speaks DRF JSON. */
export function dialectOf(path: string): Dialect {
  return path === '/audiobookshelf' || path.startsWith('/audiobookshelf/') ? 'audiobookshelf' : 'drf';
}

const DRF_DEFAULTS: Record<number, string> = {
  400: 'Bad request.',
  401: 'Authentication credentials were not provided.',
  403: 'You do not have permission to perform this action.',
  404: 'Not found.',
  405: 'Method not allowed.',
  409: 'Conflict.',
  413: 'Request body is too large.',
  415: 'Unsupported media type in request.',
  429: 'Request was throttled.',
  500: 'A server error occurred.',
};

/** Audiobookshelf's plain-text bodies: Express's status texts (`res.sendStatus`). */
export const ABS_DEFAULTS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

function messageOf(exception: HttpException): string | undefined {
  const body = exception.getResponse();
  if (typeof body === 'string') return body;
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return undefined;
}

/** The report Terminus raises (as a 503) when a health check is down. */
function isHealthReport(body: unknown): boolean {
  const report = body as { status?: unknown; details?: unknown };
  return report?.status === 'error' && typeof report.details === 'object';
}

/** Nest's own messages that a client should never see verbatim (they name Nest internals). */
function isGenericNestMessage(status: number, message: string | undefined): boolean {
  if (!message) return true;
  return (
    (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /.test(message)) ||
    message === HttpStatus[status] ||
    /^(Unauthorized|Forbidden|Forbidden resource|Not Found|Bad Request|Conflict|Internal Server Error)$/i.test(
      message,
    )
  );
}

/** A body-parser error (malformed JSON, body too large) that Nest wrapped as an HttpException. */
function bodyParserMessage(status: number, message: string | undefined): string | undefined {
  if (status === 413) return 'Request body is too large.';
  if (status === 400 && message && /JSON|Unexpected|position|token/i.test(message)) {
    return 'JSON parse error - the request body is not valid JSON.';
  }
  return undefined;
}

/**
 * Renders every error in the dialect of the surface the request came to: DRF `{"detail": …}` /
 * `{"field": [messages]}` or Audiobookshelf plain text. Unknown errors are logged and answered 500
 * without stack or SQL.
 */
@Catch()
export class DialectExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    if (res.headersSent) return;
    const dialect = dialectOf(req.path ?? req.url);

    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let message: string | undefined;
    let fields: unknown;
    if (exception instanceof FieldErrorsException) {
      status = HttpStatus.BAD_REQUEST;
      fields = exception.errors;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      if (status === HttpStatus.SERVICE_UNAVAILABLE && isHealthReport(exception.getResponse())) {
        // `/health` failing: the probe's own report (`{"status": "error", …}`) is the documented body
        res.status(status).json(exception.getResponse());
        return;
      }
      const raw = messageOf(exception);
      // --- 405 (helper http): a known path asked with a method it does not serve, on the DRF surfaces
      // (Audiobookshelf keeps upstream Express's plain 404). The methods come from the live route table.
      const wrongMethod =
        status === HttpStatus.NOT_FOUND && dialect === 'drf' ? unroutedMethod(raw) : undefined;
      const allow = wrongMethod ? allowedMethods(req) : [];
      if (wrongMethod && allow.length) {
        res.setHeader('Allow', allow.join(', '));
        res.status(HttpStatus.METHOD_NOT_ALLOWED).json({ detail: `Method "${wrongMethod}" not allowed.` });
        return;
      }
      // --- end 405
      message = bodyParserMessage(status, raw) ?? (isGenericNestMessage(status, raw) ? undefined : raw);
      if (exception instanceof TooManyRequestsError) {
        res.setHeader('Retry-After', String(exception.retryAfterSeconds));
      }
    } else if (isClientHttpError(exception)) {
      status = exception.status;
      message = bodyParserMessage(status, undefined);
    } else if (isDatabaseUnavailable(exception)) {
      // --- 503 (issue 13 item 11): a locked, full or unreachable database is "retry", not a server bug
      this.logger.warn({ err: exception, path: req.path, method: req.method }, 'Database unavailable');
      noteDatabaseUnavailable();
      res.locals[DB_ERROR_LOCAL] = true;
      status = HttpStatus.SERVICE_UNAVAILABLE;
      message = DATABASE_UNAVAILABLE_MESSAGE;
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    } else {
      this.logger.error({ err: exception, path: req.path, method: req.method }, 'Unhandled error');
      // --- metrics (helper http): a database error is counted by the request's metrics hook
      if (isDatabaseError(exception)) res.locals[DB_ERROR_LOCAL] = true;
    }

    if (dialect === 'audiobookshelf') {
      // Audiobookshelf answers a refused credential with a bare `Unauthorized`, as its clients expect
      if (message === CREDENTIALS_MISSING || message === CREDENTIALS_INVALID) message = undefined;
      const text = fields ? flattenFields(fields) : (message ?? ABS_DEFAULTS[status] ?? HttpStatus[status]);
      res.status(status).type('text/plain; charset=utf-8').send(text);
      return;
    }
    const body = fields ?? { detail: message ?? DRF_DEFAULTS[status] ?? HttpStatus[status] };
    res.status(status).json(body);
  }
}

/**
 * An http-errors error marked safe to expose, raised by body-parser before Nest routing (body too large,
 * unsupported charset, too many parameters): its status is the client's fault and is kept.
 */
function isClientHttpError(error: unknown): error is { status: number } {
  const e = error as { status?: unknown; expose?: unknown };
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true;
}

function flattenFields(fields: unknown): string {
  if (Array.isArray(fields)) {
    return fields
      .map((item, i) =>
        item && typeof item === 'object' && Object.keys(item).length ? `[${i}] ${flattenFields(item)}` : '',
      )
      .filter(Boolean)
      .join('; ');
  }
  return Object.entries(fields as Record<string, string[]>)
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
    .join('; ');
}

// --- metrics (helper http)
/** `res.locals` flag read by the metrics hook (app.setup) to count database errors. */
export const DB_ERROR_LOCAL = 'sessionsHubDbError';

/** TypeORM's QueryFailedError, or a SQLite / PostgreSQL driver error (by its code). */
function isDatabaseError(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown; severity?: unknown };
  return (
    e?.name === 'QueryFailedError' ||
    (typeof e?.code === 'string' &&
      (e.code.startsWith('SQLITE_') || (typeof e.severity === 'string' && /^[0-9A-Z]{5}$/.test(e.code))))
  );
}
