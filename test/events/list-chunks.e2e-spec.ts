import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { makeSession } from './sessions';

// lists are read 256 rows per statement: a list that fits comes whole and in order whichever statement
// its rows came from, and the bound holds when it is passed in a later statement
describe('Event lists longer than one statement (e2e)', () => {
  let u: TestUser;
  let app: TestApp;
  beforeAll(async () => {
    // 100,000 bytes: 390 events of no data (256 bytes each) fit, 391 do not
    app = await startTestApp({ LIST_MAX_BYTES: '100000' });
    u = await app.makeUser();
  });
  afterAll(() => app.close());
  const event = (sessionId: number) => ({ session_id: sessionId, event_type: 'heartbeat', data: null });
  const send = (sessionId: number, n: number) =>
    app.http
      .post('/api/2/events/batch/?echo=false')
      .set('Authorization', bearer(u))
      .send(Array.from({ length: n }, () => event(sessionId)))
      .expect(201);

  it('answers 300 events whole, in order, and refuses 400 by their bytes', async () => {
    const sessionId = await makeSession(app, u.id);
    const stored = (await send(sessionId, 300)).body.ids as number[];
    const list = await app.http
      .get(`/api/2/events/?session_id=${sessionId}`)
      .set('Authorization', bearer(u))
      .expect(200);
    expect(list.body.map((e: { id: number }) => e.id)).toEqual(stored);
    await send(sessionId, 100);
    const over = await app.http
      .get(`/api/2/events/?session_id=${sessionId}`)
      .set('Authorization', bearer(u))
      .expect(400);
    expect(over.body.detail).toMatch(/larger than 100000 bytes/);
    const page = await app.http
      .get(`/api/2/events/?session_id=${sessionId}&page_size=300&page=2`)
      .set('Authorization', bearer(u))
      .expect(200);
    expect(page.body.results).toHaveLength(100);
  });
});
