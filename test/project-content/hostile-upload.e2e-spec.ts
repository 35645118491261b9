/**
 * Hostile multipart bodies on the one multipart route, `PATCH /api/2/envelopes/:id/` (the shared
 * hostile-input suite generates JSON and form bodies): random text parts with hostile values (and
 * hostile part names), random file parts (declared types, names with traversal, NUL, odd bytes, valid
 * and broken WAVs), broken multipart framing. Invariants: never a 5xx, DRF-dialect errors, a refused
 * request stores neither an asset row nor a file, nothing is written outside MEDIA_DIR, and the server
 * still answers.
 */
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { hostileString } from '../reliability/hostile-input.arbitraries';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { makeProject, makeSession, tempMediaDir, wav } from './helpers';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 100);

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

function multipart(parts: Part[], boundary: string, breakIt: number): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.type !== undefined) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(
      Buffer.from(`${head}\r\n`),
      Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(chunks);
  // 1: truncated, 2: no closing boundary, 3: garbage before the first boundary
  if (breakIt === 1) return body.subarray(0, Math.floor(body.length / 2));
  if (breakIt === 2) return body.subarray(0, body.length - boundary.length - 6);
  if (breakIt === 3) return Buffer.concat([Buffer.from('\x00\xff garbage'), body]);
  return body;
}

describe('hostile multipart uploads (e2e)', () => {
  let t: TestApp;
  let alice: TestUser;
  let admin: TestUser;
  let port: number;
  let mediaDir: string;
  let envelope: number;
  let session: number;

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    mediaDir = tempMediaDir();
    t = await startTestApp({ MEDIA_DIR: mediaDir, UPLOAD_MAX_BYTES: '20000' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    admin = await t.admin();
    alice = await t.makeUser();
    const project = await makeProject(t, alice);
    session = await makeSession(t, alice, project);
    envelope = (
      await t.http
        .post('/api/2/envelopes/')
        .set('Authorization', bearer(alice))
        .send({ session_id: session })
        .expect(200)
    ).body.id;
  });
  afterAll(() => t.close());

  const send = (body: Buffer, contentType: string): Promise<{ status: number; type: string; text: string }> =>
    new Promise((resolve, reject) => {
      const r = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'PATCH',
          path: `/api/2/envelopes/${envelope}/`,
          headers: {
            'content-type': contentType,
            'content-length': body.length,
            authorization: bearer(alice),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode!,
              type: String(res.headers['content-type'] ?? ''),
              text: Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      r.on('error', reject);
      r.end(body);
    });

  const assets = async () =>
    ((await t.http.get('/api/2/assets/').set('Authorization', bearer(admin)).expect(200)).body as unknown[])
      .length;
  const files = () => readdirSync(join(mediaDir, 'roundware')).length;

  const field = fc.oneof(
    fc.constantFrom('session_id', 'latitude', 'longitude', 'tag_ids', 'media_type', 'description'),
    fc.constantFrom('__proto__', 'constructor', 'file[]', 'a"b', 'x'.repeat(300)),
  );
  const textPart = fc.record({
    name: field,
    value: fc.oneof(
      hostileString.map((s) => s.slice(0, 2000)),
      fc.constantFrom('40.7', '3,8', 'audio', '1', '-0', '1e400'),
    ),
  });
  const filePart = fc.record({
    name: fc.constantFrom('file', 'file', 'file', 'audio', 'file[0]'),
    value: fc.oneof(
      fc.constant(wav(0.1)),
      fc.constant(wav(2)), // over the limit
      fc.uint8Array({ maxLength: 3000 }).map((a) => Buffer.from(a)),
      fc.constant(Buffer.concat([wav(0.1).subarray(0, 44), Buffer.from('not audio')])),
    ),
    filename: fc.constantFrom(
      'rec.wav',
      '../../etc/passwd',
      '..\\..\\x.wav',
      'a\u0000b.wav',
      '',
      '.htaccess',
      'ü🎵.mp3',
    ),
    type: fc.constantFrom(
      'audio/wav',
      'audio/mpeg',
      'text/plain',
      'application/octet-stream',
      'audio/wav; x=1',
      'image/png',
    ),
  });
  const request = fc.record({
    parts: fc.array(fc.oneof(textPart, filePart), { maxLength: 6 }),
    breakIt: fc.constantFrom(0, 0, 0, 1, 2, 3),
    boundary: fc.constantFrom('xyz', 'a'.repeat(70), '----b'),
  });

  it(`holds every invariant for ${RUNS} hostile multipart requests`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ parts, breakIt, boundary }) => {
        const before = [await assets(), files()];
        const res = await send(
          multipart(parts, boundary, breakIt),
          `multipart/form-data; boundary=${boundary}`,
        );
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        const after = [await assets(), files()];
        if (res.status >= 400) {
          expect(res.type).toMatch(/^application\/json/);
          const body = JSON.parse(res.text) as Record<string, unknown>;
          const drf =
            typeof body.detail === 'string' ||
            (Object.keys(body).length > 0 &&
              Object.values(body).every((v) => Array.isArray(v) && v.every((m) => typeof m === 'string')));
          expect(drf).toBe(true);
          expect(after).toEqual(before);
        } else {
          expect(after).toEqual([before[0] + 1, before[1] + 1]);
        }
        expect(readdirSync(join(mediaDir, '.incoming'))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect([...seen.keys()].some((s) => s >= 400)).toBe(true);
    expect((await t.http.get('/health')).status).toBe(200);
  }, 120_000);
});
