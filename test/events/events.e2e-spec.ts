import { Role } from '../../src/common/auth-user';
import { parseDateTimeMicros } from '../../src/common/time';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { countEvents, makeSession, setServerTime } from './sessions';

const SEED_BODY = {
  session_id: 0, // replaced per test
  event_type: 'heartbeat',
  client_time: '2017-05-06T22:55:15.114568',
  latitude: 1.2345,
  longitude: 2.3456,
  tag_ids: '3,8',
  data: 'some random data',
};
const SEED_KEYS = [
  'id',
  'server_time',
  'client_time',
  'event_type',
  'data',
  'latitude',
  'longitude',
  'session_id',
  'tag_ids',
];
const NAIVE_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/;
const us = (iso: string) => parseDateTimeMicros(iso)!;

describe('Roundware events (e2e)', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let operator: TestUser;
  let aliceSession: number;
  let bobSession: number;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await t.makeUser();
    bob = await t.makeUser();
    operator = await t.makeUser({ role: Role.Operator });
    aliceSession = await makeSession(t, alice.id);
    bobSession = await makeSession(t, bob.id);
  });
  afterAll(() => t.close());

  const post = (user: TestUser, body: unknown) =>
    t.http
      .post('/api/2/events/')
      .set('Authorization', bearer(user))
      .send(body as object);
  const get = (user: TestUser, url: string) => t.http.get(url).set('Authorization', bearer(user));
  const ids = (body: Array<{ id: number }>) => body.map((e) => e.id);

  describe('POST /api/2/events/', () => {
    it("stores the seed's body and answers the seed's nine keys, in order (200, as upstream)", async () => {
      const res = await post(alice, { ...SEED_BODY, session_id: aliceSession }).expect(200);
      expect(Object.keys(res.body)).toEqual(SEED_KEYS);
      expect(res.body).toEqual({
        id: expect.any(Number),
        server_time: expect.stringMatching(NAIVE_ISO),
        client_time: '2017-05-06T22:55:15.114568',
        event_type: 'heartbeat',
        data: 'some random data',
        latitude: '1.2345',
        longitude: '2.3456',
        session_id: aliceSession,
        tag_ids: '3,8',
      });
      const again = await get(alice, `/api/2/events/${res.body.id}/`).expect(200);
      expect(again.body).toEqual(res.body);
      expect(Object.keys(again.body)).toEqual(SEED_KEYS);
    });

    it('accepts tag_ids as an array and coordinates as strings, kept as given', async () => {
      const res = await post(alice, {
        session_id: aliceSession,
        event_type: 'start_listen',
        tag_ids: [3, 22, 8],
        latitude: '40.75921249389648',
        longitude: '-73.98463439941406',
      }).expect(200);
      expect(res.body).toMatchObject({
        tag_ids: '3,22,8',
        latitude: '40.75921249389648',
        longitude: '-73.98463439941406',
        client_time: null,
        data: null,
      });
      const noTags = await post(alice, { session_id: aliceSession, event_type: 'x', tag_ids: '' }).expect(
        200,
      );
      expect(noTags.body.tag_ids).toBeNull();
      const spaced = await post(alice, {
        session_id: aliceSession,
        event_type: 'x',
        tag_ids: '5, 6,5',
      }).expect(200);
      expect(spaced.body.tag_ids).toBe('5,6');
    });

    it('requires session_id and event_type (DRF field errors)', async () => {
      const res = await post(alice, { data: 'x' }).expect(400);
      expect(res.body).toEqual({
        session_id: ['This field is required.'],
        event_type: ['This field is required.'],
      });
    });

    it('refuses values it cannot keep faithfully, naming each field', async () => {
      const res = await post(alice, {
        session_id: aliceSession,
        event_type: 'x',
        latitude: 'north',
        longitude: 200,
        tag_ids: '1,x',
        client_time: 'yesterday',
        colour: 'red',
      }).expect(400);
      expect(Object.keys(res.body).sort()).toEqual([
        'client_time',
        'colour',
        'latitude',
        'longitude',
        'tag_ids',
      ]);
      expect(res.body.colour).toEqual(['This field is not allowed.']);
      expect(res.body.latitude).toEqual(['A valid number between -90 and 90 is required.']);
      const long = await post(alice, { session_id: aliceSession, event_type: 'e'.repeat(51) }).expect(400);
      expect(long.body).toEqual({ event_type: ['Ensure this field has no more than 50 characters.'] });
    });

    it('answers 400 for an unknown session and, identically, for another user’s session', async () => {
      const unknown = await post(alice, { session_id: 999999, event_type: 'x' }).expect(400);
      expect(unknown.body).toEqual({ session_id: ['Invalid pk "999999" - object does not exist.'] });
      const foreign = await post(alice, { session_id: bobSession, event_type: 'x' }).expect(400);
      expect(foreign.body).toEqual({ session_id: [`Invalid pk "${bobSession}" - object does not exist.`] });
      expect(await countEvents(t, bobSession)).toBe(0);
    });

    it("lets an operator post to anyone's session", async () => {
      const res = await post(operator, { session_id: bobSession, event_type: 'operator_note' }).expect(200);
      expect(res.body.session_id).toBe(bobSession);
    });
  });

  describe('visibility', () => {
    let aliceEvent: number;
    let bobEvent: number;
    let session1: number;
    let session2: number;
    beforeAll(async () => {
      session1 = await makeSession(t, alice.id);
      session2 = await makeSession(t, bob.id);
      aliceEvent = (await post(alice, { session_id: session1, event_type: 'mine' }).expect(200)).body.id;
      bobEvent = (await post(bob, { session_id: session2, event_type: 'theirs' }).expect(200)).body.id;
    });

    it("a user reads only their own sessions' events; another's answers 404", async () => {
      await get(alice, `/api/2/events/${bobEvent}/`).expect(404);
      const list = await get(alice, '/api/2/events/').expect(200);
      expect(ids(list.body)).toContain(aliceEvent);
      expect(ids(list.body)).not.toContain(bobEvent);
      expect(list.body.every((e: { session_id: number }) => e.session_id !== session2)).toBe(true);
      const filtered = await get(alice, `/api/2/events/?session_id=${session2}`).expect(200);
      expect(filtered.body).toEqual([]);
    });

    it('an operator and an admin read both', async () => {
      for (const reader of [operator, await t.admin()]) {
        const list = await get(reader, `/api/2/events/?page_size=500`).expect(200);
        expect(ids(list.body.results)).toEqual(expect.arrayContaining([aliceEvent, bobEvent]));
        const one = await get(reader, `/api/2/events/${bobEvent}/`).expect(200);
        expect(one.body.event_type).toBe('theirs');
      }
    });

    it('DELETE is admin-only; a deleted event is gone', async () => {
      const doomed = (await post(alice, { session_id: session1, event_type: 'doomed', tag_ids: '7' })).body
        .id;
      await t.http.delete(`/api/2/events/${doomed}/`).set('Authorization', bearer(alice)).expect(403);
      await t.http.delete(`/api/2/events/${doomed}/`).set('Authorization', bearer(operator)).expect(403);
      const admin = await t.admin();
      await t.http.delete(`/api/2/events/${doomed}/`).set('Authorization', bearer(admin)).expect(204);
      await get(admin, `/api/2/events/${doomed}/`).expect(404);
      await t.http.delete(`/api/2/events/${doomed}/`).set('Authorization', bearer(admin)).expect(404);
      const tagged = await get(admin, `/api/2/events/?tag_ids=7`).expect(200);
      expect(ids(tagged.body)).not.toContain(doomed);
    });

    it('path ids that cannot exist answer 404, credentials are required', async () => {
      await get(alice, '/api/2/events/abc/').expect(404);
      await t.http.get('/api/2/events/').expect(401);
    });
  });

  describe('GET /api/2/events/ filters', () => {
    let session: number;
    let other: number;
    const ev: Record<string, number> = {};
    beforeAll(async () => {
      session = await makeSession(t, alice.id);
      other = await makeSession(t, alice.id);
      const make = async (name: string, body: Record<string, unknown>, sessionId = session) => {
        ev[name] = (await post(alice, { session_id: sessionId, ...body }).expect(200)).body.id;
      };
      await make('listen', { event_type: 'start_listen', tag_ids: '3,8', latitude: '40.75921249389648' });
      await make('upload', { event_type: 'START_UPLOAD', tag_ids: '8,3,5', latitude: 40.7 });
      await make('t38', { event_type: 'heartbeat', tag_ids: '38', latitude: '-40.75' });
      await make('t13', { event_type: 'heartbeat', tag_ids: '13,8', longitude: '-73.98463439941406' });
      await make('plain', { event_type: 'stop%listen', longitude: -73.9 });
      await make('elsewhere', { event_type: 'start_listen', tag_ids: '3,8' }, other);
      await setServerTime(t, ev.listen, us('2017-04-15T16:35:57.295461'));
      await setServerTime(t, ev.upload, us('2017-04-15T16:36:04.916135'));
      await setServerTime(t, ev.t38, us('2017-04-15T16:35:57.000000'));
      await setServerTime(t, ev.t13, us('2017-04-16T00:00:00.000001'));
      await setServerTime(t, ev.plain, us('2017-04-14T23:59:59.999999'));
      await setServerTime(t, ev.elsewhere, us('2017-04-15T16:35:58.000000'));
    });

    const list = async (query: string, sessionId: number | null = session) => {
      const res = await get(alice, `/api/2/events/?${sessionId ? `session_id=${sessionId}&` : ''}${query}`);
      expect(res.status).toBe(200);
      return ids(res.body);
    };

    it('session_id is exact; events come in id order, as a plain array', async () => {
      expect(await list('')).toEqual([ev.listen, ev.upload, ev.t38, ev.t13, ev.plain]);
      expect(await list('', other)).toEqual([ev.elsewhere]);
    });

    it('event_type is a case-insensitive substring, wildcards taken literally', async () => {
      expect(await list('event_type=start')).toEqual([ev.listen, ev.upload]);
      expect(await list('event_type=UPLOAD')).toEqual([ev.upload]);
      expect(await list('event_type=t_l')).toEqual([ev.listen]);
      expect(await list('event_type=%25')).toEqual([ev.plain]);
      expect(await list('event_type=nothing')).toEqual([]);
    });

    it('tag_ids matches whole tags, all of them', async () => {
      expect(await list('tag_ids=3,8')).toEqual([ev.listen, ev.upload]);
      expect(await list('tag_ids=8')).toEqual([ev.listen, ev.upload, ev.t13]);
      expect(await list('tag_ids=3')).toEqual([ev.listen, ev.upload]);
      expect(await list('tag_ids=38')).toEqual([ev.t38]);
      expect(await list('tag_ids=1')).toEqual([]);
      expect(await list('tag_ids=8,3,5')).toEqual([ev.upload]);
    });

    it('latitude and longitude match a prefix of the stored text', async () => {
      expect(await list('latitude=40.75')).toEqual([ev.listen]);
      expect(await list('latitude=40.7')).toEqual([ev.listen, ev.upload]);
      expect(await list('latitude=-40')).toEqual([ev.t38]);
      expect(await list('longitude=-73.9')).toEqual([ev.t13, ev.plain]);
      expect(await list('longitude=-73.98')).toEqual([ev.t13]);
    });

    it('server_time is exact to the second; __gt/__lt are strict and read T, space and bare dates', async () => {
      expect(await list('server_time=2017-04-15T16:35:57')).toEqual([ev.listen, ev.t38]);
      expect(await list('server_time__gt=2017-04-15T16:35:57')).toEqual([ev.listen, ev.upload, ev.t13]);
      expect(await list('server_time__gt=2017-04-15 16:35:57.295461')).toEqual([ev.upload, ev.t13]);
      expect(await list('server_time__lt=2017-04-15 16:35:57.295461')).toEqual([ev.t38, ev.plain]);
      expect(await list('server_time__gt=2017-04-15')).toEqual([ev.listen, ev.upload, ev.t38, ev.t13]);
      expect(await list('server_time__lt=2017-04-15')).toEqual([ev.plain]);
      expect(await list('server_time__gt=2017-04-15&server_time__lt=2017-04-16')).toEqual([
        ev.listen,
        ev.upload,
        ev.t38,
      ]);
      expect(
        await list('server_time__gt=2017-04-15T16:35:57&server_time__lt=2017-04-15T16:36:00', null),
      ).toEqual([ev.listen, ev.elsewhere]);
    });

    it('filters combine', async () => {
      expect(await list('event_type=start&tag_ids=3,8&latitude=40.75')).toEqual([ev.listen]);
      expect(await list('event_type=heart&tag_ids=8')).toEqual([ev.t13]);
    });

    it('an unreadable filter value is a 400 naming the parameter; unknown parameters too', async () => {
      const cases: Array<[string, string]> = [
        ['session_id=abc', 'session_id'],
        ['server_time=yesterday', 'server_time'],
        ['server_time__gt=2017-13-01', 'server_time__gt'],
        ['server_time__lt=12345', 'server_time__lt'],
        ['tag_ids=3,x', 'tag_ids'],
        ['latitude=north', 'latitude'],
        ['longitude=1e5', 'longitude'],
        ['page_size=0', 'page_size'],
        ['colour=red', 'colour'],
      ];
      for (const [query, field] of cases) {
        const res = await get(alice, `/api/2/events/?${query}`);
        expect([query, res.status, Object.keys(res.body)]).toEqual([query, 400, [field]]);
      }
      const empty = await get(alice, `/api/2/events/?session_id=${session}&event_type=&tag_ids=`).expect(200);
      expect(empty.body).toHaveLength(5);
    });

    it('page_size returns a DRF page with absolute links', async () => {
      const first = await get(alice, `/api/2/events/?session_id=${session}&page_size=2`).expect(200);
      expect(first.body).toEqual({
        count: 5,
        next: expect.stringMatching(/\/api\/2\/events\/\?session_id=\d+&page_size=2&page=2$/),
        previous: null,
        results: [expect.objectContaining({ id: ev.listen }), expect.objectContaining({ id: ev.upload })],
      });
      const last = await get(alice, `/api/2/events/?session_id=${session}&page_size=2&page=3`).expect(200);
      expect(ids(last.body.results)).toEqual([ev.plain]);
      expect(last.body.next).toBeNull();
      await get(alice, `/api/2/events/?session_id=${session}&page_size=2&page=4`).expect(404);
    });
  });

  describe('POST /api/2/events/batch/', () => {
    const item = (sessionId: number, i: number) => ({
      session_id: sessionId,
      event_type: i % 2 ? 'batch_odd' : 'batch_even',
      tag_ids: [i % 7, 100 + (i % 3)].filter(Boolean),
      latitude: 10 + i / 1000,
      data: `item ${i}`,
    });

    it('stores 1,000 events atomically and answers them in the order sent', async () => {
      const session = await makeSession(t, alice.id);
      const body = Array.from({ length: 1000 }, (_, i) => item(session, i));
      const res = await t.http
        .post('/api/2/events/batch/')
        .set('Authorization', bearer(alice))
        .send(body)
        .expect(201);
      expect(res.body.count).toBe(1000);
      expect(res.body.results).toHaveLength(1000);
      expect(res.body.results[999]).toMatchObject({
        data: 'item 999',
        event_type: 'batch_odd',
        tag_ids: '5,100',
      });
      const batchIds = ids(res.body.results);
      expect(batchIds).toEqual([...batchIds].sort((a, b) => a - b));
      expect(new Set(batchIds).size).toBe(1000);
      expect(await countEvents(t, session)).toBe(1000);
      const page = await get(alice, `/api/2/events/?session_id=${session}&tag_ids=100&page_size=1`).expect(
        200,
      );
      expect(page.body.count).toBe(334);
    });

    it('stores nothing when one item is bad, and points at its index', async () => {
      const session = await makeSession(t, alice.id);
      const body = Array.from({ length: 1000 }, (_, i) => item(session, i));
      body[500] = {
        ...body[500],
        event_type: undefined as unknown as string,
        latitude: 'x' as unknown as number,
      };
      const res = await t.http
        .post('/api/2/events/batch/')
        .set('Authorization', bearer(alice))
        .send(body)
        .expect(400);
      expect(res.body).toHaveLength(1000);
      expect(res.body[500]).toEqual({
        event_type: ['This field is required.'],
        latitude: ['A valid number between -90 and 90 is required.'],
      });
      expect(res.body.filter((e: object) => Object.keys(e).length)).toHaveLength(1);
      expect(await countEvents(t, session)).toBe(0);
    });

    it('ignores `constructor` / `__proto__` keys in items, as the single POST does: never a 500 (hostile-input regression)', async () => {
      const session = await makeSession(t, alice.id);
      // class-transformer took a nested object's own `constructor` key for its class and crashed
      const res = await t.http
        .post('/api/2/events/batch/')
        .set('Authorization', bearer(alice))
        .set('Content-Type', 'application/json')
        .send(
          `[{"session_id":${session},"event_type":"good"},` +
            `{"session_id":${session},"event_type":"bad","latitude":[{"constructor":"Tx"}]},` +
            `{"session_id":${session},"event_type":"proto","__proto__":{"polluted":1},"constructor":1}]`,
        )
        .expect(400);
      expect(res.body).toEqual([{}, { latitude: [expect.any(String)] }, {}]);
      expect(await countEvents(t, session)).toBe(0);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("refuses an item in another user's session (nothing stored), and bodies that are not lists", async () => {
      const session = await makeSession(t, alice.id);
      const res = await t.http
        .post('/api/2/events/batch/')
        .set('Authorization', bearer(alice))
        .send([item(session, 1), item(bobSession, 2)])
        .expect(400);
      expect(res.body).toEqual([{}, { session_id: [`Invalid pk "${bobSession}" - object does not exist.`] }]);
      expect(await countEvents(t, session)).toBe(0);
      const notList = await t.http
        .post('/api/2/events/batch/')
        .set('Authorization', bearer(alice))
        .send(item(session, 1))
        .expect(400);
      expect(notList.body).toEqual({ non_field_errors: ['Expected a list of items but got type "dict".'] });
      const empty = await t.http
        .post('/api/2/events/batch/')
        .set('Authorization', bearer(alice))
        .send([])
        .expect(400);
      expect(empty.body).toEqual({ non_field_errors: ['This list may not be empty.'] });
      const tooMany = await t.http
        .post('/api/2/events/batch/')
        .set('Authorization', bearer(alice))
        .send(Array.from({ length: 1001 }, () => ({ session_id: session, event_type: 'x' })))
        .expect(400);
      expect(tooMany.body).toEqual({
        non_field_errors: ['Ensure this field has no more than 1000 elements.'],
      });
    });

    it('keeps concurrent batches and single posts apart: good ones all stored, bad ones not at all', async () => {
      const session = await makeSession(t, alice.id);
      const good = (n: number, tag: number) =>
        Array.from({ length: n }, (_, i) => ({
          session_id: session,
          event_type: `c${tag}`,
          tag_ids: [tag],
          data: `${i}`,
        }));
      const bad = (tag: number) => [...good(50, tag), { session_id: session }];
      const requests = [];
      for (let k = 1; k <= 8; k++) {
        const body = k % 3 === 0 ? bad(k) : good(100, k);
        requests.push(
          t.http.post('/api/2/events/batch/').set('Authorization', bearer(alice)).send(body),
          post(alice, { session_id: session, event_type: 'single', tag_ids: [1000 + k] }),
        );
      }
      const responses = await Promise.all(requests);
      const statuses = responses.map((r) => r.status);
      expect(statuses).toEqual([
        201, 200, 201, 200, 400, 200, 201, 200, 201, 200, 400, 200, 201, 200, 201, 200,
      ]);
      expect(await countEvents(t, session)).toBe(6 * 100 + 8);
      for (let k = 1; k <= 8; k++) {
        const page = await get(alice, `/api/2/events/?session_id=${session}&tag_ids=${k}&page_size=1`).expect(
          200,
        );
        expect([k, page.body.count]).toEqual([k, k % 3 === 0 ? 0 : 100]);
      }
    });
  });

  describe('GET /api/2/events/export/', () => {
    let session: number;
    beforeAll(async () => {
      session = await makeSession(t, alice.id);
      const body = Array.from({ length: 1500 }, (_, i) => ({
        session_id: session,
        event_type: i === 0 ? 'quoted' : i % 2 ? 'export_odd' : 'export_even',
        data: i === 0 ? 'a "quote", a comma\nand a newline' : `row ${i}`,
        tag_ids: i % 2 ? '4,2' : '2',
      }));
      for (const part of [body.slice(0, 1000), body.slice(1000)]) {
        await t.http.post('/api/2/events/batch/').set('Authorization', bearer(alice)).send(part).expect(201);
      }
      await post(bob, { session_id: bobSession, event_type: 'export_odd', tag_ids: '4,2' }).expect(200);
    });

    it('streams CSV with a header and RFC 4180 quoting, filters applied, across chunks', async () => {
      const res = await get(alice, `/api/2/events/export/?format=csv&session_id=${session}`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="events.csv"');
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe(
        'id,server_time,client_time,event_type,data,latitude,longitude,session_id,tag_ids',
      );
      expect(lines[1]).toMatch(/^\d+,[^,]+,,quoted,"a ""quote"", a comma\nand a newline",,,\d+,2$/);
      expect(lines.at(-1)).toBe('');
      expect(lines).toHaveLength(1 + 1500 + 1);
      const odd = await get(
        alice,
        `/api/2/events/export/?session_id=${session}&event_type=odd&tag_ids=4`,
      ).expect(200);
      expect(odd.text.split('\r\n').filter(Boolean)).toHaveLength(1 + 750);
    });

    it('streams NDJSON, one seed-shaped event per line, visibility applied', async () => {
      const res = await get(alice, `/api/2/events/export/?format=ndjson&event_type=export_odd`).expect(200);
      expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      const events = res.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(events).toHaveLength(750);
      expect(Object.keys(events[0])).toEqual(SEED_KEYS);
      expect(events.every((e) => e.session_id === session && e.tag_ids === '4,2')).toBe(true);
      const all = await get(operator, `/api/2/events/export/?format=ndjson&event_type=export_odd`).expect(
        200,
      );
      expect(all.text.trim().split('\n')).toHaveLength(751);
    });

    it('checks filters and format before streaming', async () => {
      const res = await get(alice, '/api/2/events/export/?format=xml').expect(400);
      expect(res.body).toEqual({ format: ['Select a valid choice. Use csv or ndjson.'] });
      const bad = await get(alice, '/api/2/events/export/?server_time__gt=soon').expect(400);
      expect(bad.body).toEqual({ server_time__gt: ['Enter a valid date/time.'] });
    });
  });

  describe('GET /api/2/sessions/:id/history/', () => {
    it('answers the session and its events in order; another user’s session is 404', async () => {
      const session = await makeSession(t, alice.id);
      const first = (await post(alice, { session_id: session, event_type: 'one' })).body;
      const second = (await post(alice, { session_id: session, event_type: 'two', tag_ids: [9] })).body;
      const res = await get(alice, `/api/2/sessions/${session}/history/`).expect(200);
      expect(res.body).toEqual({
        session: {
          id: session,
          device_id: null,
          starttime: expect.stringMatching(NAIVE_ISO),
          stoptime: null,
          client_type: null,
          client_system: 'iOS 8.1',
          demo_stream_enabled: true,
          geo_listen_enabled: false,
          timezone: '-8000',
          project_id: expect.any(Number),
          language_id: 1,
        },
        events: [first, second],
        listen_events: [],
      });
      await get(bob, `/api/2/sessions/${session}/history/`).expect(404);
      const asOperator = await get(operator, `/api/2/sessions/${session}/history/`).expect(200);
      expect(asOperator.body.events).toHaveLength(2);
      await get(alice, `/api/2/sessions/999999/history/`).expect(404);
    });
  });
});

describe('Roundware events: the unpaginated size limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ EVENTS_LIST_MAX_ROWS: '5' });
  });
  afterAll(() => t.close());

  it('answers 400 telling the client to paginate when more rows match than EVENTS_LIST_MAX_ROWS', async () => {
    const user = await t.makeUser();
    const session = await makeSession(t, user.id);
    const body = Array.from({ length: 6 }, () => ({ session_id: session, event_type: 'x' }));
    await t.http
      .post('/api/2/events/batch/')
      .set('Authorization', bearer(user))
      .send(body.slice(0, 5))
      .expect(201);
    const five = await t.http.get('/api/2/events/').set('Authorization', bearer(user)).expect(200);
    expect(five.body).toHaveLength(5);
    await t.http.post('/api/2/events/').set('Authorization', bearer(user)).send(body[5]).expect(200);
    const res = await t.http.get('/api/2/events/').set('Authorization', bearer(user)).expect(400);
    expect(res.body.detail).toMatch(/^More than 5 events match\. Ask for pages with page_size/);
    const page = await t.http
      .get('/api/2/events/?page_size=4&page=2')
      .set('Authorization', bearer(user))
      .expect(200);
    expect(page.body.count).toBe(6);
    expect(page.body.results).toHaveLength(2);
    const exported = await t.http
      .get('/api/2/events/export/?format=ndjson')
      .set('Authorization', bearer(user));
    expect(exported.text.trim().split('\n')).toHaveLength(6);
  });
});
