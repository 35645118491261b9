/**
 * Guidebook webhooks (CLIENTS.md 3.5): registration by the guide's owner, events written to the outbox in
 * the transaction of the change, delivered by the poller with an HMAC-SHA256 signature and an idempotency
 * key, retried with backoff, surviving a restart, and sent once by two instances on one database.
 * A loopback receiver stands in for the customer's URL (WEBHOOK_ALLOW_PRIVATE=true).
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { ADMIN_PASSWORD, baseTestEnv, freshDatabase, startTestApp, TestApp } from '../utils/test-app';
import { makeGuide, makeOrganiser, Organiser } from './guidebook-helpers';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { weid: string; event: string; properties: Record<string, string>; extra_metadata: object };
}

/** A loopback HTTP receiver; `answer` picks the status for each request (default 200). */
class Receiver {
  readonly got: Received[] = [];
  answer: (r: Received, nth: number) => number = () => 200;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString();
        const r: Received = { headers: req.headers, body, json: JSON.parse(body) as Received['json'] };
        this.got.push(r);
        const nth = this.got.filter((g) => g.json.weid === r.json.weid).length;
        res.statusCode = this.answer(r, nth);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async waitFor(count: number, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.got.length < count) {
      if (Date.now() > until) throw new Error(`receiver got ${this.got.length} of ${count}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const FAST = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '25', WEBHOOK_RETRY_BASE_MS: '50' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const signed = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const session = (guide: number, name: string) => ({
  guide,
  name,
  start_time: '2017-09-18T16:00:00',
  end_time: '2017-09-18T17:00:00',
});

describe('Guidebook webhooks (e2e)', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = new Receiver();
    await receiver.start();
  });
  afterEach(() => receiver.stop());

  describe('on one instance', () => {
    let t: TestApp;
    let alice: Organiser;
    let bob: Organiser;
    let guide: number;
    beforeAll(async () => {
      t = await startTestApp(FAST);
      alice = await makeOrganiser(t);
      bob = await makeOrganiser(t);
    });
    beforeEach(async () => {
      guide = await makeGuide(t, alice, { name: 'Hooked' });
    });
    afterAll(() => t.close());

    const register = async (events?: string[]) =>
      (
        await t.http
          .post(`/open-api/v1/guides/${guide}/webhooks/`)
          .set('Authorization', alice.auth)
          .send({ url: receiver.url, ...(events ? { events } : {}) })
          .expect(201)
      ).body as { id: number; secret: string; events: string[]; url: string };

    it('delivers each event once per change, signed, with an idempotency key, and logs it', async () => {
      const hook = await register();
      expect(hook).toMatchObject({
        guide,
        url: receiver.url,
        events: [
          'Builder-SessionCreated',
          'Builder-SessionUpdated',
          'Builder-SessionDeleted',
          'Builder-AllSessionsInGuideDeleted',
        ],
      });
      expect(hook.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
      const created = await t.http
        .post('/open-api/v1.1/sessions/')
        .set('Authorization', alice.auth)
        .send(session(guide, 'Opening'))
        .expect(201);
      await receiver.waitFor(1);
      await t.http
        .patch(`/open-api/v1/sessions/${created.body.id}/`)
        .set('Authorization', alice.auth)
        .send({ name: 'Opening keynote' })
        .expect(200);
      await receiver.waitFor(2);
      await t.http
        .delete(`/open-api/v1/sessions/${created.body.id}/`)
        .set('Authorization', alice.auth)
        .expect(204);
      // the guide's last session went: the guide-wide event follows the session's
      await receiver.waitFor(4);
      // a refused change writes no event
      await t.http
        .patch(`/open-api/v1/sessions/${created.body.id}/`)
        .set('Authorization', alice.auth)
        .send({ name: 'gone' })
        .expect(404);
      await sleep(300);
      expect(receiver.got.map((r) => r.json.event)).toEqual([
        'Builder-SessionCreated',
        'Builder-SessionUpdated',
        'Builder-SessionDeleted',
        'Builder-AllSessionsInGuideDeleted',
      ]);
      expect(receiver.got.map((r) => r.json.properties.session_name)).toEqual([
        'Opening',
        'Opening keynote',
        'Opening keynote',
        undefined,
      ]);
      const all = receiver.got[3];
      expect(all.headers['x-hub-signature-256']).toBe(signed(hook.secret, all.body));
      expect(all.json.properties).toMatchObject({ guide_id: String(guide), guide_name: 'Hooked' });
      expect(all.json.properties).not.toHaveProperty('session_id');
      for (const r of receiver.got.slice(0, 3)) {
        expect(r.headers['x-hub-signature-256']).toBe(signed(hook.secret, r.body));
        expect(r.headers['idempotency-key']).toBe(r.json.weid);
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.json).toEqual({
          weid: expect.stringMatching(/^[0-9a-f-]{36}$/),
          event: expect.any(String),
          properties: expect.objectContaining({
            guide_id: String(guide),
            guide_name: 'Hooked',
            user_id: String(alice.id),
            session_id: String(created.body.id),
            time: expect.any(String),
          }),
          extra_metadata: {},
        });
      }
      expect(receiver.got[0].json.properties.open_api_version).toBe('v1.1');
      expect(receiver.got[1].json.properties.open_api_version).toBe('v1');
      expect(new Set(receiver.got.map((r) => r.json.weid)).size).toBe(4);
      const log = await t.http
        .get(`/open-api/v1/guides/${guide}/webhooks/${hook.id}/deliveries/`)
        .set('Authorization', alice.auth)
        .expect(200);
      expect(log.body.count).toBe(4);
      for (const d of log.body.results) {
        expect(d).toMatchObject({ status: 'delivered', attempts: 1, next_attempt_at: null });
        expect(d.log).toEqual([expect.objectContaining({ attempt: 1, status_code: 200, error: null })]);
        expect(d.payload.weid).toBe(d.idempotency_key);
      }
      // the list shows no secret; another user sees neither the webhooks nor the log
      const list = await t.http
        .get(`/open-api/v1/guides/${guide}/webhooks/`)
        .set('Authorization', alice.auth)
        .expect(200);
      expect(list.body.results).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);
      await t.http.get(`/open-api/v1/guides/${guide}/webhooks/`).set('Authorization', bob.auth).expect(404);
      await t.http
        .get(`/open-api/v1/guides/${guide}/webhooks/${hook.id}/deliveries/`)
        .set('Authorization', bob.auth)
        .expect(404);
      await t.http
        .post(`/open-api/v1/guides/${guide}/webhooks/`)
        .set('Authorization', bob.auth)
        .send({ url: receiver.url })
        .expect(404);
    });

    it('serves the same webhooks on v1.1; AllSessionsInGuideDeleted comes only with the last session', async () => {
      const made = await t.http
        .post(`/open-api/v1.1/guides/${guide}/webhooks/`)
        .set('Authorization', alice.auth)
        .type('form')
        .send({ url: receiver.url })
        .expect(201);
      const hook = made.body as { id: number; secret: string };
      const v1 = await t.http
        .get(`/open-api/v1/guides/${guide}/webhooks/`)
        .set('Authorization', alice.auth)
        .expect(200);
      expect(v1.body.results.map((w: { id: number }) => w.id)).toEqual([hook.id]);
      const ids: number[] = [];
      for (const name of ['First', 'Second']) {
        const s = await t.http
          .post('/open-api/v1.1/sessions/')
          .set('Authorization', alice.auth)
          .send(session(guide, name))
          .expect(201);
        ids.push(s.body.id);
      }
      await t.http.delete(`/open-api/v1.1/sessions/${ids[0]}/`).set('Authorization', alice.auth).expect(204);
      await receiver.waitFor(3);
      await sleep(300);
      expect(receiver.got.map((r) => r.json.event)).toEqual([
        'Builder-SessionCreated',
        'Builder-SessionCreated',
        'Builder-SessionDeleted',
      ]);
      await t.http.delete(`/open-api/v1.1/sessions/${ids[1]}/`).set('Authorization', alice.auth).expect(204);
      await receiver.waitFor(5);
      await sleep(300);
      expect(receiver.got.slice(3).map((r) => r.json.event)).toEqual([
        'Builder-SessionDeleted',
        'Builder-AllSessionsInGuideDeleted',
      ]);
      for (const r of receiver.got)
        expect(r.headers['x-hub-signature-256']).toBe(signed(hook.secret, r.body));
      const log = await t.http
        .get(`/open-api/v1.1/guides/${guide}/webhooks/${hook.id}/deliveries/`)
        .set('Authorization', alice.auth)
        .expect(200);
      expect(log.body.count).toBe(5);
      expect(log.body.results[0]).toMatchObject({
        status: 'delivered',
        event: 'Builder-AllSessionsInGuideDeleted',
      });
      await t.http.get(`/open-api/v1.1/guides/${guide}/webhooks/`).set('Authorization', bob.auth).expect(404);
      await t.http
        .delete(`/open-api/v1.1/guides/${guide}/webhooks/${hook.id}/`)
        .set('Authorization', alice.auth)
        .expect(204);
      const none = await t.http
        .get(`/open-api/v1/guides/${guide}/webhooks/`)
        .set('Authorization', alice.auth)
        .expect(200);
      expect(none.body.count).toBe(0);
    });

    it('only sends the events a webhook subscribed to', async () => {
      await register(['Builder-SessionDeleted']);
      const s = await t.http
        .post('/open-api/v1.1/sessions/')
        .set('Authorization', alice.auth)
        .send(session(guide, 'Quiet'))
        .expect(201);
      await t.http.delete(`/open-api/v1/sessions/${s.body.id}/`).set('Authorization', alice.auth).expect(204);
      await receiver.waitFor(1);
      await sleep(200);
      expect(receiver.got.map((r) => r.json.event)).toEqual(['Builder-SessionDeleted']);
    });

    it('retries a failing receiver with backoff: failing twice, it gets the event on the third try', async () => {
      const hook = await register();
      receiver.answer = (_r, nth) => (nth <= 2 ? 500 : 200);
      await t.http
        .post('/open-api/v1.1/sessions/')
        .set('Authorization', alice.auth)
        .send(session(guide, 'Flaky'))
        .expect(201);
      await receiver.waitFor(3);
      await sleep(300);
      expect(receiver.got).toHaveLength(3);
      expect(new Set(receiver.got.map((r) => r.headers['idempotency-key'])).size).toBe(1);
      expect(new Set(receiver.got.map((r) => r.body)).size).toBe(1);
      const log = await t.http
        .get(`/open-api/v1/guides/${guide}/webhooks/${hook.id}/deliveries/`)
        .set('Authorization', alice.auth)
        .expect(200);
      expect(log.body.results).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3 })]);
      const attempts = log.body.results[0].log as Array<{ status_code: number; attempted_at: string }>;
      expect(attempts.map((a) => a.status_code)).toEqual([500, 500, 200]);
    });

    it('refuses URLs that are not http(s), and removes a webhook (owner only)', async () => {
      for (const url of [
        'ftp://example.org/x',
        'javascript:alert(1)',
        'not a url',
        'http://user:pw@example.org/',
      ]) {
        const res = await t.http
          .post(`/open-api/v1/guides/${guide}/webhooks/`)
          .set('Authorization', alice.auth)
          .send({ url })
          .expect(400);
        expect(Object.keys(res.body)).toEqual(['url']);
      }
      const bad = await t.http
        .post(`/open-api/v1/guides/${guide}/webhooks/`)
        .set('Authorization', alice.auth)
        .send({ url: receiver.url, events: ['Builder-Everything'] })
        .expect(400);
      expect(Object.keys(bad.body)).toEqual(['events']);
      const hook = await register();
      await t.http
        .delete(`/open-api/v1/guides/${guide}/webhooks/${hook.id}/`)
        .set('Authorization', bob.auth)
        .expect(404);
      await t.http
        .delete(`/open-api/v1/guides/${guide}/webhooks/${hook.id}/`)
        .set('Authorization', alice.auth)
        .expect(204);
      await t.http
        .delete(`/open-api/v1/guides/${guide}/webhooks/${hook.id}/`)
        .set('Authorization', alice.auth)
        .expect(404);
    });
  });

  it('refuses private and loopback addresses unless WEBHOOK_ALLOW_PRIVATE=true', async () => {
    const t = await startTestApp({ WEBHOOK_POLL_MS: '0' });
    try {
      const alice = await makeOrganiser(t);
      const guide = await makeGuide(t, alice);
      for (const url of [
        receiver.url,
        'http://localhost:8080/',
        'http://10.0.0.1/',
        'http://[::1]/',
        'http://169.254.169.254/',
      ]) {
        const res = await t.http
          .post(`/open-api/v1/guides/${guide}/webhooks/`)
          .set('Authorization', alice.auth)
          .send({ url })
          .expect(400);
        expect(res.body).toEqual({ url: ['Private, loopback and link-local addresses are not allowed.'] });
      }
    } finally {
      await t.close();
    }
  });

  describe('across instances on one database', () => {
    const apps: NestExpressApplication[] = [];
    let drop: () => Promise<void>;
    let env: Record<string, string>;
    beforeEach(async () => {
      const db = await freshDatabase();
      drop = db.drop;
      env = { ...baseTestEnv(), ...db.env, ...FAST };
    });
    afterEach(async () => {
      for (const app of apps.splice(0)) await app.close();
      await drop();
    });
    const boot = async (extra: Record<string, string>) => {
      const app = await createApp({ env: { ...env, ...extra } });
      await app.init();
      apps.push(app);
      return app;
    };
    /** The admin's token, a guide and a webhook to the receiver, through `app`. */
    const setUp = async (app: NestExpressApplication) => {
      const http = request(app.getHttpServer());
      const login = await http
        .post('/auth/login')
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      const auth = `JWT ${login.body.access_token as string}`;
      const guide = (
        await http.post('/open-api/v1/guides/').set('Authorization', auth).send({ name: 'G' }).expect(201)
      ).body.id as number;
      await http
        .post(`/open-api/v1/guides/${guide}/webhooks/`)
        .set('Authorization', auth)
        .send({ url: receiver.url })
        .expect(201);
      return { http, auth, guide };
    };

    it('a restart between the change and the delivery still delivers', async () => {
      const first = await boot({ WEBHOOK_POLL_MS: '0' }); // delivery off: the change is only in the outbox
      const { http, auth, guide } = await setUp(first);
      await http
        .post('/open-api/v1/sessions/')
        .set('Authorization', auth)
        .send({ ...session(guide, 'Before restart'), description_html: null })
        .expect(201);
      await sleep(150);
      expect(receiver.got).toHaveLength(0);
      await apps.pop()!.close();
      await boot({});
      await receiver.waitFor(1);
      await sleep(200);
      expect(receiver.got.map((r) => [r.json.event, r.json.properties.session_name])).toEqual([
        ['Builder-SessionCreated', 'Before restart'],
      ]);
    });

    it('two instances polling one database deliver each event once', async () => {
      const a = await boot({ WEBHOOK_POLL_MS: '10' });
      await boot({ WEBHOOK_POLL_MS: '10' });
      const { http, auth, guide } = await setUp(a);
      receiver.answer = () => 200;
      const ids: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await http
          .post('/open-api/v1.1/sessions/')
          .set('Authorization', auth)
          .send(session(guide, `S${i}`))
          .expect(201);
        ids.push(res.body.id as number);
      }
      await receiver.waitFor(20);
      await sleep(500);
      expect(receiver.got).toHaveLength(20);
      expect(new Set(receiver.got.map((r) => r.json.weid)).size).toBe(20);
      expect(receiver.got.map((r) => Number(r.json.properties.session_id)).sort((x, y) => x - y)).toEqual(
        ids,
      );
    });
  });
});
