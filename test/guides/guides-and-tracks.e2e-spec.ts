import { startTestApp, TestApp } from '../utils/test-app';
import { GUIDEBOOK_TIME, makeGuide, makeOrganiser, makeTrack, Organiser } from './guidebook-helpers';

describe('Guidebook guides (e2e)', () => {
  let t: TestApp;
  let alice: Organiser;
  beforeAll(async () => {
    t = await startTestApp();
    alice = await makeOrganiser(t);
  });
  afterAll(() => t.close());

  it('creates a guide owned by the caller, from JSON and from form data', async () => {
    const json = await t.http
      .post('/open-api/v1/guides/')
      .set('Authorization', alice.auth)
      .send({
        name: 'Open API Conference',
        start_date: '2017-09-18',
        end_date: '2017-09-20T18:00:00-04:00',
        timezone: 'america/new_york',
        description_html: '<p>Welcome</p><script>x()</script>',
      })
      .expect(201);
    expect(json.body).toEqual({
      id: expect.any(Number),
      created_at: expect.stringMatching(GUIDEBOOK_TIME),
      owner: alice.id,
      name: 'Open API Conference',
      start_date: '2017-09-18T00:00:00.000000+0000',
      end_date: '2017-09-20T22:00:00.000000+0000',
      timezone: 'America/New_York',
      description_html: '<p>Welcome</p>',
    });
    const form = await t.http
      .post('/open-api/v1/guides/')
      .set('Authorization', alice.auth)
      .type('form')
      .send('name=Form+Guide&start_date=&timezone=UTC')
      .expect(201);
    expect(form.body).toMatchObject({
      name: 'Form Guide',
      start_date: null,
      end_date: null,
      timezone: 'UTC',
      description_html: null,
    });
    const read = await t.http
      .get(`/open-api/v1/guides/${json.body.id}/`)
      .set('Authorization', alice.auth)
      .expect(200);
    expect(read.body).toEqual(json.body);
  });

  it('validates guides', async () => {
    const res = await t.http
      .post('/open-api/v1/guides/')
      .set('Authorization', alice.auth)
      .send({ timezone: 'Mars/Olympus', start_date: 'soon' })
      .expect(400);
    expect(res.body).toEqual({
      name: ['This field is required.'],
      timezone: ['"Mars/Olympus" is not a valid time zone.'],
      start_date: [
        'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
      ],
    });
    const order = await t.http
      .post('/open-api/v1/guides/')
      .set('Authorization', alice.auth)
      .send({ name: 'x', start_date: '2017-09-20', end_date: '2017-09-18' })
      .expect(400);
    expect(order.body).toEqual({ end_date: ['The end date must not be before the start date.'] });
  });

  it('PATCHes only the sent fields, lists own guides in pages', async () => {
    const id = await makeGuide(t, alice, { name: 'Before', timezone: 'Europe/Paris' });
    const before = (await t.http.get(`/open-api/v1/guides/${id}/`).set('Authorization', alice.auth)).body;
    const res = await t.http
      .patch(`/open-api/v1/guides/${id}/`)
      .set('Authorization', alice.auth)
      .type('form')
      .send('name=After')
      .expect(200);
    expect(res.body).toEqual({ ...before, name: 'After' });
    const list = await t.http
      .get('/open-api/v1/guides/?page_size=1')
      .set('Authorization', alice.auth)
      .expect(200);
    expect(list.body.count).toBeGreaterThanOrEqual(3);
    expect(list.body.results).toHaveLength(1);
    expect(list.body.next).toMatch(/\/open-api\/v1\/guides\/\?page_size=1&page=2$/);
  });
});

describe('Guidebook schedule tracks (e2e)', () => {
  let t: TestApp;
  let alice: Organiser;
  let guide: number;
  beforeAll(async () => {
    t = await startTestApp();
    alice = await makeOrganiser(t);
    guide = await makeGuide(t, alice);
  });
  afterAll(() => t.close());

  it('creates, reads, PATCHes and deletes a track', async () => {
    const created = await t.http
      .post('/open-api/v1/schedule-tracks/')
      .set('Authorization', alice.auth)
      .type('form')
      .send(`guide=${guide}&name=Keynotes&color=%23000080&import_id=trk-1`)
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      created_at: expect.stringMatching(GUIDEBOOK_TIME),
      guide,
      name: 'Keynotes',
      color: '#000080',
      import_id: 'trk-1',
    });
    const patched = await t.http
      .patch(`/open-api/v1/schedule-tracks/${created.body.id}/`)
      .set('Authorization', alice.auth)
      .send({ color: '#FF8800' })
      .expect(200);
    expect(patched.body).toEqual({ ...created.body, color: '#FF8800' });
    const moved = await t.http
      .patch(`/open-api/v1/schedule-tracks/${created.body.id}/`)
      .set('Authorization', alice.auth)
      .send({ guide: await makeGuide(t, alice) })
      .expect(400);
    expect(moved.body).toEqual({ guide: ['The guide of a schedule track cannot be changed.'] });
    await t.http
      .delete(`/open-api/v1/schedule-tracks/${created.body.id}/`)
      .set('Authorization', alice.auth)
      .expect(204);
    await t.http
      .get(`/open-api/v1/schedule-tracks/${created.body.id}/`)
      .set('Authorization', alice.auth)
      .expect(404);
  });

  it.each(['red', '#00008', '#0000800', '000080', '#GGGGGG', 12, ['#000080']])(
    'refuses the color %j',
    async (color) => {
      const res = await t.http
        .post('/open-api/v1/schedule-tracks/')
        .set('Authorization', alice.auth)
        .send({ guide, name: 'Bad', color })
        .expect(400);
      expect(res.body).toEqual({ color: ['Enter a valid hex color of the form #rrggbb, e.g. #000080.'] });
    },
  );

  it('requires guide and name; color is optional, null when absent, and echoed exactly as sent', async () => {
    const res = await t.http
      .post('/open-api/v1/schedule-tracks/')
      .set('Authorization', alice.auth)
      .send({})
      .expect(400);
    expect(res.body).toEqual({
      guide: ['This field is required.'],
      name: ['This field is required.'],
    });
    // The iCal integration's form body: `color` is None in Python, so requests omits it.
    const bare = await t.http
      .post('/open-api/v1/schedule-tracks/')
      .set('Authorization', alice.auth)
      .type('form')
      .send(`guide=${guide}&name=No+colour`)
      .expect(201);
    expect(bare.body).toEqual({
      id: expect.any(Number),
      created_at: expect.stringMatching(GUIDEBOOK_TIME),
      guide,
      name: 'No colour',
      color: null,
      import_id: null,
    });
    const listed = await t.http
      .get(`/open-api/v1/schedule-tracks/?id=${bare.body.id}`)
      .set('Authorization', alice.auth)
      .expect(200);
    expect(listed.body.results[0].color).toBeNull();
    // SCaLE sends upper-case hex and re-PATCHes unless it comes back exactly as sent.
    const upper = await t.http
      .patch(`/open-api/v1/schedule-tracks/${bare.body.id}/`)
      .set('Authorization', alice.auth)
      .type('form')
      .send('color=%23ABCDEF')
      .expect(200);
    expect(upper.body.color).toBe('#ABCDEF');
    const cleared = await t.http
      .patch(`/open-api/v1/schedule-tracks/${bare.body.id}/`)
      .set('Authorization', alice.auth)
      .send({ color: null })
      .expect(200);
    expect(cleared.body.color).toBeNull();
  });

  it('filters by guide, id and import_id', async () => {
    const other = await makeGuide(t, alice);
    const a = await makeTrack(t, alice, guide, { import_id: 'same' });
    const b = await makeTrack(t, alice, other, { import_id: 'same' });
    const c = await makeTrack(t, alice, other);
    const ids = async (query: string) =>
      (
        await t.http.get(`/open-api/v1/schedule-tracks/${query}`).set('Authorization', alice.auth).expect(200)
      ).body.results.map((r: { id: number }) => r.id);
    expect(await ids(`?guide=${other}`)).toEqual([b, c]);
    expect(await ids('?import_id=same')).toEqual([a, b]);
    expect(await ids(`?id=${c}`)).toEqual([c]);
    expect(await ids(`?guide=${guide}&import_id=same`)).toEqual([a]);
    await t.http.get('/open-api/v1/schedule-tracks/?id=x').set('Authorization', alice.auth).expect(400);
  });
});

describe('Guidebook OpenAPI document (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('documents every Guidebook route with a stable operationId and both body encodings', async () => {
    const spec = (await t.http.get('/docs-json').expect(200)).body;
    const ops: Record<string, { method: string; path: string; op: any }> = {};
    for (const [path, item] of Object.entries<Record<string, any>>(spec.paths)) {
      if (!path.startsWith('/open-api/v1/')) continue;
      for (const [method, op] of Object.entries<any>(item)) ops[op.operationId] = { method, path, op };
    }
    expect(Object.keys(ops).sort()).toEqual(
      [
        'createGuide',
        'listGuides',
        'getGuide',
        'updateGuide',
        'deleteGuide',
        'createScheduleTrack',
        'listScheduleTracks',
        'getScheduleTrack',
        'updateScheduleTrack',
        'deleteScheduleTrack',
        'createScheduleSession',
        'listScheduleSessions',
        'listScheduleSessionsOfGuide',
        'getScheduleSession',
        'updateScheduleSession',
        'deleteScheduleSession',
        'createLocation',
        'listLocations',
        'getLocation',
        'updateLocation',
        'deleteLocation',
        'createGuideWebhook',
        'listGuideWebhooks',
        'deleteGuideWebhook',
        'listGuideWebhookDeliveries',
      ].sort(),
    );
    for (const id of ['createGuide', 'createScheduleTrack']) {
      expect(Object.keys(ops[id].op.requestBody.content).sort()).toEqual([
        'application/json',
        'application/x-www-form-urlencoded',
      ]);
    }
    // sessions also take multipart, for their image (Guidebook's "Images" page)
    for (const id of ['createScheduleSession', 'updateScheduleSession']) {
      expect(Object.keys(ops[id].op.requestBody.content).sort()).toEqual([
        'application/json',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
      ]);
    }
    const create = spec.components.schemas.CreateScheduleSessionDto;
    expect(create.required.sort()).toEqual(['description_html', 'guide', 'name', 'start_time']);
    // the seed's 13 keys and the 8 of today's docs
    expect(Object.keys(spec.components.schemas.ScheduleSessionDto.properties)).toHaveLength(21);
    expect(ops.listScheduleSessions.op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ['guide', 'id', 'import_id', 'ordering', 'page', 'page_size', 'schedule_tracks'].sort(),
    );
    expect(ops.deleteGuide.op['x-auth']).toEqual({ roles: ['admin'] });
    expect(ops.deleteScheduleSession.op.responses['204']).toBeDefined();
  });
});
