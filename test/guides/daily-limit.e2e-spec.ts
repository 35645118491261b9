import { startTestApp, TestApp } from '../utils/test-app';
import { makeGuide, makeOrganiser } from './guidebook-helpers';

describe('Guidebook daily request budget (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ GUIDEBOOK_DAILY_LIMIT: '5' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once an account has spent its daily budget, per account', async () => {
    const alice = await makeOrganiser(t);
    const bob = await makeOrganiser(t);
    await makeGuide(t, alice); // request 1
    const remaining: string[] = [];
    for (let i = 2; i <= 5; i++) {
      const res = await t.http.get('/open-api/v1/sessions/').set('Authorization', alice.auth).expect(200);
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['3', '2', '1', '0']);
    for (const path of ['/open-api/v1/sessions/', '/open-api/v1/guides/', '/open-api/v1/schedule-tracks/']) {
      const res = await t.http.get(path).set('Authorization', alice.auth).expect(429);
      const retryAfter = Number(res.headers['retry-after']);
      const secondsToMidnight = 86_400 - (Math.floor(Date.now() / 1000) % 86_400);
      expect(retryAfter).toBeGreaterThan(0);
      expect(Math.abs(retryAfter - secondsToMidnight)).toBeLessThanOrEqual(2);
      expect(res.body).toEqual({
        detail: `Request was throttled. Expected available in ${retryAfter} seconds.`,
      });
    }
    // a write is refused too, and nothing is created
    await t.http
      .post('/open-api/v1/guides/')
      .set('Authorization', alice.auth)
      .send({ name: 'late' })
      .expect(429);
    // another account has its own budget; other surfaces are not counted
    await t.http.get('/open-api/v1/guides/').set('Authorization', bob.auth).expect(200);
    await t.http.get('/auth/me').set('Authorization', alice.auth).expect(200);
  });
});
