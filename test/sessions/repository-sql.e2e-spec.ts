import { Role } from '../../src/common/auth-user';
import { Sql } from '../../src/database/sql';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { makeProject } from '../events/sessions';

/**
 * The SQL text of every `Sql` statement the sessions and events repositories run for the main routes,
 * committed as a snapshot (as immich commits its queries): a changed hot query shows up in review.
 * Values are bound, so the texts are the same on both engines (latitude/longitude filters, whose text
 * differs by engine, are left out).
 */
describe('Sessions and events repository SQL (snapshot)', () => {
  let t: TestApp;
  let user: TestUser;
  let operator: TestUser;
  const seen = new Map<string, Set<string>>();

  beforeAll(async () => {
    t = await startTestApp();
    user = await t.makeUser();
    operator = await t.makeUser({ role: Role.Operator });
    const record = (sql: string) => {
      const file = /src\/(sessions|events)\/([\w.-]+\.repository)\.ts/.exec(new Error().stack ?? '');
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
    const snapshot = Object.fromEntries([...seen].sort().map(([file, texts]) => [file, [...texts].sort()]));
    expect(snapshot).toMatchSnapshot();
  });
});
