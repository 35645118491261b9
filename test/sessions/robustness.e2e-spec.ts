import fc from 'fast-check';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { createExperiment } from './helpers';

/** Client input never produces a 500 on the session surfaces: every answer is a 2xx or a DRF 4xx. */
describe('sessions robustness (e2e)', () => {
  let t: TestApp;
  let user: TestUser;
  let projectId: number;

  beforeAll(async () => {
    t = await startTestApp();
    user = await t.makeUser();
    projectId = (await createExperiment(t, bearer(user))).experiment_id;
  });
  afterAll(() => t.close());

  const anyValue = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.constantFrom('1', 'true', 'en-US', '-0800', '2017-09-06T15:43:35', '99999999999', '', ' '),
    fc.array(fc.integer(), { maxLength: 2 }),
    fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  );
  const body = (keys: string[]) =>
    fc.oneof(
      fc.dictionary(fc.constantFrom(...keys), anyValue, { maxKeys: keys.length }),
      fc.array(anyValue, { maxLength: 2 }),
    );
  const okOrClientError = (status: number, text: string) => {
    expect(status).toBeLessThan(500);
    if (status >= 400) expect(() => JSON.parse(text) as unknown).not.toThrow();
  };

  it('POST /api/2/sessions/ with random bodies', async () => {
    const keys = [
      'project_id',
      'client_system',
      'client_type',
      'demo_stream_enabled',
      'geo_listen_enabled',
      'language',
      'language_id',
      'timezone',
    ];
    await fc.assert(
      fc.asyncProperty(body(keys), async (b) => {
        const payload = Array.isArray(b) ? b : { project_id: projectId, client_system: 'x', ...b };
        const res = await t.http.post('/api/2/sessions/').set('Authorization', bearer(user)).send(payload);
        okOrClientError(res.status, res.text);
      }),
      { numRuns: 60 },
    );
  });

  it('POST /api/sessions and PATCH /api/2/sessions/:id/ with random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(body(['experiment_id', 'session_type']), body(['stoptime']), async (start, patch) => {
        const s = await t.http
          .post('/api/sessions')
          .set('Authorization', bearer(user))
          .send(Array.isArray(start) ? start : { experiment_id: projectId, ...start });
        okOrClientError(s.status, s.text);
        const id = s.status === 201 ? (s.body.session_id as number) : 1;
        const p = await t.http.patch(`/api/2/sessions/${id}/`).set('Authorization', bearer(user)).send(patch);
        okOrClientError(p.status, p.text);
      }),
      { numRuns: 40 },
    );
  });

  it('GET lists with random query strings', async () => {
    const param = fc.tuple(
      fc.constantFrom(
        'project_id',
        'language_id',
        'language',
        'geo_listen_enabled',
        'demo_stream_enabled',
        'experiment_id',
        'active',
        'page',
        'page_size',
      ),
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('1', '0', '-1', '99999999999', 'true', 'fr')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(param, { maxLength: 3 }), fc.boolean(), async (params, roundware) => {
        const query = new URLSearchParams(params).toString();
        const res = await t.http
          .get(`${roundware ? '/api/2/sessions/' : '/api/sessions'}?${query}`)
          .set('Authorization', bearer(user));
        okOrClientError(res.status, res.text);
      }),
      { numRuns: 80 },
    );
  });
});
