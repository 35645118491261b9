import { errorCode } from '../common/database-unavailable';

/** Kinds of constraint violation a repository may want to answer as a client error. */
export type ConstraintKind = 'unique' | 'foreign_key';

const SQLITE_CODES: Record<ConstraintKind, string[]> = {
  unique: ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'],
  foreign_key: ['SQLITE_CONSTRAINT_FOREIGNKEY'],
};
const PG_SQLSTATES: Record<ConstraintKind, string> = { unique: '23505', foreign_key: '23503' };

/**
 * True when `error` is a violation of a constraint of `kind`, told by the driver's error code (better-sqlite3's
 * extended result code, PostgreSQL's SQLSTATE), never by its message text. Looks through TypeORM's
 * `QueryFailedError` (`driverError`).
 */
export function isConstraintError(error: unknown, kind: ConstraintKind): boolean {
  const code = errorCode(error);
  return code !== undefined && (SQLITE_CODES[kind].includes(code) || PG_SQLSTATES[kind] === code);
}
