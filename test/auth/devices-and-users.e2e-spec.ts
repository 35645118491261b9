/**
 * Device registration rules (issue 13, item 3; DESIGN.md "Device users"), the API key cap, and usernames
 * unique regardless of case (item 15).
 */
import { ADMIN_PASSWORD, bearer, startTestApp, TestApp } from '../utils/test-app';
import { fromAddress } from './from-address';

describe('device registration (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEVICE_REGISTRATIONS_PER_MINUTE: '8', DEVICE_KEYS_KEPT: '3' });
  });
  afterAll(() => t.close());

  it('re-registering a device keeps its earlier keys working (the newest DEVICE_KEYS_KEPT)', async () => {
    const client = await fromAddress(t, '127.0.0.11');
    const register = async () => {
      const res = await client('POST', '/api/2/users/', { device_id: 'tab-device' });
      expect(res.status).toBe(200);
      return res.body as { id: number; token: string };
    };
    const tokens: string[] = [];
    for (let i = 0; i < 4; i++) tokens.push((await register()).token);
    const meWith = (token: string) =>
      client('GET', '/auth/me', undefined, { authorization: `token ${token}` });
    // the first tab's key still works after the second registration (and a third)…
    const statuses = [];
    for (const token of tokens) statuses.push((await meWith(token)).status);
    // …until more than DEVICE_KEYS_KEPT newer keys exist: only the oldest is revoked
    expect(statuses).toEqual([401, 200, 200, 200]);
  });

  it('throttles registrations per client address with DRF’s 429 and Retry-After', async () => {
    const a = await fromAddress(t, '127.0.0.12');
    const b = await fromAddress(t, '127.0.0.13');
    for (let i = 0; i < 8; i++) {
      expect((await a('POST', '/api/2/users/', { device_id: `thr-${i}` })).status).toBe(200);
    }
    const refused = await a('POST', '/api/2/users/', { device_id: 'thr-over' });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      detail: expect.stringMatching(/^Request was throttled\. Expected available in \d+ seconds\.$/),
    });
    const seconds = Number(/in (\d+) seconds/.exec(refused.body.detail)![1]);
    expect(Number(refused.headers['retry-after'])).toBe(seconds);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect((await b('POST', '/api/2/users/', { device_id: 'thr-other' })).status).toBe(200);
  });

  it('a device user stays a plain user without a password (an admin cannot promote it)', async () => {
    const client = await fromAddress(t, '127.0.0.14');
    const device = (await client('POST', '/api/2/users/', { device_id: 'promote-me' })).body;
    const admin = await t.admin();
    const promote = await t.http
      .patch(`/users/${device.id}`)
      .set('Authorization', bearer(admin))
      .send({ role: 'admin' })
      .expect(400);
    expect(promote.body).toEqual({ role: ['A device user always has the role user.'] });
    const password = await t.http
      .patch(`/users/${device.id}`)
      .set('Authorization', bearer(admin))
      .send({ password: 'a-password-for-it' })
      .expect(400);
    expect(password.body).toEqual({
      password: ['A device user has no password; it signs in with its device key.'],
    });
    const again = await client('POST', '/api/2/users/', { device_id: 'promote-me' });
    const me = await client('GET', '/auth/me', undefined, { authorization: `token ${again.body.token}` });
    expect(me.body).toMatchObject({ id: device.id, role: 'user' });
  });
});

describe('API key cap (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ MAX_API_KEYS_PER_USER: '3' });
  });
  afterAll(() => t.close());

  it('refuses a key beyond MAX_API_KEYS_PER_USER with 409, and allows one again after a revoke', async () => {
    const u = await t.makeUser();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (
          await t.http
            .post('/auth/api-keys')
            .set('Authorization', bearer(u))
            .send({ name: `k${i}` })
            .expect(201)
        ).body.id,
      );
    }
    const over = await t.http
      .post('/auth/api-keys')
      .set('Authorization', bearer(u))
      .send({ name: 'k3' })
      .expect(409);
    expect(over.body).toEqual({ detail: 'You already have 3 API keys, the most allowed. Revoke one first.' });
    const list = await t.http.get('/auth/api-keys').set('Authorization', bearer(u)).expect(200);
    expect(list.body.map((k: { id: number }) => k.id)).toEqual(ids);
    await t.http.delete(`/auth/api-keys/${ids[0]}`).set('Authorization', bearer(u)).expect(204);
    await t.http.post('/auth/api-keys').set('Authorization', bearer(u)).send({ name: 'k3' }).expect(201);
  });
});

describe('usernames unique regardless of case (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses Admin beside admin on create and on rename; login stays case-sensitive', async () => {
    const admin = await t.admin();
    const taken = { username: ['A user with that username already exists.'] };
    const create = (username: string) =>
      t.http
        .post('/users')
        .set('Authorization', bearer(admin))
        .send({ username, password: 'some-password', role: 'user' });
    expect((await create('Admin').expect(400)).body).toEqual(taken);
    await create('CaseUser').expect(201);
    expect((await create('caseuser').expect(400)).body).toEqual(taken);
    const other = (await create('someone-else').expect(201)).body;
    const rename = await t.http
      .patch(`/users/${other.id}`)
      .set('Authorization', bearer(admin))
      .send({ username: 'CASEUSER' })
      .expect(400);
    expect(rename.body).toEqual(taken);
    // renaming to a new case of one's own name is fine
    const own = await t.http
      .patch(`/users/${other.id}`)
      .set('Authorization', bearer(admin))
      .send({ username: 'Someone-Else' })
      .expect(200);
    expect(own.body.username).toBe('Someone-Else');
    await t.http.post('/auth/login').send({ username: 'caseuser', password: 'some-password' }).expect(401);
    await t.http.post('/auth/login').send({ username: 'CaseUser', password: 'some-password' }).expect(200);
    await t.http.post('/auth/login').send({ username: 'ADMIN', password: ADMIN_PASSWORD }).expect(401);
  });
});
