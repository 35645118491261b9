import { Role } from '../../src/common/auth-user';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { createExperiment, startExperimentSession, startRoundwareSession } from './helpers';

/** DESIGN.md "Roles and who sees what", on both views of the one Session. */
describe('sessions and experiments visibility (e2e)', () => {
  let t: TestApp;
  let a: TestUser;
  let b: TestUser;
  let operator: TestUser;
  let admin: TestUser;
  let aProject: number;
  let bProject: number;
  let aSessions: number[];
  let bSessions: number[];

  beforeAll(async () => {
    t = await startTestApp();
    [a, b, operator] = [await t.makeUser(), await t.makeUser(), await t.makeUser({ role: Role.Operator })];
    admin = await t.admin();
    aProject = (await createExperiment(t, bearer(a))).experiment_id;
    bProject = (await createExperiment(t, bearer(b))).experiment_id;
    aSessions = [
      (await startExperimentSession(t, a, aProject)).session_id,
      (await startRoundwareSession(t, bearer(a), { project_id: aProject })).id,
    ];
    bSessions = [
      (await startExperimentSession(t, b, bProject)).session_id,
      (await startRoundwareSession(t, bearer(b), { project_id: bProject })).id,
    ];
  });
  afterAll(() => t.close());

  const get = (who: TestUser, path: string) => t.http.get(path).set('Authorization', bearer(who));
  const experimentIds = async (who: TestUser, query = '') =>
    (await get(who, `/api/sessions${query}`).expect(200)).body.results
      .map((s: { session_id: number }) => s.session_id)
      .sort((x: number, y: number) => x - y);
  const roundwareIds = async (who: TestUser, query = '') =>
    (await get(who, `/api/2/sessions/${query}`).expect(200)).body
      .map((s: { id: number }) => s.id)
      .sort((x: number, y: number) => x - y);
  const projectIds = async (who: TestUser) =>
    (await get(who, '/api/experiments').expect(200)).body.results
      .map((e: { experiment_id: number }) => e.experiment_id)
      .sort((x: number, y: number) => x - y);

  it('a user sees only their own sessions and experiments, on both views', async () => {
    expect(await experimentIds(a)).toEqual(aSessions);
    expect(await roundwareIds(a)).toEqual(aSessions);
    expect(await projectIds(a)).toEqual([aProject]);
    expect(await experimentIds(b)).toEqual(bSessions);
    expect(await roundwareIds(b)).toEqual(bSessions);
    expect(await projectIds(b)).toEqual([bProject]);
    expect(await experimentIds(a, `?experiment_id=${bProject}`)).toEqual([]);
    expect(await roundwareIds(a, `?project_id=${bProject}`)).toEqual([]);
    expect((await get(a, '/api/2/sessions/count/').expect(200)).body).toEqual({ count: 2 });
  });

  it("another user's session and experiment answer 404 on every surface", async () => {
    for (const id of aSessions) {
      for (const res of [
        await get(b, `/api/sessions/${id}`),
        await get(b, `/api/2/sessions/${id}/`),
        await t.http.post(`/api/sessions/${id}/stop`).set('Authorization', bearer(b)),
        await t.http.patch(`/api/2/sessions/${id}/`).set('Authorization', bearer(b)).send({}),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ detail: 'Not found.' });
      }
    }
    for (const path of [
      `/api/experiments/${aProject}`,
      `/api/experiments/${aProject}/sessions`,
      `/api/2/projects/${aProject}/?session_id=${aSessions[0]}`,
    ]) {
      expect((await get(b, path)).status).toBe(404);
    }
    // …and nothing was stopped by those attempts
    expect((await get(a, `/api/sessions/${aSessions[0]}`).expect(200)).body.is_active).toBe(true);
  });

  it('a user cannot start a session in a project they cannot see, on either view', async () => {
    const exp = await t.http
      .post('/api/sessions')
      .set('Authorization', bearer(b))
      .send({ experiment_id: aProject })
      .expect(400);
    expect(exp.body).toEqual({ experiment_id: [`Invalid pk "${aProject}" - object does not exist.`] });
    const rw = await t.http
      .post('/api/2/sessions/')
      .set('Authorization', bearer(b))
      .send({ project_id: aProject, client_system: 'x' })
      .expect(400);
    expect(rw.body).toEqual({ project_id: [`Invalid pk "${aProject}" - object does not exist.`] });
    expect(await experimentIds(a)).toEqual(aSessions);
  });

  it('an operator and an admin see everything', async () => {
    for (const who of [operator, admin]) {
      expect(await experimentIds(who)).toEqual([...aSessions, ...bSessions]);
      expect(await roundwareIds(who)).toEqual([...aSessions, ...bSessions]);
      expect(await projectIds(who)).toEqual([aProject, bProject]);
      expect((await get(who, `/api/sessions/${aSessions[0]}`).expect(200)).body.started_by).toBe(a.id);
      expect((await get(who, `/api/2/sessions/${bSessions[1]}/`).expect(200)).body.project_id).toBe(bProject);
      expect((await get(who, `/api/experiments/${aProject}`).expect(200)).body.owner).toBe(a.id);
    }
  });

  it("an operator may start a session in anyone's project; it is the operator's session", async () => {
    const s = await startExperimentSession(t, operator, aProject);
    expect(s.started_by).toBe(operator.id);
    // a sees the experiment but only their own sessions in it
    const ofA = await get(a, `/api/experiments/${aProject}/sessions`).expect(200);
    expect(ofA.body.experiment_sessions.map((x: { session_id: number }) => x.session_id).sort()).toEqual(
      [...aSessions].sort(),
    );
    const ofOperator = await get(operator, `/api/experiments/${aProject}/sessions`).expect(200);
    expect(ofOperator.body.experiment_sessions).toHaveLength(3);
  });

  it('DELETE /api/sessions/{id} is 403 for a user (even their own) and an operator, 204 for an admin', async () => {
    const id = aSessions[0];
    for (const who of [a, operator]) {
      const res = await t.http.delete(`/api/sessions/${id}`).set('Authorization', bearer(who)).expect(403);
      // DRF shape; the exact text is the shared filter's (it currently renders Nest's "Forbidden")
      expect(res.body).toEqual({ detail: expect.any(String) });
    }
    await t.http.delete(`/api/sessions/${id}`).set('Authorization', bearer(admin)).expect(204);
    await get(a, `/api/sessions/${id}`).expect(404);
    await get(admin, `/api/2/sessions/${id}/`).expect(404);
    await t.http.delete(`/api/sessions/${id}`).set('Authorization', bearer(admin)).expect(404);
    await t.http.delete(`/api/sessions/${id}`).expect(401);
  });
});
