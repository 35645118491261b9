/**
 * The real Roundware client: `roundware-web-framework` (its published dist, run unchanged) against the
 * app listening on a real port. Browser globals are shimmed only where the library touches them
 * (`./browser-shims.ts`); its requests are Node's own `fetch`. What is asserted is what the library
 * itself reads and keeps (its user, session, project objects), and that it logged no error and left no
 * unhandled rejection.
 */
import type { AddressInfo } from 'node:net';
import type { Roundware as RoundwareClass } from 'roundware-web-framework';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { installBrowserShims, USER_AGENT } from './browser-shims';

// The library builds its AudioContext through standardized-audio-context (which wraps native nodes):
// that module is the AudioContext shim's place.
jest.mock('standardized-audio-context', () => ({
  AudioContext: jest.requireActual('./browser-shims').FakeAudioContext,
}));

type RoundwareCtor = typeof RoundwareClass;

/** The library's Session object (what `connect()` runs as its step 2: `POST /sessions/`). */
const sessionOf = (rw: RoundwareClass) =>
  (rw as unknown as { _session: { connect(): Promise<number> } })._session;

/** The `Authorization` value the library's ApiClient sends (it keeps it in `_authToken`, write-only). */
const authorizationOf = (rw: RoundwareClass): string =>
  (rw.apiClient as unknown as { _authToken: string })._authToken;

describe('roundware-web-framework against the hub (e2e, real client)', () => {
  let t: TestApp;
  let admin: TestUser;
  let serverUrl: string;
  let projectId: number;
  let Roundware: RoundwareCtor;
  let shims: ReturnType<typeof installBrowserShims>;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  let consoleError: jest.SpyInstance;
  const START = { latitude: 42.3601, longitude: -71.0589 };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    serverUrl = `${origin}/api/2`;
    admin = await t.admin();
    const project = await t.http
      .post('/api/2/projects/')
      .set('Authorization', bearer(admin))
      .send({
        name: 'Real client walk',
        latitude: START.latitude,
        longitude: START.longitude,
        recording_radius: 25,
        max_recording_length: 45,
        out_of_range_distance: 750,
        geo_listen_enabled: true,
        ordering: 'by_weight',
        legal_agreement: 'Contributions are public.',
      })
      .expect(200);
    projectId = project.body.id;
    shims = installBrowserShims(origin, START);
    process.on('unhandledRejection', onRejection);
    consoleError = jest.spyOn(console, 'error');
    // loaded after the shims, as a page loads it after the browser made its globals
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Roundware = (require('roundware-web-framework') as { Roundware: RoundwareCtor }).Roundware;
  });

  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    consoleError.mockRestore();
    shims.restore();
    await t.close();
  });

  afterEach(async () => {
    // let the library's un-awaited requests (it posts events without awaiting them) settle
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(rejections).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
  });

  const client = (deviceId: string) =>
    new Roundware(globalThis, {
      serverUrl,
      projectId,
      deviceId,
      clientType: 'web',
      listenerLocation: { ...START },
    } as unknown as ConstructorParameters<RoundwareCtor>[1]);

  it('registers its device, starts a session in a public project and reads the project fields', async () => {
    const rw = client('real-client-device-1');
    await rw.user.connect();
    expect(rw.user.userName).toEqual(expect.any(String));
    expect(authorizationOf(rw)).toMatch(/^token \S+$/);

    const sessionId = await sessionOf(rw).connect();
    expect(sessionId).toEqual(expect.any(Number));
    const session = await t.http
      .get(`/api/2/sessions/${sessionId}/`)
      .set('Authorization', authorizationOf(rw))
      .expect(200);
    expect(session.body).toMatchObject({
      project_id: projectId,
      device_id: 'real-client-device-1',
      client_type: 'web',
      client_system: USER_AGENT,
      geo_listen_enabled: false,
      language_id: 1,
    });

    expect(await rw.project.connect(sessionId)).toBe(sessionId);
    expect(rw.project.projectName).toBe('Real client walk');
    expect(rw.project.legalAgreement).toBe('Contributions are public.');
    expect(rw.project.recordingRadius).toBe(25);
    expect(rw.project.maxRecordingLength).toBe(45);
    expect(rw.project.outOfRangeDistance).toBe(750);
    expect(rw.project.location).toEqual(START);
    expect(rw.project.mixParams).toMatchObject({ recordingRadius: 25, ordering: 'by_weight' });
  });

  it("a second instance with the same device id leaves the first one's token working", async () => {
    const first = client('real-client-device-2');
    await first.user.connect();
    const firstToken = authorizationOf(first);
    const second = client('real-client-device-2');
    await second.user.connect();
    expect(second.user.userName).toBe(first.user.userName);
    // the first tab goes on with its own token: a new session and the project answer
    const sessionId = await sessionOf(first).connect();
    expect(authorizationOf(first)).toBe(firstToken);
    expect(await first.project.connect(sessionId)).toBe(sessionId);
    expect(first.project.projectName).toBe('Real client walk');
    const secondSession = await sessionOf(second).connect();
    expect(secondSession).not.toBe(sessionId);
  });
});
