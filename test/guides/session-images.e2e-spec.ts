/**
 * Guidebook session images (Guidebook's "Images" page, CLIENTS.md 3): a multipart request with an `image`
 * part on POST and PATCH of sessions, PNG and JPEG only (by content), answered as an absolute URL that the
 * apps load without credentials; replaced, removed (`image: null`) and deleted with the session, never
 * leaving a file behind for a refused request. Images are written by the test (test/utils/image-fixtures.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'superagent';
import { tempMediaDir } from '../project-content/helpers';
import { GIF_1PX, JPEG_1PX, pngImage } from '../utils/image-fixtures';
import { startTestApp, TestApp } from '../utils/test-app';
import { makeGuide, makeOrganiser, makeTrack, Organiser } from './guidebook-helpers';

/** Writes an image fixture into `dir` and answers its path. */
function image(dir: string, name: string, data: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

/** Reads a binary answer as a Buffer (the contract check sees it as the body). */
const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const IMAGE_URL = /^http:\/\/127\.0\.0\.1:\d+\/media\/guidebook\/[A-Za-z0-9_-]{22}\.(png|jpg)$/;

describe('Guidebook session images (e2e)', () => {
  let t: TestApp;
  let mediaDir: string;
  let fixtures: string;
  let alice: Organiser;
  let bob: Organiser;
  let guide: number;
  let track: number;
  let png: string;
  let jpg: string;
  let gif: string;

  beforeAll(async () => {
    mediaDir = tempMediaDir();
    fixtures = tempMediaDir();
    png = image(fixtures, 'red.png', pngImage(64, 24, [255, 0, 0]));
    jpg = image(fixtures, 'blue.jpg', JPEG_1PX);
    gif = image(fixtures, 'green.gif', GIF_1PX);
    writeFileSync(join(fixtures, 'big.png'), Buffer.concat([readFileSync(png), Buffer.alloc(9000, 7)]));
    writeFileSync(join(fixtures, 'notes.png'), 'not an image at all');
    t = await startTestApp({ MEDIA_DIR: mediaDir, UPLOAD_MAX_BYTES: '8192' });
    alice = await makeOrganiser(t);
    bob = await makeOrganiser(t);
    guide = await makeGuide(t, alice, { name: 'Pictured' });
    track = await makeTrack(t, alice, guide);
  });
  afterAll(() => t.close());

  const stored = () => readdirSync(join(mediaDir, 'guidebook')).sort();
  const incoming = () => readdirSync(join(mediaDir, '.incoming'));
  const pathOf = (url: string) => new URL(url).pathname;
  const fetchImage = (url: string) => t.http.get(pathOf(url)).buffer(true).parse(binary);
  const sessionCount = async () =>
    (await t.http.get(`/open-api/v1.1/sessions/?guide=${guide}`).set('Authorization', alice.auth).expect(200))
      .body.count as number;

  /** A multipart create, the fields as Python `requests` sends `data=` beside `files=`. */
  const createWith = (file: string, fields: Record<string, string> = {}) =>
    t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .field('guide', String(guide))
      .field('start_time', '2017-09-18T16:00:00')
      .field('end_time', '2017-09-18T17:00:00')
      .field('schedule_tracks', String(track))
      .field(fields)
      .attach('image', file);

  it('creates a session with a PNG, answers an absolute URL, and serves it without credentials, with Range', async () => {
    const res = await createWith(png, { name: 'Keynote' }).expect(201);
    expect(res.body).toMatchObject({ name: 'Keynote', guide, schedule_tracks: [track] });
    expect(res.body.image).toMatch(IMAGE_URL);
    expect(res.body.image).toMatch(/\.png$/);
    expect(stored()).toEqual([pathOf(res.body.image).split('/').pop()]);
    expect(incoming()).toEqual([]);

    const got = await fetchImage(res.body.image).expect(200).expect('Content-Type', 'image/png');
    expect(Buffer.compare(got.body as Buffer, readFileSync(png))).toBe(0);
    const head = await fetchImage(res.body.image).set('Range', 'bytes=0-7').expect(206);
    expect((head.body as Buffer).toString('hex')).toBe('89504e470d0a1a0a');
    expect(head.headers['accept-ranges']).toBe('bytes');

    for (const path of [`/open-api/v1/sessions/${res.body.id}/`, `/open-api/v1.1/sessions/${res.body.id}/`]) {
      const again = await t.http.get(path).set('Authorization', alice.auth).expect(200);
      expect(pathOf(again.body.image)).toBe(pathOf(res.body.image));
    }
    const list = await t.http
      .get(`/open-api/v1.1/sessions/?guide=${guide}`)
      .set('Authorization', alice.auth)
      .expect(200);
    expect(list.body.results.map((s: { image: string }) => pathOf(s.image))).toEqual([
      pathOf(res.body.image),
    ]);
  });

  it('replaces the image with a JPEG (the old URL stops answering), removes it with image: null, and deletes it with the session', async () => {
    const made = await createWith(png, { name: 'Panel' }).expect(201);
    const before = stored();
    const replaced = await t.http
      .patch(`/open-api/v1/sessions/${made.body.id}/`)
      .set('Authorization', alice.auth)
      .field('name', 'Panel (moved)')
      .attach('image', jpg)
      .expect(200);
    expect(replaced.body).toMatchObject({ name: 'Panel (moved)', schedule_tracks: [track] });
    expect(replaced.body.image).toMatch(/\.jpg$/);
    await t.http.get(pathOf(made.body.image)).expect(404);
    const got = await fetchImage(replaced.body.image).expect(200).expect('Content-Type', 'image/jpeg');
    expect(Buffer.compare(got.body as Buffer, readFileSync(jpg))).toBe(0);
    expect(stored()).toHaveLength(before.length);

    // a change without an image part keeps it
    const renamed = await t.http
      .patch(`/open-api/v1.1/sessions/${made.body.id}/`)
      .set('Authorization', alice.auth)
      .send({ name: 'Panel' })
      .expect(200);
    expect(pathOf(renamed.body.image)).toBe(pathOf(replaced.body.image));

    const cleared = await t.http
      .patch(`/open-api/v1.1/sessions/${made.body.id}/`)
      .set('Authorization', alice.auth)
      .send({ image: null })
      .expect(200);
    expect(cleared.body.image).toBeNull();
    await t.http.get(pathOf(replaced.body.image)).expect(404);
    expect(stored()).toHaveLength(before.length - 1);

    const again = await t.http
      .patch(`/open-api/v1.1/sessions/${made.body.id}/`)
      .set('Authorization', alice.auth)
      .attach('image', png)
      .expect(200);
    expect(stored()).toHaveLength(before.length);
    await t.http
      .delete(`/open-api/v1.1/sessions/${made.body.id}/`)
      .set('Authorization', alice.auth)
      .expect(204);
    await t.http.get(pathOf(again.body.image)).expect(404);
    expect(stored()).toHaveLength(before.length - 1);
    expect(incoming()).toEqual([]);
  });

  it('refuses anything but PNG or JPEG, a bad field, or a file over UPLOAD_MAX_BYTES, leaving no file and no session', async () => {
    const count = await sessionCount();
    const files = stored();
    for (const file of [gif, join(fixtures, 'notes.png')]) {
      const res = await createWith(file, { name: 'Refused' }).expect(400);
      expect(res.body).toEqual({ image: [expect.stringContaining('Upload a valid image.')] });
    }
    // the image is fine, a field is not: the validation pipe refuses it and the upload is removed
    const noName = await createWith(png).expect(400);
    expect(Object.keys(noName.body)).toEqual(['name']);
    const tooBig = await createWith(join(fixtures, 'big.png'), { name: 'Huge' }).expect(413);
    expect(tooBig.body).toEqual({ detail: expect.any(String) });
    // a value for image in JSON or a form other than null or blank
    const json = await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .send({ guide, name: 'Linked', start_time: '2017-09-18T16:00:00', image: 'https://example.org/a.png' })
      .expect(400);
    expect(Object.keys(json.body)).toEqual(['image']);
    // an upload under another field name
    await t.http
      .post('/open-api/v1.1/sessions/')
      .set('Authorization', alice.auth)
      .field('guide', String(guide))
      .field('name', 'Wrong part')
      .field('start_time', '2017-09-18T16:00:00')
      .attach('photo', png)
      .expect(400);
    expect(await sessionCount()).toBe(count);
    expect(stored()).toEqual(files);
    expect(incoming()).toEqual([]);
  });

  it("never lets another user change a session's image, and serves nothing outside the store", async () => {
    const made = await createWith(png, { name: 'Mine' }).expect(201);
    await t.http
      .patch(`/open-api/v1.1/sessions/${made.body.id}/`)
      .set('Authorization', bob.auth)
      .attach('image', jpg)
      .expect(404);
    const still = await t.http
      .get(`/open-api/v1.1/sessions/${made.body.id}/`)
      .set('Authorization', alice.auth)
      .expect(200);
    expect(pathOf(still.body.image)).toBe(pathOf(made.body.image));
    expect(incoming()).toEqual([]);
    for (const path of [
      '/media/guidebook/..%2F..%2F..%2Fetc%2Fpasswd',
      '/media/guidebook/%2e%2e%2f.incoming',
      '/media/guidebook/AAAAAAAAAAAAAAAAAAAAAA.png',
      '/media/guidebook/AAAAAAAAAAAAAAAAAAAAAA.gif',
    ]) {
      await t.http.get(path).expect(404);
    }
  });
});
