import { Role } from '../../src/common/auth-user';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { makeProject, makeSession } from './sessions';

const KEYS = ['id', 'duration_in_seconds', 'start_time', 'session_id', 'asset_id', 'project_id'];

describe('Roundware listen events /api/2/listenevents/ (e2e)', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let operator: TestUser;
  let admin: TestUser;
  let aliceProject: number;
  let aliceSession: number;
  let aliceSession2: number;
  let bobSession: number;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await t.makeUser();
    bob = await t.makeUser();
    operator = await t.makeUser({ role: Role.Operator });
    admin = await t.admin();
    aliceProject = await makeProject(t, alice.id);
    aliceSession = await makeSession(t, alice.id, aliceProject);
    aliceSession2 = await makeSession(t, alice.id);
    bobSession = await makeSession(t, bob.id);
    // listen events name assets (a foreign key): assets 1..12 of a public project
    const project = await t.http
      .post('/api/2/projects/')
      .set('Authorization', `token ${admin.token}`)
      .send({ name: 'Listen' })
      .expect(200);
    for (let i = 1; i <= 12; i++) {
      const asset = await t.http
        .post('/api/2/assets/')
        .set('Authorization', `token ${admin.token}`)
        .send({ project_id: project.body.id, description: `a${i}` })
        .expect(200);
      expect(asset.body.id).toBe(i);
    }
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => `token ${user.token}`;
  const post = (user: TestUser, body: Record<string, unknown>) =>
    t.http.post('/api/2/listenevents/').set('Authorization', as(user)).send(body);
  const get = (user: TestUser, url: string) => t.http.get(url).set('Authorization', as(user));

  it("stores what the web framework posts and answers upstream's shape (200)", async () => {
    const res = await post(alice, {
      starttime: '2026-12-01T10:00:00.250Z',
      session: aliceSession,
      asset: 12,
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(KEYS);
    expect(res.body).toEqual({
      id: expect.any(Number),
      duration_in_seconds: null,
      start_time: '2026-12-01T10:00:00.250000',
      session_id: aliceSession,
      asset_id: 12,
      project_id: aliceProject,
    });
    // the client's PATCH has no trailing slash; the seconds are stored as nanoseconds
    const patched = await t.http
      .patch(`/api/2/listenevents/${res.body.id}`)
      .set('Authorization', as(alice))
      .send({ duration_in_seconds: 12.3456 })
      .expect(200);
    expect(patched.body).toEqual({ ...res.body, duration_in_seconds: 12.35 });
    const nanos = await get(alice, `/api/2/listenevents/?duration=12345600000`).expect(200);
    expect(nanos.body.map((e: { id: number }) => e.id)).toEqual([res.body.id]);
    expect((await get(alice, `/api/2/listenevents/${res.body.id}/`).expect(200)).body).toEqual(patched.body);
    const cleared = await t.http
      .patch(`/api/2/listenevents/${res.body.id}/`)
      .set('Authorization', as(alice))
      .send({ duration_in_seconds: null })
      .expect(200);
    expect(cleared.body.duration_in_seconds).toBeNull();
    const refused = await t.http
      .patch(`/api/2/listenevents/${res.body.id}/`)
      .set('Authorization', as(alice))
      .send({ asset: null })
      .expect(400);
    expect(refused.body).toEqual({ asset: ['This field may not be null.'] });
  });

  it('accepts the _id aliases and form-encoded bodies; reports every missing field', async () => {
    const form = await t.http
      .post('/api/2/listenevents/')
      .set('Authorization', as(alice))
      .type('form')
      .send({
        session_id: String(aliceSession2),
        asset_id: '5',
        start_time: '2026-12-01T11:00:00',
        duration_in_seconds: '2.5',
      })
      .expect(200);
    expect(form.body).toMatchObject({ session_id: aliceSession2, asset_id: 5, duration_in_seconds: 2.5 });
    const missing = await post(alice, {}).expect(400);
    expect(missing.body).toEqual({
      session: ['This field is required.'],
      asset: ['This field is required.'],
      starttime: ['This field is required.'],
    });
    const bad = await post(alice, { session: aliceSession, asset: 1, starttime: 'soon' }).expect(400);
    expect(bad.body).toEqual({ starttime: [expect.stringContaining('Datetime has wrong format')] });
  });

  it("another user's session is Invalid pk; their listen events are 404; operators see all", async () => {
    const foreign = await post(alice, { session: bobSession, asset: 1, starttime: '2026-12-01T10:00:00' });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toEqual({ session: [`Invalid pk "${bobSession}" - object does not exist.`] });
    const bobs = (
      await post(bob, { session: bobSession, asset: 3, starttime: '2026-12-01T09:00:00' }).expect(200)
    ).body;
    await get(alice, `/api/2/listenevents/${bobs.id}/`).expect(404);
    await t.http
      .patch(`/api/2/listenevents/${bobs.id}/`)
      .set('Authorization', as(alice))
      .send({ duration_in_seconds: 1 })
      .expect(404);
    expect(
      (await get(alice, '/api/2/listenevents/').expect(200)).body.map((e: { id: number }) => e.id),
    ).not.toContain(bobs.id);
    await get(operator, `/api/2/listenevents/${bobs.id}/`).expect(200);
    await t.http
      .patch(`/api/2/listenevents/${bobs.id}/`)
      .set('Authorization', bearer(operator))
      .send({ duration_in_seconds: 4 })
      .expect(200);
  });

  it('filters by session, asset, project, start and duration ranges; counts and pages', async () => {
    const session = await makeSession(t, alice.id, aliceProject);
    const make = async (asset: number, starttime: string, duration_in_seconds?: number) =>
      (await post(alice, { session, asset, starttime, duration_in_seconds }).expect(200)).body.id as number;
    const a = await make(10, '2025-01-01T00:00:00', 1);
    const b = await make(11, '2025-01-02T00:00:00', 5);
    const c = await make(10, '2025-01-03T00:00:00', 10);
    const ids = async (query: string) =>
      ((await get(alice, `/api/2/listenevents/?${query}`).expect(200)).body as { id: number }[]).map(
        (e) => e.id,
      );
    expect(await ids(`session_id=${session}`)).toEqual([a, b, c]);
    expect(await ids(`session=${session}&asset=10`)).toEqual([a, c]);
    expect(await ids(`session_id=${session}&asset_id=11`)).toEqual([b]);
    expect(await ids(`session_id=${session}&start_time__gte=2025-01-02T00:00:00`)).toEqual([b, c]);
    expect(await ids(`session_id=${session}&start_time__lte=2025-01-02T00:00:00`)).toEqual([a, b]);
    expect(await ids(`session_id=${session}&duration__gte=5000000000&duration__lte=9000000000`)).toEqual([b]);
    expect(await ids(`project_id=${aliceProject}&asset_id=10`)).toEqual(expect.arrayContaining([a, c]));
    expect(await ids(`project_id=${aliceProject}&asset_id=10&session_id=${aliceSession2}`)).toEqual([]);
    const count = await get(alice, `/api/2/listenevents/count/?session_id=${session}&asset=10`).expect(200);
    expect(count.body).toEqual({ count: 2 });
    const page = await get(alice, `/api/2/listenevents/?session_id=${session}&page_size=2&page=2`).expect(
      200,
    );
    expect(page.body).toMatchObject({ count: 3, next: null, results: [{ id: c }] });
    expect(page.body.previous).toMatch(/\/api\/2\/listenevents\/\?session_id=\d+&page_size=2$/);
    const unknown = await get(alice, '/api/2/listenevents/?colour=red').expect(400);
    expect(unknown.body).toEqual({ colour: [expect.any(String)] });
    await get(alice, '/api/2/listenevents/?session_id=x').expect(400);
    // they are part of the session's history
    const history = await get(alice, `/api/2/sessions/${session}/history/`).expect(200);
    expect(history.body.listen_events.map((e: { id: number }) => e.id)).toEqual([a, b, c]);
  });

  it('only admins delete (204); wrong methods answer 405 with Allow', async () => {
    const id = (
      await post(alice, { session: aliceSession, asset: 9, starttime: '2026-12-01T10:00:00' }).expect(200)
    ).body.id;
    await t.http.delete(`/api/2/listenevents/${id}/`).set('Authorization', as(alice)).expect(403);
    const res = await t.http.delete(`/api/2/listenevents/${id}/`).set('Authorization', bearer(admin));
    expect(res.status).toBe(204);
    await get(alice, `/api/2/listenevents/${id}/`).expect(404);
    await t.http.delete(`/api/2/listenevents/${id}/`).set('Authorization', bearer(admin)).expect(404);
    const put = await t.http.put(`/api/2/listenevents/${id}`).set('Authorization', as(alice)).send({});
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, PATCH, DELETE, HEAD');
    expect(put.body).toEqual({ detail: 'Method "PUT" not allowed.' });
    const del = await t.http.delete('/api/2/listenevents/').set('Authorization', as(alice));
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('GET, POST, HEAD');
    const count = await t.http.post('/api/2/listenevents/count/').set('Authorization', as(alice)).send({});
    expect(count.status).toBe(405);
  });

  it('an asset that does not exist is 400 Invalid pk (create and PATCH); deleting an asset deletes its plays', async () => {
    const missing = await post(alice, {
      session: aliceSession,
      asset: 999,
      starttime: '2026-12-01T10:00:00',
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ asset: ['Invalid pk "999" - object does not exist.'] });
    const id = (
      await post(alice, { session: aliceSession, asset: 12, starttime: '2026-12-01T10:00:00' }).expect(200)
    ).body.id;
    const patched = await t.http
      .patch(`/api/2/listenevents/${id}`)
      .set('Authorization', as(alice))
      .send({ asset: 998 });
    expect(patched.status).toBe(400);
    expect(patched.body).toEqual({ asset: ['Invalid pk "998" - object does not exist.'] });
    await t.http.delete('/api/2/assets/12/').set('Authorization', as(admin)).expect(204);
    await get(alice, `/api/2/listenevents/${id}/`).expect(404);
  });

  it("start_time__range: upstream's today / yesterday / week / month / year (UTC); a bad choice is 400", async () => {
    const session = await makeSession(t, alice.id, aliceProject);
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * 86_400_000);
    const times = [0, 1, 10, 400].map(at);
    const ids: number[] = [];
    for (const time of times)
      ids.push(
        (
          await post(alice, {
            session,
            asset: 1,
            starttime: time.toISOString().replace('Z', ''),
          }).expect(200)
        ).body.id,
      );
    const list = async (range: string) =>
      (
        await get(alice, `/api/2/listenevents/?session_id=${session}&start_time__range=${range}`).expect(200)
      ).body.map((e: { id: number }) => e.id);
    const d = new Date(now);
    const where = (keep: (time: Date) => boolean) => ids.filter((_id, i) => keep(times[i]));
    expect(await list('today')).toEqual([ids[0]]);
    expect(await list('yesterday')).toEqual([ids[1]]);
    expect(await list('week')).toEqual([ids[0], ids[1]]);
    expect(await list('month')).toEqual(
      where((x) => x.getUTCFullYear() === d.getUTCFullYear() && x.getUTCMonth() === d.getUTCMonth()),
    );
    expect(await list('year')).toEqual(where((x) => x.getUTCFullYear() === d.getUTCFullYear()));
    const both = await get(
      alice,
      `/api/2/listenevents/?session_id=${session}&start_time__range=week&start_time__lte=${at(0.5).toISOString()}`,
    ).expect(200);
    expect(both.body.map((e: { id: number }) => e.id)).toEqual([ids[1]]);
    const bad = await get(alice, '/api/2/listenevents/?start_time__range=2025-01-01,2025-02-01').expect(400);
    expect(bad.body).toEqual({
      start_time__range: [
        'Select a valid choice. 2025-01-01,2025-02-01 is not one of the available choices.',
      ],
    });
  });
});
