import { ADMIN_PASSWORD, startTestApp, TestApp } from '../utils/test-app';
import { Role } from '../../src/common/auth-user';
import { listen, typedClient } from '../utils/typed-client';

/**
 * The typed client with the header scheme a surface's own clients send (`token <key>` for Roundware,
 * `JWT <key>` for Guidebook) instead of the default `Bearer`.
 */
function clientWithScheme(baseUrl: string, authorization: string) {
  const client = typedClient(baseUrl);
  client.use({
    onRequest({ request }) {
      request.headers.set('Authorization', authorization);
      return request;
    },
  });
  return client;
}

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

  it('roundware sessions: register a device → start a session → list → detail → end', async () => {
    const device = await typedClient(baseUrl).POST('/api/2/users/', {
      body: { device_id: 'typed-rw-device', client_type: 'iPhone' },
    });
    expect(device.response.status).toBe(200);
    const rw = clientWithScheme(baseUrl, `token ${device.data!.token}`);
    // the device's user owns a project (an AERPAW experiment) to start sessions in
    const project = await rw.POST('/api/experiments', {
      body: { name: 'Typed walk', geo_listen_enabled: true },
    });
    const projectId = project.data!.experiment_id;

    const created = await rw.POST('/api/2/sessions/', {
      body: {
        project_id: projectId,
        client_system: 'iOS 8.1',
        demo_stream_enabled: false,
        language: 'fr',
        timezone: '-8000',
      },
    });
    expect(created.response.status).toBe(200);
    expect(created.data).toMatchObject({
      device_id: 'typed-rw-device',
      client_type: 'iPhone',
      client_system: 'iOS 8.1',
      geo_listen_enabled: true,
      demo_stream_enabled: false,
      timezone: '-8000',
      project_id: projectId,
      language_id: 48,
      stoptime: null,
    });
    const id = created.data!.id;

    const list = await rw.GET('/api/2/sessions/', {
      params: { query: { project_id: projectId, geo_listen_enabled: true } },
    });
    // a plain array without page/page_size (the answer is a DRF page with them)
    expect(Array.isArray(list.data) && list.data.map((s) => s.id)).toEqual([id]);
    const count = await rw.GET('/api/2/sessions/count/', { params: { query: { project_id: projectId } } });
    expect(count.data).toEqual({ count: 1 });

    const one = await rw.GET('/api/2/sessions/{id}/', { params: { path: { id } } });
    expect(one.data).toEqual({ ...created.data, stoptime: null });

    const ended = await rw.PATCH('/api/2/sessions/{id}/', { params: { path: { id } }, body: {} });
    expect(ended.data?.stoptime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
    const again = await rw.PATCH('/api/2/sessions/{id}/', { params: { path: { id } }, body: {} });
    expect(again.response.status).toBe(409);
    expect(again.error).toEqual({ detail: 'This session has already been stopped.' });

    const badFilter = await rw.GET('/api/2/sessions/', {
      params: { query: { language: 'xx' } },
    });
    expect(badFilter.response.status).toBe(400);
  });

  it('roundware events: record an event → list ?session_id (array and page) → detail → history', async () => {
    const device = await typedClient(baseUrl).POST('/api/2/users/', {
      body: { device_id: 'typed-ev-device' },
    });
    const rw = clientWithScheme(baseUrl, `token ${device.data!.token}`);
    const project = await rw.POST('/api/experiments', { body: { name: 'Typed events' } });
    const session = await rw.POST('/api/2/sessions/', {
      body: { project_id: project.data!.experiment_id, client_system: 'iOS 8.1' },
    });
    const sessionId = session.data!.id;

    const event = await rw.POST('/api/2/events/', {
      body: {
        session_id: sessionId,
        event_type: 'heartbeat',
        client_time: '2017-05-06T22:55:15.114568',
        latitude: 1.2345,
        longitude: 2.3456,
        tag_ids: '3,8',
        data: 'some random data',
      },
    });
    expect(event.response.status).toBe(200);
    expect(event.data).toMatchObject({
      session_id: sessionId,
      event_type: 'heartbeat',
      client_time: '2017-05-06T22:55:15.114568',
      latitude: '1.2345',
      longitude: '2.3456',
      tag_ids: '3,8',
      data: 'some random data',
    });

    const all = await rw.GET('/api/2/events/', { params: { query: { session_id: String(sessionId) } } });
    if (!Array.isArray(all.data)) throw new Error('without page_size the list is a plain array');
    expect(all.data.map((e) => e.event_type)).toEqual(['start_session', 'heartbeat']);

    const page = await rw.GET('/api/2/events/', {
      params: { query: { session_id: String(sessionId), page_size: 1, page: 2 } },
    });
    if (!page.data || Array.isArray(page.data)) throw new Error('with page_size the list is a DRF page');
    expect(page.data).toMatchObject({ count: 2, next: null, results: [{ id: event.data!.id }] });
    expect(page.data.previous).toMatch(/\/api\/2\/events\/\?session_id=\d+&page_size=1$/);

    const one = await rw.GET('/api/2/events/{id}/', { params: { path: { id: event.data!.id } } });
    expect(one.data).toEqual(event.data);

    const history = await rw.GET('/api/2/sessions/{id}/history/', { params: { path: { id: sessionId } } });
    expect(history.data?.session.id).toBe(sessionId);
    expect(history.data?.events.map((e) => e.id)).toEqual(all.data.map((e) => e.id));

    const foreign = await rw.POST('/api/2/events/', { body: { session_id: 999999, event_type: 'x' } });
    expect(foreign.response.status).toBe(400);
    expect(foreign.error).toEqual({ session_id: ['Invalid pk "999999" - object does not exist.'] });
  });

  it('experiments: token pair → create an experiment → start a session → list → detail → stop', async () => {
    const user = await t.makeUser();
    const pair = await typedClient(baseUrl).POST('/api/token/', {
      body: { username: user.username, password: user.password },
    });
    const api = typedClient(baseUrl, pair.data!.access);

    const experiment = await api.POST('/api/experiments', {
      body: { name: 'Typed experiment', description: 'through the typed client' },
    });
    expect(experiment.response.status).toBe(201);
    expect(experiment.data).toMatchObject({ name: 'Typed experiment', owner: user.id });
    const experimentId = experiment.data!.experiment_id;

    const started = await api.POST('/api/sessions', {
      body: { experiment_id: experimentId, session_type: 'sandbox' },
    });
    expect(started.response.status).toBe(201);
    expect(started.data).toMatchObject({
      experiment_id: experimentId,
      session_type: 'sandbox',
      is_active: true,
      end_date_time: null,
      started_by: user.id,
      created_by: user.id,
    });
    const sessionId = started.data!.session_id;

    const page = await api.GET('/api/sessions', { params: { query: { experiment_id: experimentId } } });
    expect(page.data).toMatchObject({ count: 1, next: null, previous: null });
    expect(page.data?.results.map((s) => s.session_id)).toEqual([sessionId]);

    const one = await api.GET('/api/sessions/{id}', { params: { path: { id: sessionId } } });
    expect(one.data).toEqual(started.data);

    const stopped = await api.POST('/api/sessions/{id}/stop', { params: { path: { id: sessionId } } });
    expect(stopped.data).toMatchObject({ is_active: false, ended_by: user.id });
    expect(stopped.data?.end_date_time).toMatch(/\+00:00$/);
    const again = await api.POST('/api/sessions/{id}/stop', { params: { path: { id: sessionId } } });
    expect(again.response.status).toBe(409);

    const ofExperiment = await api.GET('/api/experiments/{id}/sessions', {
      params: { path: { id: experimentId } },
    });
    expect(ofExperiment.data?.experiment_sessions.map((s) => s.session_id)).toEqual([sessionId]);
    const hidden = await typedClient(baseUrl, (await t.makeUser()).token).GET('/api/sessions/{id}', {
      params: { path: { id: sessionId } },
    });
    expect(hidden.response.status).toBe(404);
  });

  it('guidebook: API key → create a guide → a track → a session → list ?guide → detail', async () => {
    const user = await t.makeUser();
    const login = await typedClient(baseUrl).POST('/auth/login', {
      body: { username: user.username, password: user.password },
    });
    const key = await typedClient(baseUrl, login.data!.access_token).POST('/auth/api-keys', {
      body: { name: 'guidebook' },
    });
    const gb = clientWithScheme(baseUrl, `JWT ${key.data!.key}`);

    const guide = await gb.POST('/open-api/v1/guides/', {
      body: { name: 'Open API Conference 2017', timezone: 'America/New_York' },
    });
    expect(guide.response.status).toBe(201);
    expect(guide.data).toMatchObject({ name: 'Open API Conference 2017', owner: user.id });
    const guideId = guide.data!.id;

    const track = await gb.POST('/open-api/v1/schedule-tracks/', {
      body: { guide: guideId, name: 'Keynotes', color: '#000080' },
    });
    expect(track.response.status).toBe(201);
    const trackId = track.data!.id;

    const session = await gb.POST('/open-api/v1/sessions/', {
      body: {
        start_time: '2017-09-18T16:00:00',
        end_time: '2017-09-18T17:00:00',
        guide: guideId,
        description_html: '<p>This is a description field that supports basic HTML</p>',
        name: 'Test Session Created via the Open API',
        schedule_tracks: [trackId],
      },
    });
    expect(session.response.status).toBe(201);
    expect(session.data).toMatchObject({
      start_time: '2017-09-18T16:00:00.000000+0000',
      end_time: '2017-09-18T17:00:00.000000+0000',
      all_day: false,
      import_id: null,
      guide: guideId,
      schedule_tracks: [trackId],
    });
    const sessionId = session.data!.id;

    const page = await gb.GET('/open-api/v1/sessions/', {
      params: { query: { guide: guideId, schedule_tracks: [trackId] } },
    });
    expect(page.data).toMatchObject({ count: 1, next: null, previous: null });
    expect(page.data?.results).toEqual([session.data]);
    const seedForm = await gb.GET('/open-api/v1/sessions/guide={guide}/', {
      params: { path: { guide: guideId } },
    });
    expect(seedForm.data?.results.map((s) => s.id)).toEqual([sessionId]);

    const one = await gb.GET('/open-api/v1/sessions/{id}/', { params: { path: { id: sessionId } } });
    expect(one.data).toEqual(session.data);
    const tracks = await gb.GET('/open-api/v1/schedule-tracks/', { params: { query: { guide: guideId } } });
    expect(tracks.data?.results).toEqual([track.data]);
  });

  it('audiobookshelf: login → me; errors are plain text', async () => {
    const login = await typedClient(baseUrl).POST('/audiobookshelf/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.data?.user).toMatchObject({ username: 'admin', type: 'admin' });
    const me = await typedClient(baseUrl, login.data?.user.accessToken).GET('/auth/me');
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
    const admin = typedClient(baseUrl, login.data!.user.accessToken);

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
