/**
 * Login limits under parallel and hostile use (issue 13, items 1 and 6): attempts are reserved atomically
 * before the password is hashed, password hashes are bounded, and the limit is per client address, so a
 * third party cannot lock a user out from elsewhere.
 */
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../utils/test-app';
import { fromAddress, RawResponse } from './from-address';

const LOGIN_ROUTES = ['/auth/login', '/api/token/', '/audiobookshelf/login'];

describe('login limits (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '10', LOGIN_HASH_QUEUE: '200' });
  });
  afterAll(() => t.close());

  it('evaluates at most LOGIN_MAX_FAILURES of 120 parallel wrong passwords (rest 429), on all three login routes, while another address logs in', async () => {
    const attacker = await fromAddress(t, '127.0.0.2');
    const user = await fromAddress(t, '127.0.0.3');
    const burst = Array.from({ length: 120 }, (_, i) =>
      attacker('POST', LOGIN_ROUTES[i % 3], { username: 'admin', password: `wrong-${i}` }),
    );
    const legit = user('POST', '/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const answers: RawResponse[] = await Promise.all(burst);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(110);
    for (const r of refused) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    const legitAnswer = await legit;
    expect(legitAnswer.status).toBe(200);
    expect(legitAnswer.body.user).toMatchObject({ username: 'admin', role: 'admin' });
    // the attacker's address stays refused, even with the right password
    expect(
      (await attacker('POST', '/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).status,
    ).toBe(429);
  });

  it('does not lock a user out from another address (no per-username lock)', async () => {
    const a = await fromAddress(t, '127.0.0.4');
    const b = await fromAddress(t, '127.0.0.5');
    for (let i = 0; i < 12; i++) {
      const res = await a('POST', LOGIN_ROUTES[i % 3], { username: 'admin', password: 'wrong-password' });
      expect(res.status).toBe(i < 10 ? 401 : 429);
    }
    for (const path of LOGIN_ROUTES) {
      const res = await b('POST', path, { username: 'admin', password: ADMIN_PASSWORD });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });

  it('counts only failures: a right password gives its reservation back', async () => {
    const c = await fromAddress(t, '127.0.0.6');
    for (let i = 0; i < 15; i++) {
      expect((await c('POST', '/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).status).toBe(
        200,
      );
    }
    for (let i = 0; i < 10; i++) {
      expect((await c('POST', '/auth/login', { username: 'admin', password: 'nope-nope' })).status).toBe(401);
    }
    expect((await c('POST', '/auth/login', { username: 'admin', password: 'nope-nope' })).status).toBe(429);
  });
});

describe('password hash queue (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_MAX_FAILURES: '100000',
      LOGIN_HASH_CONCURRENCY: '1',
      LOGIN_HASH_QUEUE: '2',
    });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After to logins beyond the queue instead of piling them up', async () => {
    const client = await fromAddress(t, '127.0.0.7');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        client('POST', '/auth/login', { username: 'admin', password: 'wrong-pw' }),
      ),
    );
    const busy = answers.filter((r) => r.status === 429);
    const evaluated = answers.filter((r) => r.status === 401);
    expect(busy.length + evaluated.length).toBe(30);
    // one hashing and two waiting: the rest of a simultaneous burst is turned away, not queued
    expect(evaluated.length).toBeGreaterThanOrEqual(1);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    for (const r of busy) {
      expect(r.headers['retry-after']).toBe('1');
      expect(r.body).toEqual({ detail: 'Too many logins at once. Try again in 1 seconds.' });
    }
    // once the burst is over, logins are evaluated again
    const after = await client('POST', '/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(after.status).toBe(200);
  });
});
