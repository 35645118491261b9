import { bearer, startTestApp, TestApp, TestUser } from './../utils/test-app';

/**
 * Every session start and stop is recorded by the Events module in the same transaction. Checked end to end
 * through both public surfaces, as an analyst would see them.
 */
describe('server-logged start_session / stop_session events (e2e)', () => {
  let t: TestApp;
  let user: TestUser;
  let projectId: number;

  beforeAll(async () => {
    t = await startTestApp();
    user = await t.makeUser();
    const project = await t.http
      .post('/api/experiments')
      .set('Authorization', bearer(user))
      .send({ name: 'P' })
      .expect(201);
    projectId = project.body.experiment_id;
  });
  afterAll(() => t.close());

  const eventsOf = async (sessionId: number) => {
    const res = await t.http
      .get(`/api/2/events/?session_id=${sessionId}`)
      .set('Authorization', bearer(user))
      .expect(200);
    return res.body as Array<{ event_type: string; session_id: number; server_time: string }>;
  };

  it('records start_session and stop_session for a session of the experiment view', async () => {
    const started = await t.http
      .post('/api/sessions')
      .set('Authorization', bearer(user))
      .send({ experiment_id: projectId })
      .expect(201);
    const id = started.body.session_id;
    expect((await eventsOf(id)).map((e) => e.event_type)).toEqual(['start_session']);

    const stopped = await t.http
      .post(`/api/sessions/${id}/stop`)
      .set('Authorization', bearer(user))
      .expect(200);
    const events = await eventsOf(id);
    expect(events.map((e) => e.event_type)).toEqual(['start_session', 'stop_session']);
    expect(events.every((e) => e.session_id === id)).toBe(true);
    // each event carries the lifecycle time of the session (naive UTC on the Roundware surface)
    expect(`${events[0].server_time}+00:00`).toBe(started.body.start_date_time);
    expect(`${events[1].server_time}+00:00`).toBe(stopped.body.end_date_time);
  });

  it('records them for a Roundware session started with POST and stopped with PATCH', async () => {
    const created = await t.http
      .post('/api/2/sessions/')
      .set('Authorization', bearer(user))
      .send({ project_id: projectId, client_system: 'iOS 8.1' })
      .expect(200);
    expect((await eventsOf(created.body.id)).map((e) => e.event_type)).toEqual(['start_session']);
    await t.http
      .patch(`/api/2/sessions/${created.body.id}/`)
      .set('Authorization', bearer(user))
      .send({ stoptime: new Date(Date.now() + 1000).toISOString() })
      .expect(200);
    expect((await eventsOf(created.body.id)).map((e) => e.event_type)).toEqual([
      'start_session',
      'stop_session',
    ]);
  });

  it('another user sees none of those events', async () => {
    const other = await t.makeUser();
    const started = await t.http
      .post('/api/sessions')
      .set('Authorization', bearer(user))
      .send({ experiment_id: projectId })
      .expect(201);
    const res = await t.http
      .get(`/api/2/events/?session_id=${started.body.session_id}`)
      .set('Authorization', bearer(other))
      .expect(200);
    expect(res.body).toEqual([]);
    expect(await eventsOf(started.body.session_id)).toHaveLength(1);
  });
});
