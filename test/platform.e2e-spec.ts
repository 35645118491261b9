import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './utils/test-app';

describe('platform (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health is public and checks the database', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    // no ETag: Express would hash every body for conditional requests no client of these APIs makes
    expect(res.headers.etag).toBeUndefined();
  });

  it('answers unknown routes 404 in the surface dialect', async () => {
    const drf = await t.http.get('/no/such/route').expect(404);
    expect(drf.body).toEqual({ detail: 'Not found.' });
    const abs = await t.http.get('/audiobookshelf/api/no-such-route').expect(404);
    expect(abs.headers['content-type']).toMatch(/^text\/plain/);
    expect(abs.text).toBe('Not Found');
  });

  it('answers malformed JSON 400 and an oversized body 413, without internals', async () => {
    const bad = await t.http
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "admin",')
      .expect(400);
    expect(bad.body).toEqual({ detail: 'JSON parse error - the request body is not valid JSON.' });
    const big = await t.http
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'a'.repeat(1024 * 1024 + 10), password: 'x' }))
      .expect(413);
    expect(big.body).toEqual({ detail: 'Request body is too large.' });
    const absBad = await t.http
      .post('/audiobookshelf/login')
      .set('Content-Type', 'application/json')
      .send('{oops')
      .expect(400);
    expect(absBad.text).toBe('JSON parse error - the request body is not valid JSON.');
  });

  it('answers a refused credential on the Audiobookshelf surface with plain `Unauthorized`', async () => {
    const none = await t.http.get('/audiobookshelf/api/sessions').expect(401);
    expect(none.headers['content-type']).toMatch(/^text\/plain/);
    expect(none.text).toBe('Unauthorized');
    const bad = await t.http
      .get('/audiobookshelf/api/sessions')
      .set('Authorization', 'Bearer garbage')
      .expect(401);
    expect(bad.text).toBe('Unauthorized');
    const drf = await t.http.get('/api/2/sessions/').set('Authorization', 'token garbage').expect(401);
    expect(drf.body).toEqual({ detail: 'Invalid token.' });
  });

  it('reports only the type error for a value of the wrong type, not the range checks after it', async () => {
    const admin = await t.admin();
    const res = await t.http.get('/users?page=abc').set('Authorization', `Bearer ${admin.token}`).expect(400);
    expect(res.body).toEqual({ page: ['A valid integer is required.'] });
  });

  it('sets security headers and a request id', async () => {
    const res = await t.http.get('/health').set('X-Request-Id', 'abc-123').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toBe('abc-123');
    const generated = await t.http.get('/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the Swagger UI at /docs and an OpenAPI 3 document with the three security schemes', async () => {
    const ui = await t.http.get('/docs').redirects(1).expect(200);
    expect(ui.text).toContain('swagger-ui');
    const spec = await t.http.get('/docs-json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.components.securitySchemes).sort()).toEqual(['bearer', 'jwt', 'token']);
    expect(spec.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(spec.body.components.securitySchemes.jwt).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
    expect(spec.body.paths['/auth/me'].get.security).toEqual(
      expect.arrayContaining([{ bearer: [] }, { jwt: [] }, { token: [] }]),
    );
  });
});

describe('health when the database is gone (e2e)', () => {
  it('answers 503 with its report (database down) instead of an error body', async () => {
    const t = await startTestApp();
    try {
      await t.http.get('/health').expect(200);
      const dataSource = t.app.get(DataSource);
      await dataSource.destroy();
      const down = await t.http.get('/health').expect(503);
      expect(down.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
      expect(typeof down.body.error.database.message).toBe('string');
    } finally {
      await t.close().catch(() => undefined);
    }
  });
});
