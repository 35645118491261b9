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
import { join } from 'node:path';
import { put, wavFile } from '../audiobookshelf/audio-fixtures';
import { PNG_1PX } from '../utils/image-fixtures';

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
  /** Headers beside the caller's credential (e.g. a refresh JWT in `x-refresh-token`). */
  headers?: Record<string, string>;
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
  const body = {
    session: await ownerSession(ctx),
    asset: await ownerContent(ctx, 'assets'),
    starttime: '2026-12-01T10:00:00',
  };
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
/** A library scanned from a folder of the app's media store: one book of one WAV file, with a cover. */
interface ScannedBook {
  libraryId: string;
  itemId: string;
  ino: string;
}
const scannedBook = (ctx: MatrixContext): Promise<ScannedBook> =>
  once(ctx, 'scanned', async () => {
    const folder = `matrix-${randomBytes(4).toString('hex')}`;
    put(
      join(ctx.t.env.MEDIA_DIR, folder, 'Ann Author', 'Scanned Book', '01.wav'),
      wavFile(1, { album: 'Scanned Book' }),
    );
    put(join(ctx.t.env.MEDIA_DIR, folder, 'Ann Author', 'Scanned Book', 'cover.png'), PNG_1PX);
    const body = { name: unique('scanned'), mediaType: 'book', folders: [{ fullPath: folder }] };
    const library = await ctx.as(ctx.admin, 'POST', '/audiobookshelf/api/libraries', body, 200);
    const page = await ctx.as(
      ctx.admin,
      'GET',
      `/audiobookshelf/api/libraries/${library.id}/items`,
      undefined,
      200,
    );
    const item = page.results[0];
    return { libraryId: library.id, itemId: item.id, ino: item.media.audioFiles[0].ino };
  });
/** A new open session of the owner on the scanned book (its public track URL). */
const ownerScannedPlay = async (ctx: MatrixContext): Promise<string> => {
  const path = `/audiobookshelf/api/items/${(await scannedBook(ctx)).itemId}/play`;
  return (await ctx.as(ctx.owner, 'POST', path, { deviceInfo: { deviceId: unique('device') } }, 200))
    .id as string;
};

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

/** A new book with a progress of the owner in it (for calls that delete it); the progress id. */
const freshOwnerProgressId = async (ctx: MatrixContext): Promise<string> => {
  const c = await catalogue(ctx);
  const path = `/audiobookshelf/api/libraries/${c.bookLibraryId}/items`;
  const book = (await ctx.as(ctx.admin, 'POST', path, BOOK_MEDIA, 200)).id as string;
  await ctx.as(ctx.owner, 'PATCH', `/audiobookshelf/api/me/progress/${book}`, { currentTime: 5 }, 200);
  return (await ctx.as(ctx.owner, 'GET', `/audiobookshelf/api/me/progress/${book}`, undefined, 200))
    .id as string;
};

// ---- project content (helper rwc): admin-made content in the owner's (private) project ----
const TRACK_FIELDS = {
  minvolume: 0.5,
  maxvolume: 1,
  minduration: 5,
  maxduration: 30,
  mindeadair: 1,
  maxdeadair: 3,
  minfadeintime: 0.5,
  maxfadeintime: 1,
  minfadeouttime: 0.5,
  maxfadeouttime: 1,
  minpanpos: 0,
  maxpanpos: 0,
  minpanduration: 5,
  maxpanduration: 10,
};
const contentBody: Record<string, (ctx: MatrixContext) => Promise<object>> = {
  speakers: async (ctx) => ({
    project_id: await ownerProject(ctx),
    code: 'm',
    maxvolume: 1,
    minvolume: 0,
    uri: 'https://s.example/a.mp3',
    attenuation_distance: 10,
  }),
  audiotracks: async (ctx) => ({ project_id: await ownerProject(ctx), ...TRACK_FIELDS }),
  tags: async (ctx) => ({ project_id: await ownerProject(ctx), value: unique('tag') }),
  uigroups: async (ctx) => ({ project_id: await ownerProject(ctx), name: 'Group', index: 1 }),
  uiitems: async (ctx) => ({
    ui_group_id: await ownerContent(ctx, 'uigroups'),
    tag_id: await ownerContent(ctx, 'tags'),
    index: 1,
  }),
  assets: async (ctx) => ({ project_id: await ownerProject(ctx), description: 'matrix' }),
  timedassets: async (ctx) => ({
    project_id: await ownerProject(ctx),
    asset_id: await ownerContent(ctx, 'assets'),
    start: 1,
    end: 2,
  }),
};
const freshOwnerContent = async (ctx: MatrixContext, resource: string): Promise<number> =>
  (await ctx.as(ctx.admin, 'POST', `/api/2/${resource}/`, await contentBody[resource](ctx), 200))
    .id as number;
const ownerContent = (ctx: MatrixContext, resource: string): Promise<number> =>
  once(ctx, `content:${resource}`, () => freshOwnerContent(ctx, resource));
function contentRows(resource: string): Record<string, RouteCase> {
  return {
    [`GET /api/2/${resource}`]: {
      request: async (ctx) => (await ownerContent(ctx, resource), { path: `/api/2/${resource}/` }),
      expect: anyCaller(200),
      note: "a plain array of the content of the projects the caller sees (another user's private project's: none)",
    },
    [`POST /api/2/${resource}`]: {
      request: async (ctx) => ({ path: `/api/2/${resource}/`, body: await contentBody[resource](ctx) }),
      expect: adminOnly(200),
      note: 'content writes are admin only (upstream AuthenticatedReadAdminWrite); creates answer 200 as upstream',
    },
    [`GET /api/2/${resource}/:id`]: {
      request: async (ctx) => ({ path: `/api/2/${resource}/${await ownerContent(ctx, resource)}/` }),
      expect: ownedRead(200),
      note: "visible to whoever sees the project: a private experiment's owner, operators, admins",
    },
    [`PATCH /api/2/${resource}/:id`]: {
      request: async (ctx) => ({
        path: `/api/2/${resource}/${await ownerContent(ctx, resource)}/`,
        body: {},
      }),
      expect: adminOnly(200),
    },
    [`DELETE /api/2/${resource}/:id`]: {
      request: async (ctx) => ({ path: `/api/2/${resource}/${await freshOwnerContent(ctx, resource)}/` }),
      expect: adminOnly(204),
    },
  };
}
const freshOwnerEnvelope = async (ctx: MatrixContext): Promise<number> =>
  (await ctx.as(ctx.owner, 'POST', '/api/2/envelopes/', { session_id: await ownerSession(ctx) }, 200))
    .id as number;
const ownerEnvelope = (ctx: MatrixContext): Promise<number> =>
  once(ctx, 'envelope', () => freshOwnerEnvelope(ctx));
/** An uploaded recording's media path (multipart, as the Roundware client sends it). */
const ownerMedia = (ctx: MatrixContext): Promise<string> =>
  once(ctx, 'media', async () => {
    const wav = Buffer.alloc(8044);
    wav.write('RIFF', 0, 'ascii');
    wav.writeUInt32LE(8036, 4);
    wav.write('WAVEfmt ', 8, 'ascii');
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 20);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(8000, 24);
    wav.writeUInt32LE(16000, 28);
    wav.writeUInt16LE(2, 32);
    wav.writeUInt16LE(16, 34);
    wav.write('data', 36, 'ascii');
    wav.writeUInt32LE(8000, 40);
    const res = await ctx.t.http
      .patch(`/api/2/envelopes/${await ownerEnvelope(ctx)}/`)
      .set('Authorization', `Bearer ${ctx.owner.token}`)
      .attach('file', wav, { filename: 'matrix.wav', contentType: 'audio/wav' });
    if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${res.text}`);
    return new URL(res.body.file as string).pathname;
  });
/** A Guidebook session image's media path (a multipart create with an `image` part; a 1×1 PNG). */
const ownerSessionImage = (ctx: MatrixContext): Promise<string> =>
  once(ctx, 'session-image', async () => {
    const png = PNG_1PX;
    const body = gbSessionBody(await ownerGuide(ctx));
    let req = ctx.t.http.post('/open-api/v1.1/sessions/').set('Authorization', `Bearer ${ctx.owner.token}`);
    for (const [key, value] of Object.entries(body)) if (value !== null) req = req.field(key, String(value));
    const res = await req.attach('image', png, { filename: 'matrix.png', contentType: 'image/png' });
    if (res.status !== 201) throw new Error(`image upload failed: ${res.status} ${res.text}`);
    return new URL(res.body.image as string).pathname;
  });
const freshOwnerLocation = async (ctx: MatrixContext): Promise<number> => {
  const body = { guide: await ownerGuide(ctx), name: 'Room', location_type: 2 };
  return (await ctx.as(ctx.owner, 'POST', '/open-api/v1/locations/', body, 201)).id as number;
};
const ownerLocation = (ctx: MatrixContext): Promise<number> =>
  once(ctx, 'location', () => freshOwnerLocation(ctx));

/** Guidebook v1 (`/open-api/v1/`): operators read all, but writing another owner's content is 403. */
const GUIDEBOOK_V1: Record<string, RouteCase> = {
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
  'POST /open-api/v1/locations': {
    request: async (ctx) => ({
      path: '/open-api/v1/locations/',
      body: { guide: await ownerGuide(ctx), name: 'Room', location_type: 2 },
    }),
    expect: { ...createIn(201), operator: 403 },
    note: 'the guide is the resource: invisible → 400 "Invalid pk"; an operator sees it but may not write it → 403',
  },
  'GET /open-api/v1/locations': {
    request: async (ctx) => (await ownerLocation(ctx), { path: '/open-api/v1/locations/' }),
    expect: anyCaller(200),
  },
  'GET /open-api/v1/locations/:id': {
    request: async (ctx) => ({ path: `/open-api/v1/locations/${await ownerLocation(ctx)}/` }),
    expect: ownedRead(200),
  },
  'PATCH /open-api/v1/locations/:id': {
    request: async (ctx) => ({
      path: `/open-api/v1/locations/${await ownerLocation(ctx)}/`,
      body: { name: 'Renamed' },
    }),
    expect: guideWrite(200),
    note: "an operator may not write another owner's guide content: 403",
  },
  'DELETE /open-api/v1/locations/:id': {
    request: async (ctx) => ({ path: `/open-api/v1/locations/${await freshOwnerLocation(ctx)}/` }),
    expect: guideWrite(204),
    note: "the guide's owner and admins delete its locations (as tracks); an operator gets 403",
  },
};

const freshOwnerWebhook = async (ctx: MatrixContext): Promise<number> => {
  const path = `/open-api/v1/guides/${await ownerGuide(ctx)}/webhooks/`;
  return (await ctx.as(ctx.owner, 'POST', path, { url: 'https://hooks.example.org/matrix' }, 201))
    .id as number;
};
const ownerWebhook = (ctx: MatrixContext): Promise<number> =>
  once(ctx, 'webhook', () => freshOwnerWebhook(ctx));

/** Webhooks of a guide (the same on v1.1): registered and removed by its owner, read by whoever reads the guide. */
const GUIDE_WEBHOOKS: Record<string, RouteCase> = {
  'POST /open-api/v1/guides/:id/webhooks': {
    request: async (ctx) => ({
      path: `/open-api/v1/guides/${await ownerGuide(ctx)}/webhooks/`,
      body: { url: 'https://hooks.example.org/matrix' },
    }),
    expect: guideWrite(201),
    note: 'registering is writing the guide: another user gets 404, an operator (who reads it) 403',
  },
  'GET /open-api/v1/guides/:id/webhooks': {
    request: async (ctx) => (
      await ownerWebhook(ctx),
      { path: `/open-api/v1/guides/${await ownerGuide(ctx)}/webhooks/` }
    ),
    expect: ownedRead(200),
  },
  'DELETE /open-api/v1/guides/:id/webhooks/:webhookId': {
    request: async (ctx) => ({
      path: `/open-api/v1/guides/${await ownerGuide(ctx)}/webhooks/${await freshOwnerWebhook(ctx)}/`,
    }),
    expect: guideWrite(204),
    note: "the guide's owner and admins remove its webhooks; an operator gets 403",
  },
  'GET /open-api/v1/guides/:id/webhooks/:webhookId/deliveries': {
    request: async (ctx) => ({
      path: `/open-api/v1/guides/${await ownerGuide(ctx)}/webhooks/${await ownerWebhook(ctx)}/deliveries/`,
    }),
    expect: ownedRead(200),
  },
};

/** The v1.1 lists that require the `guide` filter (CLIENTS.md 3.1). */
const V11_FILTERED_LISTS = new Set([
  'GET /open-api/v1/sessions',
  'GET /open-api/v1/schedule-tracks',
  'GET /open-api/v1/locations',
]);

/**
 * The same cases on `/open-api/v1.1/` (one implementation serves both versions), the lists that v1.1
 * requires it on filtered by the owner's guide (another user's list of it is an empty page).
 */
function guidebookV11(v1: Record<string, RouteCase>): Record<string, RouteCase> {
  const v11 = (path: string) => path.replace('/open-api/v1/', '/open-api/v1.1/');
  return Object.fromEntries(
    Object.entries(v1).map(([key, entry]) => [
      v11(key),
      {
        ...entry,
        request: async (ctx: MatrixContext) => {
          const built = await entry.request(ctx);
          const filter = V11_FILTERED_LISTS.has(key) ? `?guide=${await ownerGuide(ctx)}` : '';
          return { ...built, path: `${v11(built.path)}${filter}` };
        },
      },
    ]),
  );
}

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
  'GET /audiobookshelf/status': {
    request: () => ({ path: '/audiobookshelf/status' }),
    expect: all(200),
    note: 'public, as upstream: the first call of every client',
  },
  'GET /audiobookshelf/ping': {
    request: () => ({ path: '/audiobookshelf/ping' }),
    expect: all(200),
  },
  'POST /audiobookshelf/auth/refresh': {
    request: async (ctx) => {
      const login = await ctx.t.http
        .post('/audiobookshelf/login')
        .set('x-return-tokens', 'true')
        .send(ownerLogin(ctx).body as object);
      return {
        path: '/audiobookshelf/auth/refresh',
        headers: { 'x-refresh-token': login.body.user.refreshToken },
      };
    },
    expect: all(200),
    note: "public: the credential is the owner's refresh JWT in x-refresh-token, whoever else calls",
  },
  'POST /audiobookshelf/logout': {
    request: () => ({ path: '/audiobookshelf/logout' }),
    expect: all(200),
    note: 'public: ends the refresh session a refresh JWT names, if any',
  },
  'POST /audiobookshelf/api/authorize': {
    request: () => ({ path: '/audiobookshelf/api/authorize' }),
    expect: anyCaller(200),
  },
  'GET /audiobookshelf/api/me': {
    request: () => ({ path: '/audiobookshelf/api/me' }),
    expect: anyCaller(200),
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
    note: "the owner's private project (an experiment) with the owner's session; a public project is read by every user, a device user included (the 'public project' test of authz-matrix.e2e-spec.ts)",
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
      body: {
        session: await ownerSession(ctx),
        asset: await ownerContent(ctx, 'assets'),
        starttime: '2026-12-01T10:00:00',
      },
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

  ...GUIDEBOOK_V1,
  ...guidebookV11(GUIDEBOOK_V1),
  ...GUIDE_WEBHOOKS,
  ...guidebookV11(GUIDE_WEBHOOKS),

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
  'GET /audiobookshelf/api/libraries': {
    request: () => ({ path: '/audiobookshelf/api/libraries?include=stats' }),
    expect: anyCaller(200),
    note: 'every user sees every library',
  },
  'GET /audiobookshelf/api/libraries/:id': {
    request: async (ctx) => ({
      path: `/audiobookshelf/api/libraries/${(await catalogue(ctx)).bookLibraryId}?include=filterdata`,
    }),
    expect: anyCaller(200),
  },
  'GET /audiobookshelf/api/libraries/:id/items': {
    request: async (ctx) => ({
      path: `/audiobookshelf/api/libraries/${(await catalogue(ctx)).bookLibraryId}/items?limit=5&minified=1`,
    }),
    expect: anyCaller(200),
  },
  'GET /audiobookshelf/api/libraries/:id/personalized': {
    request: async (ctx) => ({
      path: `/audiobookshelf/api/libraries/${(await catalogue(ctx)).bookLibraryId}/personalized`,
    }),
    expect: anyCaller(200),
    note: "shelves of the caller's own progress",
  },
  'POST /audiobookshelf/api/libraries/:id/scan': {
    request: async (ctx) => ({
      path: `/audiobookshelf/api/libraries/${(await scannedBook(ctx)).libraryId}/scan`,
    }),
    expect: adminOnly(200),
  },
  'GET /audiobookshelf/api/items/:id/file/:ino': {
    request: async (ctx) => {
      const b = await scannedBook(ctx);
      return { path: `/audiobookshelf/api/items/${b.itemId}/file/${b.ino}` };
    },
    expect: anyCaller(200),
    note: 'every user may play every item (Bearer or ?token=)',
  },
  'GET /audiobookshelf/api/items/:id/cover': {
    request: async (ctx) => ({ path: `/audiobookshelf/api/items/${(await scannedBook(ctx)).itemId}/cover` }),
    expect: all(200),
    note: 'public as upstream (covers load in <img>); item ids are random',
  },
  'GET /audiobookshelf/public/session/:id/track/:index': {
    request: async (ctx) => ({
      path: `/audiobookshelf/public/session/${await ownerScannedPlay(ctx)}/track/1`,
    }),
    expect: { anonymous: 200, owner: 200, other: 404, operator: 200, admin: 200 },
    note: "public as upstream (an <audio> src), the open session's random id is the capability; a caller who sends a credential is held to it, so another user's session is 404 to them",
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
  'GET /audiobookshelf/api/me/progress/:id': {
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

  'PATCH /audiobookshelf/api/me/progress/batch/update': {
    request: async (ctx) => ({
      path: '/audiobookshelf/api/me/progress/batch/update',
      body: [{ libraryItemId: (await catalogue(ctx)).bookId, isFinished: true }],
    }),
    expect: anyCaller(200),
    note: '/me/: every caller writes their own progress',
  },
  'PATCH /audiobookshelf/api/me/progress/:id': {
    request: async (ctx) => ({
      path: `/audiobookshelf/api/me/progress/${(await catalogue(ctx)).bookId}`,
      body: { isFinished: false },
    }),
    expect: anyCaller(200),
    note: '/me/: every caller writes their own progress',
  },
  'PATCH /audiobookshelf/api/me/progress/:libraryItemId/:episodeId': {
    request: async (ctx) => {
      const c = await catalogue(ctx);
      return {
        path: `/audiobookshelf/api/me/progress/${c.podcastId}/${c.episodeId}`,
        body: { currentTime: 3 },
      };
    },
    expect: anyCaller(200),
    note: '/me/: every caller writes their own progress',
  },
  'DELETE /audiobookshelf/api/me/progress/:id': {
    request: async (ctx) => ({ path: `/audiobookshelf/api/me/progress/${await freshOwnerProgressId(ctx)}` }),
    expect: { anonymous: 401, owner: 200, other: 404, operator: 404, admin: 404 },
    note: "a progress id of the owner's (fresh each call): only the owner may delete it, anyone else gets 404",
  },
  'GET /audiobookshelf/api/me/progress/:id/remove-from-continue-listening': {
    request: async (ctx) => {
      const own = await ownerProgress(ctx);
      const progress = await ctx.as(
        ctx.owner,
        'GET',
        `/audiobookshelf/api/me/progress/${own.bookId}`,
        undefined,
        200,
      );
      return { path: `/audiobookshelf/api/me/progress/${progress.id}/remove-from-continue-listening` };
    },
    expect: { anonymous: 401, owner: 200, other: 404, operator: 404, admin: 404 },
    note: "the owner's progress id: /me/ acts on the caller's own progress only",
  },
  'GET /audiobookshelf/api/me/items-in-progress': {
    request: async (ctx) => (await ownerProgress(ctx), { path: '/audiobookshelf/api/me/items-in-progress' }),
    expect: anyCaller(200),
  },
  'GET /audiobookshelf/api/me/item/listening-sessions/:libraryItemId': {
    request: async (ctx) => (
      await ownerPlay(ctx),
      { path: `/audiobookshelf/api/me/item/listening-sessions/${(await catalogue(ctx)).bookId}` }
    ),
    expect: anyCaller(200),
    note: 'every caller lists their own sessions of the item',
  },
  'GET /audiobookshelf/api/me/item/listening-sessions/:libraryItemId/:episodeId': {
    request: async (ctx) => {
      const c = await catalogue(ctx);
      return { path: `/audiobookshelf/api/me/item/listening-sessions/${c.podcastId}/${c.episodeId}` };
    },
    expect: anyCaller(200),
    note: 'every caller lists their own sessions of the episode',
  },
  'GET /audiobookshelf/api/users/:id/listening-sessions': {
    request: async (ctx) => (
      await ownerPlay(ctx),
      { path: `/audiobookshelf/api/users/${ctx.owner.id}/listening-sessions` }
    ),
    expect: { anonymous: 401, owner: 404, other: 404, operator: 200, admin: 200 },
    note: 'as GET /sessions: 404 below operator (the owner too: this is the admin view)',
  },
  'GET /audiobookshelf/api/users/:id/listening-stats': {
    request: (ctx) => ({ path: `/audiobookshelf/api/users/${ctx.owner.id}/listening-stats` }),
    expect: { anonymous: 401, owner: 404, other: 404, operator: 200, admin: 200 },
    note: 'as GET /sessions: 404 below operator (the owner too: this is the admin view)',
  },

  // ---- project content and media (helper rwc) ----
  ...contentRows('speakers'),
  ...contentRows('audiotracks'),
  ...contentRows('tags'),
  ...contentRows('uigroups'),
  ...contentRows('uiitems'),
  ...contentRows('assets'),
  ...contentRows('timedassets'),
  'GET /api/2/projects/:id/uiconfig': {
    request: async (ctx) => ({ path: `/api/2/projects/${await ownerProject(ctx)}/uiconfig/` }),
    expect: ownedRead(200),
  },
  'GET /api/2/assets/:id/votes': {
    request: async (ctx) => ({ path: `/api/2/assets/${await ownerContent(ctx, 'assets')}/votes/` }),
    expect: ownedRead(200),
    note: "whoever sees the asset's project reads its vote counts",
  },
  'POST /api/2/assets/:id/votes': {
    request: async (ctx) => ({
      path: `/api/2/assets/${await ownerContent(ctx, 'assets')}/votes/`,
      body: { session_id: await ownerSession(ctx), vote_type: 'like', value: 1 },
    }),
    expect: ownedRead(200),
    note: "any user who sees the asset's project votes from a session they see; another user's private project's asset: 404",
  },
  'POST /api/2/envelopes': {
    request: async (ctx) => ({ path: '/api/2/envelopes/', body: { session_id: await ownerSession(ctx) } }),
    expect: createIn(200),
    note: 'the session in the body is the resource: invisible to another user → 400 "Invalid pk"',
  },
  'GET /api/2/envelopes/:id': {
    request: async (ctx) => ({ path: `/api/2/envelopes/${await ownerEnvelope(ctx)}` }),
    expect: ownedRead(200),
    note: 'the client asks without the trailing slash',
  },
  'PATCH /api/2/envelopes/:id': {
    request: async (ctx) => ({ path: `/api/2/envelopes/${await ownerEnvelope(ctx)}/`, body: {} }),
    expect: { anonymous: 401, owner: 400, other: 404, operator: 400, admin: 400 },
    note: 'authorised callers reach the upload and get 400 {"file": [...]} for a body without a file; another user 404 (upload.e2e-spec covers the multipart path)',
  },
  'GET /media/roundware/:name': {
    request: async (ctx) => ({ path: await ownerMedia(ctx) }),
    expect: all(200),
    note: 'public, as upstream serves media: a browser <audio> sends no Authorization; the name is 128 random bits known only from the asset JSON',
  },

  'GET /media/guidebook/:name': {
    request: async (ctx) => ({ path: await ownerSessionImage(ctx) }),
    expect: all(200),
    note: "public, as Guidebook's CDN serves session images to the apps; the name is 128 random bits known only from the session JSON",
  },

  // ---- keep last: it revokes the caller's JWTs, which the rows above still use ----
  'POST /auth/logout': {
    request: () => ({ path: '/auth/logout' }),
    expect: anyCaller(204),
    note: "revokes every JWT of the caller (each principal's JWT is used here for the last time)",
  },
};
