import { bearer, startTestApp, TestApp } from '../utils/test-app';

/** One boolean parser (DRF BooleanField's spellings) on every DRF surface: `yes` means true everywhere. */
describe('boolean spellings are the same on every surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['yes', true],
    ['on', true],
    ['Y', true],
    ['no', false],
    ['OFF', false],
  ])(
    'AERPAW body: geo_listen_enabled=%p is %p; Roundware and AERPAW filters accept it',
    async (text, value) => {
      const admin = await t.admin();
      const created = await t.http
        .post('/api/experiments')
        .set('Authorization', bearer(admin))
        .send({ name: `b ${text}`, geo_listen_enabled: text })
        .expect(201);
      expect(created.body.geo_listen_enabled).toBe(value);
      await t.http
        .get(`/api/2/sessions/?geo_listen_enabled=${text}`)
        .set('Authorization', bearer(admin))
        .expect(200);
      await t.http.get(`/api/sessions?active=${text}`).set('Authorization', bearer(admin)).expect(200);
    },
  );
});
