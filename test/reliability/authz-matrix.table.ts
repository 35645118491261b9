/**
 * The authorization matrix: for every route of the app ("METHOD /path" exactly as `listRoutes()` spells
 * it), the status each kind of caller must get, and how to build a request whose resource belongs to the
 * owner. `authz-matrix.e2e-spec.ts` fails on a route that is missing here (or listed here but gone).
 *
 * Callers: `anonymous` (no credential), `owner` (a plain user who owns the resource the request names),
 * `other` (another plain user), `operator` (reads everything, writes only their own), `admin`.
 * The usual shapes (see DESIGN.md "Roles and who sees what"):
 *   an owned resource, read:  401 / 200 / 404 / 200 / 200      (operator reads all)
 *   an owned resource, write: 401 / 2xx / 404 / 404-or-403 / 2xx
 *   an admin-only route:      401 / 403 / 403 / 403 / 2xx
 * `request` is called once per caller and credential kind, so it must create a fresh resource each time
 * when the call consumes it (DELETE).
 *
 * Adding a module: add one entry per route of its controllers (the test names the missing ones), with a
 * request builder that creates the owner's resource through the API (e.g. `POST /api/sessions` as
 * `ctx.owner`) and returns its URL.
 */
import { randomBytes } from 'node:crypto';
import type { TestApp, TestUser } from '../utils/test-app';

export const PRINCIPALS = ['anonymous', 'owner', 'other', 'operator', 'admin'] as const;
export type Principal = (typeof PRINCIPALS)[number];

export interface MatrixContext {
  t: TestApp;
  owner: TestUser;
  other: TestUser;
  operator: TestUser;
  admin: TestUser;
  /** Authenticated request as `user` (JWT), failing loudly on an unexpected status. */
  as(user: TestUser, method: string, path: string, body?: unknown, expected?: number): Promise<any>;
}

export interface BuiltRequest {
  /** The concrete URL (with ids filled in, trailing slash as the surface's clients send it). */
  path: string;
  body?: unknown;
}

export interface RouteCase {
  request(ctx: MatrixContext): Promise<BuiltRequest> | BuiltRequest;
  expect: Record<Principal, number>;
  /** Why the expectations are what they are, where it is not the usual shape. */
  note?: string;
}

const all = (status: number): Record<Principal, number> => ({
  anonymous: status,
  owner: status,
  other: status,
  operator: status,
  admin: status,
});
const anyCaller = (status: number): Record<Principal, number> => ({ ...all(status), anonymous: 401 });
const adminOnly = (status: number): Record<Principal, number> => ({
  anonymous: 401,
  owner: 403,
  other: 403,
  operator: 403,
  admin: status,
});

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** A throwaway user (made by the admin) for routes that act on a user row. */
async function throwawayUser(ctx: MatrixContext): Promise<number> {
  const body = await ctx.as(
    ctx.admin,
    'POST',
    '/users',
    { username: unique('victim'), password: 'victim-password', role: 'user' },
    201,
  );
  return body.id as number;
}

const ownerLogin = (ctx: MatrixContext): BuiltRequest => ({
  path: '',
  body: { username: ctx.owner.username, password: ctx.owner.password },
});

export const AUTHZ_TABLE: Record<string, RouteCase> = {
  // ---- health ----
  'GET /health': { request: () => ({ path: '/health' }), expect: all(200) },

  // ---- auth: our own endpoints ----
  'POST /auth/login': {
    request: (ctx) => ({ ...ownerLogin(ctx), path: '/auth/login' }),
    expect: all(200),
    note: 'public; a credential in the header is ignored',
  },
  'GET /auth/me': { request: () => ({ path: '/auth/me' }), expect: anyCaller(200) },
  'POST /auth/api-keys': {
    request: () => ({ path: '/auth/api-keys', body: { name: unique('key') } }),
    expect: anyCaller(201),
  },
  'GET /auth/api-keys': { request: () => ({ path: '/auth/api-keys' }), expect: anyCaller(200) },
  'DELETE /auth/api-keys/:id': {
    request: async (ctx) => {
      const key = await ctx.as(ctx.owner, 'POST', '/auth/api-keys', { name: unique('owned') }, 201);
      return { path: `/auth/api-keys/${key.id}` };
    },
    expect: { anonymous: 401, owner: 204, other: 404, operator: 404, admin: 404 },
    note: 'a key is revoked by its owner only; anyone else gets 404 as if it did not exist',
  },

  // ---- users (admin) ----
  'POST /users': {
    request: () => ({
      path: '/users',
      body: { username: unique('made'), password: 'made-password', role: 'user' },
    }),
    expect: adminOnly(201),
  },
  'GET /users': { request: () => ({ path: '/users' }), expect: adminOnly(200) },
  'GET /users/:id': {
    request: (ctx) => ({ path: `/users/${ctx.owner.id}` }),
    expect: adminOnly(200),
    note: 'user management is admin-only, even for your own row (GET /auth/me is for that)',
  },
  'PATCH /users/:id': {
    request: async (ctx) => ({ path: `/users/${await throwawayUser(ctx)}`, body: { role: 'operator' } }),
    expect: adminOnly(200),
  },
  'DELETE /users/:id': {
    request: async (ctx) => ({ path: `/users/${await throwawayUser(ctx)}` }),
    expect: adminOnly(204),
  },

  // ---- surface logins ----
  'POST /api/2/users': {
    request: () => ({ path: '/api/2/users/', body: { device_id: unique('device'), client_type: 'iPhone' } }),
    expect: all(200),
    note: 'Roundware device registration is anonymous by design (DEVICE_REGISTRATION_ENABLED)',
  },
  'POST /api/token': {
    request: (ctx) => ({ ...ownerLogin(ctx), path: '/api/token/' }),
    expect: all(200),
  },
  'POST /api/token/refresh': {
    request: async (ctx) => {
      const res = await ctx.t.http.post('/api/token/').send(ownerLogin(ctx).body as object);
      return { path: '/api/token/refresh/', body: { refresh: res.body.refresh } };
    },
    expect: all(200),
  },
  'POST /audiobookshelf/login': {
    request: (ctx) => ({ ...ownerLogin(ctx), path: '/audiobookshelf/login' }),
    expect: all(200),
  },

  // ---- module routes go here (sessions, events, guides, playback) ----
};
