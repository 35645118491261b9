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
import { tempMediaDir, wav } from '../project-content/helpers';
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
    t = await startTestApp({ MEDIA_DIR: tempMediaDir() });
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
    await makeContent();
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

  const content: { tag?: number; speaker?: number; track?: number; asset?: number } = {};
  /** The admin's project content, through the API: a tag in a listen group, a speaker, a track. */
  async function makeContent(): Promise<void> {
    const post = async (path: string, body: object) =>
      (await t.http.post(path).set('Authorization', bearer(admin)).send(body).expect(200)).body as {
        id: number;
      };
    content.tag = (await post('/api/2/tags/', { project_id: projectId, value: 'birds', msg: 'Birds' })).id;
    const group = await post('/api/2/uigroups/', {
      project_id: projectId,
      name: 'Listen to',
      group_short_name: 'Topics',
      header_text: 'What do you want to hear?',
      ui_mode: 'listen',
      select: 'multi',
      index: 1,
    });
    await post('/api/2/uiitems/', {
      ui_group_id: group.id,
      tag_id: content.tag,
      index: 1,
      default: true,
      active: true,
    });
    content.speaker = (
      await post('/api/2/speakers/', {
        project_id: projectId,
        activeyn: true,
        code: 'main',
        maxvolume: 0.8,
        minvolume: 0,
        uri: 'https://stream.example.org/main.mp3',
        // far from the listener (volume 0): the library then never starts its stream, whose retry
        // loop would outlive the test
        shape: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [10, 10],
                [10.01, 10],
                [10.01, 10.01],
                [10, 10],
              ],
            ],
          ],
        },
        attenuation_distance: 40,
      })
    ).id;
    content.track = (
      await post('/api/2/audiotracks/', {
        project_id: projectId,
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
      })
    ).id;
  }

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

  it('connect() resolves with uiconfig, speakers and audiotracks; it logs play, pause, location, a filter and a listen', async () => {
    const rw = client('real-client-device-3');
    const connected = await rw.connect();
    expect(connected.uiConfig).toMatchObject({
      listen: [{ group_short_name: 'Topics', display_items: [{ tag_id: content.tag }] }],
      speak: [],
    });
    expect(rw.uiConfig).toBe(connected.uiConfig);
    const internals = rw as unknown as {
      _sessionId: number;
      _speakerData: Array<{ id: number; uri: string }>;
      _audioTracksData: Array<{ id: number }>;
    };
    expect(internals._speakerData.map((s) => [s.id, s.uri])).toEqual([
      [content.speaker, 'https://stream.example.org/main.mp3'],
    ]);
    expect(internals._audioTracksData.map((a) => a.id)).toEqual([content.track]);
    const sessionId = internals._sessionId;
    const auth = authorizationOf(rw);

    // the listener contributes a recording: an envelope, then the multipart upload, as the library does it
    const saved = (await rw.saveAsset(new Blob([wav(0.25)], { type: 'audio/wav' }), 'rec.wav', {
      latitude: START.latitude,
      longitude: START.longitude,
      tag_ids: [content.tag!],
    })) as unknown as { id: number; file: string };
    content.asset = saved.id;
    const audio = await fetch(saved.file, { headers: { Range: 'bytes=0-3' } });
    expect(audio.status).toBe(206);
    expect(Buffer.from(await audio.arrayBuffer()).toString('ascii')).toBe('RIFF');

    // the mixer: the asset pool (timed assets, assets), then play and pause as the app's buttons do
    const mixer = await rw.activateMixer();
    expect(rw.assets().map((a: { id: number }) => a.id)).toEqual([content.asset]);
    mixer.play();
    await sleep(300); // its speaker stream starts asynchronously
    // the listener moves while listening: the library logs a location update
    rw.updateLocation({ latitude: 42.3611, longitude: -71.0571 });
    await sleep(300);
    // the app narrows what it hears to one tag: the library's own logEvent, with its payload as the app gives it
    await rw.events!.logEvent('filter_stream', { tag_ids: [content.tag!] });
    mixer.stop();
    await sleep(300);
    // an asset play, logged through the library's own RoundwareEvents (as its playlist tracks do)
    await rw.events!.logAssetStart(content.asset);
    // the library does not await its POST: it keeps the new id once the answer arrives, and logAssetEnd
    // finds nothing to PATCH before that, so wait for the row and for the library to hold its id
    const started = (rw.events as unknown as { _startedAssets: Record<number, { id: number } | undefined> })
      ._startedAssets;
    await waitFor(
      async () => (await listenEvents(auth, sessionId)).length === 1 && started[content.asset!] !== undefined,
    );
    await rw.events!.logAssetEnd(content.asset);
    await waitFor(async () => (await listenEvents(auth, sessionId))[0]?.duration_in_seconds !== null);

    const events = (
      await t.http.get(`/api/2/events/?session_id=${sessionId}`).set('Authorization', auth).expect(200)
    ).body as Array<{ event_type: string; client_time: string | null; latitude: string | null }>;
    const types = events.map((e) => e.event_type);
    expect(types.filter((type) => type === 'start_session')).toHaveLength(1);
    expect(types).toEqual(
      expect.arrayContaining([
        'start_session',
        'play_stream',
        'pause_stream',
        'location_update',
        'filter_stream',
      ]),
    );
    expect(events.find((e) => e.event_type === 'filter_stream')).toMatchObject({
      tag_ids: String(content.tag),
    });
    expect(events.find((e) => e.event_type === 'start_session')!.client_time).toMatch(/Z$/);
    expect(events.find((e) => e.event_type === 'location_update')).toMatchObject({ latitude: '42.3611' });
    const [listen] = await listenEvents(auth, sessionId);
    expect(listen).toMatchObject({ session_id: sessionId, asset_id: content.asset, project_id: projectId });
    expect(listen.duration_in_seconds).toEqual(expect.any(Number));
    const history = await t.http
      .get(`/api/2/sessions/${sessionId}/history/`)
      .set('Authorization', auth)
      .expect(200);
    expect(history.body.listen_events).toEqual([listen]);
    clearInterval((rw as unknown as { _assetDataTimer: NodeJS.Timeout })._assetDataTimer);
  });

  const listenEvents = async (auth: string, sessionId: number) =>
    (await t.http.get(`/api/2/listenevents/?session_id=${sessionId}`).set('Authorization', auth).expect(200))
      .body as Array<{
      id: number;
      duration_in_seconds: number | null;
      session_id: number;
      asset_id: number;
    }>;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting for the library');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
