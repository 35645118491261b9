import { DataSource } from 'typeorm';
import { SESSION_STARTED } from '../../src/common/domain-events';
import { Role } from '../../src/common/auth-user';
import { Session } from '../../src/sessions/entities/session.entity';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import {
  captureSessionEvents,
  createExperiment,
  micros,
  onSessionEvent,
  registerDevice,
  token,
} from './helpers';

/**
 * Starting and stopping a session publishes SESSION_STARTED / SESSION_STOPPED (the Events module records
 * them as start_session / stop_session), once per committed start or stop, on both views.
 */
describe('session lifecycle events (e2e)', () => {
  let t: TestApp;
  let user: TestUser;
  let events: ReturnType<typeof captureSessionEvents>;
  let projectId: number;

  beforeAll(async () => {
    t = await startTestApp();
    user = await t.makeUser();
    projectId = (await createExperiment(t, bearer(user))).experiment_id;
  });
  beforeEach(() => {
    events = captureSessionEvents(t);
  });
  afterEach(() => events.dispose());
  afterAll(() => t.close());

  it('POST /api/sessions and POST /api/sessions/{id}/stop publish one event each with the right payload', async () => {
    const started = await t.http
      .post('/api/sessions')
      .set('Authorization', bearer(user))
      .send({ experiment_id: projectId })
      .expect(201);
    expect(events.started).toEqual([
      { sessionId: started.body.session_id, userId: user.id, at: micros(started.body.start_date_time) },
    ]);
    expect(events.stopped).toEqual([]);

    const operator = await t.makeUser({ role: Role.Operator });
    const stopped = await t.http
      .post(`/api/sessions/${started.body.session_id}/stop`)
      .set('Authorization', bearer(operator))
      .expect(200);
    expect(events.stopped).toEqual([
      { sessionId: started.body.session_id, userId: operator.id, at: micros(stopped.body.end_date_time) },
    ]);

    await t.http
      .post(`/api/sessions/${started.body.session_id}/stop`)
      .set('Authorization', bearer(user))
      .expect(409);
    expect(events.started).toHaveLength(1);
    expect(events.stopped).toHaveLength(1);
  });

  it('POST /api/2/sessions/ and PATCH stoptime publish one event each with the right payload', async () => {
    const device = await registerDevice(t, 'events-device');
    const own = await createExperiment(t, token(device.token));
    const created = await t.http
      .post('/api/2/sessions/')
      .set('Authorization', token(device.token))
      .send({ project_id: own.experiment_id, client_system: 'iOS 8.1' })
      .expect(200);
    expect(events.started).toEqual([
      { sessionId: created.body.id, userId: device.id, at: micros(created.body.starttime) },
    ]);
    const stoptime = '2099-05-06T07:08:09.123456';
    await t.http
      .patch(`/api/2/sessions/${created.body.id}/`)
      .set('Authorization', token(device.token))
      .send({ stoptime })
      .expect(200);
    expect(events.stopped).toEqual([{ sessionId: created.body.id, userId: device.id, at: micros(stoptime) }]);
  });

  it('publishes nothing for a refused start, stop or update', async () => {
    await t.http
      .post('/api/sessions')
      .set('Authorization', bearer(user))
      .send({ experiment_id: 999999 })
      .expect(400);
    await t.http
      .post('/api/2/sessions/')
      .set('Authorization', bearer(user))
      .send({ project_id: projectId, client_system: 'x', timezone: 'bad' })
      .expect(400);
    await t.http.post('/api/sessions/999999/stop').set('Authorization', bearer(user)).expect(404);
    await t.http.patch('/api/2/sessions/999999/').set('Authorization', bearer(user)).send({}).expect(404);
    expect(events.started).toEqual([]);
    expect(events.stopped).toEqual([]);
  });

  it('publishes after the write committed: a listener can read the new session', async () => {
    const seen: Array<Session | null> = [];
    const dispose = onSessionEvent(t, SESSION_STARTED, async (e) => {
      seen.push(await t.app.get(DataSource).getRepository(Session).findOneBy({ id: e.sessionId }));
    });
    try {
      const res = await t.http
        .post('/api/sessions')
        .set('Authorization', bearer(user))
        .send({ experiment_id: projectId })
        .expect(201);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ id: res.body.session_id, ownerId: user.id, isActive: true });
    } finally {
      dispose();
    }
  });

  it('a failing listener does not turn a committed start into an error', async () => {
    const dispose = onSessionEvent(t, SESSION_STARTED, async () => {
      throw new Error('listener down');
    });
    try {
      const res = await t.http
        .post('/api/sessions')
        .set('Authorization', bearer(user))
        .send({ experiment_id: projectId })
        .expect(201);
      await t.http.get(`/api/sessions/${res.body.session_id}`).set('Authorization', bearer(user)).expect(200);
    } finally {
      dispose();
    }
  });
});
