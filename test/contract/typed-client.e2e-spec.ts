import { ADMIN_PASSWORD, startTestApp, TestApp } from '../utils/test-app';
import { listen, typedClient } from '../utils/typed-client';

/**
 * One flow per surface through the generated typed client (login → create → list → detail), as a
 * frontend would call the API: if the spec lies about a path, a parameter or a shape, this fails to
 * compile or fails the contract check. A new surface adds its flow here, following the `auth` one.
 */
describe('typed client (clients/typescript) flows', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
  });
  afterAll(() => t.close());

  const adminLogin = async () => {
    const { data, error } = await typedClient(baseUrl).POST('/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    if (!data) throw new Error(`login failed: ${JSON.stringify(error)}`);
    return data;
  };

  it('auth: login → create an API key → list keys → me with the key', async () => {
    const login = await adminLogin();
    expect(login.user).toEqual({ id: expect.any(Number), username: 'admin', role: 'admin' });
    const api = typedClient(baseUrl, login.access_token);

    const created = await api.POST('/auth/api-keys', { body: { name: 'frontend' } });
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'frontend', key: expect.stringMatching(/^shk_/) });

    const keys = await api.GET('/auth/api-keys');
    expect(keys.data?.map((k) => k.name)).toEqual(['frontend']);
    expect(keys.data?.[0].prefix).toBe(created.data?.key.slice(0, keys.data?.[0].prefix.length));

    const me = await typedClient(baseUrl, created.data?.key).GET('/auth/me');
    expect(me.data).toMatchObject({ username: 'admin', role: 'admin', auth_method: 'api_key' });

    const wrong = await typedClient(baseUrl).POST('/auth/login', {
      body: { username: 'admin', password: 'not-the-password' },
    });
    expect(wrong.response.status).toBe(401);
    expect(wrong.error).toEqual({ detail: 'No active account found with the given credentials' });
  });

  it('users: create → list (DRF page) → detail → update', async () => {
    const api = typedClient(baseUrl, (await adminLogin()).access_token);
    const created = await api.POST('/users', {
      body: { username: 'typed-alice', password: 'long-enough-pw', role: 'operator' },
    });
    expect(created.data).toMatchObject({ username: 'typed-alice', role: 'operator', device_id: null });
    const id = created.data!.id;
    const page = await api.GET('/users', { params: { query: { page_size: 1 } } });
    expect(page.data).toMatchObject({ count: 2, previous: null, results: [expect.any(Object)] });
    expect(page.data?.next).toMatch(/\/users\?page_size=1&page=2$/);
    const one = await api.GET('/users/{id}', { params: { path: { id } } });
    expect(one.data?.username).toBe('typed-alice');
    const updated = await api.PATCH('/users/{id}', { params: { path: { id } }, body: { role: 'user' } });
    expect(updated.data?.role).toBe('user');
    const missing = await api.GET('/users/{id}', { params: { path: { id: 999999 } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toEqual({ detail: 'Not found.' });
  });

  it('roundware: register a device → me with its token', async () => {
    const device = await typedClient(baseUrl).POST('/api/2/users/', {
      body: { device_id: 'typed-device', client_type: 'web' },
    });
    expect(device.data).toMatchObject({ device_id: 'typed-device', client_type: 'web' });
    const me = await typedClient(baseUrl, device.data?.token).GET('/auth/me');
    expect(me.data).toMatchObject({ id: device.data?.id, device_id: 'typed-device', role: 'user' });
  });

  it('experiments: token pair → refresh → me', async () => {
    const pair = await typedClient(baseUrl).POST('/api/token/', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const refreshed = await typedClient(baseUrl).POST('/api/token/refresh/', {
      body: { refresh: pair.data!.refresh },
    });
    const me = await typedClient(baseUrl, refreshed.data?.access).GET('/auth/me');
    expect(me.data?.username).toBe('admin');
  });

  it('audiobookshelf: login → me; errors are plain text', async () => {
    const login = await typedClient(baseUrl).POST('/audiobookshelf/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(login.data?.user).toMatchObject({ username: 'admin', type: 'admin' });
    const me = await typedClient(baseUrl, login.data?.user.token).GET('/auth/me');
    expect(me.data?.username).toBe('admin');
    const wrong = await typedClient(baseUrl).POST('/audiobookshelf/login', {
      body: { username: 'admin', password: 'nope-nope' },
      parseAs: 'text',
    });
    expect(wrong.response.status).toBe(401);
    expect(wrong.error).toBe('No active account found with the given credentials');
  });
});
