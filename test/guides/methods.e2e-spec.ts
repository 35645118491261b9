import { startTestApp, TestApp } from '../utils/test-app';
import { makeGuide, makeLocation, makeOrganiser, Organiser } from './guidebook-helpers';

/** Guidebook's docs list 405 for a verb a path does not serve; DRF answers it with `Allow`. */
describe('Guidebook 405 with Allow on the new paths (e2e)', () => {
  let t: TestApp;
  let alice: Organiser;
  let location: number;
  beforeAll(async () => {
    t = await startTestApp();
    alice = await makeOrganiser(t);
    location = await makeLocation(t, alice, await makeGuide(t, alice));
  });
  afterAll(() => t.close());

  it.each([
    ['put', '/open-api/v1/locations/', 'GET, POST, HEAD'],
    ['delete', '/open-api/v1/locations/', 'GET, POST, HEAD'],
    ['post', '/open-api/v1/locations/:id/', 'GET, PATCH, DELETE, HEAD'],
    ['put', '/open-api/v1/locations/:id/', 'GET, PATCH, DELETE, HEAD'],
    ['delete', '/open-api/v1.1/sessions/', 'GET, POST, HEAD'],
    ['put', '/open-api/v1.1/sessions/1/', 'GET, PATCH, DELETE, HEAD'],
    ['patch', '/open-api/v1.1/schedule-tracks/', 'GET, POST, HEAD'],
    ['post', '/open-api/v1.1/locations/:id/', 'GET, PATCH, DELETE, HEAD'],
    ['put', '/open-api/v1.1/guides/', 'GET, POST, HEAD'],
    ['post', '/open-api/v1.1/guides/1/', 'GET, PATCH, DELETE, HEAD'],
  ] as const)('%s %s → 405, Allow: %s', async (method, template, allow) => {
    const path = template.replace(':id', String(location));
    const res = await t.http[method](path).set('Authorization', alice.auth);
    expect({ status: res.status, allow: res.headers.allow, body: res.body }).toEqual({
      status: 405,
      allow,
      body: { detail: `Method "${method.toUpperCase()}" not allowed.` },
    });
  });

  it('an unknown path under v1.1 stays 404', async () => {
    const res = await t.http.get('/open-api/v1.1/nothing-here/').set('Authorization', alice.auth);
    expect(res.status).toBe(404);
  });
});
