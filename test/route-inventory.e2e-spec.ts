import { startTestApp, TestApp } from './utils/test-app';
import { listRoutes } from './utils/routes';

/**
 * DELETE routes that a non-admin may call, each with the reason. Everything else that deletes is
 * admin-only.
 */
const NON_ADMIN_DELETES: Record<string, string> = {
  'DELETE /auth/api-keys/:id': 'a caller revokes their own API keys',
  'DELETE /open-api/v1/schedule-tracks/:id': "a guide owner edits their guide's content (issue 5)",
  'DELETE /open-api/v1/sessions/:id': "a guide owner edits their guide's content (issue 5)",
  'DELETE /open-api/v1/locations/:id': "a guide owner edits their guide's content (issue 16)",
  'DELETE /open-api/v1.1/schedule-tracks/:id': "a guide owner edits their guide's content (issue 16: v1.1)",
  'DELETE /open-api/v1.1/sessions/:id': "a guide owner edits their guide's content (issue 16: v1.1)",
  'DELETE /open-api/v1.1/locations/:id': "a guide owner edits their guide's content (issue 16: v1.1)",
  'DELETE /open-api/v1/guides/:id/webhooks/:webhookId':
    "a guide owner removes their guide's webhooks (issue 16)",
  'DELETE /open-api/v1.1/guides/:id/webhooks/:webhookId':
    "a guide owner removes their guide's webhooks (issue 16: v1.1)",
  'DELETE /audiobookshelf/api/me/progress/:id':
    'an Audiobookshelf user resets their own media progress (issue 15 item 4)',
};

describe('route inventory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds the routes of every module', () => {
    const keys = listRoutes(t.app).map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(
      expect.arrayContaining(['POST /auth/login', 'GET /auth/me', 'DELETE /users/:id', 'GET /health']),
    );
  });

  it('every route declares @Public() or @Auth()', () => {
    const undeclared = listRoutes(t.app).filter((r) => !r.isPublic && r.roles === undefined);
    expect(undeclared.map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`)).toEqual([]);
  });

  it('no route is both public and role-restricted', () => {
    const both = listRoutes(t.app).filter((r) => r.isPublic && r.roles !== undefined);
    expect(both.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('every route refuses an unknown query parameter: 400 naming it, in its dialect', async () => {
    const admin = await t.admin();
    const wrong: string[] = [];
    for (const route of listRoutes(t.app)) {
      const path = `${route.path.replace(/:[A-Za-z]+/g, '1')}?zz_unknown=1`;
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      const res = await t.http[method](path).set('Authorization', `Bearer ${admin.token}`);
      const named = path.startsWith('/audiobookshelf')
        ? res.text.includes('zz_unknown: This field is not allowed.')
        : JSON.stringify(res.body?.zz_unknown) === '["This field is not allowed."]';
      if (res.status !== 400 || !named)
        wrong.push(`${route.method} ${path} → ${res.status} ${res.text.slice(0, 100)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('every numeric :id route answers 404 to an id that is not canonical 32-bit text, in its dialect', async () => {
    const admin = await t.admin();
    const BAD_IDS = ['1e1', '0x1', '%201', '1.0', '01', '+1', '2147483648', '0'];
    const wrong: string[] = [];
    const idRoutes = listRoutes(t.app).filter(
      (r) => !r.path.startsWith('/audiobookshelf') && /:(id|guide)\b/.test(r.path),
    );
    expect(idRoutes.length).toBeGreaterThan(15);
    for (const route of idRoutes) {
      for (const bad of BAD_IDS) {
        const path = route.path.replace(/:[A-Za-z]+/g, bad);
        const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        const res = await t.http[method](path).set('Authorization', `Bearer ${admin.token}`).send({});
        if (res.status !== 404 || res.body?.detail !== 'Not found.')
          wrong.push(`${route.method} ${path} → ${res.status} ${res.text.slice(0, 100)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a method a known path does not serve answers DRF 405 with Allow on every DRF surface; Audiobookshelf 404 as upstream', async () => {
    const admin = await t.admin();
    const routes = listRoutes(t.app).filter((r) => !r.path.startsWith('/docs'));
    const templateRegex = (template: string) =>
      new RegExp(`^${template.replace(/:[A-Za-z]+/g, '[^/]+').replace(/\/$/, '')}/?$`);
    const wrong: string[] = [];
    const paths = [...new Set(routes.map((r) => r.path.replace(/:[A-Za-z]+/g, '1')))];
    for (const path of paths) {
      const served = new Set(routes.filter((r) => templateRegex(r.path).test(path)).map((r) => r.method));
      if (served.has('GET')) served.add('HEAD');
      const method = ['DELETE', 'PUT', 'PATCH', 'POST', 'GET'].find((m) => !served.has(m));
      if (!method) continue;
      const res = await t.http[method.toLowerCase() as 'get'](path).set(
        'Authorization',
        `Bearer ${admin.token}`,
      );
      if (path.startsWith('/audiobookshelf')) {
        if (res.status !== 404) wrong.push(`${method} ${path} → ${res.status} (Audiobookshelf answers 404)`);
        continue;
      }
      const allow = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'].filter((m) => served.has(m)).join(', ');
      if (
        res.status !== 405 ||
        res.headers.allow !== allow ||
        res.body?.detail !== `Method "${method}" not allowed.`
      )
        wrong.push(
          `${method} ${path} → ${res.status} Allow: ${res.headers.allow} (want ${allow}) ${res.text.slice(0, 80)}`,
        );
    }
    expect(paths.length).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('every DELETE is admin-only, except the listed ones', () => {
    const offenders = listRoutes(t.app)
      .filter((r) => r.method === 'DELETE')
      .filter((r) => !(r.roles && r.roles.length === 1 && r.roles[0] === 'admin'))
      .map((r) => `${r.method} ${r.path}`)
      .filter((key) => !(key in NON_ADMIN_DELETES));
    expect(offenders).toEqual([]);
  });
});
