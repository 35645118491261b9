import type { NestExpressApplication } from '@nestjs/platform-express';
import { AddressInfo, connect, Socket } from 'node:net';
import { ConfigError, loadAppConfig } from '../../src/config/app-config';
import { bearer, startTestApp, TestApp } from '../utils/test-app';

/** Issue 13.2/13.10/13.14/13.16: proxy trust, timeouts, connection cap, Host rule, CORS `*`. */

async function listen(app: NestExpressApplication): Promise<number> {
  await app.listen(0, '127.0.0.1');
  return (app.getHttpServer().address() as AddressInfo).port;
}

/** Opens a socket, writes `request`, resolves with everything received until the server closes it. */
function exchange(port: number, request: string): Promise<{ data: string; socket: Socket }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ data, socket }));
    socket.write(request);
  });
}

describe('configuration of the HTTP platform', () => {
  const base = { NODE_ENV: 'test' };
  it('validates TRUST_PROXY in Express syntax, off by default', () => {
    expect(loadAppConfig(base).http.trustProxy).toBe(false);
    expect(loadAppConfig({ ...base, TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadAppConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).http.trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
    ]);
    expect(() => loadAppConfig({ ...base, TRUST_PROXY: 'my-balancer' })).toThrow(ConfigError);
  });
  it('refuses headers timeout above the request timeout, a bad PUBLIC_URL and `*` mixed with origins', () => {
    expect(() => loadAppConfig({ ...base, REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '2000' })).toThrow(
      /HEADERS_TIMEOUT_MS/,
    );
    expect(() => loadAppConfig({ ...base, PUBLIC_URL: 'hub.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => loadAppConfig({ ...base, CORS_ORIGINS: '*,https://a.example' })).toThrow(/CORS_ORIGINS/);
  });
});

describe('Host header and links', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.makeUser();
  });
  afterAll(() => t.close());

  it('a Host outside ALLOWED_HOSTS answers 400 Invalid host header (Django DisallowedHost), never reflected', async () => {
    const admin = await t.admin();
    const res = await t.http
      .get('/users?page_size=1')
      .set('Host', 'evil.example')
      .set('Authorization', bearer(admin))
      .expect(400);
    expect(res.body).toEqual({ detail: 'Invalid host header' });
    const ok = await t.http
      .get('/users?page_size=1')
      .set('Host', 'localhost:3000')
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(ok.body.next).toBe('http://localhost:3000/users?page_size=1&page=2');
  });
});

describe('PUBLIC_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'https://hub.example.org/base/' });
    await t.makeUser();
  });
  afterAll(() => t.close());

  it('builds every link from PUBLIC_URL whatever the Host header says', async () => {
    const admin = await t.admin();
    const res = await t.http
      .get('/users?page_size=1')
      .set('Host', 'evil.example')
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(res.body.next).toBe('https://hub.example.org/base/users?page_size=1&page=2');
  });
});

describe('CORS_ORIGINS=*', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: '*' });
  });
  afterAll(() => t.close());

  it('allows any origin, without credentials', async () => {
    const res = await t.http.get('/health').set('Origin', 'https://anything.example').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('request timeout and connection cap', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({ REQUEST_TIMEOUT_MS: '400', HEADERS_TIMEOUT_MS: '400', MAX_CONNECTIONS: '2' });
    port = await listen(t.app);
  });
  afterAll(() => t.close());

  it('a body that never finishes is cut off with 408 at the request timeout', async () => {
    const { data } = await exchange(
      port,
      'POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
    );
    expect(data.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('a connection beyond MAX_CONNECTIONS is closed unanswered while the open ones keep working', async () => {
    const held = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')];
    await Promise.all(held.map((s) => new Promise((r) => s.once('connect', r))));
    // the server has accepted both before the third arrives
    await new Promise((r) => setImmediate(r));
    const third = await exchange(port, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(third.data).toBe('');
    const answer = await new Promise<string>((resolve) => {
      held[0].once('data', (chunk) => resolve(chunk.toString('latin1')));
      held[0].write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    });
    expect(answer.startsWith('HTTP/1.1 200')).toBe(true);
    held.forEach((s) => s.destroy());
  });
});
