import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, TestApp, TestUser } from '../utils/test-app';

/** A fresh media store directory for one test app. */
export function tempMediaDir(): string {
  return mkdtempSync(join(tmpdir(), 'sessions-hub-media-'));
}

/** A valid PCM WAV of `seconds` (8 kHz, mono, 16 bit): made here, never downloaded. */
export function wav(seconds: number): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A project (experiment) owned by `owner`, through the API. */
export async function makeProject(t: TestApp, owner: TestUser, name = 'Soundwalk'): Promise<number> {
  const res = await t.http.post('/api/experiments').set('Authorization', bearer(owner)).send({ name });
  if (res.status !== 201) throw new Error(`project: ${res.status} ${res.text}`);
  return (res.body as { experiment_id: number }).experiment_id;
}

/** A Roundware session of `owner` in `projectId`, through the API. */
export async function makeSession(t: TestApp, owner: TestUser, projectId: number): Promise<number> {
  const res = await t.http
    .post('/api/2/sessions/')
    .set('Authorization', bearer(owner))
    .send({ project_id: projectId, client_system: 'test' });
  if (res.status !== 200 && res.status !== 201) throw new Error(`session: ${res.status} ${res.text}`);
  return (res.body as { id: number }).id;
}

export const SQUARE = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [-73.99, 40.73],
        [-73.98, 40.73],
        [-73.98, 40.74],
        [-73.99, 40.73],
      ],
    ],
  ],
};

export const TRACK = {
  minvolume: 0.5,
  maxvolume: 1,
  minduration: 5,
  maxduration: 30,
  mindeadair: 1,
  maxdeadair: 3,
  minfadeintime: 0.5,
  maxfadeintime: 1,
  minfadeouttime: 0.5,
  maxfadeouttime: 1,
  minpanpos: -1,
  maxpanpos: 1,
  minpanduration: 5,
  maxpanduration: 10,
};
