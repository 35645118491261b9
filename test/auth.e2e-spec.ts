import { JwtService } from '@nestjs/jwt';
import { Role } from '../src/common/auth-user';
import { createApp } from '../src/app.setup';
import {
  ADMIN_PASSWORD,
  baseTestEnv,
  bearer,
  startTestApp,
  TEST_JWT_SECRET,
  TestApp,
} from './utils/test-app';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '10' });
  });
  afterAll(() => t.close());

  describe('POST /auth/login', () => {
    it('logs the bootstrap admin in', async () => {
      const res = await t.http
        .post('/auth/login')
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 3600,
        user: { id: expect.any(Number), username: 'admin', role: 'admin' },
      });
      const me = await t.http
        .get('/auth/me')
        .set('Authorization', `Bearer ${res.body.access_token}`)
        .expect(200);
      expect(me.body).toMatchObject({ username: 'admin', role: 'admin', auth_method: 'jwt' });
    });

    it('answers the same 401 body for a wrong password and an unknown user', async () => {
      const user = await t.makeUser();
      const wrong = await t.http
        .post('/auth/login')
        .send({ username: user.username, password: 'wrong-password' })
        .expect(401);
      const unknown = await t.http
        .post('/auth/login')
        .send({ username: 'nobody-here', password: 'wrong-password' })
        .expect(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).toEqual({ detail: 'No active account found with the given credentials' });
    });

    it('validates the body in DRF dialect', async () => {
      const res = await t.http.post('/auth/login').send({ username: 'admin' }).expect(400);
      expect(res.body).toEqual({ password: ['This field is required.'] });
    });
  });

  describe('credentials', () => {
    let user: Awaited<ReturnType<TestApp['makeUser']>>;
    let key: string;
    beforeAll(async () => {
      user = await t.makeUser({ role: Role.Operator });
      key = await t.apiKey(user, 'ci');
    });

    it.each(['Bearer', 'JWT', 'token', 'Token'])(
      'accepts a JWT and an API key with the %s scheme',
      async (scheme) => {
        const viaJwt = await t.http
          .get('/auth/me')
          .set('Authorization', `${scheme} ${user.token}`)
          .expect(200);
        expect(viaJwt.body).toMatchObject({
          id: user.id,
          username: user.username,
          role: 'operator',
          auth_method: 'jwt',
        });
        const viaKey = await t.http.get('/auth/me').set('Authorization', `${scheme} ${key}`).expect(200);
        expect(viaKey.body).toMatchObject({ id: user.id, auth_method: 'api_key' });
      },
    );

    it('refuses a missing header, garbage, an unknown scheme', async () => {
      const none = await t.http.get('/auth/me').expect(401);
      expect(none.body).toEqual({ detail: 'Authentication credentials were not provided.' });
      const garbage = await t.http.get('/auth/me').set('Authorization', 'Bearer not-a-token').expect(401);
      expect(garbage.body).toEqual({ detail: 'Invalid token.' });
      await t.http.get('/auth/me').set('Authorization', `Basic ${user.token}`).expect(401);
      await t.http.get('/auth/me').set('Authorization', 'token shk_doesnotexist').expect(401);
    });

    it('refuses an expired JWT, one signed with another secret, and an alg=none token', async () => {
      const payload = { sub: user.id, username: user.username, role: user.role, typ: 'access' };
      const expired = new JwtService({ secret: TEST_JWT_SECRET }).sign({
        ...payload,
        exp: Math.floor(Date.now() / 1000) - 10,
      });
      await t.http.get('/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
      const foreign = new JwtService({ secret: 'another-secret-another-secret-another' }).sign(payload);
      await t.http.get('/auth/me').set('Authorization', `Bearer ${foreign}`).expect(401);
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
        JSON.stringify(payload),
      ).toString('base64url')}.`;
      await t.http.get('/auth/me').set('Authorization', `Bearer ${none}`).expect(401);
      const refresh = new JwtService({ secret: TEST_JWT_SECRET }).sign({ ...payload, typ: 'refresh' });
      await t.http.get('/auth/me').set('Authorization', `Bearer ${refresh}`).expect(401);
    });

    it('lists keys without the key itself and refuses a revoked key at once', async () => {
      const second = await t.http
        .post('/auth/api-keys')
        .set('Authorization', bearer(user))
        .send({ name: 'to revoke' })
        .expect(201);
      expect(second.body).toEqual({
        id: expect.any(Number),
        name: 'to revoke',
        key: expect.stringMatching(/^shk_/),
        created_at: expect.any(String),
      });
      const list = await t.http.get('/auth/api-keys').set('Authorization', bearer(user)).expect(200);
      expect(list.body.map((k: { name: string }) => k.name)).toEqual(['ci', 'to revoke']);
      expect(JSON.stringify(list.body)).not.toContain(second.body.key);

      await t.http.get('/auth/me').set('Authorization', `token ${second.body.key}`).expect(200);
      const other = await t.makeUser();
      await t.http.delete(`/auth/api-keys/${second.body.id}`).set('Authorization', bearer(other)).expect(404);
      await t.http.delete(`/auth/api-keys/${second.body.id}`).set('Authorization', bearer(user)).expect(204);
      await t.http.get('/auth/me').set('Authorization', `token ${second.body.key}`).expect(401);
      await t.http.get('/auth/me').set('Authorization', `token ${key}`).expect(200);
    });
  });

  describe('/users', () => {
    it('is 403 for operators and users on every route', async () => {
      for (const role of [Role.User, Role.Operator]) {
        const u = await t.makeUser({ role });
        const auth = bearer(u);
        const forbidden = await t.http.get('/users').set('Authorization', auth).expect(403);
        expect(forbidden.body).toEqual({ detail: 'You do not have permission to perform this action.' });
        await t.http
          .post('/users')
          .set('Authorization', auth)
          .send({ username: 'x1', password: 'password1', role: 'user' })
          .expect(403);
        await t.http.get(`/users/${u.id}`).set('Authorization', auth).expect(403);
        await t.http.patch(`/users/${u.id}`).set('Authorization', auth).send({ role: 'admin' }).expect(403);
        await t.http.delete(`/users/${u.id}`).set('Authorization', auth).expect(403);
      }
    });

    it('lets an admin create a user of each role, who can then log in', async () => {
      const admin = await t.admin();
      for (const role of [Role.Admin, Role.Operator, Role.User]) {
        const username = `made-${role}`;
        const created = await t.http
          .post('/users')
          .set('Authorization', bearer(admin))
          .send({ username, password: 'long-enough-pw', role })
          .expect(201);
        expect(created.body).toMatchObject({ username, role });
        expect(created.body).not.toHaveProperty('password_hash');
        const login = await t.http
          .post('/auth/login')
          .send({ username, password: 'long-enough-pw' })
          .expect(200);
        expect(login.body.user).toEqual({ id: created.body.id, username, role });
      }
      const dup = await t.http
        .post('/users')
        .set('Authorization', bearer(admin))
        .send({ username: 'made-user', password: 'long-enough-pw', role: 'user' })
        .expect(400);
      expect(dup.body).toEqual({ username: ['A user with that username already exists.'] });
      const bad = await t.http
        .post('/users')
        .set('Authorization', bearer(admin))
        .send({ username: 'x', password: 'short', role: 'root' })
        .expect(400);
      expect(Object.keys(bad.body).sort()).toEqual(['password', 'role']);
    });

    it('updates, lists and deletes users', async () => {
      const admin = await t.admin();
      const u = await t.makeUser();
      const patched = await t.http
        .patch(`/users/${u.id}`)
        .set('Authorization', bearer(admin))
        .send({ role: 'operator' })
        .expect(200);
      expect(patched.body.role).toBe('operator');
      const list = await t.http.get('/users?page_size=2').set('Authorization', bearer(admin)).expect(200);
      expect(list.body).toMatchObject({ count: expect.any(Number), results: expect.any(Array) });
      expect(list.body.results).toHaveLength(2);
      expect(list.body.next).toMatch(/^http:\/\/.+\/users\?page_size=2&page=2$/);
      await t.http.delete(`/users/${u.id}`).set('Authorization', bearer(admin)).expect(204);
      await t.http.get(`/users/${u.id}`).set('Authorization', bearer(admin)).expect(404);
      await t.http.get('/auth/me').set('Authorization', bearer(u)).expect(401);
      await t.http.delete(`/users/${admin.id}`).set('Authorization', bearer(admin)).expect(400);
    });
  });

  describe('surface logins', () => {
    it('registers a Roundware device and gives the same user back for the same device', async () => {
      const first = await t.http
        .post('/api/2/users/')
        .send({ device_id: 'dev-123', client_type: 'iPhone' })
        .expect(200);
      expect(first.body).toEqual({
        id: expect.any(Number),
        username: expect.stringMatching(/^device-/),
        token: expect.stringMatching(/^shk_/),
        device_id: 'dev-123',
        client_type: 'iPhone',
      });
      const me = await t.http.get('/auth/me').set('Authorization', `token ${first.body.token}`).expect(200);
      expect(me.body).toMatchObject({ id: first.body.id, device_id: 'dev-123', role: 'user' });
      const again = await t.http.post('/api/2/users').send({ device_id: 'dev-123' }).expect(200);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.client_type).toBe('iPhone');
      await t.http.get('/auth/me').set('Authorization', `token ${again.body.token}`).expect(200);
      const bad = await t.http.post('/api/2/users/').send({}).expect(400);
      expect(bad.body).toEqual({ device_id: ['This field is required.'] });
    });

    it('issues an AERPAW token pair and refreshes it', async () => {
      const pair = await t.http
        .post('/api/token/')
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      expect(pair.body).toEqual({ access: expect.any(String), refresh: expect.any(String) });
      await t.http.get('/auth/me').set('Authorization', `Bearer ${pair.body.access}`).expect(200);
      await t.http.get('/auth/me').set('Authorization', `Bearer ${pair.body.refresh}`).expect(401);
      const refreshed = await t.http
        .post('/api/token/refresh/')
        .send({ refresh: pair.body.refresh })
        .expect(200);
      await t.http.get('/auth/me').set('Authorization', `Bearer ${refreshed.body.access}`).expect(200);
      await t.http.post('/api/token/refresh/').send({ refresh: pair.body.access }).expect(401);
    });

    it('logs in Audiobookshelf-style and answers its errors as plain text', async () => {
      const res = await t.http
        .post('/audiobookshelf/login')
        .send({ username: 'admin', password: ADMIN_PASSWORD })
        .expect(200);
      expect(res.body.user).toMatchObject({ username: 'admin', type: 'admin', token: '' });
      expect(res.body.user.accessToken).toEqual(expect.any(String));
      await t.http.get('/auth/me').set('Authorization', `Bearer ${res.body.user.accessToken}`).expect(200);
      const bad = await t.http
        .post('/audiobookshelf/login')
        .send({ username: 'admin', password: 'nope-nope' })
        .expect(401);
      expect(bad.headers['content-type']).toMatch(/^text\/plain/);
      expect(bad.text).toBe('No active account found with the given credentials');
    });
  });
});

describe('login throttling (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '10' });
  });
  afterAll(() => t.close());

  it('answers 429 after 10 failed logins from one IP, with Retry-After', async () => {
    for (let i = 0; i < 10; i++) {
      await t.http
        .post('/auth/login')
        .send({ username: `someone${i}`, password: 'wrong-password' })
        .expect(401);
    }
    const res = await t.http
      .post('/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body.detail).toMatch(/Too many failed login attempts/);
    // the other login surfaces share the same counter
    await t.http.post('/api/token/').send({ username: 'admin', password: ADMIN_PASSWORD }).expect(429);
  });
});

describe('configuration (e2e)', () => {
  it('refuses to start in production without JWT_SECRET, naming the variable', async () => {
    const env = { ...baseTestEnv(), NODE_ENV: 'production', JWT_SECRET: '', DB_PATH: ':memory:' };
    await expect(createApp({ env })).rejects.toThrow(/JWT_SECRET/);
  });

  it('refuses DB_TYPE=postgres without DATABASE_URL, naming the variable', async () => {
    await expect(
      createApp({ env: { ...baseTestEnv(), DB_TYPE: 'postgres', DATABASE_URL: '' } }),
    ).rejects.toThrow(/DATABASE_URL/);
  });

  it.each([
    ['PORT', 'eighty'],
    ['DB_TYPE', 'mysql'],
    ['APP_TIMEZONE', 'Mars/Olympus'],
    ['LOGIN_MAX_FAILURES', '-1'],
  ])('refuses a bad %s', async (variable, value) => {
    await expect(
      createApp({ env: { ...baseTestEnv(), DB_PATH: ':memory:', [variable]: value } }),
    ).rejects.toThrow(variable);
  });
});
