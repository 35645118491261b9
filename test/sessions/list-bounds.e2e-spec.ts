import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { makeProject, makeSession } from '../events/sessions';

/** 13.8: the session lists are capped (SESSIONS_LIST_MAX_ROWS); the Roundware list also pages. */
describe('Session list bounds (e2e)', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let project: number;
  const ids: number[] = [];
  const MAX = 5;

  beforeAll(async () => {
    t = await startTestApp({ SESSIONS_LIST_MAX_ROWS: String(MAX) });
    alice = await t.makeUser();
    bob = await t.makeUser();
    project = await makeProject(t, alice.id);
    for (let i = 0; i < MAX + 2; i++) ids.push(await makeSession(t, alice.id, project));
    await makeSession(t, bob.id, project);
  });
  afterAll(() => t.close());

  const get = (user: TestUser, url: string) => t.http.get(url).set('Authorization', bearer(user));

  it('GET /api/2/sessions/ answers 400 asking for pages beyond the cap, and the array up to it', async () => {
    const res = await get(alice, `/api/2/sessions/?project_id=${project}`).expect(400);
    expect(res.body).toEqual({
      detail: `More than ${MAX} sessions match. Ask for pages with page_size (and page), or narrow the filters.`,
    });
    const few = await get(bob, `/api/2/sessions/?project_id=${project}`).expect(200);
    expect(Array.isArray(few.body)).toBe(true);
    expect(few.body).toHaveLength(1);
  });

  it('GET /api/2/sessions/ pages in DRF envelopes, oldest first, with the same visibility', async () => {
    const first = await get(alice, `/api/2/sessions/?project_id=${project}&page_size=3`).expect(200);
    expect(first.body.count).toBe(MAX + 2);
    expect(first.body.results.map((s: { id: number }) => s.id)).toEqual(ids.slice(0, 3));
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toMatch(/\/api\/2\/sessions\/\?project_id=\d+&page_size=3&page=2$/);
    const last = await get(alice, `/api/2/sessions/?project_id=${project}&page_size=3&page=3`).expect(200);
    expect(last.body.results.map((s: { id: number }) => s.id)).toEqual(ids.slice(6));
    expect(last.body.next).toBeNull();
    await get(alice, `/api/2/sessions/?project_id=${project}&page_size=3&page=4`)
      .expect(404)
      .expect(({ body }) => expect(body).toEqual({ detail: 'Invalid page.' }));
    await get(alice, `/api/2/sessions/?page_size=0`).expect(400);
  });

  it('GET /api/experiments/{id}/sessions answers 400 beyond the cap; GET /api/sessions pages them', async () => {
    const res = await get(alice, `/api/experiments/${project}/sessions`).expect(400);
    expect(res.body.detail).toBe(
      `More than ${MAX} sessions match. Page through GET /api/sessions?experiment_id=${project}&page_size=… instead.`,
    );
    const page = await get(alice, `/api/sessions?experiment_id=${project}&page_size=4&page=2`).expect(200);
    expect(page.body.count).toBe(MAX + 2);
    expect(page.body.results.map((s: { session_id: number }) => s.session_id)).toEqual(
      [...ids].reverse().slice(4),
    );
  });
});
