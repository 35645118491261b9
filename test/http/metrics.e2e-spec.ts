import request from 'supertest';
import { MetricsService } from '../../src/metrics/metrics.service';
import { bearer, startTestApp, TestApp } from '../utils/test-app';

/**
 * `GET /metrics` is not part of the API spec (excluded from Swagger), so these requests go through plain
 * supertest rather than the contract agent.
 */
describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_ENABLED: 'true' });
  });
  afterAll(() => t.close());

  it('is admin only', async () => {
    const raw = request(t.app.getHttpServer());
    await raw.get('/metrics').expect(401);
    const user = await t.makeUser();
    await raw.get('/metrics').set('Authorization', bearer(user)).expect(403);
  });

  it('counts requests by route template and status, and reads registered gauges at scrape time', async () => {
    const admin = await t.admin();
    let open = 3;
    t.app.get(MetricsService).registerGauge('playback_sessions_open', 'Open playback sessions', () => open);
    await t.http.get('/users/1').set('Authorization', bearer(admin)).expect(200);
    await t.http.get('/users/999').set('Authorization', bearer(admin)).expect(404);
    open = 5;
    const res = await request(t.app.getHttpServer())
      .get('/metrics')
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.text).toContain('http_requests_total{method="GET",route="/users/:id",status="200"} 1');
    expect(res.text).toContain('http_requests_total{method="GET",route="/users/:id",status="404"} 1');
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/users\/:id",status="200"\} 1/,
    );
    expect(res.text).toContain('playback_sessions_open 5');
    expect(res.text).toContain('db_errors_total 0');
  });

  it('reports the open playback sessions and, on SQLite, the WAL size', async () => {
    const admin = await t.admin();
    const scrape = async () =>
      (await request(t.app.getHttpServer()).get('/metrics').set('Authorization', bearer(admin)).expect(200))
        .text;
    const openOf = (text: string) => Number(/^abs_playback_sessions_open (\d+)$/m.exec(text)?.[1]);
    expect(openOf(await scrape())).toBe(0);
    const lib = await t.http
      .post('/audiobookshelf/api/libraries')
      .set('Authorization', bearer(admin))
      .send({ name: 'Books', mediaType: 'book' })
      .expect(200);
    const item = await t.http
      .post(`/audiobookshelf/api/libraries/${lib.body.id}/items`)
      .set('Authorization', bearer(admin))
      .send({
        media: { metadata: { title: 'T', author: 'A' }, audioFiles: [{ filename: 'a.mp3', duration: 60 }] },
      })
      .expect(200);
    await t.http
      .post(`/audiobookshelf/api/items/${item.body.id}/play`)
      .set('Authorization', bearer(admin))
      .send({ deviceInfo: { deviceId: 'metrics-device' } })
      .expect(200);
    const text = await scrape();
    expect(openOf(text)).toBe(1);
    if (!process.env.TEST_DATABASE_URL) expect(text).toMatch(/^sqlite_wal_bytes \d+$/m);
  });
});

describe('GET /metrics when METRICS_ENABLED is unset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('does not exist', async () => {
    const admin = await t.admin();
    await t.http.get('/metrics').set('Authorization', bearer(admin)).expect(404);
  });
});
