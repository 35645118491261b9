/**
 * What the hostile-input properties attack: every write endpoint (with a generator of bodies it accepts
 * and its DTO's field names, from which hostile variants are derived) and every list endpoint's filters.
 *
 * Adding a module: append its write endpoints to WRITE_ENDPOINTS (`setup` creates what the URL needs,
 * e.g. a session owned by `ctx.user`, once per suite) and its list filters to LIST_FILTERS. Tables are
 * found from the entity metadata, so the "nothing stored on a rejected request" check covers new tables
 * without changes here.
 */
import fc from 'fast-check';
import type { TestApp, TestUser } from '../utils/test-app';

export interface HostileContext {
  t: TestApp;
  admin: TestUser;
  user: TestUser;
  /** Per-endpoint state made by `setup` (ids for the URL, tokens for the body). */
  state: Record<string, any>;
}

export interface WriteEndpoint {
  method: 'POST' | 'PUT' | 'PATCH';
  /** The URL, once `setup` has run. */
  path: (ctx: HostileContext) => string;
  /** Who calls it: a credential is sent in the surface's scheme. */
  as: 'anonymous' | 'user' | 'admin';
  /** Bodies the endpoint accepts (hostile variants are derived from these). */
  valid: (ctx: HostileContext) => fc.Arbitrary<Record<string, unknown>>;
  /** The DTO's fields. */
  fields: string[];
  setup?: (ctx: HostileContext) => Promise<void>;
}

export interface ListFilter {
  path: (ctx: HostileContext) => string;
  as: 'anonymous' | 'user' | 'admin';
  /** The query parameters the endpoint documents. */
  params: string[];
  setup?: (ctx: HostileContext) => Promise<void>;
}

/**
 * Valid bodies are kept cheap: argon2 (64 MiB) costs ~0.2–0.8 s per hash or verify here, so logins use a
 * wrong password (the limiter answers 429 after a few, validation still runs first on every request) and
 * new users come from a small pool of names (a taken name is refused before any hashing).
 */
const username = fc.constantFrom('hostile-a', 'hostile-b', 'hostile.c@x', 'hostile+d');
const password = fc.string({ minLength: 8, maxLength: 40 });
const role = fc.constantFrom('admin', 'operator', 'user');

export const WRITE_ENDPOINTS: Record<string, WriteEndpoint> = {
  'POST /auth/login': {
    method: 'POST',
    path: () => '/auth/login',
    as: 'anonymous',
    valid: (ctx) => fc.constant({ username: ctx.user.username, password: 'a-wrong-password' }),
    fields: ['username', 'password'],
  },
  'POST /auth/api-keys': {
    method: 'POST',
    path: () => '/auth/api-keys',
    as: 'user',
    valid: () =>
      fc.record({ name: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim() !== '') }),
    fields: ['name'],
  },
  'POST /users': {
    method: 'POST',
    path: () => '/users',
    as: 'admin',
    valid: () => fc.record({ username, password, role }),
    fields: ['username', 'password', 'role'],
  },
  'PATCH /users/:id': {
    method: 'PATCH',
    path: (ctx) => `/users/${ctx.state.targetId}`,
    as: 'admin',
    valid: () => fc.record({ role }),
    fields: ['password', 'role'],
    setup: async (ctx) => {
      const res = await ctx.t.http
        .post('/users')
        .set('Authorization', `Bearer ${ctx.admin.token}`)
        .send({ username: 'hostile-target', password: 'target-password', role: 'user' });
      ctx.state.targetId = res.body.id;
    },
  },
  'POST /api/2/users/': {
    method: 'POST',
    path: () => '/api/2/users/',
    as: 'anonymous',
    valid: () =>
      fc.record(
        {
          device_id: fc.string({ minLength: 1, maxLength: 255 }).filter((s) => s.trim() !== ''),
          client_type: fc.string({ maxLength: 128 }),
        },
        { requiredKeys: ['device_id'] },
      ),
    fields: ['device_id', 'client_type'],
  },
  'POST /api/token/': {
    method: 'POST',
    path: () => '/api/token/',
    as: 'anonymous',
    valid: (ctx) => fc.constant({ username: ctx.user.username, password: 'a-wrong-password' }),
    fields: ['username', 'password'],
  },
  'POST /api/token/refresh/': {
    method: 'POST',
    path: () => '/api/token/refresh/',
    as: 'anonymous',
    valid: (ctx) => fc.constant({ refresh: ctx.state.refresh as string }),
    fields: ['refresh'],
    setup: async (ctx) => {
      const res = await ctx.t.http
        .post('/api/token/')
        .send({ username: ctx.user.username, password: ctx.user.password });
      ctx.state.refresh = res.body.refresh;
    },
  },
  'POST /audiobookshelf/login': {
    method: 'POST',
    path: () => '/audiobookshelf/login',
    as: 'anonymous',
    valid: (ctx) => fc.constant({ username: ctx.user.username, password: 'a-wrong-password' }),
    fields: ['username', 'password'],
  },
  // ---- module write endpoints go here: events POST (single and batch), session create/stop,
  // experiment create, schedule sessions/tracks, playback play/sync/close, libraries/items ----
};

export const LIST_FILTERS: Record<string, ListFilter> = {
  'GET /users': { path: () => '/users', as: 'admin', params: ['page', 'page_size'] },
  'GET /auth/api-keys': { path: () => '/auth/api-keys', as: 'user', params: [] },
  // ---- module list filters go here: /api/2/sessions/, /api/2/events/, /api/sessions, /api/experiments,
  // /open-api/v1/sessions/, /audiobookshelf/api/sessions, /audiobookshelf/api/me/listening-sessions ----
};
