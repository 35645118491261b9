import { startTestApp, TestApp, TestUser } from '../utils/test-app';
import { makeSession } from './sessions';

/** Issue 14 item 6: start_session once, `tags`, form-encoded bodies, 405 on the new paths. */
describe('Roundware events: wire details of the web framework (e2e)', () => {
  let t: TestApp;
  let alice: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await t.makeUser();
  });
  afterAll(() => t.close());

  const as = () => `token ${alice.token}`;
  const eventsOf = async (session: number) =>
    (await t.http.get(`/api/2/events/?session_id=${session}`).set('Authorization', as()).expect(200))
      .body as Array<{ id: number; event_type: string; client_time: string | null; tag_ids: string | null }>;

  it("start_session is recorded once: the client's post gives the server's record its fields", async () => {
    const project = await t.http
      .post('/api/experiments')
      .set('Authorization', as())
      .send({ name: 'p' })
      .expect(201);
    const session = await t.http
      .post('/api/2/sessions/')
      .set('Authorization', as())
      .send({ project_id: project.body.experiment_id, client_system: 'x' })
      .expect(200);
    const [server] = await eventsOf(session.body.id);
    expect(server).toMatchObject({ event_type: 'start_session', client_time: null });
    const posted = await t.http
      .post('/api/2/events/')
      .set('Authorization', as())
      .send({
        session_id: session.body.id,
        event_type: 'start_session',
        client_time: '2026-12-02T05:00:00.123Z',
        tag_ids: [4],
      })
      .expect(200);
    expect(posted.body).toMatchObject({
      id: server.id,
      event_type: 'start_session',
      client_time: '2026-12-02T05:00:00.123Z',
      tag_ids: '4',
    });
    const again = await t.http
      .post('/api/2/events/')
      .set('Authorization', as())
      .send({ session_id: session.body.id, event_type: 'start_session' })
      .expect(200);
    expect(again.body.id).toBe(server.id);
    const all = await eventsOf(session.body.id);
    expect(all.filter((e) => e.event_type === 'start_session')).toHaveLength(1);
    expect(all[0]).toEqual({ ...posted.body, client_time: null, tag_ids: null });
    // other event types are stored as usual
    await t.http
      .post('/api/2/events/')
      .set('Authorization', as())
      .send({ session_id: session.body.id, event_type: 'play_stream' })
      .expect(200);
    expect((await eventsOf(session.body.id)).map((e) => e.event_type)).toEqual([
      'start_session',
      'play_stream',
    ]);
  });

  it('a session with no server record keeps the client start_session as its record', async () => {
    const session = await makeSession(t, alice.id); // written directly: the server logged nothing
    const res = await t.http
      .post('/api/2/events/')
      .set('Authorization', as())
      .send({ session_id: session, event_type: 'start_session', client_time: '2026-12-02T05:00:00Z' })
      .expect(200);
    expect((await eventsOf(session)).map((e) => e.id)).toEqual([res.body.id]);
  });

  it('accepts `tags` for tag_ids (it wins, as upstream) and form-encoded bodies', async () => {
    const session = await makeSession(t, alice.id);
    const json = await t.http
      .post('/api/2/events/')
      .set('Authorization', as())
      .send({ session_id: session, event_type: 'filter_stream', tags: '3,8', tag_ids: '9' })
      .expect(200);
    expect(json.body.tag_ids).toBe('3,8');
    const form = await t.http
      .post('/api/2/events/')
      .set('Authorization', as())
      .type('form')
      .send({
        session_id: String(session),
        event_type: 'location_update',
        latitude: '42.36',
        longitude: '-71.05',
        tags: '5',
      })
      .expect(200);
    expect(form.body).toMatchObject({
      session_id: session,
      event_type: 'location_update',
      latitude: '42.36',
      longitude: '-71.05',
      tag_ids: '5',
    });
    const filtered = await t.http
      .get(`/api/2/events/?session_id=${session}&tag_ids=8`)
      .set('Authorization', as());
    expect(filtered.body.map((e: { id: number }) => e.id)).toEqual([json.body.id]);
    const bad = await t.http
      .post('/api/2/events/')
      .set('Authorization', as())
      .send({ session_id: session, event_type: 'x', tags: 'a,b' })
      .expect(400);
    expect(Object.keys(bad.body)).toEqual(['tags']);
  });

  it('answers 405 with Allow for a wrong method on the events paths', async () => {
    const put = await t.http.put('/api/2/events/').set('Authorization', as()).send({});
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, POST, HEAD');
    expect(put.body).toEqual({ detail: 'Method "PUT" not allowed.' });
    const patch = await t.http.patch('/api/2/events/1/').set('Authorization', as()).send({});
    expect(patch.status).toBe(405);
    expect(patch.headers.allow).toBe('GET, DELETE, HEAD');
  });
});
