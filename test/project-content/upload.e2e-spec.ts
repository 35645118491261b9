import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/common/auth-user';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { parse as superagentParsers } from 'superagent';
import { makeProject, makeSession, tempMediaDir, wav } from './helpers';

/** superagent's text parser, so the contract check sees the audio response's body. */
const asText = (
  superagentParsers as unknown as Record<string, Parameters<import('supertest').Test['parse']>[0]>
).text;

describe('Roundware contributing: envelopes, upload, media store (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let operator: TestUser;
  let mediaDir: string;
  let project: number;
  let session: number;
  let tag3: number;
  let tag8: number;
  const small = wav(0.25); // 4,044 bytes
  const big = wav(1); // 16,044 bytes: over the 8 KiB limit below

  beforeAll(async () => {
    mediaDir = tempMediaDir();
    t = await startTestApp({ MEDIA_DIR: mediaDir, UPLOAD_MAX_BYTES: '8192' });
    admin = await t.admin();
    alice = await t.makeUser();
    bob = await t.makeUser();
    operator = await t.makeUser({ role: Role.Operator });
    project = await makeProject(t, alice);
    session = await makeSession(t, alice, project);
    const tag = async (value: string) =>
      (
        await t.http
          .post('/api/2/tags/')
          .set('Authorization', bearer(admin))
          .send({ project_id: project, value })
          .expect(200)
      ).body.id as number;
    tag3 = await tag('birds');
    tag8 = await tag('traffic');
  });
  afterAll(() => t.close());

  const stored = () => readdirSync(join(mediaDir, 'roundware'));
  /** Files in the store after the successful uploads above each test. */
  let storedCount = 1;
  const incoming = () => readdirSync(join(mediaDir, '.incoming'));
  const assetCount = async () =>
    ((await t.http.get('/api/2/assets/').set('Authorization', bearer(admin)).expect(200)).body as unknown[])
      .length;

  const envelope = async (user: TestUser = alice): Promise<number> =>
    (
      await t.http
        .post('/api/2/envelopes/')
        .set('Authorization', bearer(user))
        .send({ session_id: session })
        .expect(200)
    ).body.id as number;

  const upload = (
    id: number,
    file: Buffer,
    fields: Record<string, string>,
    type = 'audio/wav',
    name = 'rec.wav',
  ) => {
    let req = t.http.patch(`/api/2/envelopes/${id}/`).set('Authorization', bearer(alice));
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', file, { filename: name, contentType: type });
  };

  it('POST /api/2/envelopes/ answers {id, created, session_id, asset_ids} (200); a foreign session is 400', async () => {
    const res = await t.http
      .post('/api/2/envelopes/')
      .set('Authorization', bearer(alice))
      .send({ session_id: session })
      .expect(200);
    expect(res.body).toEqual({
      id: expect.any(Number),
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
      session_id: session,
      asset_ids: [],
    });
    const foreign = await t.http
      .post('/api/2/envelopes/')
      .set('Authorization', bearer(bob))
      .send({ session_id: session })
      .expect(400);
    expect(foreign.body).toEqual({ session_id: [`Invalid pk "${session}" - object does not exist.`] });
    await t.http.get(`/api/2/envelopes/${res.body.id}`).set('Authorization', bearer(bob)).expect(404);
  });

  let assetId: number;
  let fileUrl: string;

  it('PATCH multipart uploads the audio: an asset with tags, location, session, duration; GET envelope lists it', async () => {
    const id = await envelope();
    const res = await upload(id, small, {
      session_id: String(session),
      latitude: '40.7',
      longitude: '-73.9',
      tag_ids: `${tag3},${tag8}`,
      media_type: 'audio',
    }).expect(200);
    assetId = res.body.id;
    fileUrl = res.body.file;
    expect(res.body).toMatchObject({
      latitude: 40.7,
      longitude: -73.9,
      filename: 'rec.wav',
      media_type: 'audio',
      audio_length_in_seconds: 0.25,
      tag_ids: [tag3, tag8],
      session_id: session,
      project_id: project,
      envelope_ids: [id],
      submitted: true,
      user: { id: alice.id, username: alice.username },
    });
    expect(fileUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/roundware\/[A-Za-z0-9_-]{22}\.wav$/);
    expect(stored()).toHaveLength(1);
    expect(incoming()).toEqual([]);
    const env = await t.http
      .get(`/api/2/envelopes/${id}?session_id=${session}`)
      .set('Authorization', bearer(alice))
      .expect(200);
    expect(env.body.asset_ids).toEqual([assetId]);
    const again = await t.http
      .get(`/api/2/assets/${assetId}/`)
      .set('Authorization', bearer(operator))
      .expect(200);
    expect(new URL(again.body.file as string).pathname).toBe(new URL(fileUrl).pathname);
  });

  it('the file plays without credentials, with Range (206), whole (200) and 416 for a bad range', async () => {
    const path = new URL(fileUrl).pathname;
    // the contract agent checks the documented statuses and types (it reads bodies as text)
    await t.http.get(path).buffer(true).parse(asText).expect(200).expect('Content-Type', 'audio/wav');
    await t.http.get(path).set('Range', 'bytes=0-43').buffer(true).parse(asText).expect(206);
    // the bytes, over a real socket, as a browser's <audio> asks for them
    const server = t.app.getHttpServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as import('node:net').AddressInfo;
    const url = `http://127.0.0.1:${port}${path}`;
    try {
      const whole = await fetch(url);
      expect(whole.status).toBe(200);
      expect(Buffer.compare(Buffer.from(await whole.arrayBuffer()), small)).toBe(0);
      expect(whole.headers.get('content-type')).toBe('audio/wav');
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(whole.headers.get('content-length')).toBe(String(small.length));
      expect(whole.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      const part = await fetch(url, { headers: { Range: 'bytes=0-43' } });
      expect(part.status).toBe(206);
      expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), small.subarray(0, 44))).toBe(0);
      expect(part.headers.get('content-range')).toBe(`bytes 0-43/${small.length}`);
      expect(part.headers.get('content-length')).toBe('44');
      const tail = await fetch(url, { headers: { Range: 'bytes=-4' } });
      expect(tail.status).toBe(206);
      expect(Buffer.compare(Buffer.from(await tail.arrayBuffer()), small.subarray(small.length - 4))).toBe(0);
      const bad = await fetch(url, { headers: { Range: `bytes=${small.length + 10}-` } });
      expect(bad.status).toBe(416);
      expect(bad.headers.get('content-range')).toBe(`bytes */${small.length}`);
      expect(await bad.json()).toEqual({ detail: 'Requested range not satisfiable.' });
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('a file appended without a type (a Blob in FormData) is recognised by its content', async () => {
    const id = await envelope();
    const res = await upload(
      id,
      small,
      { latitude: '1e-7', longitude: '-0.5' },
      'application/octet-stream',
      'blob',
    ).expect(200);
    expect(res.body).toMatchObject({
      filename: 'blob',
      audio_length_in_seconds: 0.25,
      envelope_ids: [id],
      latitude: 1e-7,
      longitude: -0.5,
    });
    expect(res.body.file).toMatch(/\.wav$/);
    const junk = await upload(
      id,
      Buffer.from('not audio at all'),
      {},
      'application/octet-stream',
      'blob',
    ).expect(415);
    expect(junk.body).toEqual({ detail: 'Unsupported media type "application/octet-stream" in request.' });
    storedCount = 2;
  });

  it('a file over UPLOAD_MAX_BYTES is 413 and nothing is stored', async () => {
    const id = await envelope();
    const before = await assetCount();
    const res = await upload(id, big, { session_id: String(session) }).expect(413);
    expect(res.body).toEqual({ detail: expect.any(String) });
    expect(await assetCount()).toBe(before);
    expect(stored()).toHaveLength(storedCount);
    expect(incoming()).toEqual([]);
  });

  it('a file that is not audio is 415 (declared type or content) and nothing is stored', async () => {
    const id = await envelope();
    const before = await assetCount();
    const text = await upload(id, Buffer.from('hello'), {}, 'text/plain', 'notes.txt').expect(415);
    expect(text.body).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
    const fake = await upload(id, Buffer.alloc(2000, 7), {}, 'audio/wav').expect(415);
    expect(fake.body).toEqual({ detail: 'Unsupported media type "audio/wav" in request.' });
    const notMultipart = await t.http
      .patch(`/api/2/envelopes/${id}/`)
      .set('Authorization', bearer(alice))
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
    expect(notMultipart.body.detail).toContain('Unsupported media type');
    expect(await assetCount()).toBe(before);
    expect(stored()).toHaveLength(storedCount);
    expect(incoming()).toEqual([]);
  });

  it('bad fields are 400 in DRF dialect and nothing is stored', async () => {
    const id = await envelope();
    const before = await assetCount();
    const bad = await upload(id, small, { latitude: '91', longitude: 'east', tag_ids: 'x' }).expect(400);
    expect(bad.body).toEqual({
      latitude: ['A valid number between -90 and 90 is required.'],
      longitude: ['A valid number between -180 and 180 is required.'],
      tag_ids: [expect.stringContaining('ids')],
    });
    const foreignTag = await upload(id, small, { tag_ids: '99999' }).expect(400);
    expect(foreignTag.body).toEqual({ tag_ids: ['Invalid pk "99999" - object does not exist.'] });
    const wrongSession = await upload(id, small, { session_id: '99999' }).expect(400);
    expect(Object.keys(wrongSession.body)).toEqual(['session_id']);
    const noFile = await t.http
      .patch(`/api/2/envelopes/${id}/`)
      .set('Authorization', bearer(alice))
      .field('session_id', String(session))
      .expect(400);
    expect(noFile.body).toEqual({ file: ['No file was submitted.'] });
    const otherField = await t.http
      .patch(`/api/2/envelopes/${id}/`)
      .set('Authorization', bearer(alice))
      .attach('audio', small, { filename: 'a.wav', contentType: 'audio/wav' })
      .expect(400);
    expect(otherField.body).toEqual({ detail: expect.any(String) });
    expect(await assetCount()).toBe(before);
    expect(stored()).toHaveLength(storedCount);
    expect(incoming()).toEqual([]);
  });

  it("another user's envelope is 404 to upload into", async () => {
    const id = await envelope();
    await t.http
      .patch(`/api/2/envelopes/${id}/`)
      .set('Authorization', bearer(bob))
      .attach('file', small, { filename: 'a.wav', contentType: 'audio/wav' })
      .expect(404);
    expect(incoming()).toEqual([]);
  });

  it('nothing outside MEDIA_DIR is served: traversal, encoded slashes, symlinks, unknown names', async () => {
    const outside = join(mediaDir, '..', `secret-${Date.now()}.wav`);
    writeFileSync(outside, small);
    const linkName = 'AAAAAAAAAAAAAAAAAAAAAA.wav';
    symlinkSync(outside, join(mediaDir, 'roundware', linkName));
    for (const path of [
      '/media/roundware/..%2F..%2Fetc%2Fpasswd',
      '/media/roundware/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/media/roundware/..%5c..%5cetc%5cpasswd',
      `/media/roundware/${linkName}`,
      '/media/roundware/BBBBBBBBBBBBBBBBBBBBBB.wav',
      '/media/roundware/%00.wav',
      '/media/.incoming/x',
      '/media/../package.json',
    ]) {
      const res = await t.http.get(path);
      expect([400, 404]).toContain(res.status);
    }
    expect(existsSync(outside)).toBe(true);
  });

  it('deleting the asset (admin) removes its file', async () => {
    await t.http.delete(`/api/2/assets/${assetId}/`).set('Authorization', bearer(admin)).expect(204);
    expect(stored().filter((n) => !n.startsWith('AAAA'))).toHaveLength(1);
    await t.http.get(new URL(fileUrl).pathname).expect(404);
  });
});
