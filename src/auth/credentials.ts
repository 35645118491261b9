import type { Request } from 'express';

/** The header schemes our clients send: AERPAW/Audiobookshelf `Bearer`, Guidebook `JWT`, Roundware `token`/`Token`. */
const SCHEMES = new Set(['bearer', 'jwt', 'token']);

/** Prefix of every API key; lets the guard tell a key from a JWT without a database look-up. */
export const API_KEY_PREFIX = 'shk_';

/** The credential in `Authorization: <scheme> <credential>`, or null when there is none in a known scheme. */
export function credentialFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (!match || !SCHEMES.has(match[1].toLowerCase())) return null;
  return match[2];
}

/** Where the guard puts a `?token=` credential on the routes that accept one (`@Auth({ queryToken: true })`). */
export const QUERY_CREDENTIAL = Symbol('queryCredential');

/** The header credential, else a `?token=` the guard accepted for this route. */
export function credentialFromRequest(req: Request): string | null {
  return (
    credentialFromHeader(req.headers.authorization) ??
    (req as Request & { [QUERY_CREDENTIAL]?: string })[QUERY_CREDENTIAL] ??
    null
  );
}
