/**
 * Security headers and limits: helmet's headers on every kind of answer, CORS closed by default and open
 * only to CORS_ORIGINS, the request body limit, a pinned JWT algorithm, no user enumeration through the
 * login surfaces or device registration, and no secret in the logs of a whole session of use.
 */
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/common/auth-user';
import { ADMIN_PASSWORD, bearer, startTestApp, TEST_JWT_SECRET, TestApp } from '../utils/test-app';

const b64url = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT with any header, signed (or not) as asked: for algorithm-confusion attempts. */
function forgeJwt(header: object, payload: object, sign: (input: string) => string = () => ''): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${sign(input)}`;
}

const HELMET_HEADERS = {
  'content-security-policy': expect.stringContaining("default-src 'self'"),
  'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-dns-prefetch-control': 'off',
  'x-permitted-cross-domain-policies': 'none',
};

describe('security headers and limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => t.close());

  it('sets the helmet headers on success, on errors and on the plain-text surface; never X-Powered-By', async () => {
    const admin = await t.admin();
    const answers = [
      await t.http.get('/health'),
      await t.http.get('/auth/me').set('Authorization', bearer(admin)),
      await t.http.get('/auth/me'),
      await t.http.get('/no/such/route'),
      await t.http.post('/audiobookshelf/login').send({}),
      await t.http.post('/auth/login').set('Content-Type', 'application/json').send('{bad'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 404, 400, 400]);
    for (const res of answers) {
      expect(res.headers).toMatchObject(HELMET_HEADERS);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('keeps CORS closed by default: no Access-Control-Allow-Origin for any origin, preflight included', async () => {
    const simple = await t.http.get('/health').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http
      .options('/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('answers a body over BODY_LIMIT_BYTES with 413 in each dialect, and one under it normally', async () => {
    const over = JSON.stringify({ username: 'x'.repeat(4096), password: 'y' });
    const drf = await t.http.post('/auth/login').set('Content-Type', 'application/json').send(over);
    expect(drf.status).toBe(413);
    expect(drf.body).toEqual({ detail: 'Request body is too large.' });
    const abs = await t.http.post('/audiobookshelf/login').set('Content-Type', 'application/json').send(over);
    expect(abs.status).toBe(413);
    expect(abs.headers['content-type']).toMatch(/^text\/plain/);
    expect(abs.text).toBe('Request body is too large.');
    const form = await t.http
      .post('/auth/login')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`username=${'x'.repeat(5000)}`);
    expect(form.status).toBe(413);
    const under = await t.http
      .post('/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD, pad: undefined });
    expect(under.status).toBe(200);
  });

  it('refuses JSON nested deeper than 64 levels with 400 (it used to overflow the stack: a 500)', async () => {
    const deep = `{"username": ${'['.repeat(65)}${']'.repeat(65)}, "password": "x"}`;
    const res = await t.http.post('/auth/login').set('Content-Type', 'application/json').send(deep);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: 'The request body is nested too deeply (more than 64 levels).' });
  });

  describe('JWT algorithm is pinned to HS256', () => {
    let payload: object;
    beforeAll(async () => {
      const admin = await t.admin();
      const now = Math.floor(Date.now() / 1000);
      payload = { sub: admin.id, username: 'admin', role: 'admin', typ: 'access', iat: now, exp: now + 600 };
    });

    it('accepts a genuine HS256 token built the same way (the forgeries below differ only in alg)', async () => {
      const token = forgeJwt({ alg: 'HS256', typ: 'JWT' }, payload, (input) =>
        createHmac('sha256', TEST_JWT_SECRET).update(input).digest('base64url'),
      );
      const res = await t.http.get('/auth/me').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
    });

    it.each([
      ['alg none, no signature', { alg: 'none', typ: 'JWT' }, () => ''],
      ['alg "None"', { alg: 'None' }, () => ''],
      [
        'alg none with an HS256 signature',
        { alg: 'none' },
        (i: string) => createHmac('sha256', TEST_JWT_SECRET).update(i).digest('base64url'),
      ],
      [
        'HS512 with the right secret',
        { alg: 'HS512' },
        (i: string) => createHmac('sha512', TEST_JWT_SECRET).update(i).digest('base64url'),
      ],
      [
        'HS384 with the right secret',
        { alg: 'HS384' },
        (i: string) => createHmac('sha384', TEST_JWT_SECRET).update(i).digest('base64url'),
      ],
      [
        'RS256 header, HMAC signature',
        { alg: 'RS256' },
        (i: string) => createHmac('sha256', TEST_JWT_SECRET).update(i).digest('base64url'),
      ],
    ])('refuses %s on every scheme and on the refresh endpoint', async (_name, header, sign) => {
      const token = forgeJwt(header, payload, sign);
      for (const scheme of ['Bearer', 'JWT', 'token']) {
        const res = await t.http.get('/auth/me').set('Authorization', `${scheme} ${token}`);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ detail: 'Invalid token.' });
      }
      const refresh = forgeJwt(header, { ...payload, typ: 'refresh' }, sign);
      const res = await t.http.post('/api/token/refresh/').send({ refresh });
      expect(res.status).toBe(401);
    });

    it('refuses a token signed with another secret, and a refresh token used as an access token', async () => {
      const other = new JwtService({ secret: 'another-secret-that-is-long-enough-0123456789' });
      const forged = other.sign({ ...payload }, { algorithm: 'HS256' });
      expect((await t.http.get('/auth/me').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
      const pair = await t.http.post('/api/token/').send({ username: 'admin', password: ADMIN_PASSWORD });
      expect((await t.http.get('/auth/me').set('Authorization', `Bearer ${pair.body.refresh}`)).status).toBe(
        401,
      );
    });
  });

  describe('no user enumeration', () => {
    const LOGINS = [
      ['/auth/login', 'json'],
      ['/api/token/', 'json'],
      ['/audiobookshelf/login', 'text'],
    ] as const;

    it.each(LOGINS)(
      '%s answers an unknown user and a wrong password with the same status, headers and body',
      async (path, kind) => {
        const user = await t.makeUser({ role: Role.User });
        const known = await t.http.post(path).send({ username: user.username, password: 'wrong-password' });
        const unknown = await t.http
          .post(path)
          .send({ username: 'nobody-such-user', password: 'wrong-password' });
        expect(known.status).toBe(401);
        expect(unknown.status).toBe(401);
        expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
        expect(unknown.headers['content-length']).toBe(known.headers['content-length']);
        if (kind === 'json') expect(unknown.body).toEqual(known.body);
        else expect(unknown.text).toBe(known.text);
      },
    );

    it('spends one argon2 verification on an unknown user as on a known one (equal work, not timing)', async () => {
      const user = await t.makeUser({ role: Role.User });
      const argon = jest.requireActual<typeof argon2>('argon2');
      const spy = jest.spyOn(argon, 'verify');
      try {
        await t.http.post('/auth/login').send({ username: user.username, password: 'wrong-password' });
        const forKnown = spy.mock.calls.length;
        spy.mockClear();
        await t.http.post('/auth/login').send({ username: 'nobody-such-user-2', password: 'wrong-password' });
        const forUnknown = spy.mock.calls.length;
        expect(forKnown).toBe(1);
        expect(forUnknown).toBe(1);
        // a device user (no password) costs the same verification too
        const device = await t.http.post('/api/2/users/').send({ device_id: 'enum-device' });
        spy.mockClear();
        await t.http.post('/auth/login').send({ username: device.body.username, password: 'wrong-password' });
        expect(spy.mock.calls.length).toBe(1);
      } finally {
        spy.mockRestore();
      }
    });

    it('device registration answers a new and a known device with the same status and fields', async () => {
      const first = await t.http
        .post('/api/2/users/')
        .send({ device_id: 'enum-device-2', client_type: 'iPhone' });
      const again = await t.http
        .post('/api/2/users/')
        .send({ device_id: 'enum-device-2', client_type: 'iPhone' });
      const fresh = await t.http
        .post('/api/2/users/')
        .send({ device_id: 'enum-device-3', client_type: 'iPhone' });
      expect([first.status, again.status, fresh.status]).toEqual([200, 200, 200]);
      expect(Object.keys(again.body).sort()).toEqual(Object.keys(fresh.body).sort());
      expect(again.headers['content-type']).toBe(fresh.headers['content-type']);
      // the answer reveals nothing a new registration would not: the same user, a new key
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.token).not.toBe(first.body.token);
    });
  });
});

describe('CORS_ORIGINS opens CORS to the listed origins only (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'https://app.example, https://admin.example' });
  });
  afterAll(() => t.close());

  it('echoes a listed origin on simple and preflight requests, and nothing for another origin', async () => {
    for (const origin of ['https://app.example', 'https://admin.example']) {
      const res = await t.http.get('/health').set('Origin', origin);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
    const preflight = await t.http
      .options('/auth/me')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(preflight.headers['access-control-allow-methods']).toContain('GET');
    const evil = await t.http.get('/health').set('Origin', 'https://evil.example');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const evilPreflight = await t.http
      .options('/auth/me')
      .set('Origin', 'https://app.example.evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(evilPreflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('secrets never reach the log (e2e)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sessions-hub-log-'));
  const logFile = join(dir, 'app.log');
  const secrets: Array<[string, string]> = [['admin password', ADMIN_PASSWORD]];

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('logs requests at info level, but no password, API key or JWT of a whole session of use', async () => {
    const t = await startTestApp({ LOG_FILE: logFile, LOG_LEVEL: 'info', LOGIN_MAX_FAILURES: '3' });
    try {
      const admin = await t.admin();
      secrets.push(['admin JWT', admin.token]);
      const user = await t.makeUser({ role: Role.User });
      secrets.push(['user password', user.password], ['user JWT', user.token]);
      const key = await t.apiKey(user, 'log scan');
      secrets.push(['API key', key]);
      for (const scheme of ['Bearer', 'JWT', 'token', 'Token'])
        await t.http.get('/auth/me').set('Authorization', `${scheme} ${key}`).expect(200);
      await t.http.get('/auth/api-keys').set('Authorization', `JWT ${user.token}`).expect(200);
      // a credential sent in a query string is not accepted, and not logged either
      await t.http.get(`/auth/me?token=${key}&access_token=${user.token}`).expect(401);
      const pair = await t.http
        .post('/api/token/')
        .send({ username: user.username, password: user.password });
      secrets.push(['refresh JWT', pair.body.refresh], ['access JWT (pair)', pair.body.access]);
      const refreshed = await t.http.post('/api/token/refresh/').send({ refresh: pair.body.refresh });
      secrets.push(['refreshed JWT', refreshed.body.access]);
      const abs = await t.http
        .post('/audiobookshelf/login')
        .send({ username: user.username, password: user.password });
      secrets.push(['Audiobookshelf token', abs.body.user.accessToken]);
      const device = await t.http.post('/api/2/users/').send({ device_id: 'log-scan-device' });
      secrets.push(['device token', device.body.token]);
      const newPassword = 'a-changed-password-123';
      secrets.push(['changed password', newPassword]);
      await t.http
        .patch(`/users/${user.id}`)
        .set('Authorization', bearer(admin))
        .send({ password: newPassword })
        .expect(200);
      const wrong = 'a-wrong-password-that-must-not-be-logged';
      secrets.push(['wrong password', wrong]);
      for (let i = 0; i < 4; i++)
        await t.http.post('/auth/login').send({ username: user.username, password: wrong });
      // errors too: a bad body carrying a password, malformed JSON around one, a 500-free validation error
      await t.http
        .post('/users')
        .set('Authorization', bearer(admin))
        .send({ username: '!', password: wrong, role: 'x' });
      await t.http
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"password": "${wrong}"`);
      await t.http.delete(`/auth/api-keys/999999`).set('Authorization', `token ${key}`).expect(404);
    } finally {
      await t.close();
    }
    await waitForFile(logFile);
    const log = readFileSync(logFile, 'utf8');
    // the scan means something only if requests were logged, with their (redacted) authorization
    expect(log).toContain('"url":"/auth/me"');
    expect(log).toContain('"authorization":"[redacted]"');
    const leaked = secrets.filter(([, secret]) => log.includes(secret)).map(([name]) => name);
    expect(leaked).toEqual([]);
    // no part of a JWT either (its signature is the secret part; header.payload are base64 of public claims)
    const signatures = secrets.filter(([name]) => name.includes('JWT')).map(([, jwt]) => jwt.split('.')[2]);
    expect(signatures.filter((s) => log.includes(s))).toEqual([]);
    expect(log).not.toMatch(/shk_[A-Za-z0-9_-]{20,}/);
  });
});

/** pino writes asynchronously; the file is complete once the app has closed and the stream drained. */
async function waitForFile(path: string): Promise<void> {
  for (
    let i = 0;
    i < 50 && !(existsSync(path) && readFileSync(path, 'utf8').includes('/auth/api-keys/999999'));
    i++
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
}
