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

/** An owned resource: its owner, operators and admins reach it; another user gets 404. */
const ownedRead = (status: number): Record<Principal, number> => ({
  anonymous: 401,
  owner: status,
  other: 404,
  operator: status,
  admin: status,
});
/** Guide content: operators see it but may not write another owner's (403). */
const guideWrite = (status: number): Record<Principal, number> => ({ ...ownedRead(status), operator: 403 });
/** A create naming the owner's resource in the body: invisible to another user → 400 "Invalid pk". */
const createIn = (status: number): Record<Principal, number> => ({ ...ownedRead(status), other: 400 });

/** Resources shared by every call of the suite (made once per context; reads do not consume them). */
const shared = new WeakMap<MatrixContext, Map<string, Promise<unknown>>>();
function once<T>(ctx: MatrixContext, key: string, make: () => Promise<T>): Promise<T> {
  let byKey = shared.get(ctx);
  if (!byKey) shared.set(ctx, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, make());
  return byKey.get(key) as Promise<T>;
}

/** The owner's project (experiment). */
const ownerProject = (ctx: MatrixContext): Promise<number> =>
  once(ctx, 'project', async () => {
    const body = await ctx.as(ctx.owner, 'POST', '/api/experiments', { name: unique('project') }, 201);
    return body.experiment_id as number;
  });
/** A new active session of the owner (for calls that stop or delete it). */
const freshOwnerSession = async (ctx: MatrixContext): Promise<number> => {
  const body = await ctx.as(
    ctx.owner,
    'POST',
    '/api/sessions',
    { experiment_id: await ownerProject(ctx) },
    201,
  );
  return body.session_id as number;
};
const ownerSession = (ctx: MatrixContext): Promise<number> =>
  once(ctx, 'session', () => freshOwnerSession(ctx));
const freshOwnerEvent = async (ctx: MatrixContext): Promise<number> => {
  const body = { session_id: await ownerSession(ctx), event_type: 'matrix' };
  return (await ctx.as(ctx.owner, 'POST', '/api/2/events/', body, 200)).id as number;
};
const ownerEvent = (ctx: MatrixContext): Promise<number> => once(ctx, 'event', () => freshOwnerEvent(ctx));

const freshOwnerListenEvent = async (ctx: MatrixContext): Promise<number> => {
  const body = { session: await ownerSession(ctx), asset: 1, starttime: '2026-12-01T10:00:00' };
  return (await ctx.as(ctx.owner, 'POST', '/api/2/listenevents/', body, 200)).id as number;
};
const ownerListenEvent = (ctx: MatrixContext): Promise<number> =>
  once(ctx, 'listen-event', () => freshOwnerListenEvent(ctx));

const freshOwnerGuide = async (ctx: MatrixContext): Promise<number> =>
  (await ctx.as(ctx.owner, 'POST', '/open-api/v1/guides/', { name: unique('guide') }, 201)).id as number;
const ownerGuide = (ctx: MatrixContext): Promise<number> => once(ctx, 'guide', () => freshOwnerGuide(ctx));
const freshOwnerTrack = async (ctx: MatrixContext): Promise<number> => {
  const body = { guide: await ownerGuide(ctx), name: 'Track', color: '#000080' };
  return (await ctx.as(ctx.owner, 'POST', '/open-api/v1/schedule-tracks/', body, 201)).id as number;
};
const ownerTrack = (ctx: MatrixContext): Promise<number> => once(ctx, 'track', () => freshOwnerTrack(ctx));
const gbSessionBody = (guide: number) => ({
  guide,
  name: 'Session',
  description_html: null,
  start_time: '2017-09-18T16:00:00',
  end_time: '2017-09-18T17:00:00',
});
const freshOwnerGbSession = async (ctx: MatrixContext): Promise<number> =>
  (await ctx.as(ctx.owner, 'POST', '/open-api/v1/sessions/', gbSessionBody(await ownerGuide(ctx)), 201))
    .id as number;
const ownerGbSession = (ctx: MatrixContext): Promise<number> =>
  once(ctx, 'gb-session', () => freshOwnerGbSession(ctx));

interface Catalogue {
  bookLibraryId: string;
  bookId: string;
  podcastId: string;
  episodeId: string;
}
const BOOK_MEDIA = {
  media: { metadata: { title: 'The Hobbit' }, audioFiles: [{ filename: 'part1.mp3', duration: 1000 }] },
};
/** A book library with one book and a podcast library with one episode (made by the admin, once). */
const catalogue = (ctx: MatrixContext): Promise<Catalogue> =>
  once(ctx, 'catalogue', async () => {
    const post = (path: string, body: unknown) =>
      ctx.as(ctx.admin, 'POST', `/audiobookshelf/api${path}`, body, 200);
    const books = await post('/libraries', { name: 'Audiobooks', mediaType: 'book' });
    const book = await post(`/libraries/${books.id}/items`, BOOK_MEDIA);
    const podcasts = await post('/libraries', { name: 'Podcasts', mediaType: 'podcast' });
    const podcast = await post(`/libraries/${podcasts.id}/items`, {
      media: {
        metadata: { title: 'Welcome to Night Vale' },
        episodes: [{ title: '1 - Pilot', audioFile: { filename: '1 - Pilot.mp3', duration: 1454.18449 } }],
      },
    });
    return {
      bookLibraryId: books.id,
      bookId: book.id,
      podcastId: podcast.id,
      episodeId: podcast.media.episodes[0].id,
    };
  });
/** A local (offline) session with a fresh id, of the book or of the podcast episode. */
function localSession(c: Catalogue, episode = false) {
  const now = Date.now();
  return {
    id: `play_local_${randomBytes(8).toString('hex')}`,
    libraryItemId: episode ? c.podcastId : c.bookId,
    ...(episode ? { episodeId: c.episodeId } : {}),
    timeListening: 5,
    startTime: 0,
    currentTime: 5,
    startedAt: now - 60_000,
    updatedAt: now,
  };
}
/** A new open playback session of the owner, on a device of its own (so it closes no other). */
const ownerPlay = async (ctx: MatrixContext): Promise<string> => {
  const path = `/audiobookshelf/api/items/${(await catalogue(ctx)).bookId}/play`;
  return (await ctx.as(ctx.owner, 'POST', path, { deviceInfo: { deviceId: unique('device') } }, 200))
    .id as string;
};
/**
 * The owner has progress in a book and in the episode (from local uploads); no other caller has any in
 * that book (nor in the episode: only the owner's calls here use it with a progress).
 */
const ownerProgress = (ctx: MatrixContext): Promise<Catalogue> =>
  once(ctx, 'progress', async () => {
    const c = await catalogue(ctx);
    // an item of its own: the other callers play and upload the shared book in other routes' calls
    const path = `/audiobookshelf/api/libraries/${c.bookLibraryId}/items`;
    const own = { ...c, bookId: (await ctx.as(ctx.admin, 'POST', path, BOOK_MEDIA, 200)).id as string };
    const body = { sessions: [localSession(own), localSession(own, true)] };
    const { results } = await ctx.as(ctx.owner, 'POST', '/audiobookshelf/api/session/local-all', body, 200);
    if (!results.every((r: { success: boolean }) => r.success)) throw new Error(JSON.stringify(results));
    return own;
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
  'POST /users/:id/revoke-tokens': {
    request: async (ctx) => ({ path: `/users/${await throwawayUser(ctx)}/revoke-tokens` }),
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
  'POST /api/token/verify': {
    request: async (ctx) => {
      const res = await ctx.t.http.post('/api/token/').send(ownerLogin(ctx).body as object);
      return { path: '/api/token/verify/', body: { token: res.body.access } };
    },
    expect: all(200),
    note: 'public, as simplejwt: the token checked is the one in the body',
  },
  'POST /audiobookshelf/login': {
    request: (ctx) => ({ ...ownerLogin(ctx), path: '/audiobookshelf/login' }),
    expect: all(200),
  },

  // ---- sessions: Roundware (/api/2/sessions, /api/2/projects) and AERPAW (/api/sessions, /api/experiments) ----
  'GET /api/2/sessions': {
    request: async (ctx) => (await ownerSession(ctx), { path: '/api/2/sessions/' }),
    expect: anyCaller(200),
    note: 'a list filtered to what the caller may see',
  },
  'GET /api/2/sessions/count': {
    request: async (ctx) => (await ownerSession(ctx), { path: '/api/2/sessions/count/' }),
    expect: anyCaller(200),
  },
  'GET /api/2/sessions/:id': {
    request: async (ctx) => ({ path: `/api/2/sessions/${await ownerSession(ctx)}/` }),
    expect: ownedRead(200),
  },
  'POST /api/2/sessions': {
    request: async (ctx) => ({
      path: '/api/2/sessions/',
      body: { project_id: await ownerProject(ctx), client_system: 'iOS 8.1' },
    }),
    expect: createIn(200),
    note: 'the project in the body is the resource: invisible to another user → 400 "Invalid pk" (decisions: Sessions); operators see every project',
  },
  'PATCH /api/2/sessions/:id': {
    request: async (ctx) => ({ path: `/api/2/sessions/${await freshOwnerSession(ctx)}/`, body: {} }),
    expect: ownedRead(200),
    note: 'ending a session: owner, operator (any) and admin (DESIGN roles table)',
  },
  'GET /api/2/projects': {
    request: async (ctx) => (await ownerProject(ctx), { path: '/api/2/projects/' }),
    expect: anyCaller(200),
    note: "a list of the public projects and the caller's own (operators and admins: all)",
  },
  'POST /api/2/projects': {
    request: () => ({ path: '/api/2/projects/', body: { name: unique('rw-project') } }),
    expect: adminOnly(200),
  },
  'GET /api/2/projects/:id': {
    request: async (ctx) => ({
      path: `/api/2/projects/${await ownerProject(ctx)}/?session_id=${await ownerSession(ctx)}`,
    }),
    expect: ownedRead(200),
    note: "the owner's private project (an experiment) with the owner's session; a public project is read by every user (test/sessions/roundware-projects.e2e-spec.ts)",
  },
  'PATCH /api/2/projects/:id': {
    request: async (ctx) => ({ path: `/api/2/projects/${await ownerProject(ctx)}/`, body: {} }),
    expect: adminOnly(200),
  },
  'DELETE /api/2/projects/:id': {
    request: async (ctx) => ({
      path: `/api/2/projects/${(await ctx.as(ctx.admin, 'POST', '/api/2/projects/', { name: unique('doomed') }, 200)).id}/`,
    }),
    expect: adminOnly(204),
  },
  'GET /api/sessions': {
    request: async (ctx) => (await ownerSession(ctx), { path: '/api/sessions' }),
    expect: anyCaller(200),
  },
  'POST /api/sessions': {
    request: async (ctx) => ({ path: '/api/sessions', body: { experiment_id: await ownerProject(ctx) } }),
    expect: createIn(201),
    note: 'an invisible experiment in the body is 400 "Invalid pk" (decisions: Sessions)',
  },
  'GET /api/sessions/:id': {
    request: async (ctx) => ({ path: `/api/sessions/${await ownerSession(ctx)}` }),
    expect: ownedRead(200),
  },
  'POST /api/sessions/:id/stop': {
    request: async (ctx) => ({ path: `/api/sessions/${await freshOwnerSession(ctx)}/stop` }),
    expect: ownedRead(200),
    note: 'stopping: owner, operator (any) and admin (DESIGN roles table)',
  },
  'DELETE /api/sessions/:id': {
    request: async (ctx) => ({ path: `/api/sessions/${await freshOwnerSession(ctx)}` }),
    expect: adminOnly(204),
  },
  'POST /api/experiments': {
    request: () => ({ path: '/api/experiments', body: { name: unique('experiment') } }),
    expect: anyCaller(201),
  },
  'GET /api/experiments': {
    request: async (ctx) => (await ownerProject(ctx), { path: '/api/experiments' }),
    expect: anyCaller(200),
  },
  'GET /api/experiments/:id': {
    request: async (ctx) => ({ path: `/api/experiments/${await ownerProject(ctx)}` }),
    expect: ownedRead(200),
  },
  'GET /api/experiments/:id/sessions': {
    request: async (ctx) => ({ path: `/api/experiments/${await ownerProject(ctx)}/sessions` }),
    expect: ownedRead(200),
  },

  // ---- events (/api/2/events, session history) ----
  'GET /api/2/events': {
    request: async (ctx) => (await ownerEvent(ctx), { path: '/api/2/events/' }),
    expect: anyCaller(200),
  },
  'POST /api/2/events': {
    request: async (ctx) => ({
      path: '/api/2/events/',
      body: { session_id: await ownerSession(ctx), event_type: 'matrix' },
    }),
    expect: createIn(200),
    note: 'posting to an invisible session is 400 "Invalid pk" (decisions: Events); operators post everywhere',
  },
  'POST /api/2/events/batch': {
    request: async (ctx) => ({
      path: '/api/2/events/batch/',
      body: [{ session_id: await ownerSession(ctx), event_type: 'matrix' }],
    }),
    expect: createIn(201),
    note: 'as POST /api/2/events/: an invisible session is a 400 naming the item',
  },
  'GET /api/2/events/export': {
    request: async (ctx) => (await ownerEvent(ctx), { path: '/api/2/events/export/' }),
    expect: anyCaller(200),
  },
  'GET /api/2/events/:id': {
    request: async (ctx) => ({ path: `/api/2/events/${await ownerEvent(ctx)}/` }),
    expect: ownedRead(200),
  },
  'DELETE /api/2/events/:id': {
    request: async (ctx) => ({ path: `/api/2/events/${await freshOwnerEvent(ctx)}/` }),
    expect: adminOnly(204),
  },
  'GET /api/2/listenevents': {
    request: async (ctx) => (await ownerListenEvent(ctx), { path: '/api/2/listenevents/' }),
    expect: anyCaller(200),
    note: 'a list filtered to what the caller may see',
  },
  'GET /api/2/listenevents/count': {
    request: async (ctx) => (await ownerListenEvent(ctx), { path: '/api/2/listenevents/count/' }),
    expect: anyCaller(200),
  },
  'POST /api/2/listenevents': {
    request: async (ctx) => ({
      path: '/api/2/listenevents/',
      body: { session: await ownerSession(ctx), asset: 1, starttime: '2026-12-01T10:00:00' },
    }),
    expect: createIn(200),
    note: 'as POST /api/2/events/: an invisible session is 400 "Invalid pk"',
  },
  'GET /api/2/listenevents/:id': {
    request: async (ctx) => ({ path: `/api/2/listenevents/${await ownerListenEvent(ctx)}/` }),
    expect: ownedRead(200),
  },
  'PATCH /api/2/listenevents/:id': {
    request: async (ctx) => ({
      path: `/api/2/listenevents/${await ownerListenEvent(ctx)}`,
      body: { duration_in_seconds: 1.5 },
    }),
    expect: ownedRead(200),
    note: 'the web framework reports durations: owner, operator (any) and admin, as for ending a session',
  },
  'DELETE /api/2/listenevents/:id': {
    request: async (ctx) => ({ path: `/api/2/listenevents/${await freshOwnerListenEvent(ctx)}/` }),
    expect: adminOnly(204),
  },
  'GET /api/2/sessions/:id/history': {
    request: async (ctx) => ({ path: `/api/2/sessions/${await ownerSession(ctx)}/history/` }),
    expect: ownedRead(200),
  },

  // ---- Guidebook (/open-api/v1/): operators read all, but writing another owner's content is 403 ----
  'POST /open-api/v1/guides': {
    request: () => ({ path: '/open-api/v1/guides/', body: { name: unique('guide') } }),
    expect: anyCaller(201),
  },
  'GET /open-api/v1/guides': {
    request: async (ctx) => (await ownerGuide(ctx), { path: '/open-api/v1/guides/' }),
    expect: anyCaller(200),
  },
  'GET /open-api/v1/guides/:id': {
    request: async (ctx) => ({ path: `/open-api/v1/guides/${await ownerGuide(ctx)}/` }),
    expect: ownedRead(200),
  },
  'PATCH /open-api/v1/guides/:id': {
    request: async (ctx) => ({
      path: `/open-api/v1/guides/${await ownerGuide(ctx)}/`,
      body: { name: 'Renamed' },
    }),
    expect: guideWrite(200),
    note: 'operators see every guide but may write only their own: 403 (decisions: Guidebook)',
  },
  'DELETE /open-api/v1/guides/:id': {
    request: async (ctx) => ({ path: `/open-api/v1/guides/${await freshOwnerGuide(ctx)}/` }),
    expect: adminOnly(204),
  },
  'POST /open-api/v1/schedule-tracks': {
    request: async (ctx) => ({
      path: '/open-api/v1/schedule-tracks/',
      body: { guide: await ownerGuide(ctx), name: 'Track', color: '#000080' },
    }),
    expect: { ...createIn(201), operator: 403 },
    note: 'the guide is the resource: invisible → 400 "Invalid pk"; an operator sees it but may not write it → 403',
  },
  'GET /open-api/v1/schedule-tracks': {
    request: async (ctx) => (await ownerTrack(ctx), { path: '/open-api/v1/schedule-tracks/' }),
    expect: anyCaller(200),
  },
  'GET /open-api/v1/schedule-tracks/:id': {
    request: async (ctx) => ({ path: `/open-api/v1/schedule-tracks/${await ownerTrack(ctx)}/` }),
    expect: ownedRead(200),
  },
  'PATCH /open-api/v1/schedule-tracks/:id': {
    request: async (ctx) => ({
      path: `/open-api/v1/schedule-tracks/${await ownerTrack(ctx)}/`,
      body: { name: 'Renamed' },
    }),
    expect: guideWrite(200),
    note: "an operator may not write another owner's guide content: 403",
  },
  'DELETE /open-api/v1/schedule-tracks/:id': {
    request: async (ctx) => ({ path: `/open-api/v1/schedule-tracks/${await freshOwnerTrack(ctx)}/` }),
    expect: guideWrite(204),
    note: "the guide's owner and admins delete its tracks (DESIGN: own guides); an operator gets 403",
  },
  'POST /open-api/v1/sessions': {
    request: async (ctx) => ({ path: '/open-api/v1/sessions/', body: gbSessionBody(await ownerGuide(ctx)) }),
    expect: { ...createIn(201), operator: 403 },
    note: 'the guide is the resource: invisible → 400 "Invalid pk"; an operator sees it but may not write it → 403',
  },
  'GET /open-api/v1/sessions': {
    request: async (ctx) => (await ownerGbSession(ctx), { path: '/open-api/v1/sessions/' }),
    expect: anyCaller(200),
  },
  'GET /open-api/v1/sessions/guide=:guide': {
    request: async (ctx) => (
      await ownerGbSession(ctx),
      { path: `/open-api/v1/sessions/guide=${await ownerGuide(ctx)}` }
    ),
    expect: anyCaller(200),
    note: "the seed's literal form of ?guide=N: a list, so another owner's guide filters to an empty page",
  },
  'GET /open-api/v1/sessions/:id': {
    request: async (ctx) => ({ path: `/open-api/v1/sessions/${await ownerGbSession(ctx)}/` }),
    expect: ownedRead(200),
  },
  'PATCH /open-api/v1/sessions/:id': {
    request: async (ctx) => ({
      path: `/open-api/v1/sessions/${await ownerGbSession(ctx)}/`,
      body: { name: 'Renamed' },
    }),
    expect: guideWrite(200),
    note: "an operator may not write another owner's guide content: 403",
  },
  'DELETE /open-api/v1/sessions/:id': {
    request: async (ctx) => ({ path: `/open-api/v1/sessions/${await freshOwnerGbSession(ctx)}/` }),
    expect: guideWrite(204),
    note: "the guide's owner and admins delete its sessions (DESIGN: own guides); an operator gets 403",
  },

  // ---- Audiobookshelf (/audiobookshelf/api/): plain-text errors ----
  'POST /audiobookshelf/api/libraries': {
    request: () => ({
      path: '/audiobookshelf/api/libraries',
      body: { name: unique('library'), mediaType: 'book' },
    }),
    expect: adminOnly(200),
  },
  'POST /audiobookshelf/api/libraries/:id/items': {
    request: async (ctx) => ({
      path: `/audiobookshelf/api/libraries/${(await catalogue(ctx)).bookLibraryId}/items`,
      body: BOOK_MEDIA,
    }),
    expect: adminOnly(200),
  },
  'GET /audiobookshelf/api/items/:id': {
    request: async (ctx) => ({ path: `/audiobookshelf/api/items/${(await catalogue(ctx)).bookId}` }),
    expect: anyCaller(200),
    note: 'every user sees every library (decisions: Playback sessions)',
  },
  'POST /audiobookshelf/api/items/:id/play': {
    request: async (ctx) => ({
      path: `/audiobookshelf/api/items/${(await catalogue(ctx)).bookId}/play`,
      body: { deviceInfo: { deviceId: unique('device') } },
    }),
    expect: anyCaller(200),
  },
  'POST /audiobookshelf/api/items/:id/play/:episodeId': {
    request: async (ctx) => {
      const c = await catalogue(ctx);
      return {
        path: `/audiobookshelf/api/items/${c.podcastId}/play/${c.episodeId}`,
        body: { deviceInfo: { deviceId: unique('device') } },
      };
    },
    expect: anyCaller(200),
  },
  'POST /audiobookshelf/api/session/local': {
    request: async (ctx) => ({
      path: '/audiobookshelf/api/session/local',
      body: localSession(await catalogue(ctx)),
    }),
    expect: anyCaller(200),
    note: "a fresh local session id each call: the caller's own upload",
  },
  'POST /audiobookshelf/api/session/local-all': {
    request: async (ctx) => ({
      path: '/audiobookshelf/api/session/local-all',
      body: { sessions: [localSession(await catalogue(ctx))] },
    }),
    expect: anyCaller(200),
  },
  'GET /audiobookshelf/api/session/:id': {
    request: async (ctx) => ({ path: `/audiobookshelf/api/session/${await ownerPlay(ctx)}` }),
    expect: ownedRead(200),
  },
  'POST /audiobookshelf/api/session/:id/sync': {
    request: async (ctx) => ({
      path: `/audiobookshelf/api/session/${await ownerPlay(ctx)}/sync`,
      body: { currentTime: 1, timeListened: 0 },
    }),
    expect: ownedRead(200),
    note: 'operators and admins may sync any open session (DESIGN roles table)',
  },
  'POST /audiobookshelf/api/session/:id/close': {
    request: async (ctx) => ({ path: `/audiobookshelf/api/session/${await ownerPlay(ctx)}/close`, body: {} }),
    expect: ownedRead(200),
    note: 'operators and admins may close any open session (DESIGN roles table)',
  },
  'GET /audiobookshelf/api/sessions': {
    request: async (ctx) => (await ownerPlay(ctx), { path: '/audiobookshelf/api/sessions' }),
    expect: { anonymous: 401, owner: 404, other: 404, operator: 200, admin: 200 },
    note: 'the list of all playback sessions answers 404 below operator, as the seed documents',
  },
  'GET /audiobookshelf/api/sessions/open': {
    request: async (ctx) => (await ownerPlay(ctx), { path: '/audiobookshelf/api/sessions/open' }),
    expect: { anonymous: 401, owner: 404, other: 404, operator: 200, admin: 200 },
    note: 'as GET /sessions: 404 below operator',
  },
  'POST /audiobookshelf/api/sessions/batch/delete': {
    request: async (ctx) => ({
      path: '/audiobookshelf/api/sessions/batch/delete',
      body: { sessions: [await ownerPlay(ctx)] },
    }),
    expect: adminOnly(200),
  },
  'DELETE /audiobookshelf/api/sessions/:id': {
    request: async (ctx) => ({ path: `/audiobookshelf/api/sessions/${await ownerPlay(ctx)}` }),
    expect: adminOnly(200),
    note: 'deleting answers 200 with an empty body, as upstream',
  },
  'GET /audiobookshelf/api/me/listening-sessions': {
    request: async (ctx) => (await ownerPlay(ctx), { path: '/audiobookshelf/api/me/listening-sessions' }),
    expect: anyCaller(200),
  },
  'GET /audiobookshelf/api/me/listening-stats': {
    request: () => ({ path: '/audiobookshelf/api/me/listening-stats' }),
    expect: anyCaller(200),
  },
  'GET /audiobookshelf/api/me/progress/:libraryItemId': {
    request: async (ctx) => ({
      path: `/audiobookshelf/api/me/progress/${(await ownerProgress(ctx)).bookId}`,
    }),
    expect: { anonymous: 401, owner: 200, other: 404, operator: 404, admin: 404 },
    note: "/me/ is the caller's own progress: only the owner has progress in the item; anyone else gets 404",
  },
  'GET /audiobookshelf/api/me/progress/:libraryItemId/:episodeId': {
    request: async (ctx) => {
      const c = await ownerProgress(ctx);
      return { path: `/audiobookshelf/api/me/progress/${c.podcastId}/${c.episodeId}` };
    },
    expect: { anonymous: 401, owner: 200, other: 404, operator: 404, admin: 404 },
    note: "/me/ is the caller's own progress: only the owner has progress in the episode",
  },

  // ---- keep last: it revokes the caller's JWTs, which the rows above still use ----
  'POST /auth/logout': {
    request: () => ({ path: '/auth/logout' }),
    expect: anyCaller(204),
    note: "revokes every JWT of the caller (each principal's JWT is used here for the last time)",
  },
};
