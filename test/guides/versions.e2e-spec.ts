import { startTestApp, TestApp } from '../utils/test-app';
import {
  GUIDEBOOK_TIME,
  makeGuide,
  makeOrganiser,
  makeSession,
  Organiser,
  SESSION_KEYS,
} from './guidebook-helpers';

describe("Guidebook v1.1 beside v1, and the session fields of today's docs (e2e)", () => {
  let t: TestApp;
  let alice: Organiser;
  let guide: number;
  beforeAll(async () => {
    t = await startTestApp();
    alice = await makeOrganiser(t);
    guide = await makeGuide(t, alice);
  });
  afterAll(() => t.close());

  const base = (extra: Record<string, unknown> = {}) => ({
    guide,
    name: 'Talk',
    start_time: '2017-09-18T16:00:00',
    end_time: '2017-09-18T17:00:00',
    ...extra,
  });

  it('serves the same resources on /open-api/v1.1/ (one implementation: what one version writes the other reads)', async () => {
    const viaV11 = await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .send(base())
      .expect(201);
    expect(Object.keys(viaV11.body)).toEqual(SESSION_KEYS);
    const viaV1 = await t.http
      .get(`/open-api/v1/sessions/${viaV11.body.id}/`)
      .set('Authorization', alice.auth)
      .expect(200);
    expect(viaV1.body).toEqual(viaV11.body);
    const guides = await t.http.get('/open-api/v1.1/guides/').set('Authorization', alice.auth).expect(200);
    expect(guides.body.results.map((g: { id: number }) => g.id)).toContain(guide);
    const track = await t.http
      .post('/open-api/v1.1/schedule-tracks/')
      .set('Authorization', alice.auth)
      .type('form')
      .send(`guide=${guide}&name=Keynotes`)
      .expect(201);
    expect(track.body.color).toBeNull();
  });

  it('v1.1 requires the guide filter on the sessions, schedule-tracks and locations lists; v1 does not', async () => {
    for (const list of ['sessions', 'schedule-tracks', 'locations']) {
      const res = await t.http.get(`/open-api/v1.1/${list}/`).set('Authorization', alice.auth).expect(400);
      expect(res.body).toEqual({ guide: ['This filter is required.'] });
      await t.http.get(`/open-api/v1.1/${list}/?guide=${guide}`).set('Authorization', alice.auth).expect(200);
      await t.http.get(`/open-api/v1/${list}/`).set('Authorization', alice.auth).expect(200);
    }
    await t.http
      .get(`/open-api/v1.1/locations/?guide_id=${guide}`)
      .set('Authorization', alice.auth)
      .expect(200);
    // the seed's literal path names the guide itself
    await t.http.get(`/open-api/v1.1/sessions/guide=${guide}`).set('Authorization', alice.auth).expect(200);
  });

  it('description_html: required on v1 (the seed), optional on v1.1 (today); defaults differ as documented', async () => {
    const v1 = await t.http
      .post('/open-api/v1/sessions/')
      .set('Authorization', alice.auth)
      .send(base())
      .expect(400);
    expect(v1.body).toEqual({ description_html: ['This field is required.'] });
    const v11 = await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .send(base())
      .expect(201);
    expect(v11.body).toMatchObject({ description_html: null, allow_rating: true, add_to_schedule: true });
    const seed = await makeSession(t, alice, guide);
    expect(seed).toMatchObject({ allow_rating: false, add_to_schedule: false });
  });

  it("accepts and returns today's fields, JSON and form", async () => {
    const json = await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .send(
        base({
          rank: 2.5,
          require_login: true,
          max_capacity: 40,
          waitlist: true,
          registration_start_date: '2017-09-01T00:00:00Z',
          registration_end_date: '2017-09-17 12:00:00+02:00',
          image: null,
        }),
      )
      .expect(201);
    expect(json.body).toMatchObject({
      rank: 2.5,
      require_login: true,
      max_capacity: 40,
      waitlist: true,
      image: null,
      registration_start_date: '2017-09-01T00:00:00.000000+0000',
      registration_end_date: '2017-09-17T10:00:00.000000+0000',
    });
    expect(json.body.registration_start_date).toMatch(GUIDEBOOK_TIME);
    const form = await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .type('form')
      .send(
        `guide=${guide}&name=F&start_time=2017-09-18+16%3A00%3A00%2B00%3A00&end_time=2017-09-18+17%3A00%3A00%2B00%3A00` +
          '&rank=-1&require_login=True&add_to_schedule=True&max_capacity=10&waitlist=False&registration_start_date=',
      )
      .expect(201);
    expect(form.body).toMatchObject({
      rank: -1,
      require_login: true,
      max_capacity: 10,
      waitlist: false,
      registration_start_date: null,
    });
    // PATCH keeps what is not sent and clears with blank/null
    const patched = await t.http
      .patch(`/open-api/v1/sessions/${form.body.id}/`)
      .set('Authorization', alice.auth)
      .send({ max_capacity: null, rank: 3 })
      .expect(200);
    expect(patched.body).toMatchObject({ rank: 3, require_login: true, max_capacity: null, waitlist: false });
  });

  it('applies the documented cross-field rules, on create and on the result of a PATCH', async () => {
    const res = await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .send(
        base({
          add_to_schedule: false,
          require_login: true,
          waitlist: true,
          registration_start_date: '2017-09-10T00:00:00',
          registration_end_date: '2017-09-01T00:00:00',
        }),
      )
      .expect(400);
    expect(res.body).toEqual({
      require_login: ['require_login requires add_to_schedule to be true.'],
      registration_end_date: ['The registration end date must not be before the registration start date.'],
      waitlist: ['waitlist requires max_capacity.'],
    });
    const noLogin = await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .send(base({ max_capacity: 5, registration_start_date: '2017-09-10T00:00:00' }))
      .expect(400);
    expect(noLogin.body).toEqual({
      max_capacity: ['max_capacity requires require_login to be true.'],
      registration_start_date: ['registration_start_date requires require_login to be true.'],
    });
    const created = await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .send(base({ require_login: true, max_capacity: 5, waitlist: true }))
      .expect(201);
    const cleared = await t.http
      .patch(`/open-api/v1.1/sessions/${created.body.id}/`)
      .set('Authorization', alice.auth)
      .send({ max_capacity: '' })
      .expect(400);
    expect(cleared.body).toEqual({ waitlist: ['waitlist requires max_capacity.'] });
    const logout = await t.http
      .patch(`/open-api/v1.1/sessions/${created.body.id}/`)
      .set('Authorization', alice.auth)
      .send({ add_to_schedule: false })
      .expect(400);
    expect(logout.body).toEqual({ require_login: ['require_login requires add_to_schedule to be true.'] });
    const types = await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .send(base({ rank: 'first', max_capacity: 0, image: 'cat.png', waitlist: 'sometimes' }))
      .expect(400);
    expect(Object.keys(types.body).sort()).toEqual(['image', 'max_capacity', 'rank', 'waitlist']);
  });
});
