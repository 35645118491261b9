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
  /** Where the endpoint reads the generated object (e.g. `[validItem, json]` for a batch). */
  wrap?: (json: string, ctx: HostileContext) => string;
  /** The endpoint reads form data too (Guidebook): half the bodies are form-encoded. */
  form?: boolean;
  /** After a 2xx: replace what the success used up (`path` is read again before every request). */
  renew?: (ctx: HostileContext) => Promise<void>;
}

export interface ListFilter {
  path: (ctx: HostileContext) => string;
  as: 'anonymous' | 'user' | 'admin';
  /** The query parameters the endpoint documents. */
  params: string[];
  /** Values that should work (raw, percent-encoded), mixed in so that combinations reach the SQL. */
  plausible?: Record<string, string[]>;
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

// ---- module helpers: resources of `ctx.user` made once through the API (and again when used up) ----

async function call(
  ctx: HostileContext,
  who: 'user' | 'admin',
  method: 'post' | 'get',
  path: string,
  body: unknown,
  expected: number,
): Promise<any> {
  const res = await ctx.t.http[method](path)
    .set('Authorization', `Bearer ${(who === 'admin' ? ctx.admin : ctx.user).token}`)
    .send(body as object);
  if (res.status !== expected) throw new Error(`setup ${method} ${path}: ${res.status} ${res.text}`);
  return res.body;
}

/** Runs `make` once per suite and keeps its result in `ctx.state[key]`. */
async function once(ctx: HostileContext, key: string, make: () => Promise<unknown>): Promise<void> {
  ctx.state[key] ??= await make();
}

/** Printable text with something other than blanks in it. */
const text = (min: number, max: number) =>
  fc.string({ minLength: min, maxLength: max }).filter((s) => s.trim() !== '');
/** Timestamps around now, in milliseconds. */
const recentMillis = (ageMin: number, ageMax: number) =>
  fc.integer({ min: ageMin, max: ageMax }).map((age) => Date.now() - age);

const userProject = (ctx: HostileContext) =>
  once(ctx, 'projectId', async () => {
    const body = await call(ctx, 'user', 'post', '/api/experiments', { name: 'hostile project' }, 201);
    return body.experiment_id;
  });
/** A new active session of `ctx.user` in `state[key]`. */
async function newSession(ctx: HostileContext, key: string): Promise<void> {
  await userProject(ctx);
  const body = { experiment_id: ctx.state.projectId };
  ctx.state[key] = (await call(ctx, 'user', 'post', '/api/sessions', body, 201)).session_id;
}

const validEvent = (sessionId: number) =>
  fc.record(
    {
      session_id: fc.constant(sessionId),
      event_type: text(1, 50),
      client_time: fc.constantFrom(
        null,
        '2017-05-06T22:55:15.114568',
        '2017-05-06',
        '2017-05-06T22:55:15+02:00',
      ),
      latitude: fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom('40.7500', '', null)),
      longitude: fc.oneof(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.constantFrom('-73.98', '', null),
      ),
      tag_ids: fc.oneof(
        fc.constantFrom('3,8', '3, 8', 7, null),
        fc.array(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { maxLength: 5 }),
      ),
      data: fc.option(fc.string({ maxLength: 200 }), { nil: null }),
    },
    { requiredKeys: ['session_id', 'event_type'] },
  );
const EVENT_FIELDS = [
  'session_id',
  'event_type',
  'client_time',
  'latitude',
  'longitude',
  'tag_ids',
  'tags',
  'data',
];

/** `POST /api/2/listenevents/` bodies (with the session) and `PATCH` ones (without). */
const validListenEvent = (sessionId: number, assetId: number, create: boolean) =>
  fc.record(
    {
      ...(create ? { session: fc.constant(sessionId) } : {}),
      asset: fc.constant(assetId),
      starttime: fc.constantFrom('2026-12-01T10:00:00', '2026-12-01T10:00:00.250Z', '2026-12-01'),
      duration_in_seconds: fc.double({ min: 0, max: 3600, noNaN: true }),
    },
    { requiredKeys: create ? ['session', 'asset', 'starttime'] : [] },
  );
const LISTEN_EVENT_FIELDS = [
  'session',
  'session_id',
  'asset',
  'asset_id',
  'starttime',
  'start_time',
  'duration_in_seconds',
  'duration',
];

/** `POST`/`PATCH /api/2/projects/` bodies (admin): upstream's project fields. */
const rwProjectBody = (withName: boolean) =>
  fc.record(
    {
      name: text(1, 255),
      visibility: fc.constantFrom('public', 'private'),
      latitude: fc.double({ min: -90, max: 90, noNaN: true }),
      longitude: fc.double({ min: -180, max: 180, noNaN: true }),
      max_recording_length: fc.integer({ min: 0, max: 600 }),
      recording_radius: fc.integer({ min: 0, max: 100000 }),
      ordering: fc.constantFrom('by_like', 'by_weight', 'random'),
      repeat_mode: fc.constantFrom('stop', 'continuous'),
      geo_listen_enabled: fc.boolean(),
      language_ids: fc.constant([1]),
      legal_agreement: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.record({ en: fc.string({ maxLength: 50 }), fr: fc.string({ maxLength: 50 }) }),
        fc.constant(null),
      ),
      description: fc.string({ maxLength: 200 }),
    },
    { requiredKeys: withName ? ['name'] : [] },
  );
const RW_PROJECT_FIELDS = [
  'name',
  'visibility',
  'owner',
  'latitude',
  'longitude',
  'pub_date',
  'max_recording_length',
  'recording_radius',
  'ordering',
  'repeat_mode',
  'audio_stream_bitrate',
  'geo_listen_enabled',
  'out_of_range_distance',
  'language_ids',
  'legal_agreement',
  'description',
  'sharing_message',
];

const userGuide = (ctx: HostileContext) =>
  once(ctx, 'guideId', async () => {
    return (await call(ctx, 'user', 'post', '/open-api/v1/guides/', { name: 'Hostile guide' }, 201)).id;
  });
const userTrack = (ctx: HostileContext) =>
  once(ctx, 'trackId', async () => {
    await userGuide(ctx);
    const body = { guide: ctx.state.guideId, name: 'Track', color: '#000080' };
    return (await call(ctx, 'user', 'post', '/open-api/v1/schedule-tracks/', body, 201)).id;
  });
const userLocation = (ctx: HostileContext) =>
  once(ctx, 'locationId', async () => {
    await userTrack(ctx);
    const body = { guide: ctx.state.guideId, name: 'Room', location_type: 2 };
    return (await call(ctx, 'user', 'post', '/open-api/v1/locations/', body, 201)).id;
  });
const userGbSession = (ctx: HostileContext) =>
  once(ctx, 'gbSessionId', async () => {
    await userLocation(ctx);
    const body = {
      guide: ctx.state.guideId,
      name: 'Session',
      description_html: null,
      start_time: '2017-09-18T16:00:00',
      schedule_tracks: [ctx.state.trackId],
    };
    return (await call(ctx, 'user', 'post', '/open-api/v1/sessions/', body, 201)).id;
  });
const guideFields = {
  start_date: fc.constantFrom('2017-09-18', '2017-09-18T09:00:00', '2017-09-18T09:00:00-04:00', null),
  end_date: fc.constantFrom('2017-09-20', '2017-09-20T18:00:00Z', null),
  timezone: fc.constantFrom('UTC', 'America/New_York', 'europe/paris'),
  description_html: fc.constantFrom('<p>Welcome</p>', '<b>x</b><script>y</script>', '', null),
};
const GUIDE_FIELDS = ['name', 'start_date', 'end_date', 'timezone', 'description_html', 'id', 'owner'];
const color = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
const TRACK_FIELDS = ['guide', 'name', 'color', 'import_id', 'id'];
const gbSessionFields = (ctx: HostileContext) => ({
  description_html: fc.constantFrom('<p>This is a description</p>', '', null),
  start_time: fc.constantFrom('2017-09-18T16:00:00', '2017-09-18T16:00:00.123456+02:00', '2017-09-18'),
  end_time: fc.constantFrom('2017-09-18T17:00:00', '', null),
  all_day: fc.boolean(),
  allow_rating: fc.boolean(),
  add_to_schedule: fc.boolean(),
  import_id: fc.option(fc.string({ maxLength: 255 }), { nil: null }),
  schedule_tracks: fc.constantFrom([], [ctx.state.trackId as number]),
  locations: fc.constantFrom([], [ctx.state.locationId as number]),
  rank: fc.double({ min: -1000, max: 1000, noNaN: true }),
});
const GB_SESSION_FIELDS = [
  'guide',
  'name',
  'description_html',
  'start_time',
  'end_time',
  'all_day',
  'allow_rating',
  'add_to_schedule',
  'import_id',
  'schedule_tracks',
  'locations',
  'image',
  'rank',
  'require_login',
  'waitlist',
  'max_capacity',
  'registration_start_date',
  'registration_end_date',
  'last_updated',
];
const LOCATION_FIELDS = [
  'guide',
  'name',
  'description',
  'location_type',
  'latitude',
  'longitude',
  'import_id',
  'address',
  'id',
];
const locationFields = {
  location_type: fc.constantFrom(2, 3),
  latitude: fc.double({ min: -90, max: 90, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  description: fc.constantFrom('<p>Second floor</p>', '', null),
  import_id: fc.option(fc.string({ maxLength: 255 }), { nil: null }),
  address: fc.constantFrom(null, { city: 'Pasadena' }, { street: '1 Main St', zipcode: '91101' }),
};

/** A book (one 1,000 s track) and a podcast with one episode, made by the admin. */
const catalogue = (ctx: HostileContext) =>
  once(ctx, 'catalogue', async () => {
    const post = (path: string, body: unknown) =>
      call(ctx, 'admin', 'post', `/audiobookshelf/api${path}`, body, 200);
    const books = await post('/libraries', { name: 'Audiobooks', mediaType: 'book' });
    const book = await post(`/libraries/${books.id}/items`, { media: BOOK_MEDIA });
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
const BOOK_MEDIA = {
  metadata: { title: 'The Hobbit' },
  audioFiles: [{ filename: 'part1.mp3', duration: 1000 }],
};
/** A new open playback session of `ctx.user` in `state[key]`. */
async function newPlay(ctx: HostileContext, key: string): Promise<void> {
  await catalogue(ctx);
  const path = `/audiobookshelf/api/items/${ctx.state.catalogue.bookId}/play`;
  ctx.state[key] = (await call(ctx, 'user', 'post', path, { deviceInfo: { deviceId: key } }, 200)).id;
}
const deviceInfo = fc.record(
  {
    deviceId: text(1, 64),
    clientName: fc.constantFrom('Abs Android', 'Abs Web'),
    clientVersion: fc.constantFrom('0.9.60'),
    manufacturer: fc.string({ maxLength: 30 }),
    model: fc.string({ maxLength: 30 }),
    sdkVersion: fc.integer({ min: 0, max: 40 }),
    osName: fc.constantFrom('Android', 'Linux'),
    osVersion: fc.constantFrom('14', 'x86_64'),
    browserName: fc.constantFrom('Firefox'),
    browserVersion: fc.constantFrom('106.0'),
    deviceName: fc.string({ maxLength: 30 }),
  },
  { requiredKeys: [] },
);
const DEVICE_FIELDS = [
  'deviceId',
  'clientName',
  'clientVersion',
  'manufacturer',
  'model',
  'sdkVersion',
  'osName',
  'osVersion',
  'browserName',
  'browserVersion',
  'deviceName',
];
const playBody = fc.record(
  {
    deviceInfo,
    mediaPlayer: fc.constantFrom('html5', 'exo-player'),
    forceDirectPlay: fc.boolean(),
    forceTranscode: fc.boolean(),
    supportedMimeTypes: fc.array(fc.constantFrom('audio/mpeg', 'audio/mp4', 'audio/ogg'), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const PLAY_FIELDS = ['deviceInfo', 'mediaPlayer', 'forceDirectPlay', 'forceTranscode', 'supportedMimeTypes'];
const position = (max: number) => fc.double({ min: 0, max, noNaN: true });
/** A local (offline) session of the book or the episode, as a client uploads it (with ignored extras). */
const localSession = (ctx: HostileContext) => {
  const c = ctx.state.catalogue;
  return fc
    .tuple(
      fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      fc.boolean(),
      recentMillis(60_000, 3_600_000),
      position(900),
      position(60),
    )
    .map(([id, episode, startedAt, currentTime, timeListening]) => ({
      id: `play_local_${id}`.slice(0, 64),
      userId: 'root',
      libraryItemId: episode ? c.podcastId : c.bookId,
      episodeId: episode ? c.episodeId : null,
      mediaType: episode ? 'podcast' : 'book',
      displayTitle: 'Title',
      timeListening,
      startTime: 0,
      currentTime,
      duration: episode ? 1454.18449 : 1000,
      startedAt,
      updatedAt: startedAt + 60_000,
      playMethod: 0,
      mediaPlayer: 'html5',
      deviceInfo: { deviceId: 'local' },
      date: '2022-11-16',
    }));
};
/** A progress PATCH as the clients send it: mark finished, a position, an e-reader position. */
const progressChange = fc.record(
  {
    isFinished: fc.boolean(),
    currentTime: position(1000),
    duration: position(2000),
    progress: fc.double({ min: 0, max: 1, noNaN: true }),
    ebookLocation: fc.constantFrom('epubcfi(/6/4[chap01]!/4/2/1:0)', ''),
    ebookProgress: fc.double({ min: 0, max: 1, noNaN: true }),
    lastUpdate: recentMillis(0, 3_600_000),
    hideFromContinueListening: fc.boolean(),
  },
  { requiredKeys: [] },
);
const PROGRESS_FIELDS = [
  'isFinished',
  'currentTime',
  'duration',
  'progress',
  'ebookLocation',
  'ebookProgress',
  'lastUpdate',
  'hideFromContinueListening',
];
const LOCAL_FIELDS = [
  'id',
  'libraryItemId',
  'episodeId',
  'timeListening',
  'startTime',
  'currentTime',
  'duration',
  'startedAt',
  'updatedAt',
  'playMethod',
  'mediaPlayer',
  'deviceInfo',
];
const MEDIA_FIELDS = ['metadata', 'coverPath', 'tags', 'audioFiles', 'episodes'];
const METADATA_FIELDS = [
  'title',
  'author',
  'subtitle',
  'narrator',
  'description',
  'genres',
  'publishedYear',
  'publisher',
  'releaseDate',
  'language',
  'explicit',
  'isbn',
  'asin',
  'feedUrl',
  'imageUrl',
  'itunesPageUrl',
  'itunesId',
  'itunesArtistId',
];
const bookMedia = fc.record(
  {
    metadata: fc.record(
      {
        title: text(1, 100),
        author: fc.string({ maxLength: 100 }),
        genres: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
        releaseDate: fc.constantFrom('2022-10-20T19:00:00Z', '1937'),
        explicit: fc.boolean(),
        itunesId: fc.integer({ min: 1 }),
      },
      { requiredKeys: ['title'] },
    ),
    coverPath: fc.constantFrom('/metadata/items/x/cover.jpg'),
    tags: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }),
    audioFiles: fc.array(
      fc.record({
        filename: text(1, 50),
        duration: fc.double({ min: 0.001, max: 36_000, noNaN: true }),
        mimeType: fc.constantFrom('audio/mpeg'),
        size: fc.integer({ min: 0 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  },
  { requiredKeys: ['metadata', 'audioFiles'] },
);

/** A Guidebook endpoint twice: JSON bodies, and the form data the seed's clients post. */
function guidebook(key: string, endpoint: WriteEndpoint): Record<string, WriteEndpoint> {
  return { [key]: endpoint, [`${key} (form data)`]: { ...endpoint, form: true } };
}

// ---- project content (helper rwc): the admin writes content into `ctx.user`'s project ----
const num = fc.double({ min: -1000, max: 1000, noNaN: true });
const TRACK_NUMBERS = [
  'minvolume',
  'maxvolume',
  'minduration',
  'maxduration',
  'mindeadair',
  'maxdeadair',
  'minfadeintime',
  'maxfadeintime',
  'minfadeouttime',
  'maxfadeouttime',
  'minpanpos',
  'maxpanpos',
  'minpanduration',
  'maxpanduration',
];
const square = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [-73.99, 40.73],
        [-73.98, 40.73],
        [-73.98, 40.74],
        [-73.99, 40.73],
      ],
    ],
  ],
};
const contentArbitraries: Record<
  string,
  { fields: string[]; valid: (ctx: HostileContext) => fc.Arbitrary<Record<string, unknown>> }
> = {
  speakers: {
    fields: [
      'project_id',
      'activeyn',
      'code',
      'maxvolume',
      'minvolume',
      'uri',
      'backupuri',
      'shape',
      'attenuation_distance',
    ],
    valid: (ctx) =>
      fc.record(
        {
          project_id: fc.constant(ctx.state.projectId),
          activeyn: fc.boolean(),
          code: text(1, 10),
          maxvolume: num,
          minvolume: num,
          uri: text(1, 200),
          backupuri: fc.string({ maxLength: 100 }),
          shape: fc.constantFrom(square, null),
          attenuation_distance: fc.integer({ min: 0, max: 10000 }),
        },
        { requiredKeys: ['project_id', 'code', 'maxvolume', 'minvolume', 'uri', 'attenuation_distance'] },
      ),
  },
  audiotracks: {
    fields: [
      'project_id',
      ...TRACK_NUMBERS,
      'repeatrecordings',
      'active',
      'tag_filters',
      'timed_asset_priority',
    ],
    valid: (ctx) =>
      fc.record({
        project_id: fc.constant(ctx.state.projectId),
        ...Object.fromEntries(TRACK_NUMBERS.map((k) => [k, num])),
        active: fc.boolean(),
        timed_asset_priority: fc.constantFrom('highest', 'normal', 'lowest', 'discard'),
        tag_filters: fc.constant([ctx.state.contentTag]),
      }),
  },
  tags: {
    fields: ['project_id', 'value', 'description', 'msg', 'data', 'filter', 'location', 'tag_category_id'],
    valid: (ctx) =>
      fc.record(
        {
          project_id: fc.constant(ctx.state.projectId),
          value: text(1, 100),
          msg: fc.option(text(1, 100), { nil: null }),
          filter: fc.constantFrom('', '_within_10km'),
          location: fc.constantFrom(square, null),
        },
        { requiredKeys: ['project_id', 'value'] },
      ),
  },
  uigroups: {
    fields: ['project_id', 'name', 'group_short_name', 'header_text', 'ui_mode', 'select', 'active', 'index'],
    valid: (ctx) =>
      fc.record(
        {
          project_id: fc.constant(ctx.state.projectId),
          name: text(1, 50),
          ui_mode: fc.constantFrom('listen', 'speak', 'browse'),
          select: fc.constantFrom('single', 'multi', 'min_one'),
          index: fc.integer({ min: -100, max: 100 }),
        },
        { requiredKeys: ['project_id', 'name', 'index'] },
      ),
  },
  uiitems: {
    fields: ['ui_group_id', 'tag_id', 'index', 'default', 'active', 'parent_id'],
    valid: (ctx) =>
      fc.record(
        {
          ui_group_id: fc.constant(ctx.state.contentGroup),
          tag_id: fc.constant(ctx.state.contentTag),
          index: fc.integer({ min: 0, max: 100 }),
          default: fc.boolean(),
          active: fc.boolean(),
        },
        { requiredKeys: ['ui_group_id', 'tag_id', 'index'] },
      ),
  },
  assets: {
    fields: [
      'project_id',
      'session_id',
      'description',
      'latitude',
      'longitude',
      'shape',
      'weight',
      'media_type',
      'tag_ids',
    ],
    valid: (ctx) =>
      fc.record(
        {
          project_id: fc.constant(ctx.state.projectId),
          description: fc.string({ maxLength: 200 }),
          latitude: fc.double({ min: -90, max: 90, noNaN: true }),
          longitude: fc.double({ min: -180, max: 180, noNaN: true }),
          weight: fc.integer({ min: 0, max: 99 }),
          media_type: fc.constantFrom('audio', 'text'),
          tag_ids: fc.constantFrom([ctx.state.contentTag], `${ctx.state.contentTag}`, []),
        },
        { requiredKeys: ['project_id'] },
      ),
  },
  timedassets: {
    fields: ['project_id', 'asset_id', 'start', 'end'],
    valid: (ctx) =>
      fc.record({
        project_id: fc.constant(ctx.state.projectId),
        asset_id: fc.constant(ctx.state.contentAsset),
        start: fc.double({ min: 0, max: 10, noNaN: true }),
        end: fc.double({ min: 10, max: 20, noNaN: true }),
      }),
  },
};
/** The user's project with one tag, UI group and asset made by the admin (ids in `ctx.state`). */
const contentSetup = async (ctx: HostileContext): Promise<void> => {
  await userProject(ctx);
  await once(
    ctx,
    'contentTag',
    async () =>
      (await call(ctx, 'admin', 'post', '/api/2/tags/', { project_id: ctx.state.projectId, value: 't' }, 200))
        .id,
  );
  await once(
    ctx,
    'contentGroup',
    async () =>
      (
        await call(
          ctx,
          'admin',
          'post',
          '/api/2/uigroups/',
          { project_id: ctx.state.projectId, name: 'g', index: 1 },
          200,
        )
      ).id,
  );
  await once(
    ctx,
    'contentAsset',
    async () =>
      (await call(ctx, 'admin', 'post', '/api/2/assets/', { project_id: ctx.state.projectId }, 200)).id,
  );
};
const contentWrites = (): Record<string, WriteEndpoint> =>
  Object.fromEntries(
    Object.entries(contentArbitraries).flatMap(([resource, { fields, valid }]) => [
      [
        `POST /api/2/${resource}/`,
        {
          method: 'POST',
          path: () => `/api/2/${resource}/`,
          as: 'admin',
          setup: contentSetup,
          valid,
          fields,
        },
      ],
      [
        `PATCH /api/2/${resource}/:id/`,
        {
          method: 'PATCH',
          path: (ctx: HostileContext) => `/api/2/${resource}/${ctx.state[`content:${resource}`]}/`,
          as: 'admin',
          setup: async (ctx: HostileContext) => {
            await contentSetup(ctx);
            await once(ctx, `content:${resource}`, async () => {
              const body = fc.sample(valid(ctx), { numRuns: 1, seed: 1 })[0];
              return (await call(ctx, 'admin', 'post', `/api/2/${resource}/`, body, 200)).id;
            });
          },
          valid: (ctx: HostileContext) =>
            valid(ctx).map((b) =>
              Object.fromEntries(
                Object.entries(b).filter(([k]) => k !== 'project_id' && k !== 'ui_group_id'),
              ),
            ),
          fields,
        },
      ],
    ]),
  );
const userEnvelope = async (ctx: HostileContext): Promise<void> => {
  await once(ctx, 'envelopeSession', async () => (await newSession(ctx, 'tmp'), ctx.state.tmp));
  await once(
    ctx,
    'envelope',
    async () =>
      (await call(ctx, 'user', 'post', '/api/2/envelopes/', { session_id: ctx.state.envelopeSession }, 200))
        .id,
  );
};

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
  'POST /api/token/verify/': {
    method: 'POST',
    path: () => '/api/token/verify/',
    as: 'anonymous',
    valid: (ctx) => fc.constant({ token: ctx.state.access as string }),
    fields: ['token'],
    setup: async (ctx) => {
      const res = await ctx.t.http
        .post('/api/token/')
        .send({ username: ctx.user.username, password: ctx.user.password });
      ctx.state.access = res.body.access;
    },
  },
  'POST /audiobookshelf/login': {
    method: 'POST',
    path: () => '/audiobookshelf/login',
    as: 'anonymous',
    valid: (ctx) => fc.constant({ username: ctx.user.username, password: 'a-wrong-password' }),
    fields: ['username', 'password'],
  },
  // ---- Sessions: Roundware and AERPAW ----
  'POST /api/2/sessions/': {
    method: 'POST',
    path: () => '/api/2/sessions/',
    as: 'user',
    setup: userProject,
    valid: (ctx) =>
      fc.record(
        {
          project_id: fc.constant(ctx.state.projectId as number),
          client_system: text(1, 128),
          client_type: fc.option(fc.string({ maxLength: 128 }), { nil: null }),
          demo_stream_enabled: fc.boolean(),
          geo_listen_enabled: fc.boolean(),
          language: fc.constantFrom('en', 'de', 'en-US', 'pt_BR', 'FR'),
          language_id: fc.constant(1),
          timezone: fc.constantFrom('-0800', '0000', '+0530'),
        },
        { requiredKeys: ['project_id', 'client_system'] },
      ),
    fields: [
      'project_id',
      'client_system',
      'client_type',
      'demo_stream_enabled',
      'geo_listen_enabled',
      'language',
      'language_id',
      'timezone',
      'device_id',
      'starttime',
    ],
  },
  'PATCH /api/2/sessions/:id/': {
    method: 'PATCH',
    path: (ctx) => `/api/2/sessions/${ctx.state.rwStop}/`,
    as: 'user',
    setup: (ctx) => newSession(ctx, 'rwStop'),
    renew: (ctx) => newSession(ctx, 'rwStop'),
    valid: () =>
      fc.oneof(
        fc.constant({}),
        fc.record({ stoptime: fc.constantFrom(null, '2099-01-01T00:00:00', '2099-01-01T00:00:00.5+02:00') }),
      ),
    fields: ['stoptime'],
  },
  'POST /api/experiments': {
    method: 'POST',
    path: () => '/api/experiments',
    as: 'user',
    valid: () =>
      fc.record(
        {
          name: text(1, 255),
          description: fc.string({ maxLength: 200 }),
          geo_listen_enabled: fc.boolean(),
          demo_stream_enabled: fc.boolean(),
        },
        { requiredKeys: ['name'] },
      ),
    fields: ['name', 'description', 'geo_listen_enabled', 'demo_stream_enabled'],
  },
  'POST /api/2/projects/': {
    method: 'POST',
    path: () => '/api/2/projects/',
    as: 'admin',
    valid: () => rwProjectBody(true),
    fields: RW_PROJECT_FIELDS,
  },
  'PATCH /api/2/projects/:id/': {
    method: 'PATCH',
    path: (ctx) => `/api/2/projects/${ctx.state.rwProjectId}/`,
    as: 'admin',
    setup: async (ctx) => {
      await once(ctx, 'rwProjectId', async () => {
        const body = await call(
          ctx,
          'admin',
          'post',
          '/api/2/projects/',
          { name: 'hostile rw project' },
          200,
        );
        return body.id;
      });
    },
    valid: () => rwProjectBody(false),
    fields: RW_PROJECT_FIELDS,
  },
  'POST /api/sessions': {
    method: 'POST',
    path: () => '/api/sessions',
    as: 'user',
    setup: userProject,
    valid: (ctx) =>
      fc.record(
        {
          experiment_id: fc.constant(ctx.state.projectId as number),
          session_type: fc.constantFrom('development', 'emulation', 'sandbox', 'testbed'),
        },
        { requiredKeys: ['experiment_id'] },
      ),
    fields: ['experiment_id', 'session_type'],
  },
  'POST /api/sessions/:id/stop': {
    method: 'POST',
    path: (ctx) => `/api/sessions/${ctx.state.aerpawStop}/stop`,
    as: 'user',
    setup: (ctx) => newSession(ctx, 'aerpawStop'),
    renew: (ctx) => newSession(ctx, 'aerpawStop'),
    valid: () => fc.constant({}),
    fields: [],
  },

  // ---- Events ----
  'POST /api/2/events/': {
    method: 'POST',
    path: () => '/api/2/events/',
    as: 'user',
    setup: (ctx) => once(ctx, 'eventSession', async () => (await newSession(ctx, 'tmp'), ctx.state.tmp)),
    valid: (ctx) => validEvent(ctx.state.eventSession),
    fields: EVENT_FIELDS,
  },
  'POST /api/2/listenevents/': {
    method: 'POST',
    path: () => '/api/2/listenevents/',
    as: 'user',
    setup: async (ctx) => {
      await contentSetup(ctx);
      await once(ctx, 'eventSession', async () => (await newSession(ctx, 'tmp'), ctx.state.tmp));
    },
    valid: (ctx) => validListenEvent(ctx.state.eventSession, ctx.state.contentAsset, true),
    fields: LISTEN_EVENT_FIELDS,
    form: true,
  },
  'PATCH /api/2/listenevents/:id': {
    method: 'PATCH',
    path: (ctx) => `/api/2/listenevents/${ctx.state.listenEventId}`,
    as: 'user',
    setup: async (ctx) => {
      await contentSetup(ctx);
      await once(ctx, 'eventSession', async () => (await newSession(ctx, 'tmp'), ctx.state.tmp));
      await once(ctx, 'listenEventId', async () => {
        const body = {
          session: ctx.state.eventSession,
          asset: ctx.state.contentAsset,
          starttime: '2026-12-01T10:00:00',
        };
        return (await call(ctx, 'user', 'post', '/api/2/listenevents/', body, 200)).id;
      });
    },
    valid: (ctx) => validListenEvent(0, ctx.state.contentAsset, false),
    fields: LISTEN_EVENT_FIELDS.filter((f) => f !== 'session' && f !== 'session_id'),
  },
  'POST /api/2/events/batch/': {
    method: 'POST',
    path: () => '/api/2/events/batch/',
    as: 'user',
    setup: (ctx) => once(ctx, 'eventSession', async () => (await newSession(ctx, 'tmp'), ctx.state.tmp)),
    valid: (ctx) => validEvent(ctx.state.eventSession),
    fields: EVENT_FIELDS,
    // a good item next to the generated one: all or nothing, so a rejected batch stores neither
    wrap: (json, ctx) =>
      `[${JSON.stringify({ session_id: ctx.state.eventSession, event_type: 'good' })},${json}]`,
  },

  // ---- Guidebook: JSON and form data ----
  ...guidebook('POST /open-api/v1/guides/', {
    method: 'POST',
    path: () => '/open-api/v1/guides/',
    as: 'user',
    valid: () => fc.record({ name: text(1, 255), ...guideFields }, { requiredKeys: ['name'] }),
    fields: GUIDE_FIELDS,
  }),
  ...guidebook('PATCH /open-api/v1/guides/:id/', {
    method: 'PATCH',
    path: (ctx) => `/open-api/v1/guides/${ctx.state.guideId}/`,
    as: 'user',
    setup: userGuide,
    valid: () => fc.record({ name: text(1, 255), ...guideFields }, { requiredKeys: [] }),
    fields: GUIDE_FIELDS,
  }),
  ...guidebook('POST /open-api/v1/schedule-tracks/', {
    method: 'POST',
    path: () => '/open-api/v1/schedule-tracks/',
    as: 'user',
    setup: userGuide,
    valid: (ctx) =>
      fc.record(
        {
          guide: fc.constant(ctx.state.guideId as number),
          name: text(1, 255),
          color,
          import_id: fc.option(fc.string({ maxLength: 255 }), { nil: null }),
        },
        { requiredKeys: ['guide', 'name', 'color'] },
      ),
    fields: TRACK_FIELDS,
  }),
  ...guidebook('PATCH /open-api/v1/schedule-tracks/:id/', {
    method: 'PATCH',
    path: (ctx) => `/open-api/v1/schedule-tracks/${ctx.state.trackId}/`,
    as: 'user',
    setup: userTrack,
    valid: (ctx) =>
      fc.record(
        {
          guide: fc.constant(ctx.state.guideId as number),
          name: text(1, 255),
          color,
          import_id: fc.option(fc.string({ maxLength: 255 }), { nil: null }),
        },
        { requiredKeys: [] },
      ),
    fields: TRACK_FIELDS,
  }),
  ...guidebook('POST /open-api/v1/sessions/', {
    method: 'POST',
    path: () => '/open-api/v1/sessions/',
    as: 'user',
    setup: userLocation,
    valid: (ctx) =>
      fc.record(
        { guide: fc.constant(ctx.state.guideId as number), name: text(1, 255), ...gbSessionFields(ctx) },
        { requiredKeys: ['guide', 'name', 'description_html', 'start_time'] },
      ),
    fields: GB_SESSION_FIELDS,
  }),
  ...guidebook('PATCH /open-api/v1/sessions/:id/', {
    method: 'PATCH',
    path: (ctx) => `/open-api/v1/sessions/${ctx.state.gbSessionId}/`,
    as: 'user',
    setup: userGbSession,
    valid: (ctx) =>
      fc.record(
        { guide: fc.constant(ctx.state.guideId as number), name: text(1, 255), ...gbSessionFields(ctx) },
        { requiredKeys: [] },
      ),
    fields: GB_SESSION_FIELDS,
  }),

  ...guidebook('POST /open-api/v1.1/sessions/', {
    method: 'POST',
    path: () => '/open-api/v1.1/sessions/',
    as: 'user',
    setup: userLocation,
    valid: (ctx) =>
      fc.record(
        { guide: fc.constant(ctx.state.guideId as number), name: text(1, 255), ...gbSessionFields(ctx) },
        { requiredKeys: ['guide', 'name', 'start_time'] },
      ),
    fields: GB_SESSION_FIELDS,
  }),
  ...guidebook('POST /open-api/v1/locations/', {
    method: 'POST',
    path: () => '/open-api/v1/locations/',
    as: 'user',
    setup: userGuide,
    valid: (ctx) =>
      fc.record(
        { guide: fc.constant(ctx.state.guideId as number), name: text(1, 255), ...locationFields },
        { requiredKeys: ['guide', 'name', 'location_type', 'latitude', 'longitude'] },
      ),
    fields: LOCATION_FIELDS,
  }),
  ...guidebook('PATCH /open-api/v1.1/locations/:id/', {
    method: 'PATCH',
    path: (ctx) => `/open-api/v1.1/locations/${ctx.state.locationId}/`,
    as: 'user',
    setup: userLocation,
    valid: (ctx) =>
      fc.record(
        { guide: fc.constant(ctx.state.guideId as number), name: text(1, 255), ...locationFields },
        { requiredKeys: ['latitude', 'longitude'] },
      ),
    fields: LOCATION_FIELDS,
  }),

  ...guidebook('POST /open-api/v1/guides/:id/webhooks/', {
    method: 'POST',
    path: (ctx) => `/open-api/v1/guides/${ctx.state.guideId}/webhooks/`,
    as: 'user',
    setup: userGuide,
    valid: () =>
      fc.record(
        {
          url: fc.constantFrom('https://hooks.example.org/a', 'http://example.com/hook?x=1'),
          events: fc.constantFrom(
            ['Builder-SessionCreated'],
            ['Builder-SessionDeleted', 'Builder-SessionUpdated'],
          ),
        },
        { requiredKeys: ['url'] },
      ),
    fields: ['url', 'events', 'id'],
  }),

  ...guidebook('POST /open-api/v1.1/guides/:id/webhooks/', {
    method: 'POST',
    path: (ctx) => `/open-api/v1.1/guides/${ctx.state.guideId}/webhooks/`,
    as: 'user',
    setup: userGuide,
    valid: () =>
      fc.record(
        {
          url: fc.constantFrom('https://hooks.example.org/a', 'http://example.com/hook?x=1'),
          events: fc.constantFrom(
            ['Builder-SessionCreated'],
            ['Builder-SessionDeleted', 'Builder-SessionUpdated'],
          ),
        },
        { requiredKeys: ['url'] },
      ),
    fields: ['url', 'events', 'id'],
  }),

  // ---- Audiobookshelf playback sessions and catalogue ----
  'POST /audiobookshelf/api/items/:id/play': {
    method: 'POST',
    path: (ctx) => `/audiobookshelf/api/items/${ctx.state.catalogue.bookId}/play`,
    as: 'user',
    setup: catalogue,
    valid: () => playBody,
    fields: PLAY_FIELDS,
  },
  'POST /audiobookshelf/api/items/:id/play (deviceInfo fields)': {
    method: 'POST',
    path: (ctx) => `/audiobookshelf/api/items/${ctx.state.catalogue.bookId}/play`,
    as: 'user',
    setup: catalogue,
    valid: () => deviceInfo,
    fields: DEVICE_FIELDS,
    wrap: (json) => `{"deviceInfo":${json},"mediaPlayer":"html5"}`,
  },
  'POST /audiobookshelf/api/items/:id/play/:episodeId': {
    method: 'POST',
    path: (ctx) =>
      `/audiobookshelf/api/items/${ctx.state.catalogue.podcastId}/play/${ctx.state.catalogue.episodeId}`,
    as: 'user',
    setup: catalogue,
    valid: () => playBody,
    fields: PLAY_FIELDS,
  },
  'POST /audiobookshelf/api/session/:id/sync': {
    method: 'POST',
    path: (ctx) => `/audiobookshelf/api/session/${ctx.state.syncPlay}/sync`,
    as: 'user',
    setup: (ctx) => newPlay(ctx, 'syncPlay'),
    valid: () =>
      fc.record(
        { currentTime: position(1000), timeListened: position(30), duration: position(2000) },
        { requiredKeys: ['currentTime', 'timeListened'] },
      ),
    fields: ['currentTime', 'timeListened', 'duration'],
  },
  'POST /audiobookshelf/api/session/:id/close': {
    method: 'POST',
    path: (ctx) => `/audiobookshelf/api/session/${ctx.state.closePlay}/close`,
    as: 'user',
    setup: (ctx) => newPlay(ctx, 'closePlay'),
    renew: (ctx) => newPlay(ctx, 'closePlay'),
    valid: () =>
      fc.record(
        { currentTime: position(1000), timeListened: position(30), duration: position(2000) },
        { requiredKeys: [] },
      ),
    fields: ['currentTime', 'timeListened', 'duration'],
  },
  'POST /audiobookshelf/api/session/local': {
    method: 'POST',
    path: () => '/audiobookshelf/api/session/local',
    as: 'user',
    setup: catalogue,
    valid: localSession,
    fields: LOCAL_FIELDS,
  },
  'POST /audiobookshelf/api/session/local-all': {
    method: 'POST',
    path: () => '/audiobookshelf/api/session/local-all',
    as: 'user',
    setup: catalogue,
    valid: (ctx) => fc.record({ sessions: fc.array(localSession(ctx), { maxLength: 3 }) }),
    fields: ['sessions'],
  },
  'POST /audiobookshelf/api/session/local-all (session fields)': {
    method: 'POST',
    path: () => '/audiobookshelf/api/session/local-all',
    as: 'user',
    setup: catalogue,
    valid: localSession,
    fields: LOCAL_FIELDS,
    wrap: (json) => `{"sessions":[${json}]}`,
  },
  'POST /audiobookshelf/api/sessions/batch/delete': {
    method: 'POST',
    path: () => '/audiobookshelf/api/sessions/batch/delete',
    as: 'admin',
    setup: (ctx) => newPlay(ctx, 'doomedPlay'),
    renew: (ctx) => newPlay(ctx, 'doomedPlay'),
    // read when generated, so each run names the session the previous success left
    valid: (ctx) =>
      fc.constantFrom('existing', 'unknown', 'both').map((which) => ({
        sessions:
          which === 'existing'
            ? [ctx.state.doomedPlay]
            : which === 'unknown'
              ? ['play_unknown']
              : [ctx.state.doomedPlay, 'play_unknown'],
      })),
    fields: ['sessions'],
  },
  'PATCH /audiobookshelf/api/me/progress/:id': {
    method: 'PATCH',
    path: (ctx) => `/audiobookshelf/api/me/progress/${ctx.state.catalogue.bookId}`,
    as: 'user',
    setup: catalogue,
    valid: () => progressChange,
    fields: PROGRESS_FIELDS,
  },
  'PATCH /audiobookshelf/api/me/progress/:libraryItemId/:episodeId': {
    method: 'PATCH',
    path: (ctx) =>
      `/audiobookshelf/api/me/progress/${ctx.state.catalogue.podcastId}/${ctx.state.catalogue.episodeId}`,
    as: 'user',
    setup: catalogue,
    valid: () => progressChange,
    fields: PROGRESS_FIELDS,
  },
  'PATCH /audiobookshelf/api/me/progress/batch/update': {
    method: 'PATCH',
    path: () => '/audiobookshelf/api/me/progress/batch/update',
    as: 'user',
    setup: catalogue,
    valid: (ctx) =>
      fc.tuple(progressChange, fc.boolean()).map(([change, book]) =>
        book
          ? { ...change, libraryItemId: ctx.state.catalogue.bookId }
          : {
              ...change,
              libraryItemId: ctx.state.catalogue.podcastId,
              episodeId: ctx.state.catalogue.episodeId,
            },
      ),
    fields: [...PROGRESS_FIELDS, 'libraryItemId', 'episodeId'],
    wrap: (json) => `[${json}]`,
  },
  'POST /audiobookshelf/api/libraries': {
    method: 'POST',
    path: () => '/audiobookshelf/api/libraries',
    as: 'admin',
    valid: () =>
      fc.record(
        {
          name: text(1, 100),
          mediaType: fc.constantFrom('book', 'podcast'),
          folders: fc.constantFrom([], [{ fullPath: 'hostile-books' }], [{ fullPath: 'hostile-podcasts/a' }]),
          icon: fc.constantFrom('database', 'podcast'),
        },
        { requiredKeys: ['name', 'mediaType'] },
      ),
    fields: ['name', 'mediaType', 'folders', 'icon', 'provider', 'settings'],
  },
  'POST /audiobookshelf/api/libraries/:id/items': {
    method: 'POST',
    path: (ctx) => `/audiobookshelf/api/libraries/${ctx.state.catalogue.bookLibraryId}/items`,
    as: 'admin',
    setup: catalogue,
    valid: () => fc.record({ media: bookMedia }),
    fields: ['media'],
  },
  'POST /audiobookshelf/api/libraries/:id/items (media fields)': {
    method: 'POST',
    path: (ctx) => `/audiobookshelf/api/libraries/${ctx.state.catalogue.bookLibraryId}/items`,
    as: 'admin',
    setup: catalogue,
    valid: () => bookMedia,
    fields: MEDIA_FIELDS,
    wrap: (json) => `{"media":${json}}`,
  },
  'POST /audiobookshelf/api/libraries/:id/items (metadata fields)': {
    method: 'POST',
    path: (ctx) => `/audiobookshelf/api/libraries/${ctx.state.catalogue.bookLibraryId}/items`,
    as: 'admin',
    setup: catalogue,
    valid: () => bookMedia.map((m) => m.metadata),
    fields: METADATA_FIELDS,
    wrap: (json) => `{"media":{"metadata":${json},"audioFiles":[{"filename":"a.mp3","duration":10}]}}`,
  },
  // ---- Roundware project content and envelopes (helper rwc); the multipart upload's hostile parts are
  // in test/project-content/hostile-upload.e2e-spec.ts (this suite's generators speak JSON and forms) ----
  ...contentWrites(),
  'POST /api/2/envelopes/': {
    method: 'POST',
    path: () => '/api/2/envelopes/',
    as: 'user',
    setup: (ctx) => once(ctx, 'envelopeSession', async () => (await newSession(ctx, 'tmp'), ctx.state.tmp)),
    valid: (ctx) => fc.record({ session_id: fc.constant(ctx.state.envelopeSession) }),
    fields: ['session_id'],
  },
  'POST /api/2/assets/:id/votes/': {
    method: 'POST',
    path: (ctx) => `/api/2/assets/${ctx.state.contentAsset}/votes/`,
    as: 'user',
    setup: async (ctx) => {
      await contentSetup(ctx);
      await once(ctx, 'envelopeSession', async () => (await newSession(ctx, 'tmp'), ctx.state.tmp));
    },
    valid: (ctx) =>
      fc.record(
        {
          session_id: fc.constant(ctx.state.envelopeSession),
          vote_type: fc.constantFrom('like', 'flag', 'rate', 'block_asset', 'block_user'),
          value: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
        },
        { requiredKeys: ['session_id', 'vote_type'] },
      ),
    fields: ['session_id', 'vote_type', 'value'],
  },
  'PATCH /api/2/envelopes/:id/': {
    method: 'PATCH',
    path: (ctx) => `/api/2/envelopes/${ctx.state.envelope}/`,
    as: 'user',
    setup: userEnvelope,
    valid: (ctx) =>
      fc.record(
        {
          session_id: fc.constant(String(ctx.state.envelopeSession)),
          latitude: fc.constant('40.7'),
          tag_ids: fc.constant(''),
        },
        { requiredKeys: [] },
      ),
    fields: ['session_id', 'latitude', 'longitude', 'tag_ids', 'media_type', 'description'],
  },
};

const ROUNDWARE_FILTERS = [
  'project_id',
  'language_id',
  'language',
  'geo_listen_enabled',
  'demo_stream_enabled',
];
const EVENT_FILTERS = [
  'session_id',
  'event_type',
  'server_time',
  'server_time__gt',
  'server_time__lt',
  'latitude',
  'longitude',
  'tag_ids',
];
const EVENT_PLAUSIBLE = {
  session_id: ['1'],
  event_type: ['start', '%25', '_'],
  server_time: ['2017-04-15T16:35:57'],
  server_time__gt: ['2017-04-15', '2017-04-15%2016:35:57.295461'],
  server_time__lt: ['2099-01-01T00:00:00%2B02:00'],
  latitude: ['40.75', '-', '4'],
  longitude: ['-73', '1.'],
  tag_ids: ['3,8', '3'],
};
const GB_SESSION_FILTERS = ['guide', 'id', 'import_id', 'schedule_tracks', 'ordering', 'page', 'page_size'];
const GB_SESSION_PLAUSIBLE = {
  guide: ['1'],
  schedule_tracks: ['1', '1,2'],
  ordering: ['-start_time,id', 'end_time', '-end_time', 'start_time,-id'],
  page: ['1', '2'],
  page_size: ['1', '500'],
};

/** v1.1 lists answer 400 without `guide`: the user's first guide, often, so that some queries reach the SQL. */
const V11_GUIDE = Array<string>(8).fill('1');

export const LIST_FILTERS: Record<string, ListFilter> = {
  'GET /users': { path: () => '/users', as: 'admin', params: ['page', 'page_size'] },
  'GET /auth/api-keys': { path: () => '/auth/api-keys', as: 'user', params: [] },
  // ---- Sessions ----
  'GET /api/2/sessions/': {
    path: () => '/api/2/sessions/',
    as: 'user',
    setup: (ctx) => newSession(ctx, 'listed'),
    params: ROUNDWARE_FILTERS,
    plausible: {
      project_id: ['1', '2147483647'],
      language: ['en', 'EN-us'],
      language_id: ['1'],
      geo_listen_enabled: ['true', '0'],
      demo_stream_enabled: ['False', '1'],
    },
  },
  'GET /api/2/sessions/count/': {
    path: () => '/api/2/sessions/count/',
    as: 'user',
    params: ROUNDWARE_FILTERS,
    plausible: { project_id: ['1'], language: ['pt_BR'], geo_listen_enabled: ['false'] },
  },
  'GET /api/2/projects/': {
    path: () => '/api/2/projects/',
    as: 'user',
    params: [
      'page',
      'page_size',
      'name',
      'listen_enabled',
      'geo_listen_enabled',
      'speak_enabled',
      'geo_speak_enabled',
    ],
    plausible: {
      page: ['1', '2'],
      page_size: ['1', '10'],
      name: ['walk'],
      listen_enabled: ['true', '0'],
      speak_enabled: ['1', 'false'],
    },
  },
  'GET /api/sessions': {
    path: () => '/api/sessions',
    as: 'user',
    params: ['page', 'page_size', 'experiment_id', 'active'],
    plausible: { page: ['1', '2'], page_size: ['1', '500'], experiment_id: ['1'], active: ['true', 'False'] },
  },
  'GET /api/experiments': {
    path: () => '/api/experiments',
    as: 'user',
    params: ['page', 'page_size'],
    plausible: { page: ['1', '2'], page_size: ['1', '500'] },
  },
  'GET /api/experiments/:id/sessions': {
    path: (ctx) => `/api/experiments/${ctx.state.projectId}/sessions`,
    as: 'user',
    setup: userProject,
    params: [],
  },

  // ---- Events ----
  'GET /api/2/events/': {
    path: () => '/api/2/events/',
    as: 'user',
    setup: (ctx) => once(ctx, 'eventSession', async () => (await newSession(ctx, 'tmp'), ctx.state.tmp)),
    params: [...EVENT_FILTERS, 'page', 'page_size'],
    plausible: { ...EVENT_PLAUSIBLE, page: ['1', '2'], page_size: ['1', '10'] },
  },
  'GET /api/2/listenevents/': {
    path: () => '/api/2/listenevents/',
    as: 'user',
    params: [
      'session_id',
      'session',
      'asset_id',
      'asset',
      'project_id',
      'starttime',
      'start_time__gte',
      'start_time__lte',
      'start_time__range',
      'duration',
      'duration__gte',
      'duration__lte',
      'page',
      'page_size',
    ],
    plausible: {
      session_id: ['1'],
      start_time__gte: ['2026-12-01T10:00:00'],
      start_time__range: ['today', 'week', 'year'],
      page_size: ['1', '10'],
    },
  },
  'GET /api/2/listenevents/count/': {
    path: () => '/api/2/listenevents/count/',
    as: 'user',
    params: ['session_id', 'asset_id', 'project_id', 'start_time__gte', 'start_time__range', 'duration__lte'],
  },
  'GET /api/2/events/export/': {
    path: () => '/api/2/events/export/',
    as: 'user',
    params: [...EVENT_FILTERS, 'format'],
    plausible: { ...EVENT_PLAUSIBLE, format: ['csv', 'ndjson'] },
  },

  // ---- Guidebook ----
  'GET /open-api/v1/guides/': {
    path: () => '/open-api/v1/guides/',
    as: 'user',
    params: ['page', 'page_size'],
    plausible: { page: ['1'], page_size: ['1', '500'] },
  },
  'GET /open-api/v1/schedule-tracks/': {
    path: () => '/open-api/v1/schedule-tracks/',
    as: 'user',
    setup: userTrack,
    params: ['guide', 'id', 'import_id', 'page', 'page_size'],
    plausible: { guide: ['1'], id: ['1'], import_id: ['x'], page: ['1'], page_size: ['1'] },
  },
  'GET /open-api/v1/sessions/': {
    path: () => '/open-api/v1/sessions/',
    as: 'user',
    setup: userGbSession,
    params: GB_SESSION_FILTERS,
    plausible: GB_SESSION_PLAUSIBLE,
  },
  'GET /open-api/v1/sessions/guide=:guide': {
    path: (ctx) => `/open-api/v1/sessions/guide=${ctx.state.guideId}`,
    as: 'user',
    setup: userGbSession,
    params: GB_SESSION_FILTERS,
    plausible: GB_SESSION_PLAUSIBLE,
  },

  'GET /open-api/v1/locations/': {
    path: () => '/open-api/v1/locations/',
    as: 'user',
    setup: userLocation,
    params: ['guide', 'guide_id', 'location_type', 'id', 'import_id', 'page', 'page_size'],
    plausible: { guide: ['1'], guide_id: ['1'], location_type: ['1', '2', '3'], id: ['1'], page_size: ['1'] },
  },
  'GET /open-api/v1.1/sessions/': {
    path: () => '/open-api/v1.1/sessions/',
    as: 'user',
    setup: userGbSession,
    params: GB_SESSION_FILTERS,
    plausible: { ...GB_SESSION_PLAUSIBLE, guide: V11_GUIDE },
  },
  'GET /open-api/v1.1/schedule-tracks/': {
    path: () => '/open-api/v1.1/schedule-tracks/',
    as: 'user',
    setup: userTrack,
    params: ['guide', 'id', 'import_id', 'page', 'page_size'],
    plausible: { guide: V11_GUIDE, id: ['1'], import_id: ['x'], page: ['1'], page_size: ['1'] },
  },
  'GET /open-api/v1.1/locations/': {
    path: () => '/open-api/v1.1/locations/',
    as: 'user',
    setup: userLocation,
    params: ['guide', 'guide_id', 'location_type', 'id', 'import_id', 'page', 'page_size'],
    plausible: { guide: V11_GUIDE, location_type: ['1', '2', '3'], id: ['1'], page_size: ['1'] },
  },

  // ---- Audiobookshelf ----
  'GET /audiobookshelf/api/sessions': {
    path: () => '/audiobookshelf/api/sessions',
    as: 'admin',
    setup: (ctx) => newPlay(ctx, 'listedPlay'),
    params: ['user', 'itemsPerPage', 'page', 'sort', 'desc'],
    plausible: {
      user: ['1', '2', 'root'],
      itemsPerPage: ['1', '500'],
      page: ['0', '1'],
      sort: ['displayTitle', 'duration', 'startedAt', 'timeListening'],
      desc: ['0', '1', 'true', 'false'],
    },
  },
  'GET /audiobookshelf/api/sessions/open': {
    path: () => '/audiobookshelf/api/sessions/open',
    as: 'admin',
    params: ['itemsPerPage', 'page'],
    plausible: { itemsPerPage: ['1', '500'], page: ['0', '3'] },
  },
  'GET /audiobookshelf/api/me/listening-sessions': {
    path: () => '/audiobookshelf/api/me/listening-sessions',
    as: 'user',
    params: ['itemsPerPage', 'page'],
    plausible: { itemsPerPage: ['1', '500'], page: ['0', '3'] },
  },
  'GET /audiobookshelf/api/libraries/:id/items': {
    path: (ctx) => `/audiobookshelf/api/libraries/${ctx.state.catalogue.bookLibraryId}/items`,
    as: 'user',
    setup: catalogue,
    params: ['limit', 'page', 'sort', 'desc', 'filter', 'minified', 'collapseseries', 'include'],
    plausible: {
      limit: ['0', '1', '20'],
      page: ['0', '1'],
      sort: ['media.metadata.title', 'media.metadata.authorName', 'addedAt', 'media.duration', 'size'],
      desc: ['0', '1'],
      filter: ['progress.ZmluaXNoZWQ=', 'genres.RmFudGFzeQ==', 'authors.%3D%3D', 'series.bm8tc2VyaWVz', 'x'],
      minified: ['0', '1'],
      include: ['rssfeed,numEpisodesIncomplete', 'progress'],
    },
  },
  'GET /audiobookshelf/api/libraries/:id/personalized': {
    path: (ctx) => `/audiobookshelf/api/libraries/${ctx.state.catalogue.bookLibraryId}/personalized`,
    as: 'user',
    setup: catalogue,
    params: ['include', 'limit', 'minified'],
    plausible: { include: ['rssfeed,numEpisodesIncomplete'], limit: ['1', '10'], minified: ['0', '1'] },
  },
  'GET /audiobookshelf/api/items/:id': {
    path: (ctx) => `/audiobookshelf/api/items/${ctx.state.catalogue.bookId}`,
    as: 'user',
    setup: catalogue,
    params: ['expanded', 'include', 'episode'],
    plausible: {
      expanded: ['0', '1'],
      include: ['progress,rssfeed,share,downloads', 'progress'],
      episode: ['ep_x'],
    },
  },
  'GET /audiobookshelf/api/libraries': {
    path: () => '/audiobookshelf/api/libraries',
    as: 'user',
    params: ['include'],
    plausible: { include: ['stats', 'filterdata'] },
  },
  'GET /audiobookshelf/api/me/item/listening-sessions/:libraryItemId': {
    path: (ctx) => `/audiobookshelf/api/me/item/listening-sessions/${ctx.state.catalogue.bookId}`,
    as: 'user',
    setup: (ctx) => newPlay(ctx, 'itemListedPlay'),
    params: ['itemsPerPage', 'page'],
    plausible: { itemsPerPage: ['1', '500'], page: ['0', '3'] },
  },
  'GET /audiobookshelf/api/me/item/listening-sessions/:libraryItemId/:episodeId': {
    path: (ctx) =>
      `/audiobookshelf/api/me/item/listening-sessions/${ctx.state.catalogue.podcastId}/${ctx.state.catalogue.episodeId}`,
    as: 'user',
    setup: catalogue,
    params: ['itemsPerPage', 'page'],
    plausible: { itemsPerPage: ['1', '500'], page: ['0', '3'] },
  },
  'GET /audiobookshelf/api/users/:id/listening-sessions': {
    path: (ctx) => `/audiobookshelf/api/users/${ctx.user.id}/listening-sessions`,
    as: 'admin',
    setup: (ctx) => newPlay(ctx, 'userListedPlay'),
    params: ['itemsPerPage', 'page'],
    plausible: { itemsPerPage: ['1', '500'], page: ['0', '3'] },
  },
  'GET /audiobookshelf/api/me/items-in-progress': {
    path: () => '/audiobookshelf/api/me/items-in-progress',
    as: 'user',
    params: ['limit'],
    plausible: { limit: ['1', '25', '500'] },
  },

  // ---- Roundware project content (helper rwc) ----
  'GET /api/2/speakers/': {
    path: () => '/api/2/speakers/',
    as: 'user',
    setup: contentSetup,
    params: ['project_id', 'activeyn'],
    plausible: { project_id: ['1'], activeyn: ['true', 'False', '0'] },
  },
  'GET /api/2/audiotracks/': {
    path: () => '/api/2/audiotracks/',
    as: 'user',
    setup: contentSetup,
    params: ['project_id', 'active', 'repeatrecordings', 'start_with_silence', 'fadeout_when_filtered'],
    plausible: { project_id: ['1'], active: ['true', 'yes'] },
  },
  'GET /api/2/tags/': {
    path: () => '/api/2/tags/',
    as: 'user',
    setup: contentSetup,
    params: ['project_id', 'description', 'data'],
    plausible: { description: ['a%25_', 'x'] },
  },
  'GET /api/2/uigroups/': {
    path: () => '/api/2/uigroups/',
    as: 'user',
    setup: contentSetup,
    params: ['project_id', 'ui_mode', 'active'],
    plausible: { ui_mode: ['listen', 'speak'] },
  },
  'GET /api/2/uiitems/': {
    path: () => '/api/2/uiitems/',
    as: 'user',
    setup: contentSetup,
    params: ['project_id', 'ui_group_id', 'tag_id', 'active'],
  },
  'GET /api/2/timedassets/': {
    path: () => '/api/2/timedassets/',
    as: 'user',
    setup: contentSetup,
    params: ['project_id', 'asset_id', 'start__lte', 'start__gte', 'end__lte', 'end__gte'],
    plausible: { start__gte: ['0', '1.5'], end__lte: ['100'] },
  },
  'GET /api/2/assets/': {
    path: () => '/api/2/assets/',
    as: 'user',
    setup: contentSetup,
    params: [
      'project_id',
      'session_id',
      'tag_ids',
      'tag_ids_or',
      'envelope_id',
      'media_type',
      'submitted',
      'audiolength__lte',
      'audiolength__gte',
      'created__gte',
      'created__lte',
      'updated__gte',
      'updated__lte',
      'description',
      'filename',
    ],
    plausible: {
      tag_ids: ['1', '1,2'],
      created__gte: ['2017-01-01T00:00:00', '2017-01-01'],
      media_type: ['audio'],
    },
  },
  'GET /api/2/projects/:id/uiconfig/': {
    path: (ctx) => `/api/2/projects/${ctx.state.projectId}/uiconfig/`,
    as: 'user',
    setup: contentSetup,
    params: ['session_id'],
    plausible: { session_id: ['1'] },
  },
};
