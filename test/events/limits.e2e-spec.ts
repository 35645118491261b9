import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXPORT_CHUNK, exportHooks } from '../../src/events/events.service';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { makeSession } from './sessions';

/** 13.4 (data and list byte bounds), 13.5 (export failures), 13.9 (export slots), 17.7 (`?echo=false`). */
describe('Event limits (e2e)', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let aliceSession: number;
  let bigSession: number;
  let baseUrl: string;

  const DATA_MAX = 2048;
  const LIST_MAX = 20_000;

  beforeAll(async () => {
    t = await startTestApp({
      EVENT_DATA_MAX_BYTES: String(DATA_MAX),
      LIST_MAX_BYTES: String(LIST_MAX),
      EXPORTS_PER_USER: '1',
      EXPORTS_TOTAL: '2',
    });
    alice = await t.makeUser();
    bob = await t.makeUser();
    carol = await t.makeUser();
    aliceSession = await makeSession(t, alice.id);
    bigSession = await makeSession(t, alice.id);
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());
  let openGate = () => undefined as void;
  afterEach(() => {
    openGate();
    delete exportHooks.beforeRow;
    delete exportHooks.beforeChunk;
  });

  const post = (user: TestUser, url: string, body: unknown) =>
    t.http
      .post(url)
      .set('Authorization', bearer(user))
      .send(body as object);
  const get = (user: TestUser, url: string) => t.http.get(url).set('Authorization', bearer(user));
  const event = (sessionId: number, data: string | null = null) => ({
    session_id: sessionId,
    event_type: 'heartbeat',
    data,
  });

  /** A raw request, to see what arrives before a stream fails (supertest hides aborted bodies). */
  function raw(user: TestUser, path: string, onHeaders: () => void = () => undefined) {
    return new Promise<{ status: number; body: string; complete: boolean; aborted: boolean }>((resolve) => {
      const req = http.get(`${baseUrl}${path}`, { headers: { Authorization: bearer(user) } }, (res) => {
        onHeaders();
        let body = '';
        let aborted = false;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('aborted', () => (aborted = true));
        res.on('error', () => (aborted = true));
        res.on('close', () =>
          resolve({
            status: res.statusCode!,
            body,
            complete: res.complete,
            aborted: aborted || !res.complete,
          }),
        );
      });
      req.on('error', () => undefined);
    });
  }

  describe('event data is bounded (EVENT_DATA_MAX_BYTES)', () => {
    it('stores data of exactly the bound and refuses one byte more, on POST and in a batch, storing nothing', async () => {
      const atMax = 'é'.repeat(DATA_MAX / 2); // 2 bytes each in UTF-8
      const ok = await post(alice, '/api/2/events/', event(aliceSession, atMax)).expect(200);
      expect(ok.body.data).toBe(atMax);

      const over = `${atMax}x`;
      const res = await post(alice, '/api/2/events/', event(aliceSession, over)).expect(400);
      expect(res.body).toEqual({ data: [`Ensure this field has no more than ${DATA_MAX} bytes (UTF-8).`] });

      const before = await get(alice, `/api/2/events/?session_id=${aliceSession}`).expect(200);
      const batch = await post(alice, '/api/2/events/batch/', [
        event(aliceSession, 'small'),
        event(aliceSession, 'x'.repeat(DATA_MAX + 1)),
      ]).expect(400);
      expect(batch.body).toEqual([
        {},
        { data: [`Ensure this field has no more than ${DATA_MAX} bytes (UTF-8).`] },
      ]);
      const after = await get(alice, `/api/2/events/?session_id=${aliceSession}`).expect(200);
      expect(after.body).toHaveLength(before.body.length);
    });
  });

  describe('lists are bounded by bytes (LIST_MAX_BYTES)', () => {
    let sessionId: number;
    beforeAll(async () => {
      sessionId = await makeSession(t, bob.id);
      // 12 events of 2,000 bytes: ~27 KB in all, more than LIST_MAX_BYTES (20,000)
      await post(
        bob,
        '/api/2/events/batch/?echo=false',
        Array.from({ length: 12 }, (_, i) => event(sessionId, String(i % 10).repeat(2000))),
      ).expect(201);
    });

    it('refuses the unpaginated list and the history with 400 asking for pages', async () => {
      const res = await get(bob, `/api/2/events/?session_id=${sessionId}`).expect(400);
      expect(res.body.detail).toMatch(/larger than 20000 bytes\. Ask for pages with page_size/);
      const history = await get(bob, `/api/2/sessions/${sessionId}/history/`).expect(400);
      expect(history.body.detail).toMatch(/larger than 20000 bytes/);
    });

    it('answers pages that fit and refuses a page over the bound with 400 asking for a smaller page_size', async () => {
      const page = await get(bob, `/api/2/events/?session_id=${sessionId}&page_size=5&page=3`).expect(200);
      expect(page.body.count).toBe(12);
      expect(page.body.results).toHaveLength(2);
      expect(page.body.results[0].data).toBe('0'.repeat(2000));
      const big = await get(bob, `/api/2/events/?session_id=${sessionId}&page_size=12`).expect(400);
      expect(big.body.detail).toMatch(/larger than 20000 bytes\. Ask for a smaller page_size/);
    });

    it('still exports them all', async () => {
      const res = await get(bob, `/api/2/events/export/?format=ndjson&session_id=${sessionId}`).expect(200);
      expect(res.text.trim().split('\n')).toHaveLength(12);
    });
  });

  describe('POST /api/2/events/batch/?echo=false', () => {
    it('answers {count, ids} of stored events, in order', async () => {
      const res = await post(alice, '/api/2/events/batch/?echo=false', [
        event(aliceSession, 'a'),
        event(aliceSession, 'b'),
      ]).expect(201);
      expect(res.body).toEqual({ count: 2, ids: [expect.any(Number), expect.any(Number)] });
      expect(res.body.ids[1]).toBeGreaterThan(res.body.ids[0]);
      const second = await get(alice, `/api/2/events/${res.body.ids[1]}/`).expect(200);
      // multi-row inserts keep each event's own fields and tags, across chunks of rows
      const tagged = await post(
        alice,
        '/api/2/events/batch/?echo=false',
        Array.from({ length: 250 }, (_, i) => ({ ...event(aliceSession, `t${i}`), tag_ids: [i + 1, 1000] })),
      ).expect(201);
      const byTag = await get(alice, `/api/2/events/export/?format=ndjson&tag_ids=1000`).expect(200);
      const exported = byTag.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: number; data: string; tag_ids: string });
      expect(exported.map((e) => e.id)).toEqual(tagged.body.ids);
      expect(exported[200]).toMatchObject({ data: 't200', tag_ids: '201,1000' });
      const one = await get(alice, `/api/2/events/?tag_ids=137`).expect(200);
      expect(one.body.map((e: { data: string }) => e.data)).toEqual(['t136']);
      expect(second.body.data).toBe('b');
      await post(alice, '/api/2/events/batch/?echo=maybe', [event(aliceSession)])
        .expect(400)
        .expect(({ body }) => expect(body).toEqual({ echo: ['Must be a valid boolean.'] }));
    });
  });

  describe('export failures (13.5)', () => {
    beforeAll(async () => {
      await post(
        alice,
        '/api/2/events/batch/?echo=false',
        Array.from({ length: EXPORT_CHUNK + 50 }, (_, i) => event(bigSession, `row ${i}`)),
      ).expect(201);
    });

    it('exports every row, streamed', async () => {
      const res = await raw(alice, `/api/2/events/export/?format=csv&session_id=${bigSession}`);
      expect(res.status).toBe(200);
      expect(res.complete).toBe(true);
      expect(res.body.trim().split('\r\n')).toHaveLength(EXPORT_CHUNK + 51);
    });

    it('a failure before the first byte is a DRF 500 in JSON', async () => {
      exportHooks.beforeRow = (_row, i) => {
        if (i === 3) throw new Error('injected render failure');
      };
      for (const format of ['csv', 'ndjson']) {
        const res = await get(
          alice,
          `/api/2/events/export/?format=${format}&session_id=${bigSession}`,
        ).expect(500);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.body).toEqual({ detail: 'A server error occurred.' });
      }
    });

    it('a failure after the first byte aborts the response visibly (never a complete 200)', async () => {
      exportHooks.beforeRow = (_row, i) => {
        if (i === EXPORT_CHUNK + 10) throw new Error('injected render failure');
      };
      for (const format of ['csv', 'ndjson']) {
        const res = await raw(alice, `/api/2/events/export/?format=${format}&session_id=${bigSession}`);
        expect(res.status).toBe(200);
        expect(res.aborted).toBe(true);
        expect(res.complete).toBe(false);
        expect(res.body.length).toBeGreaterThan(0);
      }
      // the slot of an aborted export is free again
      delete exportHooks.beforeRow;
      const again = await raw(alice, `/api/2/events/export/?session_id=${bigSession}`);
      expect(again.status).toBe(200);
      expect(again.complete).toBe(true);
    });
  });

  describe('concurrent exports are bounded (13.9)', () => {
    it('answers 429 with Retry-After beyond EXPORTS_PER_USER and EXPORTS_TOTAL, and frees the slots after', async () => {
      const gate = new Promise<void>((resolve) => (openGate = resolve));
      const open = () => openGate();
      exportHooks.beforeChunk = () => gate;
      const carolSession = await makeSession(t, carol.id);
      const bobSession = await makeSession(t, bob.id);
      const many = (sessionId: number) => Array.from({ length: EXPORT_CHUNK + 1 }, () => event(sessionId));
      await post(carol, '/api/2/events/batch/?echo=false', many(carolSession)).expect(201);
      await post(bob, '/api/2/events/batch/?echo=false', many(bobSession)).expect(201);

      // two held exports (alice's and bob's) fill EXPORTS_TOTAL; each is one of its user's EXPORTS_PER_USER
      let started = 0;
      let bothStarted!: () => void;
      const holding = new Promise<void>((resolve) => (bothStarted = resolve));
      const onHeaders = () => ++started === 2 && bothStarted();
      const first = raw(alice, `/api/2/events/export/?session_id=${bigSession}`, onHeaders);
      const second = raw(bob, `/api/2/events/export/?session_id=${bobSession}`, onHeaders);
      await holding; // both are streaming, held before their second chunk
      const parallel = await Promise.all([
        get(alice, `/api/2/events/export/?session_id=${bigSession}`),
        get(carol, `/api/2/events/export/?session_id=${carolSession}`),
        get(carol, `/api/2/events/export/?format=ndjson&session_id=${carolSession}`),
      ]);
      for (const res of parallel) {
        expect(res.status).toBe(429);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toEqual({ detail: 'Request was throttled. Expected available in 5 seconds.' });
      }
      open();
      const done = await Promise.all([first, second]);
      expect(done.map((r) => [r.status, r.complete])).toEqual([
        [200, true],
        [200, true],
      ]);
      const after = await get(carol, `/api/2/events/export/?session_id=${carolSession}`).expect(200);
      expect(after.text.trim().split('\r\n')).toHaveLength(EXPORT_CHUNK + 2);
    });
  });
});
