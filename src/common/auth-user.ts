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

export function isAdmin(auth: AuthUser): boolean {
  return auth.role === Role.Admin;
}
