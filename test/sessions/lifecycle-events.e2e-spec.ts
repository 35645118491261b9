import request from 'supertest';
import { DataSource } from 'typeorm';
import { SESSION_STARTED } from '../../src/common/domain-events';
import { Role } from '../../src/common/auth-user';
import { step } from '../../src/database/sql';
import { EventsService } from '../../src/events/events.service';
import { Session } from '../../src/sessions/entities/session.entity';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import {
  captureSessionEvents,
  createExperiment,
  micros,
  onSessionEvent,
  registerDevice,
  startExperimentSession,
  token,
} from './helpers';

/**
 * Starting and stopping a session publishes SESSION_STARTED / SESSION_STOPPED once per committed start or
 * stop, on both views; the Events module's start_session / stop_session rows commit with the start or
 * stop itself.
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

  /** The events stored for a session, read straight from the tables (another connection on PostgreSQL). */
  const storedEvents = (sessionId: number): Promise<Array<{ type: string; at: number }>> =>
    t.app
      .get(DataSource)
      .query(
        'SELECT t.name AS type, e.server_time AS at FROM events e JOIN event_types t ON t.id = e.event_type_id ' +
          `WHERE e.session_id = ${Number(sessionId)} ORDER BY e.id`,
      );

  it('publishes after the write committed: a listener on another connection reads the session and its start_session', async () => {
    const seen: unknown[] = [];
    const dispose = onSessionEvent(t, SESSION_STARTED, async (e) => {
      seen.push({
        session: await t.app.get(DataSource).getRepository(Session).findOneBy({ id: e.sessionId }),
        events: await storedEvents(e.sessionId),
      });
    });
    try {
      const started = await startExperimentSession(t, user, projectId);
      expect(seen).toEqual([
        {
          session: expect.objectContaining({ id: started.session_id, ownerId: user.id, isActive: true }),
          events: [{ type: 'start_session', at: micros(started.start_date_time as string) }],
        },
      ]);
    } finally {
      dispose();
    }
  });

  describe('when the start_session / stop_session row cannot be written', () => {
    // a NOT NULL violation on both engines, inside the start's or stop's transaction
    const failing = function* () {
      yield step.run('INSERT INTO events (session_id, event_type_id, server_time) VALUES (?, NULL, 0)', [0]);
    };
    afterEach(() => jest.restoreAllMocks());
    // an undocumented 500 (the injected fault), so not through the contract-checking agent
    const raw = () => request(t.app.getHttpServer());

    it('a start stores neither the session nor its event, and publishes nothing', async () => {
      const sessions = t.app.get(DataSource).getRepository(Session);
      const before = await sessions.countBy({ ownerId: user.id });
      jest.spyOn(t.app.get(EventsService), 'serverEventSteps').mockImplementation(failing);
      await raw()
        .post('/api/sessions')
        .set('Authorization', bearer(user))
        .send({ experiment_id: projectId })
        .expect(500, { detail: 'A server error occurred.' });
      jest.restoreAllMocks();
      expect(await sessions.countBy({ ownerId: user.id })).toBe(before);
      expect(events.started).toEqual([]);
    });

    it('a stop leaves the session running, and a later stop succeeds with one stop_session', async () => {
      const id = (await startExperimentSession(t, user, projectId)).session_id;
      jest.spyOn(t.app.get(EventsService), 'serverEventSteps').mockImplementation(failing);
      await raw().post(`/api/sessions/${id}/stop`).set('Authorization', bearer(user)).expect(500);
      jest.restoreAllMocks();
      const running = await t.http.get(`/api/sessions/${id}`).set('Authorization', bearer(user)).expect(200);
      expect(running.body.end_date_time).toBeNull();
      expect(events.stopped).toEqual([]);
      await t.http.post(`/api/sessions/${id}/stop`).set('Authorization', bearer(user)).expect(200);
      expect((await storedEvents(id)).map((e) => e.type)).toEqual(['start_session', 'stop_session']);
    });
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
