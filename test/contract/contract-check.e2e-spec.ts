import { checkResponse as check, ObservedResponse } from '../utils/contract';

/** These fabricated responses are not counted among the validated e2e responses. */
const checkResponse = (res: ObservedResponse) => check(res, { count: false });

/** The contract check itself: it must refuse what the spec does not describe. */
describe('contract check', () => {
  const me = {
    id: 1,
    username: 'admin',
    role: 'admin',
    auth_method: 'jwt',
    device_id: null,
    created_at: '2026-11-22T16:00:00.000000+00:00',
  };
  const ok = (over: Partial<ObservedResponse>): ObservedResponse => ({
    method: 'GET',
    url: '/auth/me',
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: me,
    text: JSON.stringify(me),
    ...over,
  });

  it('accepts a documented response (nullable fields included)', () => {
    expect(checkResponse(ok({}))).toBeNull();
  });

  it('refuses a missing field, an undocumented field, a wrong type and a bad enum value', () => {
    const { created_at: _c, ...missing } = me;
    expect(checkResponse(ok({ body: missing }))?.message).toMatch(/created_at/);
    expect(checkResponse(ok({ body: { ...me, password_hash: 'x' } }))?.message).toMatch(/additional/);
    expect(checkResponse(ok({ body: { ...me, id: '1' } }))?.message).toMatch(/\/id must be integer|number/);
    expect(checkResponse(ok({ body: { ...me, role: 'root' } }))?.message).toMatch(/\/role/);
  });

  it('refuses an undocumented status and an undocumented content type', () => {
    expect(checkResponse(ok({ status: 418 }))?.message).toMatch(/does not document/);
    expect(checkResponse(ok({ contentType: 'text/html', text: '<p>' }))?.message).toMatch(/text\/html/);
  });

  it('checks error bodies in the dialect of the surface', () => {
    const drf401 = { detail: 'Invalid token.' };
    expect(checkResponse(ok({ status: 401, body: drf401, text: JSON.stringify(drf401) }))).toBeNull();
    expect(checkResponse(ok({ status: 401, body: { error: 'x' }, text: '{"error":"x"}' }))).not.toBeNull();
    const abs = {
      method: 'POST',
      url: '/audiobookshelf/login',
      status: 401,
      contentType: 'text/plain; charset=utf-8',
    };
    expect(
      checkResponse({ ...abs, body: {}, text: 'No active account found with the given credentials' }),
    ).toBeNull();
    expect(
      checkResponse({
        ...abs,
        contentType: 'application/json',
        body: { detail: 'x' },
        text: '{"detail":"x"}',
      }),
    ).not.toBeNull();
  });

  it('matches path templates, with or without the trailing slash, and refuses undocumented routes', () => {
    const device = { id: 2, username: 'device-1', token: 'shk_x', device_id: 'd', client_type: null };
    const post = { method: 'POST', status: 200, contentType: 'application/json', body: device, text: '{}' };
    expect(checkResponse({ ...post, url: '/api/2/users/' })).toBeNull();
    expect(checkResponse({ ...post, url: '/api/2/users' })).toBeNull();
    expect(checkResponse(ok({ url: '/no/such/route' }))?.message).toMatch(/not in openapi/);
    const notFound = { detail: 'Not found.' };
    expect(checkResponse(ok({ url: '/no/such/route', status: 404, body: notFound, text: '{}' }))).toBeNull();
    expect(checkResponse(ok({ method: 'PUT', url: '/auth/me', status: 200 }))?.message).toMatch(
      /documented methods: GET/,
    );
  });
});
