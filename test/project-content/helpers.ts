import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wavFile } from '../audiobookshelf/audio-fixtures';
import { bearer, TestApp, TestUser } from '../utils/test-app';

/** A fresh media store directory for one test app. */
export function tempMediaDir(): string {
  return mkdtempSync(join(tmpdir(), 'sessions-hub-media-'));
}

/** A valid PCM WAV of `seconds` (8 kHz, mono, 16 bit, a 440 Hz tone): made here, never downloaded. */
export const wav = (seconds: number): Buffer => wavFile(seconds);

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
