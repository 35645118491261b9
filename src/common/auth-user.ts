import type { SqlValue } from './sql-condition';

export enum Role {
  Admin = 'admin',
  Operator = 'operator',
  User = 'user',
}

export const ROLES = [Role.Admin, Role.Operator, Role.User] as const;

/** The authenticated caller, as services receive it (always the first argument). */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  /** Set when the request was authenticated with an API key rather than an access JWT. */
  apiKeyId?: number;
}

/** Operators and admins read every user's sessions, events and playback sessions. */
export function canReadAll(auth: AuthUser): boolean {
  return auth.role === Role.Admin || auth.role === Role.Operator;
}

/**
 * The owner rule as plain SQL (`Sql`): `''` when `auth` reads everything, else a condition on
 * `ownerColumn` with its `?` value (a new array: callers append their own values to it).
 */
export function ownerCondition(auth: AuthUser, ownerColumn: string): [string, SqlValue[]] {
  return canReadAll(auth) ? ['', []] : [`${ownerColumn} = ?`, [auth.id]];
}

export function isAdmin(auth: AuthUser): boolean {
  return auth.role === Role.Admin;
}
