import { startTestApp, TestApp } from '../utils/test-app';

/** Issue 13.15: a body the route cannot read is a 415 in the surface's dialect, not silently ignored. */
describe('unsupported request media types', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const cases: Array<[string, string, string, string]> = [
    ['our own', '/auth/login', 'text/plain', '{"username":"admin","password":"x"}'],
    ['Roundware', '/api/2/sessions/', 'application/xml', '<session/>'],
    ['AERPAW', '/api/experiments', 'multipart/form-data; boundary=x', '--x\r\n\r\nname\r\n--x--'],
    ['Guidebook', '/open-api/v1/guides/', 'text/plain', 'name=x'],
  ];
  it.each(cases)('%s: POST %s with %s answers DRF 415', async (_surface, path, type, body) => {
    const admin = await t.admin();
    const res = await t.http
      .post(path)
      .set('Authorization', `Bearer ${admin.token}`)
      .set('Content-Type', type)
      .send(body)
      .expect(415);
    expect(res.body).toEqual({ detail: `Unsupported media type "${type}" in request.` });
  });

  it('a body without any Content-Type answers 415 too; an empty body without one is fine', async () => {
    const res = await t.http
      .post('/auth/login')
      .set('Content-Type', '')
      .send(Buffer.from('{"username":"admin"}'))
      .expect(415);
    expect(res.body).toEqual({ detail: 'Unsupported media type "" in request.' });
  });

  it('Audiobookshelf answers plain text', async () => {
    const admin = await t.admin();
    const res = await t.http
      .post('/audiobookshelf/api/session/local')
      .set('Authorization', `Bearer ${admin.token}`)
      .set('Content-Type', 'text/plain')
      .send('{}')
      .expect(415);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('Unsupported media type "text/plain" in request.');
  });

  it('JSON and form bodies still pass', async () => {
    await t.http
      .post('/auth/login')
      .send({ username: 'admin', password: 'admin-password-for-tests' })
      .expect(200);
    await t.http
      .post('/auth/login')
      .type('form')
      .send('username=admin&password=admin-password-for-tests')
      .expect(200);
  });
});
