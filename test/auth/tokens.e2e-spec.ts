/**
 * Token revocation (issue 13, item 7): a per-user tokens_valid_after, checked on access, refresh and
 * verify, bumped by a logout, a password change, a lowered role and an admin's revoke.
 */
import { sign } from 'jsonwebtoken';
import { Role } from '../../src/common/auth-user';
import { bearer, startTestApp, TEST_JWT_SECRET, TestApp } from '../utils/test-app';

describe('token revocation (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES: '1000' });
  });
  afterAll(() => t.close());

  const login = async (username: string, password: string) =>
    (await t.http.post('/auth/login').send({ username, password }).expect(200)).body.access_token as string;
  const pair = async (username: string, password: string) =>
    (await t.http.post('/api/token/').send({ username, password }).expect(200)).body as {
      access: string;
      refresh: string;
    };
  const me = (token: string) => t.http.get('/auth/me').set('Authorization', `Bearer ${token}`);

  it('POST /auth/logout refuses every JWT of the caller, access and refresh; a login in the same second works', async () => {
    const u = await t.makeUser();
    const other = await pair(u.username, u.password);
    // a token issued before the logout, in the same millisecond range: refused with the rest
    const crafted = sign(
      { sub: u.id, username: u.username, role: 'user', typ: 'access', iat_ms: Date.now() },
      TEST_JWT_SECRET,
      {
        expiresIn: 600,
      },
    );
    await me(crafted).expect(200);
    await t.http.post('/auth/logout').set('Authorization', bearer(u)).expect(204);
    await me(u.token).expect(401);
    await me(other.access).expect(401);
    await me(crafted).expect(401);
    const refreshed = await t.http.post('/api/token/refresh/').send({ refresh: other.refresh }).expect(401);
    expect(refreshed.body).toEqual({ detail: 'Token is invalid or expired' });
    // logging in right after (the same second as the logout) gives tokens that work
    const fresh = await login(u.username, u.password);
    await me(fresh).expect(200);
    const freshPair = await pair(u.username, u.password);
    await me(freshPair.access).expect(200);
    await t.http.post('/api/token/refresh/').send({ refresh: freshPair.refresh }).expect(200);
    // API keys are not JWTs: a logout leaves them alone
    const key = await t.apiKey({ ...u, token: fresh });
    await t.http.post('/auth/logout').set('Authorization', `Bearer ${fresh}`).expect(204);
    await t.http.get('/auth/me').set('Authorization', `token ${key}`).expect(200);
  });

  it('POST /api/token/verify/ answers {} for a live token and simplejwt 401 otherwise', async () => {
    const u = await t.makeUser();
    const tokens = await pair(u.username, u.password);
    for (const token of [tokens.access, tokens.refresh]) {
      const ok = await t.http.post('/api/token/verify/').send({ token }).expect(200);
      expect(ok.body).toEqual({});
    }
    const invalid = { detail: 'Token is invalid or expired', code: 'token_not_valid' };
    for (const token of ['garbage', sign({ sub: u.id, typ: 'access' }, 'another-secret-another-secret-xx')]) {
      const bad = await t.http.post('/api/token/verify/').send({ token }).expect(401);
      expect(bad.body).toEqual(invalid);
    }
    const admin = await t.admin();
    await t.http.post(`/users/${u.id}/revoke-tokens`).set('Authorization', bearer(admin)).expect(204);
    for (const token of [tokens.access, tokens.refresh]) {
      expect((await t.http.post('/api/token/verify/').send({ token }).expect(401)).body).toEqual(invalid);
    }
    await me(u.token).expect(401);
    await t.http.post('/users/999999/revoke-tokens').set('Authorization', bearer(admin)).expect(404);
  });

  it('a password change refuses earlier tokens; the new password gives working ones', async () => {
    const u = await t.makeUser();
    const admin = await t.admin();
    await t.http
      .patch(`/users/${u.id}`)
      .set('Authorization', bearer(admin))
      .send({ password: 'a-brand-new-password' })
      .expect(200);
    await me(u.token).expect(401);
    await me(await login(u.username, 'a-brand-new-password')).expect(200);
  });

  it('a lowered role refuses earlier tokens; a raised role keeps them', async () => {
    const admin = await t.admin();
    const op = await t.makeUser({ role: Role.Operator });
    await t.http
      .patch(`/users/${op.id}`)
      .set('Authorization', bearer(admin))
      .send({ role: 'user' })
      .expect(200);
    await me(op.token).expect(401);
    const u = await t.makeUser();
    await t.http
      .patch(`/users/${u.id}`)
      .set('Authorization', bearer(admin))
      .send({ role: 'operator' })
      .expect(200);
    const res = await me(u.token).expect(200);
    expect(res.body.role).toBe('operator');
  });
});
