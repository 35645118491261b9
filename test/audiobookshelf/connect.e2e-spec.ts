/**
 * Audiobookshelf's connect flow as the real clients run it (../shared/CLIENTS.md 2.1-2.3): the web client
 * (status → login → authorize with the saved token → refresh with the httpOnly cookie on a 401), the
 * mobile app (status → login with `x-return-tokens: true` → ping → authorize → refresh with
 * `x-refresh-token`, body `{}`, empty, or none as Android and iOS send it) and logout. Every key each
 * client reads is asserted.
 */
import { Role } from '../../src/common/auth-user';
import { abs, makeCatalogue, SEED_SYNC } from '../playback-sessions/abs-helpers';
import { ADMIN_PASSWORD, startTestApp, TestApp, TestUser } from '../utils/test-app';

/** What the web client's `setUser` and the apps' server-config step read of `serverSettings`. */
const SERVER_SETTINGS_READ = [
  'language',
  'version',
  'chromecastEnabled',
  'dateFormat',
  'timeFormat',
  'homeBookshelfView',
  'bookshelfView',
  'sortingIgnorePrefix',
  'sortingPrefixes',
  'authActiveAuthMethods',
  'scannerDisableWatcher',
];

/** What the web client's user store, the app and Android's Kotlin `User` read of `user`. */
const USER_READ = [
  'id',
  'username',
  'type',
  'token',
  'isOldToken',
  'mediaProgress',
  'seriesHideFromContinueListening',
  'bookmarks',
  'permissions',
  'librariesAccessible',
];

/** The app compares `serverSettings.version` numerically with 2.26.0 to pick the refresh-token model. */
function atLeast(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

function cookieOf(setCookie: string[] | string | undefined, name: string): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.find((c) => c.startsWith(`${name}=`));
}

describe('Audiobookshelf connect flow (e2e)', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ JWT_EXPIRES_IN: '3600' });
    user = await t.makeUser({ role: Role.User });
  });
  afterAll(() => t.close());

  it('GET /status: what the app checks before offering a login, and what the web login page reads', async () => {
    const res = await t.http.get('/audiobookshelf/status').expect(200);
    expect(res.body).toEqual({
      app: 'audiobookshelf',
      serverVersion: '2.26.0',
      isInit: true,
      language: 'en-us',
      authMethods: ['local'],
      authFormData: {
        authLoginCustomMessage: null,
        authOpenIDButtonText: 'Login with OpenId',
        authOpenIDAutoLaunch: false,
      },
    });
    // the app's test: 'isInit' in data && 'language' in data && isInit
    expect('isInit' in res.body && 'language' in res.body && res.body.isInit).toBe(true);
    expect(res.body.authMethods).toContain('local');
  });

  it('GET /ping answers success', async () => {
    expect((await t.http.get('/audiobookshelf/ping').expect(200)).body).toEqual({ success: true });
  });

  it('web client: login sets the refresh cookie, authorize reloads the user, refresh with the cookie', async () => {
    const catalogue = await makeCatalogue(t);
    const login = await t.http
      .post('/audiobookshelf/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
    const body = login.body;
    for (const key of ['user', 'userDefaultLibraryId', 'serverSettings', 'ereaderDevices', 'Source'])
      expect(body).toHaveProperty(key);
    for (const key of SERVER_SETTINGS_READ) expect(body.serverSettings).toHaveProperty(key);
    for (const key of USER_READ) expect(body.user).toHaveProperty(key);
    expect(body.serverSettings.language).toBe('en-us');
    expect(body.userDefaultLibraryId).toBe(catalogue.podcastLibraryId);
    expect(body.user).toMatchObject({ id: String(user.id), username: user.username, type: 'user' });
    expect(body.user.mediaProgress).toEqual([]);
    expect(typeof body.user.accessToken).toBe('string');
    expect(body.user.refreshToken).toBeNull(); // without x-return-tokens: in the cookie only
    expect(body.user.token).not.toBe(body.user.accessToken);
    const cookie = cookieOf(login.headers['set-cookie'], 'refresh_token');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Path=\/audiobookshelf/);
    expect(cookie).toMatch(/SameSite=Strict/);

    // the saved token: POST /api/authorize, body null
    const authorized = await t.http
      .post('/audiobookshelf/api/authorize')
      .set('Authorization', `Bearer ${body.user.accessToken}`)
      .expect(200);
    expect(authorized.body.user).toMatchObject({ username: user.username, isOldToken: false });
    expect(authorized.body.user.accessToken).toBeUndefined();
    expect(authorized.body.serverSettings.language).toBe('en-us');

    // a 401 makes the web client POST /auth/refresh with no body; the cookie carries the refresh JWT
    const refreshed = await t.http
      .post('/audiobookshelf/auth/refresh')
      .set('Cookie', cookie!.split(';')[0])
      .expect(200);
    expect(typeof refreshed.body.user.accessToken).toBe('string');
    expect(refreshed.body.user.refreshToken).toBeNull();
    const next = cookieOf(refreshed.headers['set-cookie'], 'refresh_token');
    expect(next).toBeDefined();
    expect(next!.split(';')[0]).not.toBe(cookie!.split(';')[0]);
    await t.http
      .get('/audiobookshelf/api/me')
      .set('Authorization', `Bearer ${refreshed.body.user.accessToken}`)
      .expect(200);
    // the old cookie was used up by the rotation
    await t.http.post('/audiobookshelf/auth/refresh').set('Cookie', cookie!.split(';')[0]).expect(401);
  });

  it('app: login with x-return-tokens, ping, authorize, refresh with x-refresh-token ({} / empty / no body)', async () => {
    const login = await t.http
      .post('/audiobookshelf/login')
      .set('x-return-tokens', 'true')
      .send({ username: user.username, password: user.password })
      .expect(200);
    const { user: u, serverSettings } = login.body;
    expect(cookieOf(login.headers['set-cookie'], 'refresh_token')).toBeUndefined();
    expect(atLeast(serverSettings.version, '2.26.0')).toBe(true);
    expect(typeof u.accessToken).toBe('string');
    expect(typeof u.refreshToken).toBe('string');
    expect(u.refreshToken).not.toBe(u.accessToken);
    // with a version ≥ 2.26.0 a saved token equal to user.token forces a re-login: it must never be
    expect(u.token).not.toBe(u.accessToken);
    expect(u.librariesAccessible).toEqual([]);

    await t.http.get('/audiobookshelf/ping').expect(200);
    const authorized = await t.http
      .post('/audiobookshelf/api/authorize')
      .set('Authorization', `Bearer ${u.accessToken}`)
      .set('Content-Type', 'application/json')
      .send({}) // Android native sends {}
      .expect(200);
    expect(authorized.body.user.mediaProgress).toEqual([]);

    // the app JS sends {}, Android an empty body, iOS none at all
    let refresh: string = u.refreshToken;
    for (const send of [
      (r: any) => r.set('Content-Type', 'application/json').send({}),
      (r: any) => r.send(''),
      (r: any) => r,
    ]) {
      const res = await send(
        t.http.post('/audiobookshelf/auth/refresh').set('x-refresh-token', refresh),
      ).expect(200);
      expect(typeof res.body.user.accessToken).toBe('string');
      expect(typeof res.body.user.refreshToken).toBe('string');
      expect(res.body.user.refreshToken).not.toBe(refresh);
      expect(res.body.serverSettings.version).toBe('2.26.0');
      expect(cookieOf(res.headers['set-cookie'], 'refresh_token')).toBeUndefined();
      // a refresh JWT works once
      await t.http.post('/audiobookshelf/auth/refresh').set('x-refresh-token', refresh).expect(401);
      refresh = res.body.user.refreshToken;
    }
  });

  it('two refreshes racing with one refresh JWT: exactly one wins', async () => {
    const login = await t.http
      .post('/audiobookshelf/login')
      .set('x-return-tokens', 'true')
      .send({ username: user.username, password: user.password })
      .expect(200);
    const race = await Promise.all(
      [1, 2].map(() =>
        t.http.post('/audiobookshelf/auth/refresh').set('x-refresh-token', login.body.user.refreshToken),
      ),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('GET /api/me and the login payload carry the media progress Android reads', async () => {
    const me = await t.makeUser({ role: Role.User });
    const catalogue = await makeCatalogue(t);
    const play = await abs(t, me)
      .post(`/items/${catalogue.podcastId}/play/${catalogue.episodeId}`, {})
      .expect(200);
    await abs(t, me).post(`/session/${play.body.id}/sync`, SEED_SYNC).expect(200);
    const res = await abs(t, me).get('/me').expect(200);
    expect(res.body).toMatchObject({ id: String(me.id), username: me.username, type: 'user' });
    expect(res.body.mediaProgress).toEqual([
      expect.objectContaining({
        libraryItemId: catalogue.podcastId,
        episodeId: catalogue.episodeId,
        currentTime: SEED_SYNC.currentTime,
      }),
    ]);
    const login = await t.http
      .post('/audiobookshelf/login')
      .send({ username: me.username, password: me.password })
      .expect(200);
    expect(login.body.user.mediaProgress).toEqual(res.body.mediaProgress);
  });

  it('admins are `admin` with update/delete/upload permissions', async () => {
    const res = await t.http
      .post('/audiobookshelf/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(200);
    expect(res.body.user.type).toBe('admin');
    expect(res.body.user.permissions).toMatchObject({
      update: true,
      delete: true,
      upload: true,
      download: true,
    });
  });

  it('logout ends the refresh session (cookie or header) and clears the cookie; bad refreshes are 401', async () => {
    const login = await t.http
      .post('/audiobookshelf/login')
      .set('x-return-tokens', 'true')
      .send({ username: user.username, password: user.password })
      .expect(200);
    const refresh = login.body.user.refreshToken;
    const out = await t.http.post('/audiobookshelf/logout').set('x-refresh-token', refresh).expect(200);
    expect(out.body).toEqual({ redirect_url: null });
    expect(cookieOf(out.headers['set-cookie'], 'refresh_token')).toMatch(/Expires=Thu, 01 Jan 1970/);
    await t.http.post('/audiobookshelf/auth/refresh').set('x-refresh-token', refresh).expect(401);
    // without any token logout still answers, and refresh says what is missing (plain text, as the surface)
    expect((await t.http.post('/audiobookshelf/logout').expect(200)).body).toEqual({ redirect_url: null });
    const none = await t.http.post('/audiobookshelf/auth/refresh').expect(401);
    expect(none.text).toBe('No refresh token provided');
    // an access JWT is not a refresh JWT; garbage is not either
    await t.http
      .post('/audiobookshelf/auth/refresh')
      .set('x-refresh-token', login.body.user.accessToken)
      .expect(401);
    await t.http.post('/audiobookshelf/auth/refresh').set('Cookie', 'refresh_token=%E0%A4%A').expect(401);
  });

  it('logging out everywhere (POST /auth/logout) refuses the refresh JWTs too', async () => {
    const login = await t.http
      .post('/audiobookshelf/login')
      .set('x-return-tokens', 'true')
      .send({ username: user.username, password: user.password })
      .expect(200);
    await t.http
      .post('/auth/logout')
      .set('Authorization', `Bearer ${login.body.user.accessToken}`)
      .expect(204);
    await t.http
      .post('/audiobookshelf/auth/refresh')
      .set('x-refresh-token', login.body.user.refreshToken)
      .expect(401);
    // and the AERPAW refresh route does not take a refresh session's JWT once its session is gone
    await t.http.post('/api/token/refresh/').send({ refresh: login.body.user.refreshToken }).expect(401);
  });
});
