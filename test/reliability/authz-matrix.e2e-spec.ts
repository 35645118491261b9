/**
 * Authorization matrix: every route the app registers (read from Nest's metadata, not a hand-kept list)
 * is called as anonymous, owner, another user, operator and admin — with an access JWT and again with an
 * API key, each in the header scheme of the route's surface — and must answer the status the table in
 * `authz-matrix.table.ts` expects. A route missing from the table fails the test.
 */
import { dialectOf } from '../../src/common/filters/dialect-exception.filter';
import { Role } from '../../src/common/auth-user';
import { listRoutes, RouteInfo } from '../utils/routes';
import { startTestApp, TestApp, TestUser } from '../utils/test-app';
import { AUTHZ_TABLE, MatrixContext, Principal, PRINCIPALS } from './authz-matrix.table';

const routeKey = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

/** The scheme each surface's clients send (every scheme accepts both kinds of credential). */
function schemeFor(path: string): string {
  if (path.startsWith('/api/2/')) return 'token';
  if (path.startsWith('/open-api/')) return 'JWT';
  return 'Bearer';
}

/** Which role a caller has, to cross-check the table against the route's own `@Auth({ roles })`. */
const ROLE_OF: Record<Exclude<Principal, 'anonymous'>, Role> = {
  owner: Role.User,
  other: Role.User,
  operator: Role.Operator,
  admin: Role.Admin,
};

describe('authorization matrix (e2e)', () => {
  let t: TestApp;
  let ctx: MatrixContext;
  let routes: RouteInfo[];
  const apiKeys = new Map<TestUser, string>();

  beforeAll(async () => {
    // the matrix logs in many times from one IP; failures are not what it tests
    t = await startTestApp({ LOGIN_MAX_FAILURES: '1000000' });
    routes = listRoutes(t.app);
    const as: MatrixContext['as'] = async (user, method, path, body, expected) => {
      let req = t.http[method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${user.token}`);
      if (body !== undefined) req = req.send(body as object);
      const res = await req;
      if (expected !== undefined && res.status !== expected) {
        throw new Error(`setup ${method} ${path} as ${user.username}: ${res.status} ${res.text}`);
      }
      return res.body;
    };
    const [owner, other, operator, admin] = await Promise.all([
      t.makeUser({ role: Role.User }),
      t.makeUser({ role: Role.User }),
      t.makeUser({ role: Role.Operator }),
      t.admin(),
    ]);
    ctx = { t, owner, other, operator, admin, as };
    for (const user of [owner, other, operator, admin]) apiKeys.set(user, await t.apiKey(user, 'matrix'));
  });
  afterAll(() => t.close());

  it('has an entry for every route of the app, and none for a route that is gone', () => {
    const appKeys = routes.map(routeKey).sort();
    const tableKeys = Object.keys(AUTHZ_TABLE).sort();
    expect({ missingFromTable: appKeys.filter((k) => !(k in AUTHZ_TABLE)) }).toEqual({
      missingFromTable: [],
    });
    expect({ notInApp: tableKeys.filter((k) => !appKeys.includes(k)) }).toEqual({ notInApp: [] });
  });

  it("agrees with each route's own declaration (@Public, @Auth roles)", () => {
    const problems: string[] = [];
    for (const route of routes) {
      const entry = AUTHZ_TABLE[routeKey(route)];
      if (!entry) continue;
      if (!route.isPublic && entry.expect.anonymous !== 401) problems.push(`${routeKey(route)}: anonymous`);
      if (route.isPublic && entry.expect.anonymous === 401) problems.push(`${routeKey(route)}: public`);
      for (const [principal, role] of Object.entries(ROLE_OF)) {
        const denied = route.roles?.length && !route.roles.includes(role);
        const expected = entry.expect[principal as Principal];
        if (denied && expected !== route.denyAs)
          problems.push(`${routeKey(route)}: ${principal} must be ${route.denyAs}`);
        if (!denied && expected === 403 && !entry.note)
          problems.push(`${routeKey(route)}: ${principal} 403 without a role restriction needs a note`);
      }
    }
    expect(problems).toEqual([]);
  });

  // The route's row in the table reads the owner's private experiment; this proves the other half of the
  // policy: a PUBLIC project (admin-created on the Roundware surface) is read by every authenticated
  // user, including a registered device, while a private experiment stays 404 for them.
  it('GET /api/2/projects/:id: another user and a device user read a public project, not a private experiment', async () => {
    // runs before the table (whose rows log out and revoke the shared users' tokens); fresh users
    const [admin, owner, other] = await Promise.all([t.admin(), t.makeUser(), t.makeUser()]);
    const otherKey = await t.apiKey(other, 'matrix public');
    const pub = (
      await t.http
        .post('/api/2/projects/')
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ name: 'matrix public' })
        .expect(200)
    ).body;
    const priv = (
      await t.http
        .post('/api/experiments')
        .set('Authorization', `Bearer ${owner.token}`)
        .send({ name: 'matrix private' })
        .expect(201)
    ).body;
    const device = await t.http
      .post('/api/2/users/')
      .send({ device_id: 'authz-matrix-device', client_type: 'web' })
      .expect(200);
    const callers: Array<[string, string]> = [
      ['other (JWT)', `Bearer ${other.token}`],
      ['other (API key)', `Bearer ${otherKey}`],
      ['device', `token ${device.body.token as string}`],
    ];
    for (const [label, auth] of callers) {
      const session = await t.http
        .post('/api/2/sessions/')
        .set('Authorization', auth)
        .send({ project_id: pub.id, client_system: 'matrix' })
        .expect(200);
      const read = await t.http
        .get(`/api/2/projects/${pub.id}/?session_id=${session.body.id}`)
        .set('Authorization', auth);
      expect({ label, status: read.status, id: read.body.id }).toEqual({ label, status: 200, id: pub.id });
      const hidden = await t.http
        .get(`/api/2/projects/${priv.experiment_id}/?session_id=${session.body.id}`)
        .set('Authorization', auth);
      expect({ label, status: hidden.status }).toEqual({ label, status: 404 });
      const start = await t.http
        .post('/api/2/sessions/')
        .set('Authorization', auth)
        .send({ project_id: priv.experiment_id, client_system: 'matrix' });
      expect({ label, status: start.status }).toEqual({ label, status: 400 });
    }
  });

  describe.each(Object.entries(AUTHZ_TABLE))('%s', (key, entry) => {
    const method = key.split(' ')[0];

    it.each(PRINCIPALS.map((p) => [p, entry.expect[p]] as const))(
      'as %s answers %d (with each credential kind)',
      async (principal, expected) => {
        const user = principal === 'anonymous' ? undefined : ctx[principal];
        const credentials = user ? [user.token, apiKeys.get(user)!] : [undefined];
        for (const credential of credentials) {
          const built = await entry.request(ctx);
          let req = t.http[method.toLowerCase() as 'get'](built.path);
          if (credential) req = req.set('Authorization', `${schemeFor(built.path)} ${credential}`);
          for (const [name, value] of Object.entries(built.headers ?? {})) req = req.set(name, value);
          if (built.body !== undefined) req = req.send(built.body as object);
          const res = await req;
          const label = `${key} as ${principal} with ${credential?.startsWith('shk_') ? 'API key' : credential ? 'JWT' : 'nothing'}`;
          expect({ label, status: res.status }).toEqual({ label, status: expected });
          if (res.status >= 400) {
            if (dialectOf(built.path) === 'audiobookshelf') {
              expect(res.headers['content-type']).toMatch(/^text\/plain/);
            } else {
              // DRF: {"detail": "…"}, or field errors {"field": ["…"]} (a 400 naming an invisible resource),
              // or for a list body DRF's list form [{…field errors}, {}] (one entry per item)
              const fieldErrors = (body: unknown) =>
                !!body &&
                typeof body === 'object' &&
                Object.values(body).every((v) => Array.isArray(v) && v.every((m) => typeof m === 'string'));
              const drf =
                typeof res.body.detail === 'string' ||
                (res.status === 400 &&
                  (Array.isArray(res.body)
                    ? res.body.length > 0 && res.body.every(fieldErrors)
                    : Object.keys(res.body as object).length > 0 && fieldErrors(res.body)));
              expect({ label, body: drf ? 'DRF' : res.body }).toEqual({ label, body: 'DRF' });
            }
          }
        }
      },
    );
  });
});
