import { Role } from '../../src/common/auth-user';
import { Sql, SqlParams, step } from '../../src/database/sql';
import { makeProject } from '../events/sessions';
import { makeGuide, makeLocation, makeOrganiser, makeSession, makeTrack } from '../guides/guidebook-helpers';
import { abs, makeCatalogue, SEED_SYNC, seedLocalSession } from '../playback-sessions/abs-helpers';
import { ADMIN_PASSWORD, bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';

/**
 * The SQL text of every `Sql` statement the feature repositories run for the main routes of every surface
 * (auth, sessions, events, Guidebook, Audiobookshelf), by repository file, committed as a snapshot (as
 * immich commits its queries): a changed hot query shows up in review. Values are bound, so the texts
 * are the same on both engines (latitude/longitude filters and the webhook poller's claim, whose texts
 * differ by engine, are left out).
 */
describe('Repository SQL of the main routes (snapshot)', () => {
  let t: TestApp;
  let user: TestUser;
  let operator: TestUser;
  const seen = new Map<string, Set<string>>();

  beforeAll(async () => {
    t = await startTestApp();
    user = await t.makeUser();
    operator = await t.makeUser({ role: Role.Operator });
    const record = (sql: string) => {
      const file = /src\/([\w-]+)\/([\w.-]+\.repository)\.ts/.exec(new Error().stack ?? '');
      if (!file) return;
      const key = `${file[1]}/${file[2]}`;
      if (!seen.has(key)) seen.set(key, new Set());
      seen.get(key)!.add(sql.replace(/\s+/g, ' ').trim());
    };
    for (const method of ['all', 'one', 'run'] as const) {
      const original = Sql.prototype[method] as (
        this: Sql,
        sql: string,
        params?: unknown,
      ) => Promise<unknown>;
      jest.spyOn(Sql.prototype, method).mockImplementation(function (
        this: Sql,
        sql: string,
        params?: unknown,
      ) {
        record(sql);
        return original.call(this, sql, params);
      });
      // the statements of `Sql.atomic` plans (built in the repository, run by Sql without all/one/run on SQLite)
      const build = step[method];
      jest.spyOn(step, method).mockImplementation((sql: string, params?: SqlParams) => {
        record(sql);
        return build(sql, params);
      });
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('runs these statements', async () => {
    const as = (u: TestUser) => ({ Authorization: bearer(u) });
    const project = await makeProject(t, user.id);
    for (const u of [user, operator]) {
      const s = await t.http
        .post('/api/2/sessions/')
        .set(as(u))
        .send({ project_id: project, client_system: 'iOS 8.1', language: 'en' });
      const id = (s.body as { id: number }).id ?? 0;
      await t.http
        .get(`/api/2/sessions/?project_id=${project}&language=en&geo_listen_enabled=false`)
        .set(as(u));
      await t.http.get('/api/2/sessions/?page_size=2').set(as(u));
      await t.http.get('/api/2/sessions/count/').set(as(u));
      await t.http.get(`/api/sessions?experiment_id=${project}&active=true`).set(as(u));
      await t.http.get(`/api/experiments/${project}/sessions`).set(as(u));
      await t.http.get('/api/experiments').set(as(u));
      const e = await t.http
        .post('/api/2/events/')
        .set(as(u))
        .send({ session_id: id, event_type: 'heartbeat', tag_ids: '3' });
      await t.http
        .post('/api/2/events/batch/?echo=false')
        .set(as(u))
        .send([{ session_id: id, event_type: 'x' }]);
      await t.http
        .get(`/api/2/events/?session_id=${id}&event_type=heart&tag_ids=3&server_time__gt=2017-01-01`)
        .set(as(u));
      await t.http.get('/api/2/events/?page_size=1&page=1').set(as(u));
      await t.http.get(`/api/2/events/${(e.body as { id: number }).id}/`).set(as(u));
      await t.http.get(`/api/2/events/export/?format=ndjson&session_id=${id}`).set(as(u));
      await t.http.get(`/api/2/sessions/${id}/history/`).set(as(u));
      await t.http.patch(`/api/2/sessions/${id}/`).set(as(u)).send({});
    }
    const admin = await t.admin();
    await t.http.post('/api/experiments').set(as(admin)).send({ name: 'x' });

    // auth: password logins on each surface, API keys, device registration, token refresh
    await t.http.post('/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD });
    const pair = await t.http.post('/api/token/').send({ username: user.username, password: user.password });
    await t.http.post('/api/token/refresh/').send({ refresh: pair.body.refresh });
    const key = await t.apiKey(user);
    await t.http.get('/auth/me').set('Authorization', `token ${key}`);
    await t.http.get('/auth/api-keys').set(as(user));
    await t.http.post('/api/2/users/').send({ device_id: 'sql-snapshot-device', client_type: 'web' });
    const absLogin = await t.http
      .post('/audiobookshelf/login')
      .set('x-return-tokens', 'true')
      .send({ username: user.username, password: user.password });
    await t.http.post('/audiobookshelf/auth/refresh').set('x-refresh-token', absLogin.body.user.refreshToken);

    // Guidebook: a guide, a track, a location, a session linking both, the lists
    const organiser = await makeOrganiser(t);
    const guide = await makeGuide(t, organiser);
    const track = await makeTrack(t, organiser, guide);
    const location = await makeLocation(t, organiser, guide);
    const gbSession = await makeSession(t, organiser, guide, {
      schedule_tracks: [track],
      locations: [location],
    });
    const gb = (path: string) => t.http.get(path).set('Authorization', organiser.auth);
    await gb('/open-api/v1/guides/');
    await gb(`/open-api/v1/schedule-tracks/?guide=${guide}`);
    await gb(`/open-api/v1/locations/?guide=${guide}`);
    await gb(`/open-api/v1/sessions/?guide=${guide}&ordering=-start_time`);
    await t.http
      .patch(`/open-api/v1/sessions/${gbSession.id}/`)
      .set('Authorization', organiser.auth)
      .send({ name: 'Renamed' });

    // Audiobookshelf: play, sync, close, the lists, stats, progress, an offline upload
    const catalogue = await makeCatalogue(t);
    const listener = abs(t, user);
    const play = await listener.post(`/items/${catalogue.podcastId}/play/${catalogue.episodeId}`, {});
    await listener.post(`/session/${play.body.id}/sync`, SEED_SYNC);
    await listener.post(`/session/${play.body.id}/close`, SEED_SYNC);
    await listener.post('/session/local', seedLocalSession(catalogue));
    await listener.get('/me/listening-sessions');
    await listener.get('/me/listening-stats');
    await listener.get(`/me/progress/${catalogue.podcastId}/${catalogue.episodeId}`);
    await listener.get('/me');
    await abs(t, admin).get('/sessions?itemsPerPage=10&page=0');
    await abs(t, admin).get('/sessions/open');
    const snapshot = Object.fromEntries([...seen].sort().map(([file, texts]) => [file, [...texts].sort()]));
    expect(snapshot).toMatchSnapshot();
  });
});
