import { Role } from '../../src/common/auth-user';
import { startTestApp, TestApp } from '../utils/test-app';
import {
  GUIDEBOOK_TIME,
  makeGuide,
  makeOrganiser,
  makeSession,
  makeTrack,
  Organiser,
  SESSION_KEYS,
  TODAY_DEFAULTS,
} from './guidebook-helpers';

describe('Guidebook schedule sessions (e2e)', () => {
  let t: TestApp;
  let alice: Organiser;
  let guide: number;
  let tracks: number[];
  beforeAll(async () => {
    t = await startTestApp();
    alice = await makeOrganiser(t);
    guide = await makeGuide(t, alice);
    tracks = [];
    for (const name of ['A', 'B', 'C', 'D']) tracks.push(await makeTrack(t, alice, guide, { name }));
  });
  afterAll(() => t.close());

  const seedBody = () => ({
    start_time: '2017-09-18T16:00:00',
    end_time: '2017-09-18T17:00:00',
    guide,
    description_html: '<p>This is a description field that supports basic HTML</p>',
    name: 'Test Session Created via the Open API',
  });

  const expectSeedShape = (body: Record<string, unknown>, trackIds: number[]) => {
    expect(Object.keys(body)).toEqual(SESSION_KEYS);
    expect(body).toEqual({
      id: expect.any(Number),
      created_at: expect.stringMatching(GUIDEBOOK_TIME),
      last_updated: expect.stringMatching(GUIDEBOOK_TIME),
      start_time: '2017-09-18T16:00:00.000000+0000',
      end_time: '2017-09-18T17:00:00.000000+0000',
      all_day: false,
      name: 'Test Session Created via the Open API',
      description_html: '<p>This is a description field that supports basic HTML</p>',
      import_id: null,
      allow_rating: false,
      add_to_schedule: false,
      guide,
      schedule_tracks: trackIds,
      ...TODAY_DEFAULTS,
    });
  };

  describe('POST /open-api/v1/sessions/ (the seed example)', () => {
    it('creates from JSON, without and with schedule_tracks', async () => {
      const plain = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send(seedBody())
        .expect(201);
      expectSeedShape(plain.body, []);
      const withTracks = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), schedule_tracks: [tracks[3], tracks[0], tracks[2]] })
        .expect(201);
      expectSeedShape(withTracks.body, [tracks[0], tracks[2], tracks[3]]);
      const read = await t.http
        .get(`/open-api/v1/sessions/${withTracks.body.id}/`)
        .set('Authorization', alice.auth)
        .expect(200);
      expect(read.body).toEqual(withTracks.body);
    });

    it('creates from form data: schedule_tracks as repeated keys, a JSON array string or comma-separated', async () => {
      const form = (extra: string) =>
        t.http
          .post('/open-api/v1/sessions/')
          .set('Authorization', alice.auth)
          .type('form')
          .send(
            'start_time=2017-09-18T16%3A00%3A00&end_time=2017-09-18T17%3A00%3A00' +
              `&guide=${guide}&description_html=%3Cp%3EThis%20is%20a%20description%20field%20that%20supports%20basic%20HTML%3C%2Fp%3E` +
              `&name=Test+Session+Created+via+the+Open+API${extra}`,
          );
      expectSeedShape((await form('').expect(201)).body, []);
      const repeated = await form(`&schedule_tracks=${tracks[0]}&schedule_tracks=${tracks[1]}`).expect(201);
      expectSeedShape(repeated.body, [tracks[0], tracks[1]]);
      const jsonArray = await form(
        `&schedule_tracks=${encodeURIComponent(`[${tracks[2]},${tracks[1]}]`)}`,
      ).expect(201);
      expectSeedShape(jsonArray.body, [tracks[1], tracks[2]]);
      const comma = await form(`&schedule_tracks=${tracks[3]}%2C${tracks[0]}`).expect(201);
      expectSeedShape(comma.body, [tracks[0], tracks[3]]);
      const single = await form(`&schedule_tracks=${tracks[1]}`).expect(201);
      expectSeedShape(single.body, [tracks[1]]);
    });

    it('converts form booleans and JSON booleans alike', async () => {
      const form = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .type('form')
        .send({
          ...seedBody(),
          guide: String(guide),
          allow_rating: 'true',
          add_to_schedule: 'True',
          all_day: 'false',
        })
        .expect(201);
      expect(form.body).toMatchObject({ allow_rating: true, add_to_schedule: true, all_day: false });
      const json = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), allow_rating: true, add_to_schedule: false, import_id: 'ext-1' })
        .expect(201);
      expect(json.body).toMatchObject({ allow_rating: true, add_to_schedule: false, import_id: 'ext-1' });
      const bad = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .type('form')
        .send({ ...seedBody(), guide: String(guide), allow_rating: 'maybe' })
        .expect(400);
      expect(bad.body).toEqual({ allow_rating: ['Must be a valid boolean.'] });
    });

    it('stores times in UTC: offsets are converted, naive input is UTC', async () => {
      const res = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({
          ...seedBody(),
          start_time: '2017-09-18T12:00:00-04:00',
          end_time: '2017-09-18T19:30:00.25+0200',
        })
        .expect(201);
      expect(res.body.start_time).toBe('2017-09-18T16:00:00.000000+0000');
      expect(res.body.end_time).toBe('2017-09-18T17:30:00.250000+0000');
    });

    it('treats a blank end_time as an all-day session', async () => {
      const form = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .type('form')
        .send({ ...seedBody(), guide: String(guide), end_time: '' })
        .expect(201);
      expect(form.body).toMatchObject({ end_time: null, all_day: true });
      const json = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), end_time: undefined })
        .expect(201);
      expect(json.body).toMatchObject({ end_time: null, all_day: true });
      const contradiction = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), end_time: null, all_day: false })
        .expect(400);
      expect(contradiction.body).toEqual({
        end_time: ['An end time is required unless the session is all day.'],
      });
    });

    it('accepts an empty or null description_html but requires the key', async () => {
      const empty = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), description_html: '' })
        .expect(201);
      expect(empty.body.description_html).toBe('');
      const nil = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), description_html: null })
        .expect(201);
      expect(nil.body.description_html).toBeNull();
      const missing = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), description_html: undefined })
        .expect(400);
      expect(missing.body).toEqual({ description_html: ['This field is required.'] });
    });
  });

  describe('validation', () => {
    it.each(['guide', 'name', 'start_time'])('names a missing %s', async (field) => {
      const body: Record<string, unknown> = { ...seedBody() };
      delete body[field];
      const res = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send(body)
        .expect(400);
      expect(res.body).toEqual({ [field]: ['This field is required.'] });
    });

    it('names every missing field at once', async () => {
      const res = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({})
        .expect(400);
      expect(Object.keys(res.body).sort()).toEqual(['description_html', 'guide', 'name', 'start_time']);
    });

    it('refuses an end before the start, on create and on PATCH', async () => {
      const res = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), end_time: '2017-09-18T15:59:59' })
        .expect(400);
      expect(res.body).toEqual({ end_time: ['The end time must not be before the start time.'] });
      const s = await makeSession(t, alice, guide);
      const patch = await t.http
        .patch(`/open-api/v1/sessions/${s.id}/`)
        .set('Authorization', alice.auth)
        .send({ start_time: '2017-09-18T18:00:00' })
        .expect(400);
      expect(patch.body).toEqual({ end_time: ['The end time must not be before the start time.'] });
    });

    it('refuses malformed values with DRF messages', async () => {
      const res = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), guide: 'one', name: '', start_time: 'tomorrow', schedule_tracks: 'x' })
        .expect(400);
      expect(res.body).toEqual({
        guide: ['Incorrect type. Expected pk value, received str.'],
        name: ['This field may not be blank.'],
        start_time: [
          'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
        ],
        schedule_tracks: ['Incorrect type. Expected pk value, received str.'],
      });
      const unknown = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), colour: 'red' })
        .expect(400);
      expect(unknown.body).toEqual({ colour: ['This field is not allowed.'] });
    });

    it('refuses a track of another guide and a guide the caller cannot see', async () => {
      const otherGuide = await makeGuide(t, alice, { name: 'Other' });
      const foreignTrack = await makeTrack(t, alice, otherGuide);
      const res = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({ ...seedBody(), schedule_tracks: [tracks[0], foreignTrack, 999999] })
        .expect(400);
      expect(res.body).toEqual({
        schedule_tracks: [
          `Invalid pk "${foreignTrack}" - not a schedule track of guide ${guide}.`,
          `Invalid pk "999999" - not a schedule track of guide ${guide}.`,
        ],
      });
      const bob = await makeOrganiser(t);
      const notVisible = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', bob.auth)
        .send(seedBody())
        .expect(400);
      expect(notVisible.body).toEqual({ guide: [`Invalid pk "${guide}" - object does not exist.`] });
    });

    it('sanitises description_html: scripts and handlers removed, allowed tags kept', async () => {
      const res = await t.http
        .post('/open-api/v1/sessions/')
        .set('Authorization', alice.auth)
        .send({
          ...seedBody(),
          description_html:
            '<h2>Agenda</h2><p onclick="steal()">Talk <strong>one</strong><script>alert(1)</script></p>' +
            '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">bad</a> <a href="https://example.com">ok</a>' +
            '<ul><li>item</li></ul>',
        })
        .expect(201);
      expect(res.body.description_html).toBe(
        // img src is on Guidebook's allow-list; its onerror handler is not.
        '<h2>Agenda</h2><p>Talk <strong>one</strong></p><img src="x" /><a>bad</a> <a href="https://example.com">ok</a>' +
          '<ul><li>item</li></ul>',
      );
      const patched = await t.http
        .patch(`/open-api/v1/sessions/${res.body.id}/`)
        .set('Authorization', alice.auth)
        .send({ description_html: '<div style="x" onmouseover="y">d</div><style>p{}</style>' })
        .expect(200);
      expect(patched.body.description_html).toBe('<div>d</div>');
    });
  });

  describe('PATCH and DELETE', () => {
    it('changes only the sent fields and bumps last_updated, never created_at', async () => {
      const created = await makeSession(t, alice, guide, {
        schedule_tracks: [tracks[0]],
        allow_rating: true,
        import_id: 'x-1',
      });
      const patched = await t.http
        .patch(`/open-api/v1/sessions/${created.id}/`)
        .set('Authorization', alice.auth)
        .send({ name: 'Renamed' })
        .expect(200);
      expect(patched.body).toEqual({ ...created, name: 'Renamed', last_updated: expect.any(String) });
      expect(patched.body.last_updated > created.last_updated).toBe(true);

      const form = await t.http
        .patch(`/open-api/v1/sessions/${created.id}/`)
        .set('Authorization', alice.auth)
        .type('form')
        .send(`schedule_tracks=${tracks[1]}&schedule_tracks=${tracks[2]}&allow_rating=false&end_time=`)
        .expect(200);
      expect(form.body).toEqual({
        ...patched.body,
        schedule_tracks: [tracks[1], tracks[2]],
        allow_rating: false,
        end_time: null,
        all_day: true,
        last_updated: expect.any(String),
      });
      expect(form.body.last_updated > patched.body.last_updated).toBe(true);
      expect(form.body.created_at).toBe(created.created_at);

      const cleared = await t.http
        .patch(`/open-api/v1/sessions/${created.id}/`)
        .set('Authorization', alice.auth)
        .type('form')
        .send('schedule_tracks=')
        .expect(200);
      expect(cleared.body.schedule_tracks).toEqual([]);
      const read = await t.http.get(`/open-api/v1/sessions/${created.id}/`).set('Authorization', alice.auth);
      expect(read.body).toEqual(cleared.body);
    });

    it('accepts a round trip of what it read, but never moves a session to another guide', async () => {
      const created = await makeSession(t, alice, guide);
      await t.http
        .patch(`/open-api/v1/sessions/${created.id}/`)
        .set('Authorization', alice.auth)
        .send({ ...created, name: 'Round trip' })
        .expect(200);
      const other = await makeGuide(t, alice, { name: 'Elsewhere' });
      const res = await t.http
        .patch(`/open-api/v1/sessions/${created.id}/`)
        .set('Authorization', alice.auth)
        .send({ guide: other })
        .expect(400);
      expect(res.body).toEqual({ guide: ['The guide of a session cannot be changed.'] });
      const nulls = await t.http
        .patch(`/open-api/v1/sessions/${created.id}/`)
        .set('Authorization', alice.auth)
        .send({ name: null, start_time: null })
        .expect(400);
      expect(nulls.body).toEqual({
        name: ['This field may not be null.'],
        start_time: ['This field may not be null.'],
      });
    });

    it('deletes with 204, then answers 404', async () => {
      const created = await makeSession(t, alice, guide, { schedule_tracks: [tracks[0]] });
      await t.http
        .delete(`/open-api/v1/sessions/${created.id}/`)
        .set('Authorization', alice.auth)
        .expect(204);
      await t.http.get(`/open-api/v1/sessions/${created.id}/`).set('Authorization', alice.auth).expect(404);
      await t.http
        .delete(`/open-api/v1/sessions/${created.id}/`)
        .set('Authorization', alice.auth)
        .expect(404);
      await t.http.get('/open-api/v1/sessions/abc/').set('Authorization', alice.auth).expect(404);
    });

    it('keeps sessions when one of their tracks is deleted, without that track', async () => {
      const track = await makeTrack(t, alice, guide, { name: 'Doomed' });
      const s = await makeSession(t, alice, guide, { schedule_tracks: [tracks[0], track] });
      await t.http
        .delete(`/open-api/v1/schedule-tracks/${track}/`)
        .set('Authorization', alice.auth)
        .expect(204);
      const read = await t.http
        .get(`/open-api/v1/sessions/${s.id}/`)
        .set('Authorization', alice.auth)
        .expect(200);
      expect(read.body.schedule_tracks).toEqual([tracks[0]]);
    });

    it('survives concurrent writes to the same guide', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.http
            .post('/open-api/v1/sessions/')
            .set('Authorization', alice.auth)
            .send({
              ...seedBody(),
              name: `Parallel ${i}`,
              schedule_tracks: [tracks[i % 4], tracks[(i + 1) % 4]],
            }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
      for (const [i, r] of results.entries()) {
        const read = await t.http.get(`/open-api/v1/sessions/${r.body.id}/`).set('Authorization', alice.auth);
        expect(read.body.schedule_tracks).toEqual([tracks[i % 4], tracks[(i + 1) % 4]].sort((a, b) => a - b));
      }
    });
  });
});

describe('Guidebook session lists (e2e)', () => {
  let t: TestApp;
  let alice: Organiser;
  let g1: number;
  let g2: number;
  let trackA: number;
  let trackB: number;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    alice = await makeOrganiser(t);
    g1 = await makeGuide(t, alice, { name: 'G1' });
    g2 = await makeGuide(t, alice, { name: 'G2' });
    trackA = await makeTrack(t, alice, g1, { name: 'A' });
    trackB = await makeTrack(t, alice, g1, { name: 'B' });
    // 7 sessions: starts out of id order, one all-day (no end), tracks and import ids mixed
    const specs: Array<[number, string, string | null, number[], string | null]> = [
      [g1, '2017-09-18T16:00:00', '2017-09-18T17:00:00', [trackA], 'imp-1'],
      [g1, '2017-09-18T09:00:00', '2017-09-18T10:00:00', [trackB], null],
      [g1, '2017-09-19T09:00:00', null, [trackA, trackB], null],
      [g1, '2017-09-18T12:00:00', '2017-09-18T18:00:00', [], 'imp-2'],
      [g2, '2017-09-17T08:00:00', '2017-09-17T09:00:00', [], null],
      [g2, '2017-09-20T08:00:00', '2017-09-20T08:30:00', [], 'imp-1'],
      [g1, '2017-09-18T16:00:00', '2017-09-18T16:30:00', [], null],
    ];
    for (const [guide, start, end, schedule_tracks, import_id] of specs) {
      const body = await makeSession(t, alice, guide, {
        start_time: start,
        end_time: end,
        schedule_tracks,
        import_id,
      });
      ids.push(body.id);
    }
  });
  afterAll(() => t.close());

  const list = async (query: string) => {
    const res = await t.http
      .get(`/open-api/v1/sessions/${query}`)
      .set('Authorization', alice.auth)
      .expect(200);
    return res.body as {
      count: number;
      next: string | null;
      previous: string | null;
      results: Array<{ id: number }>;
    };
  };
  const idsOf = (body: { results: Array<{ id: number }> }) => body.results.map((r) => r.id);

  it('lists every visible session in the documented envelope, by id', async () => {
    const body = await list('');
    expect(body).toMatchObject({ count: 7, next: null, previous: null });
    expect(idsOf(body)).toEqual(ids);
    // the seed's 13 keys in its order, then today's (Guidebook adds keys without a version bump)
    expect(Object.keys(body.results[0])).toEqual(SESSION_KEYS);
  });

  it('filters by guide, schedule_tracks, import_id and id', async () => {
    expect(idsOf(await list(`?guide=${g2}`))).toEqual([ids[4], ids[5]]);
    // the seed's literal example path, '{}guide=47'.format(session_url), without a '?'
    expect(idsOf(await list(`guide=${g2}`))).toEqual([ids[4], ids[5]]);
    expect(idsOf(await list(`guide=${g1}?ordering=-id&page_size=2`))).toEqual([ids[6], ids[3]]);
    expect(idsOf(await list(`?schedule_tracks=${trackA}`))).toEqual([ids[0], ids[2]]);
    expect(idsOf(await list(`?schedule_tracks=${trackA},${trackB}`))).toEqual([ids[0], ids[1], ids[2]]);
    expect(idsOf(await list(`?schedule_tracks=${trackA}&schedule_tracks=${trackB}`))).toEqual([
      ids[0],
      ids[1],
      ids[2],
    ]);
    expect(idsOf(await list('?import_id=imp-1'))).toEqual([ids[0], ids[5]]);
    expect(idsOf(await list(`?import_id=imp-1&guide=${g1}`))).toEqual([ids[0]]);
    expect(idsOf(await list(`?id=${ids[3]}`))).toEqual([ids[3]]);
    expect((await list('?guide=999999')).count).toBe(0);
  });

  it('refuses filter and ordering values that cannot match', async () => {
    const bad = await t.http
      .get('/open-api/v1/sessions/?guide=abc&schedule_tracks=x&ordering=name&id=1&id=2')
      .set('Authorization', alice.auth)
      .expect(400);
    expect(bad.body).toEqual({
      guide: ['A valid integer is required.'],
      schedule_tracks: ['Enter one or more valid integers separated by commas.'],
      ordering: ['Invalid ordering field(s): "name". Allowed: id, start_time, end_time.'],
      id: ['Give this filter once.'],
    });
    const unknown = await t.http
      .get('/open-api/v1/sessions/?colour=red')
      .set('Authorization', alice.auth)
      .expect(400);
    expect(unknown.body).toEqual({ colour: ['This field is not allowed.'] });
  });

  it('orders by id, start_time and end_time, ascending and descending, with several keys', async () => {
    expect(idsOf(await list('?ordering=-id'))).toEqual([...ids].reverse());
    // equal start times (ids[0], ids[6]) fall back to id
    expect(idsOf(await list('?ordering=start_time'))).toEqual([
      ids[4],
      ids[1],
      ids[3],
      ids[0],
      ids[6],
      ids[2],
      ids[5],
    ]);
    expect(idsOf(await list('?ordering=-start_time,-id'))).toEqual([
      ids[5],
      ids[2],
      ids[6],
      ids[0],
      ids[3],
      ids[1],
      ids[4],
    ]);
    // no end time sorts last ascending, first descending
    expect(idsOf(await list('?ordering=end_time'))).toEqual([
      ids[4],
      ids[1],
      ids[6],
      ids[0],
      ids[3],
      ids[5],
      ids[2],
    ]);
    expect(idsOf(await list('?ordering=-end_time'))).toEqual([
      ids[2],
      ids[5],
      ids[3],
      ids[0],
      ids[6],
      ids[1],
      ids[4],
    ]);
  });

  it('paginates in SQL across 3 pages with stable absolute next/previous links', async () => {
    const first = await list('?ordering=start_time&page_size=3');
    expect(first.count).toBe(7);
    expect(first.previous).toBeNull();
    expect(first.next).toMatch(
      /^http:\/\/[^/]+\/open-api\/v1\/sessions\/\?ordering=start_time&page_size=3&page=2$/,
    );
    const path = (url: string) => url.replace(/^http:\/\/[^/]+/, '');
    const second = (await t.http.get(path(first.next!)).set('Authorization', alice.auth).expect(200)).body;
    expect(second.previous).toMatch(/\/open-api\/v1\/sessions\/\?ordering=start_time&page_size=3$/);
    const third = (await t.http.get(path(second.next)).set('Authorization', alice.auth).expect(200)).body;
    expect(third.next).toBeNull();
    expect([...idsOf(first), ...idsOf(second), ...idsOf(third)]).toEqual([
      ids[4],
      ids[1],
      ids[3],
      ids[0],
      ids[6],
      ids[2],
      ids[5],
    ]);
    expect(idsOf(third)).toHaveLength(1);
    const again = (await t.http.get(path(first.next!)).set('Authorization', alice.auth)).body;
    // the same link gives the same page (links differ only in the test server's ephemeral port)
    expect({ ...again, next: path(again.next), previous: path(again.previous) }).toEqual({
      ...second,
      next: path(second.next),
      previous: path(second.previous),
    });
    const past = await t.http
      .get('/open-api/v1/sessions/?page=9&page_size=3')
      .set('Authorization', alice.auth)
      .expect(404);
    expect(past.body).toEqual({ detail: 'Invalid page.' });
    await t.http.get('/open-api/v1/sessions/?page_size=501').set('Authorization', alice.auth).expect(400);
  });
});

describe('Guidebook visibility (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("hides user A's guide content from user B (404), lets an operator read but not write (403), lets an admin do all", async () => {
    const a = await makeOrganiser(t);
    const b = await makeOrganiser(t);
    const op = await makeOrganiser(t, Role.Operator);
    const admin = await makeOrganiser(t, Role.Admin);
    const guide = await makeGuide(t, a, { name: "A's conference" });
    const track = await makeTrack(t, a, guide);
    const s = await makeSession(t, a, guide, { schedule_tracks: [track] });
    const bGuide = await makeGuide(t, b);
    await makeSession(t, b, bGuide);

    // B: nothing of A's exists
    for (const path of [
      `/open-api/v1/guides/${guide}/`,
      `/open-api/v1/schedule-tracks/${track}/`,
      `/open-api/v1/sessions/${s.id}/`,
    ]) {
      const get = await t.http.get(path).set('Authorization', b.auth).expect(404);
      expect(get.body).toEqual({ detail: 'Not found.' });
      await t.http.patch(path).set('Authorization', b.auth).send({ name: 'hijack' }).expect(404);
    }
    await t.http.delete(`/open-api/v1/sessions/${s.id}/`).set('Authorization', b.auth).expect(404);
    await t.http.delete(`/open-api/v1/schedule-tracks/${track}/`).set('Authorization', b.auth).expect(404);
    const bList = await t.http.get('/open-api/v1/sessions/').set('Authorization', b.auth).expect(200);
    expect(bList.body.results.map((r: { guide: number }) => r.guide)).toEqual([bGuide]);
    const bFiltered = await t.http.get(`/open-api/v1/sessions/?guide=${guide}`).set('Authorization', b.auth);
    expect(bFiltered.body.count).toBe(0);
    expect((await t.http.get('/open-api/v1/guides/').set('Authorization', b.auth)).body.count).toBe(1);
    expect((await t.http.get('/open-api/v1/schedule-tracks/').set('Authorization', b.auth)).body.count).toBe(
      0,
    );
    await t.http
      .post('/open-api/v1/schedule-tracks/')
      .set('Authorization', b.auth)
      .send({ guide, name: 'x', color: '#ffffff' })
      .expect(400);

    // operator: reads everything, writes nothing of A's
    const opRead = await t.http
      .get(`/open-api/v1/sessions/${s.id}/`)
      .set('Authorization', op.auth)
      .expect(200);
    expect(opRead.body).toMatchObject({ id: s.id, guide, schedule_tracks: [track] });
    expect((await t.http.get('/open-api/v1/sessions/').set('Authorization', op.auth)).body.count).toBe(2);
    expect((await t.http.get('/open-api/v1/guides/').set('Authorization', op.auth)).body.count).toBe(2);
    for (const path of [
      `/open-api/v1/guides/${guide}/`,
      `/open-api/v1/schedule-tracks/${track}/`,
      `/open-api/v1/sessions/${s.id}/`,
    ]) {
      await t.http.get(path).set('Authorization', op.auth).expect(200);
      const res = await t.http
        .patch(path)
        .set('Authorization', op.auth)
        .send({ name: 'op edit' })
        .expect(403);
      expect(res.body).toEqual({ detail: 'You do not have permission to perform this action.' });
    }
    await t.http.delete(`/open-api/v1/sessions/${s.id}/`).set('Authorization', op.auth).expect(403);
    await t.http.delete(`/open-api/v1/schedule-tracks/${track}/`).set('Authorization', op.auth).expect(403);
    await t.http
      .post('/open-api/v1/sessions/')
      .set('Authorization', op.auth)
      .send({ guide, name: 'x', description_html: '', start_time: '2017-09-18T16:00:00' })
      .expect(403);
    const unchanged = await t.http.get(`/open-api/v1/sessions/${s.id}/`).set('Authorization', a.auth);
    expect(unchanged.body).toEqual(s);

    // guide DELETE is admin-only, even for the owner
    await t.http.delete(`/open-api/v1/guides/${guide}/`).set('Authorization', a.auth).expect(403);
    await t.http.delete(`/open-api/v1/guides/${guide}/`).set('Authorization', op.auth).expect(403);

    // admin: writes and deletes anyone's content; deleting the guide removes its tracks and sessions
    await t.http
      .patch(`/open-api/v1/sessions/${s.id}/`)
      .set('Authorization', admin.auth)
      .send({ name: 'by admin' })
      .expect(200);
    await t.http.delete(`/open-api/v1/guides/${guide}/`).set('Authorization', admin.auth).expect(204);
    await t.http.get(`/open-api/v1/guides/${guide}/`).set('Authorization', admin.auth).expect(404);
    await t.http.get(`/open-api/v1/sessions/${s.id}/`).set('Authorization', admin.auth).expect(404);
    await t.http.get(`/open-api/v1/schedule-tracks/${track}/`).set('Authorization', admin.auth).expect(404);
    await t.http.delete(`/open-api/v1/guides/${guide}/`).set('Authorization', admin.auth).expect(404);
  });

  it('refuses requests without a credential', async () => {
    const res = await t.http.get('/open-api/v1/sessions/').expect(401);
    expect(res.body).toEqual({ detail: 'Authentication credentials were not provided.' });
  });
});
