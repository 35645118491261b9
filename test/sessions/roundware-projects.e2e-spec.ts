import { Role } from '../../src/common/auth-user';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { createExperiment, registerDevice, startRoundwareSession, token } from './helpers';

const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

/** Upstream's ProjectSerializer keys (every model field, language_ids, five localized strings) + ours. */
const PROJECT_KEYS = [
  'id',
  'name',
  'owner',
  'latitude',
  'longitude',
  'pub_date',
  'audio_format',
  'auto_submit',
  'max_recording_length',
  'listen_questions_dynamic',
  'speak_questions_dynamic',
  'sharing_url',
  'out_of_range_url',
  'recording_radius',
  'listen_enabled',
  'geo_listen_enabled',
  'speak_enabled',
  'geo_speak_enabled',
  'reset_tag_defaults_on_startup',
  'timed_asset_priority',
  'repeat_mode',
  'files_url',
  'files_version',
  'audio_stream_bitrate',
  'ordering',
  'demo_stream_enabled',
  'demo_stream_url',
  'out_of_range_distance',
  'language_ids',
  'legal_agreement',
  'description',
  'sharing_message',
  'out_of_range_message',
  'demo_stream_message',
  'visibility',
];

describe('Roundware projects /api/2/projects/ (e2e): public projects, upstream fields', () => {
  let t: TestApp;
  let admin: TestUser;
  let operator: TestUser;
  let device: { id: number; token: string };
  let other: { id: number; token: string };
  let publicProject: number;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.admin();
    operator = await t.makeUser({ role: Role.Operator });
    device = await registerDevice(t, 'rw-projects-device-1', 'web');
    other = await registerDevice(t, 'rw-projects-device-2', 'web');
    const res = await t.http
      .post('/api/2/projects/')
      .set('Authorization', bearer(admin))
      .send({
        name: 'Public walk',
        latitude: 42.5,
        longitude: -71.25,
        legal_agreement: { en: 'I agree', fr: "J'accepte" },
        description: 'A walk',
        language_ids: [1],
        ordering: 'by_weight',
      })
      .expect(200);
    publicProject = res.body.id;
  });
  afterAll(() => t.close());

  const rw = (key: string) => token(key);

  it("an admin creates a public project: upstream's key set, defaults where none was given", async () => {
    const res = await t.http
      .post('/api/2/projects/')
      .set('Authorization', bearer(admin))
      .send({ name: 'Bare' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(PROJECT_KEYS);
    expect(res.body).toEqual({
      id: expect.any(Number),
      name: 'Bare',
      owner: '',
      latitude: 0,
      longitude: 0,
      pub_date: expect.stringMatching(NAIVE_ISO),
      audio_format: 'mp3',
      auto_submit: false,
      max_recording_length: 30,
      listen_questions_dynamic: false,
      speak_questions_dynamic: false,
      sharing_url: '',
      out_of_range_url: '',
      recording_radius: 2000,
      listen_enabled: false,
      geo_listen_enabled: false,
      speak_enabled: false,
      geo_speak_enabled: false,
      reset_tag_defaults_on_startup: false,
      timed_asset_priority: true,
      repeat_mode: 'stop',
      files_url: '',
      files_version: '',
      audio_stream_bitrate: '128',
      ordering: 'random',
      demo_stream_enabled: false,
      demo_stream_url: '',
      out_of_range_distance: 1000,
      language_ids: [1],
      legal_agreement: null,
      description: null,
      sharing_message: null,
      out_of_range_message: null,
      demo_stream_message: null,
      visibility: 'public',
    });
  });

  it('only admins write projects', async () => {
    for (const auth of [rw(device.token), bearer(operator)]) {
      await t.http.post('/api/2/projects/').set('Authorization', auth).send({ name: 'x' }).expect(403);
      await t.http.patch(`/api/2/projects/${publicProject}/`).set('Authorization', auth).send({}).expect(403);
      await t.http.delete(`/api/2/projects/${publicProject}/`).set('Authorization', auth).expect(403);
    }
    await t.http.post('/api/2/projects/').send({ name: 'x' }).expect(401);
  });

  it('any registered device reads a public project, starts a session in it and posts events there', async () => {
    const session = await startRoundwareSession(t, rw(device.token), { project_id: publicProject });
    expect(session.project_id).toBe(publicProject);
    const res = await t.http
      .get(`/api/2/projects/${publicProject}/?session_id=${session.id}`)
      .set('Authorization', rw(device.token))
      .expect(200);
    expect(res.body).toMatchObject({
      id: publicProject,
      name: 'Public walk',
      latitude: 42.5,
      longitude: -71.25,
      legal_agreement: 'I agree',
      description: 'A walk',
      ordering: 'by_weight',
    });
    const event = await t.http
      .post('/api/2/events/')
      .set('Authorization', rw(device.token))
      .send({ session_id: session.id, event_type: 'play_stream' })
      .expect(200);
    expect(event.body.session_id).toBe(session.id);
    // the session stays its owner's: the other device cannot see it nor post into it
    await t.http.get(`/api/2/sessions/${session.id}/`).set('Authorization', rw(other.token)).expect(404);
    await t.http
      .post('/api/2/events/')
      .set('Authorization', rw(other.token))
      .send({ session_id: session.id, event_type: 'play_stream' })
      .expect(400);
  });

  it("localizes the five strings in the session's language, else en, else null", async () => {
    const fr = await startRoundwareSession(t, rw(device.token), {
      project_id: publicProject,
      language: 'fr',
    });
    const es = await startRoundwareSession(t, rw(device.token), {
      project_id: publicProject,
      language: 'es',
    });
    const get = (sessionId: number) =>
      t.http
        .get(`/api/2/projects/${publicProject}/?session_id=${sessionId}`)
        .set('Authorization', rw(device.token))
        .expect(200);
    expect((await get(fr.id)).body).toMatchObject({ legal_agreement: "J'accepte", description: 'A walk' });
    expect((await get(es.id)).body).toMatchObject({ legal_agreement: 'I agree', sharing_message: null });
  });

  it("requires session_id (upstream's 400); an unknown or another user's session is 404", async () => {
    const res = await t.http
      .get(`/api/2/projects/${publicProject}/`)
      .set('Authorization', rw(device.token))
      .expect(400);
    expect(res.body).toEqual({ detail: 'session_id parameter is required' });
    const theirs = await startRoundwareSession(t, rw(other.token), { project_id: publicProject });
    for (const sessionId of [theirs.id, 999999]) {
      const miss = await t.http
        .get(`/api/2/projects/${publicProject}/?session_id=${sessionId}`)
        .set('Authorization', rw(device.token))
        .expect(404);
      expect(miss.body).toEqual({ detail: 'Not found.' });
    }
    // an operator reads with anyone's session
    await t.http
      .get(`/api/2/projects/${publicProject}/?session_id=${theirs.id}`)
      .set('Authorization', bearer(operator))
      .expect(200);
    const bad = await t.http
      .get(`/api/2/projects/${publicProject}/?session_id=abc`)
      .set('Authorization', rw(device.token))
      .expect(400);
    expect(bad.body).toEqual({ session_id: ['Enter a whole number.'] });
  });

  it('experiments stay private to their owner; the list shows public projects and own ones', async () => {
    const mine = await createExperiment(t, rw(device.token));
    const list = async (auth: string) =>
      (
        (await t.http.get('/api/2/projects/').set('Authorization', auth).expect(200)).body as { id: number }[]
      ).map((p) => p.id);
    const deviceSees = await list(rw(device.token));
    const otherSees = await list(rw(other.token));
    expect(deviceSees).toEqual(expect.arrayContaining([publicProject, mine.experiment_id]));
    expect(otherSees).toContain(publicProject);
    expect(otherSees).not.toContain(mine.experiment_id);
    expect(await list(bearer(operator))).toEqual(expect.arrayContaining([publicProject, mine.experiment_id]));
    expect([...deviceSees].sort((a, b) => a - b)).toEqual(deviceSees);
    const start = await t.http
      .post('/api/2/sessions/')
      .set('Authorization', rw(other.token))
      .send({ project_id: mine.experiment_id, client_system: 'x' })
      .expect(400);
    expect(start.body).toEqual({
      project_id: [`Invalid pk "${mine.experiment_id}" - object does not exist.`],
    });
    const page = await t.http
      .get('/api/2/projects/?page_size=1')
      .set('Authorization', rw(other.token))
      .expect(200);
    expect(page.body).toMatchObject({ count: otherSees.length, results: [expect.any(Object)] });
    // the public project is also an experiment any user reads
    await t.http.get(`/api/experiments/${publicProject}`).set('Authorization', rw(other.token)).expect(200);
  });

  it('PATCH changes only the given fields; text replaces the en string, an object all of them', async () => {
    const created = await t.http
      .post('/api/2/projects/')
      .set('Authorization', bearer(admin))
      .send({ name: 'To change', legal_agreement: { en: 'old', fr: 'vieux' } })
      .expect(200);
    const id = created.body.id as number;
    const patched = await t.http
      .patch(`/api/2/projects/${id}/`)
      .set('Authorization', bearer(admin))
      .send({
        recording_radius: 15,
        legal_agreement: 'new',
        max_recording_length: '45',
        geo_listen_enabled: 'true',
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      name: 'To change',
      recording_radius: 15,
      max_recording_length: 45,
      geo_listen_enabled: true,
      legal_agreement: 'new',
    });
    const fr = await startRoundwareSession(t, bearer(admin), { project_id: id, language: 'fr' });
    const read = await t.http
      .get(`/api/2/projects/${id}/?session_id=${fr.id}`)
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(read.body.legal_agreement).toBe('vieux');
    const invalid = await t.http
      .patch(`/api/2/projects/${id}/`)
      .set('Authorization', bearer(admin))
      .send({ ordering: 'sideways', language_ids: [999999], legal_agreement: { xx: 'y' } })
      .expect(400);
    expect(invalid.body).toMatchObject({ ordering: ['"sideways" is not a valid choice.'] });
    const badLanguage = await t.http
      .patch(`/api/2/projects/${id}/`)
      .set('Authorization', bearer(admin))
      .send({ language_ids: [999999] })
      .expect(400);
    expect(badLanguage.body).toEqual({ language_ids: ['Invalid pk "999999" - object does not exist.'] });
    const nulls = await t.http
      .patch(`/api/2/projects/${id}/`)
      .set('Authorization', bearer(admin))
      .send({ max_recording_length: null, sharing_message: null })
      .expect(400);
    expect(nulls.body).toEqual({ max_recording_length: ['This field may not be null.'] });
    await t.http.patch('/api/2/projects/999999/').set('Authorization', bearer(admin)).send({}).expect(404);
  });

  it('DELETE removes a project with its sessions; wrong methods answer 405 with Allow', async () => {
    const created = await t.http
      .post('/api/2/projects/')
      .set('Authorization', bearer(admin))
      .send({ name: 'Doomed' })
      .expect(200);
    const session = await startRoundwareSession(t, rw(device.token), { project_id: created.body.id });
    const res = await t.http
      .delete(`/api/2/projects/${created.body.id}/`)
      .set('Authorization', bearer(admin));
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    await t.http.get(`/api/2/sessions/${session.id}/`).set('Authorization', rw(device.token)).expect(404);
    await t.http
      .delete(`/api/2/projects/${created.body.id}/`)
      .set('Authorization', bearer(admin))
      .expect(404);
    const put = await t.http
      .put(`/api/2/projects/${publicProject}/`)
      .set('Authorization', bearer(admin))
      .send({});
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, PATCH, DELETE, HEAD');
    expect(put.body).toEqual({ detail: 'Method "PUT" not allowed.' });
    const del = await t.http.delete('/api/2/projects/').set('Authorization', bearer(admin));
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('GET, POST, HEAD');
  });

  it("list filters as upstream's ProjectFilterSet: name (icontains), the four booleans; bad choices 400", async () => {
    const make = async (name: string, flags: object) =>
      (
        await t.http
          .post('/api/2/projects/')
          .set('Authorization', bearer(admin))
          .send({ name, ...flags })
          .expect(200)
      ).body.id as number;
    const a = await make('Filter Harbour', { listen_enabled: true, geo_listen_enabled: true });
    const b = await make('filter hill', { speak_enabled: true, geo_speak_enabled: true });
    const ids = async (query: string) =>
      (
        (await t.http.get(`/api/2/projects/?${query}`).set('Authorization', rw(other.token)).expect(200))
          .body as { id: number }[]
      ).map((p) => p.id);
    expect(await ids('name=FILTER')).toEqual([a, b]);
    expect(await ids('name=harb')).toEqual([a]);
    expect(await ids('name=filter&listen_enabled=true')).toEqual([a]);
    expect(await ids('name=filter&listen_enabled=0')).toEqual([b]);
    expect(await ids('name=filter&geo_listen_enabled=1&speak_enabled=false')).toEqual([a]);
    expect(await ids('name=filter&speak_enabled=1&geo_speak_enabled=true')).toEqual([b]);
    expect(await ids('name=filter%25')).toEqual([a, b]);
    const paged = await t.http
      .get('/api/2/projects/?name=filter&speak_enabled=true&page_size=10')
      .set('Authorization', rw(other.token))
      .expect(200);
    expect(paged.body).toMatchObject({ count: 1, results: [{ id: b }] });
    const bad = await t.http
      .get('/api/2/projects/?listen_enabled=yes')
      .set('Authorization', rw(other.token))
      .expect(400);
    expect(bad.body).toEqual({
      listen_enabled: ['Select a valid choice. yes is not one of the available choices.'],
    });
  });
});
