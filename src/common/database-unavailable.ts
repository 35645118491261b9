/**
 * Database errors that say "not now" rather than "wrong": another process holds the SQLite lock, the
 * disk is full or failing, the PostgreSQL server is unreachable, shutting down or out of resources. The
 * error filter answers them 503 with `Retry-After` (in each surface's dialect) instead of 500, and
 * `/health` reports the database down while they keep happening.
 */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY_DBMOVED|PROTOCOL)/;
/** SQLSTATE classes 08 (connection), 53 (insufficient resources, disk full), 57P01–57P03 (shutdown). */
const PG_UNAVAILABLE = /^(08|53)[0-9A-Z]{3}$|^57P0[123]$/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);

/** Seconds a client is asked to wait (`Retry-After`) after a 503 for an unavailable database. */
export const DATABASE_RETRY_AFTER_SECONDS = 1;

/** How long after the last such error `/health` still reports the database down. */
export const DATABASE_UNAVAILABLE_WINDOW_MS = 10_000;

let lastUnavailableAt = -Infinity;

/** The driver's error code of `error` (itself or TypeORM's `driverError` inside it), if any. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const inner = (error as { driverError?: unknown }).driverError;
  return inner === undefined ? undefined : errorCode(inner);
}

/** True when `error` is a database error a retry may cure (see above). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = errorCode(error);
  if (!code) return false;
  return SQLITE_UNAVAILABLE.test(code) || PG_UNAVAILABLE.test(code) || NETWORK.has(code);
}

/** Records that a request met an unavailable database (read by `/health`). */
export function noteDatabaseUnavailable(now = Date.now()): void {
  lastUnavailableAt = now;
}

/** True when a request met an unavailable database within `DATABASE_UNAVAILABLE_WINDOW_MS`. */
export function databaseUnavailableRecently(now = Date.now()): boolean {
  return now - lastUnavailableAt < DATABASE_UNAVAILABLE_WINDOW_MS;
}
