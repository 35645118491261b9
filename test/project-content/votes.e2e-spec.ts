import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { makeProject, makeSession, tempMediaDir } from './helpers';

describe('Roundware asset votes (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let publicProject: number;
  let privateProject: number;
  let asset: number;
  let privateAsset: number;
  let aliceSession: number;
  let bobSession: number;

  beforeAll(async () => {
    t = await startTestApp({ MEDIA_DIR: tempMediaDir() });
    admin = await t.admin();
    alice = await t.makeUser();
    bob = await t.makeUser();
    publicProject = (
      await t.http
        .post('/api/2/projects/')
        .set('Authorization', bearer(admin))
        .send({ name: 'Public walk', latitude: 42.5, longitude: -71.25 })
        .expect(200)
    ).body.id;
    privateProject = await makeProject(t, alice, 'Private');
    asset = (
      await as(admin).post('/api/2/assets/', { project_id: publicProject, description: 'Dawn' }).expect(200)
    ).body.id;
    privateAsset = (
      await as(admin).post('/api/2/assets/', { project_id: privateProject, description: 'Mine' }).expect(200)
    ).body.id;
    aliceSession = await makeSession(t, alice, publicProject);
    bobSession = await makeSession(t, bob, publicProject);
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => ({
    get: (url: string) => t.http.get(url).set('Authorization', bearer(user)),
    post: (url: string, body: object) => t.http.post(url).set('Authorization', bearer(user)).send(body),
  });

  it('an asset without votes counts []', async () => {
    expect((await as(bob).get(`/api/2/assets/${asset}/votes/`).expect(200)).body).toEqual([]);
  });

  it('any authenticated user votes from their session (200, upstream keys, counts after the vote)', async () => {
    const res = await as(alice)
      .post(`/api/2/assets/${asset}/votes/`, { session_id: aliceSession, vote_type: 'like', value: 1 })
      .expect(200);
    expect(res.body).toEqual({
      id: expect.any(Number),
      value: 1,
      type: 'like',
      voter_id: alice.id,
      asset_id: asset,
      session_id: aliceSession,
      asset_votes: [{ type: 'like', total: 1 }],
    });
    await as(bob)
      .post(`/api/2/assets/${asset}/votes`, { session_id: bobSession, vote_type: 'like', value: 1 })
      .expect(200);
    await as(bob)
      .post(`/api/2/assets/${asset}/votes/`, { session_id: bobSession, vote_type: 'rate', value: 4 })
      .expect(200);
    await as(alice)
      .post(`/api/2/assets/${asset}/votes/`, { session_id: aliceSession, vote_type: 'rate', value: 5 })
      .expect(200);
    expect((await as(bob).get(`/api/2/assets/${asset}/votes`).expect(200)).body).toEqual([
      { type: 'like', total: 2 },
      { type: 'rate', total: 2, avg: 4.5 },
    ]);
  });

  it('a second vote of the same type replaces the value; one without value removes it (toggle)', async () => {
    const replaced = await as(alice)
      .post(`/api/2/assets/${asset}/votes/`, { session_id: aliceSession, vote_type: 'rate', value: 1 })
      .expect(200);
    expect(replaced.body.asset_votes).toContainEqual({ type: 'rate', total: 2, avg: 2.5 });
    const removed = await as(alice)
      .post(`/api/2/assets/${asset}/votes/`, { session_id: aliceSession, vote_type: 'like' })
      .expect(200);
    expect(removed.body).toMatchObject({ type: 'like', value: 1, session_id: aliceSession });
    expect(removed.body.asset_votes).toContainEqual({ type: 'like', total: 1 });
    const again = await as(alice)
      .post(`/api/2/assets/${asset}/votes/`, { session_id: aliceSession, vote_type: 'flag' })
      .expect(200);
    expect(again.body).toMatchObject({ type: 'flag', value: null });
  });

  it("DRF dialect 400s: missing fields, a bad type, a bad value, another user's session", async () => {
    const res = await as(bob).post(`/api/2/assets/${asset}/votes/`, {}).expect(400);
    expect(res.body).toEqual({
      session_id: ['This field is required.'],
      vote_type: ['This field is required.'],
    });
    expect(
      (
        await as(bob)
          .post(`/api/2/assets/${asset}/votes/`, { session_id: bobSession, vote_type: 'love' })
          .expect(400)
      ).body,
    ).toEqual({ vote_type: ['"love" is not a valid choice.'] });
    expect(
      (
        await as(bob)
          .post(`/api/2/assets/${asset}/votes/`, { session_id: bobSession, vote_type: 'rate', value: 'x' })
          .expect(400)
      ).body,
    ).toEqual({ value: ['A valid integer is required.'] });
    expect(
      (
        await as(bob)
          .post(`/api/2/assets/${asset}/votes/`, { session_id: aliceSession, vote_type: 'like', value: 1 })
          .expect(400)
      ).body,
    ).toEqual({ session_id: [`Invalid pk "${aliceSession}" - object does not exist.`] });
  });

  it("a private project's asset: 404 for another user; anonymous 401; a wrong method 405", async () => {
    await as(bob).get(`/api/2/assets/${privateAsset}/votes/`).expect(404);
    await as(bob)
      .post(`/api/2/assets/${privateAsset}/votes/`, { session_id: bobSession, vote_type: 'like', value: 1 })
      .expect(404);
    await as(bob).get('/api/2/assets/999999/votes/').expect(404);
    // the owner sees it, but a session of another project is not one the vote can be cast from
    await as(alice)
      .post(`/api/2/assets/${privateAsset}/votes/`, { session_id: aliceSession, vote_type: 'like', value: 1 })
      .expect(400);
    await t.http.get(`/api/2/assets/${asset}/votes/`).expect(401);
    const res = await t.http.delete(`/api/2/assets/${asset}/votes/`).set('Authorization', bearer(bob));
    expect(res.status).toBe(405);
    expect(res.headers.allow).toContain('POST');
  });

  it('a vote goes with its asset', async () => {
    await as(admin).post(`/api/2/assets/${privateAsset}/votes/`, {
      session_id: await makeSession(t, admin, privateProject),
      vote_type: 'like',
      value: 1,
    });
    await t.http.delete(`/api/2/assets/${privateAsset}/`).set('Authorization', bearer(admin)).expect(204);
    await as(admin).get(`/api/2/assets/${privateAsset}/votes/`).expect(404);
  });
});
