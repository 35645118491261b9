import { ADMIN_PASSWORD, startTestApp, TestApp } from '../utils/test-app';
import { Role } from '../../src/common/auth-user';
import { listen, typedClient } from '../utils/typed-client';

/**
 * One flow per surface through the generated typed client (login → create → list → detail), as a
 * frontend would call the API: if the spec lies about a path, a parameter or a shape, this fails to
 * compile or fails the contract check. A new surface adds its flow here, following the `auth` one.
 */
describe('typed client (clients/typescript) flows', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
  });
  afterAll(() => t.close());

  const adminLogin = async () => {
    const { data, error } = await typedClient(baseUrl).POST('/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    if (!data) throw new Error(`login failed: ${JSON.stringify(error)}`);
    return data;
  };

  it('auth: login → create an API key → list keys → me with the key', async () => {
    const login = await adminLogin();
    expect(login.user).toEqual({ id: expect.any(Number), username: 'admin', role: 'admin' });
    const api = typedClient(baseUrl, login.access_token);

    const created = await api.POST('/auth/api-keys', { body: { name: 'frontend' } });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'frontend', key: expect.stringMatching(/^shk_/) });

    const keys = await api.GET('/auth/api-keys');
    expect(keys.data?.map((k) => k.name)).toEqual(['frontend']);
    expect(keys.data?.[0].prefix).toBe(created.data?.key.slice(0, keys.data?.[0].prefix.length));

    const me = await typedClient(baseUrl, created.data?.key).GET('/auth/me');
    expect(me.data).toMatchObject({ username: 'admin', role: 'admin', auth_method: 'api_key' });

    const wrong = await typedClient(baseUrl).POST('/auth/login', {
      body: { username: 'admin', password: 'not-the-password' },
    });
    expect(wrong.response.status).toBe(401);
    expect(wrong.error).toEqual({ detail: 'No active account found with the given credentials' });
  });

  it('users: create → list (DRF page) → detail → update', async () => {
    const api = typedClient(baseUrl, (await adminLogin()).access_token);
    const created = await api.POST('/users', {
      body: { username: 'typed-alice', password: 'long-enough-pw', role: 'operator' },
    });
    expect(created.data).toMatchObject({ username: 'typed-alice', role: 'operator', device_id: null });
    const id = created.data!.id;
    const page = await api.GET('/users', { params: { query: { page_size: 1 } } });
    expect(page.data).toMatchObject({ count: 2, previous: null, results: [expect.any(Object)] });
    expect(page.data?.next).toMatch(/\/users\?page_size=1&page=2$/);
    const one = await api.GET('/users/{id}', { params: { path: { id } } });
    expect(one.data?.username).toBe('typed-alice');
    const updated = await api.PATCH('/users/{id}', { params: { path: { id } }, body: { role: 'user' } });
    expect(updated.data?.role).toBe('user');
    const missing = await api.GET('/users/{id}', { params: { path: { id: 999999 } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toEqual({ detail: 'Not found.' });
  });

  it('roundware: register a device → me with its token', async () => {
    const device = await typedClient(baseUrl).POST('/api/2/users/', {
      body: { device_id: 'typed-device', client_type: 'web' },
    });
    expect(device.data).toMatchObject({ device_id: 'typed-device', client_type: 'web' });
    const me = await typedClient(baseUrl, device.data?.token).GET('/auth/me');
    expect(me.data).toMatchObject({ id: device.data?.id, device_id: 'typed-device', role: 'user' });
  });

  it('experiments: token pair → refresh → me', async () => {
    const pair = await typedClient(baseUrl).POST('/api/token/', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const refreshed = await typedClient(baseUrl).POST('/api/token/refresh/', {
      body: { refresh: pair.data!.refresh },
    });
    const me = await typedClient(baseUrl, refreshed.data?.access).GET('/auth/me');
    expect(me.data?.username).toBe('admin');
  });

  it('audiobookshelf: login → me; errors are plain text', async () => {
    const login = await typedClient(baseUrl).POST('/audiobookshelf/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.data?.user).toMatchObject({ username: 'admin', type: 'admin' });
    const me = await typedClient(baseUrl, login.data?.user.token).GET('/auth/me');
    expect(me.data?.username).toBe('admin');
    const wrong = await typedClient(baseUrl).POST('/audiobookshelf/login', {
      body: { username: 'admin', password: 'nope-nope' },
      parseAs: 'text',
    });
    expect(wrong.response.status).toBe(401);
    expect(wrong.error).toBe('No active account found with the given credentials');
  });
});

/**
 * Audiobookshelf through the generated client, as an Audiobookshelf frontend would play a podcast
 * episode: the paths, bodies and envelopes below are the spec's (a wrong one fails to compile), and
 * every answer is checked against the spec by the client's contract middleware.
 */
describe('typed client: Audiobookshelf playback flow', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
  });
  afterAll(() => t.close());

  it('login → library → item → play → open session → sync → lists → close → progress', async () => {
    const login = await typedClient(baseUrl).POST('/audiobookshelf/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.data?.user).toMatchObject({ username: 'admin', type: 'admin' });
    const admin = typedClient(baseUrl, login.data!.user.token);

    const library = await admin.POST('/audiobookshelf/api/libraries', {
      body: { name: 'Podcasts', mediaType: 'podcast' },
    });
    expect(library.data).toMatchObject({
      name: 'Podcasts',
      mediaType: 'podcast',
      folders: [expect.any(Object)],
    });
    const libraryId = library.data!.id;

    const item = await admin.POST('/audiobookshelf/api/libraries/{id}/items', {
      params: { path: { id: libraryId } },
      body: {
        media: {
          metadata: { title: 'Welcome to Night Vale', author: 'Night Vale Presents' },
          episodes: [
            {
              title: '1 - Pilot',
              audioFile: { filename: '1 - Pilot.mp3', duration: 1454.18449, size: 23653735 },
            },
          ],
        },
      },
    });
    expect(item.data).toMatchObject({ libraryId, mediaType: 'podcast' });
    const itemId = item.data!.id;
    const episodes = item.data!.media.episodes as Array<{ id: string; title: string }>;
    const episodeId = episodes[0].id;

    const played = await admin.POST('/audiobookshelf/api/items/{id}/play/{episodeId}', {
      params: { path: { id: itemId, episodeId } },
      body: { deviceInfo: { deviceId: 'typed-web', clientName: 'typed client' }, mediaPlayer: 'html5' },
    });
    expect(played.data).toMatchObject({
      libraryItemId: itemId,
      episodeId,
      displayTitle: '1 - Pilot',
      duration: 1454.18449,
      currentTime: 0,
      timeListening: 0,
      mediaPlayer: 'html5',
      deviceInfo: { deviceId: 'typed-web', clientName: 'typed client', ipAddress: expect.any(String) },
    });
    expect(played.data?.audioTracks.map((track) => track.title)).toEqual(['1 - Pilot.mp3']);
    const sessionId = played.data!.id;

    const open = await admin.GET('/audiobookshelf/api/session/{id}', {
      params: { path: { id: sessionId } },
    });
    expect(open.data).toMatchObject({ id: sessionId, libraryItem: { id: itemId } });

    // The seed's sync body: 5 s listened (within the wall clock since opening plus the tolerance).
    const synced = await admin.POST('/audiobookshelf/api/session/{id}/sync', {
      params: { path: { id: sessionId } },
      body: { currentTime: 636.09262, timeListened: 5, duration: 1454.18449 },
    });
    expect(synced.data).toMatchObject({ id: sessionId, currentTime: 636.09262, timeListening: 5 });

    const all = await admin.GET('/audiobookshelf/api/sessions', {
      params: { query: { itemsPerPage: 1, page: 0, sort: 'updatedAt', desc: '1' } },
    });
    expect(all.data).toMatchObject({ total: 1, numPages: 1, page: 0, itemsPerPage: 1, userFilter: null });
    expect(all.data?.sessions[0]).toMatchObject({ id: sessionId, user: { username: 'admin' } });

    const mine = await admin.GET('/audiobookshelf/api/me/listening-sessions', {
      params: { query: { page: 0 } },
    });
    expect(mine.data).toMatchObject({ total: 1, page: 0, itemsPerPage: 10 });
    expect(mine.data?.sessions.map((s) => s.id)).toEqual([sessionId]);

    // Another user's open session does not exist for a user (plain-text 404).
    const user = await t.makeUser({ role: Role.User });
    const foreign = await typedClient(baseUrl, user.token).GET('/audiobookshelf/api/session/{id}', {
      params: { path: { id: sessionId } },
      parseAs: 'text',
    });
    expect(foreign.response.status).toBe(404);
    expect(foreign.error).toBe('Not Found');

    const closed = await admin.POST('/audiobookshelf/api/session/{id}/close', {
      params: { path: { id: sessionId } },
      body: { currentTime: 640, timeListened: 1 },
    });
    expect(closed.data).toMatchObject({ id: sessionId, currentTime: 640, timeListening: 6 });
    const gone = await admin.GET('/audiobookshelf/api/session/{id}', {
      params: { path: { id: sessionId } },
      parseAs: 'text',
    });
    expect(gone.response.status).toBe(404);

    const progress = await admin.GET('/audiobookshelf/api/me/progress/{libraryItemId}/{episodeId}', {
      params: { path: { libraryItemId: itemId, episodeId } },
    });
    expect(progress.data).toMatchObject({
      libraryItemId: itemId,
      episodeId,
      currentTime: 640,
      isFinished: false,
    });
    expect(progress.data?.progress).toBeCloseTo(640 / 1454.18449, 6);

    const deleted = await admin.DELETE('/audiobookshelf/api/sessions/{id}', {
      params: { path: { id: sessionId } },
      parseAs: 'text',
    });
    expect(deleted.response.status).toBe(200);
    expect(deleted.response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(deleted.data).toBe('OK');
    const none = await admin.POST('/audiobookshelf/api/sessions/batch/delete', {
      body: { sessions: [sessionId] },
      parseAs: 'text',
    });
    expect(none.response.status).toBe(404);
    expect(none.error).toBe('Not Found');
  });
});
