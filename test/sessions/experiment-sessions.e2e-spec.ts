import { Role } from '../../src/common/auth-user';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import {
  createExperiment,
  micros,
  registerDevice,
  startExperimentSession,
  startRoundwareSession,
  token,
} from './helpers';

const OFFSET_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;
const LIST_KEYS = [
  'end_date_time',
  'ended_by',
  'experiment_id',
  'is_active',
  'session_id',
  'session_type',
  'start_date_time',
  'started_by',
];
const DETAIL_KEYS = [
  'created_by',
  'created_time',
  'end_date_time',
  'ended_by',
  'experiment_id',
  'is_active',
  'modified_by',
  'modified_time',
  'session_id',
  'session_type',
  'start_date_time',
  'started_by',
];
const EXPERIMENT_KEYS = [
  'created_time',
  'demo_stream_enabled',
  'description',
  'experiment_id',
  'geo_listen_enabled',
  'modified_time',
  'name',
  'owner',
];

describe('experiment sessions /api/sessions and /api/experiments (e2e)', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    user = await t.makeUser();
  });
  afterAll(() => t.close());

  const get = (path: string, who: { token: string } = user) =>
    t.http.get(path).set('Authorization', bearer(who));

  describe('POST /api/experiments', () => {
    it('creates a project owned by the caller, with its defaults', async () => {
      const res = await t.http
        .post('/api/experiments')
        .set('Authorization', bearer(user))
        .send({ name: 'River walk', description: 'Sounds by the river', geo_listen_enabled: true })
        .expect(201);
      expect(Object.keys(res.body)).toEqual(EXPERIMENT_KEYS);
      expect(res.body).toEqual({
        created_time: expect.stringMatching(OFFSET_ISO),
        demo_stream_enabled: false,
        description: 'Sounds by the river',
        experiment_id: expect.any(Number),
        geo_listen_enabled: true,
        modified_time: res.body.created_time,
        name: 'River walk',
        owner: user.id,
      });
      expect((await get(`/api/experiments/${res.body.experiment_id}`).expect(200)).body).toEqual(res.body);
    });

    it('validates the body in DRF dialect', async () => {
      const send = (body: object) =>
        t.http.post('/api/experiments').set('Authorization', bearer(user)).send(body);
      expect((await send({}).expect(400)).body).toEqual({ name: ['This field is required.'] });
      expect((await send({ name: '' }).expect(400)).body).toEqual({ name: ['This field may not be blank.'] });
      expect((await send({ name: 'x', geo_listen_enabled: 'maybe' }).expect(400)).body).toEqual({
        geo_listen_enabled: ['Must be a valid boolean.'],
      });
      expect((await send({ name: 'x'.repeat(256) }).expect(400)).body).toEqual({
        name: ['Ensure this field has no more than 255 characters.'],
      });
    });
  });

  describe('start and stop', () => {
    let experimentId: number;
    beforeAll(async () => {
      experimentId = (await createExperiment(t, bearer(user))).experiment_id;
    });

    it('starts a session: 201, started_by the caller, active, type development by default', async () => {
      const before = Date.now() * 1000;
      const res = await t.http
        .post('/api/sessions')
        .set('Authorization', bearer(user))
        .send({ experiment_id: experimentId })
        .expect(201);
      expect(Object.keys(res.body)).toEqual(DETAIL_KEYS);
      expect(res.body).toEqual({
        created_by: user.id,
        created_time: res.body.start_date_time,
        end_date_time: null,
        ended_by: null,
        experiment_id: experimentId,
        is_active: true,
        modified_by: user.id,
        modified_time: res.body.start_date_time,
        session_id: expect.any(Number),
        session_type: 'development',
        start_date_time: expect.stringMatching(OFFSET_ISO),
        started_by: user.id,
      });
      expect(micros(res.body.start_date_time)).toBeGreaterThanOrEqual(before - 1000);
      expect((await get(`/api/sessions/${res.body.session_id}`).expect(200)).body).toEqual(res.body);
    });

    it.each(['development', 'emulation', 'sandbox', 'testbed'])('accepts session_type %s', async (type) => {
      const s = await startExperimentSession(t, user, experimentId, type);
      expect(s.session_type).toBe(type);
    });

    it('refuses a bad session_type and a missing, malformed or invisible experiment_id', async () => {
      const send = (body: object) =>
        t.http.post('/api/sessions').set('Authorization', bearer(user)).send(body);
      expect((await send({ experiment_id: experimentId, session_type: 'bogus' }).expect(400)).body).toEqual({
        session_type: ['"bogus" is not a valid choice.'],
      });
      expect((await send({}).expect(400)).body).toEqual({ experiment_id: ['This field is required.'] });
      expect(Object.keys((await send({ experiment_id: 'one' }).expect(400)).body)).toEqual(['experiment_id']);
      expect((await send({ experiment_id: 999999 }).expect(400)).body).toEqual({
        experiment_id: ['Invalid pk "999999" - object does not exist.'],
      });
    });

    it('stops a session once: ended_by, end_date_time, inactive; a second stop is 409', async () => {
      const s = await startExperimentSession(t, user, experimentId);
      const res = await t.http
        .post(`/api/sessions/${s.session_id}/stop`)
        .set('Authorization', bearer(user))
        .expect(200);
      expect(Object.keys(res.body)).toEqual(DETAIL_KEYS);
      expect(res.body).toMatchObject({
        session_id: s.session_id,
        is_active: false,
        ended_by: user.id,
        end_date_time: expect.stringMatching(OFFSET_ISO),
        modified_by: user.id,
        created_time: s.created_time,
        start_date_time: s.start_date_time,
      });
      expect(micros(res.body.end_date_time)).toBeGreaterThanOrEqual(micros(s.start_date_time as string));
      expect(micros(res.body.modified_time)).toBeGreaterThanOrEqual(micros(res.body.end_date_time));
      const again = await t.http
        .post(`/api/sessions/${s.session_id}/stop`)
        .set('Authorization', bearer(user))
        .expect(409);
      expect(again.body).toEqual({ detail: 'This session has already been stopped.' });
      expect((await get(`/api/sessions/${s.session_id}`).expect(200)).body).toEqual(res.body);
    });

    it('lets exactly one of two concurrent stops win', async () => {
      const s = await startExperimentSession(t, user, experimentId);
      const stop = () => t.http.post(`/api/sessions/${s.session_id}/stop`).set('Authorization', bearer(user));
      const statuses = (await Promise.all([stop(), stop(), stop()])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409]);
    });

    it('lets an operator stop a user session (ended_by = the operator)', async () => {
      const s = await startExperimentSession(t, user, experimentId);
      const operator = await t.makeUser({ role: Role.Operator });
      const res = await t.http
        .post(`/api/sessions/${s.session_id}/stop`)
        .set('Authorization', bearer(operator))
        .expect(200);
      expect(res.body).toMatchObject({
        started_by: user.id,
        ended_by: operator.id,
        modified_by: operator.id,
      });
    });
  });

  describe('GET /api/sessions', () => {
    let owner: TestUser;
    let e1: number;
    let e2: number;
    const ids: number[] = [];

    beforeAll(async () => {
      owner = await t.makeUser();
      e1 = (await createExperiment(t, bearer(owner))).experiment_id;
      e2 = (await createExperiment(t, bearer(owner))).experiment_id;
      for (const e of [e1, e2, e1, e2, e1]) ids.push((await startExperimentSession(t, owner, e)).session_id);
      await t.http.post(`/api/sessions/${ids[0]}/stop`).set('Authorization', bearer(owner)).expect(200);
      await t.http.post(`/api/sessions/${ids[3]}/stop`).set('Authorization', bearer(owner)).expect(200);
    });

    const pageOf = async (query: string) => (await get(`/api/sessions${query}`, owner).expect(200)).body;

    it('lists newest first in the envelope, with exactly the 8 keys of the seed', async () => {
      const body = await pageOf('');
      expect(body).toEqual({ count: 5, next: null, previous: null, results: expect.any(Array) });
      expect(body.results.map((s: { session_id: number }) => s.session_id)).toEqual([...ids].reverse());
      for (const s of body.results) expect(Object.keys(s)).toEqual(LIST_KEYS);
      expect(body.results[4]).toEqual({
        end_date_time: expect.stringMatching(OFFSET_ISO),
        ended_by: owner.id,
        experiment_id: e1,
        is_active: false,
        session_id: ids[0],
        session_type: 'development',
        start_date_time: expect.stringMatching(OFFSET_ISO),
        started_by: owner.id,
      });
    });

    it('paginates with absolute next/previous URLs and 404 past the end', async () => {
      const first = await pageOf('?page_size=2');
      expect(first.count).toBe(5);
      expect(first.results.map((s: { session_id: number }) => s.session_id)).toEqual([ids[4], ids[3]]);
      expect(first.previous).toBeNull();
      const next = new URL(first.next);
      expect(next.protocol).toBe('http:');
      expect(next.pathname).toBe('/api/sessions');
      expect(Object.fromEntries(next.searchParams)).toEqual({ page_size: '2', page: '2' });

      const second = await pageOf('?page_size=2&page=2');
      expect(second.results.map((s: { session_id: number }) => s.session_id)).toEqual([ids[2], ids[1]]);
      expect(Object.fromEntries(new URL(second.previous).searchParams)).toEqual({ page_size: '2' });
      expect(Object.fromEntries(new URL(second.next).searchParams)).toEqual({ page_size: '2', page: '3' });

      const third = await pageOf('?page_size=2&page=3');
      expect(third.results.map((s: { session_id: number }) => s.session_id)).toEqual([ids[0]]);
      expect(third.next).toBeNull();

      const beyond = await get('/api/sessions?page_size=2&page=4', owner).expect(404);
      expect(beyond.body).toEqual({ detail: 'Invalid page.' });
    });

    it('filters by experiment_id and active', async () => {
      const ofE1 = await pageOf(`?experiment_id=${e1}`);
      expect(ofE1.results.map((s: { session_id: number }) => s.session_id)).toEqual([ids[4], ids[2], ids[0]]);
      expect(ofE1.count).toBe(3);
      const active = await pageOf('?active=true');
      expect(active.results.map((s: { session_id: number }) => s.session_id)).toEqual([
        ids[4],
        ids[2],
        ids[1],
      ]);
      const ended = await pageOf('?active=false');
      expect(ended.results.map((s: { session_id: number }) => s.session_id)).toEqual([ids[3], ids[0]]);
      const both = await pageOf(`?experiment_id=${e2}&active=false`);
      expect(both.results.map((s: { session_id: number }) => s.session_id)).toEqual([ids[3]]);
      expect(await pageOf('?experiment_id=999999')).toEqual({
        count: 0,
        next: null,
        previous: null,
        results: [],
      });
    });

    it.each([
      ['experiment_id=abc', 'experiment_id'],
      ['active=maybe', 'active'],
      ['page=0', 'page'],
      ['page_size=x', 'page_size'],
      ['owner=1', 'owner'],
    ])('refuses ?%s with a DRF field error', async (query, field) => {
      const res = await get(`/api/sessions?${query}`, owner).expect(400);
      expect(Object.keys(res.body)).toEqual([field]);
    });

    it('lists the sessions of one experiment as {experiment_sessions}', async () => {
      const res = await get(`/api/experiments/${e2}/sessions`, owner).expect(200);
      expect(Object.keys(res.body)).toEqual(['experiment_sessions']);
      expect(res.body.experiment_sessions.map((s: { session_id: number }) => s.session_id)).toEqual([
        ids[3],
        ids[1],
      ]);
      for (const s of res.body.experiment_sessions) expect(Object.keys(s)).toEqual(LIST_KEYS);
    });

    it('lists experiments newest first, paginated', async () => {
      const res = await get('/api/experiments?page_size=1', owner).expect(200);
      expect(res.body).toMatchObject({ count: 2, previous: null, next: expect.stringContaining('page=2') });
      expect(res.body.results.map((e: { experiment_id: number }) => e.experiment_id)).toEqual([e2]);
      for (const e of res.body.results) expect(Object.keys(e)).toEqual(EXPERIMENT_KEYS);
      await get('/api/experiments?page=3&page_size=1', owner).expect(404);
    });
  });

  describe('one Session, two views', () => {
    it('shows a Roundware session in the experiment view with experiment_id = project_id', async () => {
      const device = await registerDevice(t, 'two-views-device');
      const project = await createExperiment(t, token(device.token));
      const rw = await startRoundwareSession(t, token(device.token), { project_id: project.experiment_id });
      const list = await t.http.get('/api/sessions').set('Authorization', token(device.token)).expect(200);
      expect(list.body.results).toEqual([
        {
          end_date_time: null,
          ended_by: null,
          experiment_id: project.experiment_id,
          is_active: true,
          session_id: rw.id,
          session_type: 'development',
          start_date_time: `${rw.starttime as string}+00:00`,
          started_by: device.id,
        },
      ]);
      const detail = await t.http.get(`/api/sessions/${rw.id}`).set('Authorization', token(device.token));
      expect(detail.body).toMatchObject({ created_by: device.id, session_id: rw.id });

      await t.http.patch(`/api/2/sessions/${rw.id}/`).set('Authorization', token(device.token)).send({});
      const stopped = await t.http.get(`/api/sessions/${rw.id}`).set('Authorization', token(device.token));
      expect(stopped.body).toMatchObject({ is_active: false, ended_by: device.id });
    });

    it('shows an experiment session in the Roundware view', async () => {
      const project = await createExperiment(t, bearer(user), { geo_listen_enabled: true });
      const s = await startExperimentSession(t, user, project.experiment_id, 'testbed');
      const list = await t.http
        .get(`/api/2/sessions/?project_id=${project.experiment_id}`)
        .set('Authorization', bearer(user))
        .expect(200);
      expect(list.body).toEqual([
        {
          id: s.session_id,
          device_id: null,
          starttime: (s.start_date_time as string).replace('+00:00', ''),
          stoptime: null,
          client_type: null,
          client_system: null,
          demo_stream_enabled: false,
          geo_listen_enabled: true,
          timezone: null,
          project_id: project.experiment_id,
          language_id: null,
        },
      ]);
      await t.http.post(`/api/sessions/${s.session_id}/stop`).set('Authorization', bearer(user)).expect(200);
      const read = await t.http.get(`/api/2/sessions/${s.session_id}/`).set('Authorization', bearer(user));
      expect(read.body.stoptime).toEqual(expect.any(String));
      await t.http
        .patch(`/api/2/sessions/${s.session_id}/`)
        .set('Authorization', bearer(user))
        .send({})
        .expect(409);
    });
  });
});
