import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth-user';
import { bearer, startTestApp, TestApp } from '../utils/test-app';
import { createExperiment, micros, registerDevice, startRoundwareSession, token } from './helpers';

const NAIVE_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;
const GET_KEYS = [
  'id',
  'device_id',
  'starttime',
  'stoptime',
  'client_type',
  'client_system',
  'demo_stream_enabled',
  'geo_listen_enabled',
  'timezone',
  'project_id',
  'language_id',
];
const POST_KEYS = [
  'client_system',
  'client_type',
  'demo_stream_enabled',
  'device_id',
  'geo_listen_enabled',
  'language_id',
  'project_id',
  'starttime',
  'stoptime',
  'timezone',
  'id',
];

describe('Roundware sessions /api/2/sessions/ (e2e)', () => {
  let t: TestApp;
  let device: { id: number; token: string };
  let geoProject: number; // geo_listen_enabled true, demo_stream_enabled true
  let plainProject: number; // both false
  const languageIds: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp();
    device = await registerDevice(t, '12891038109281', 'iPhone');
    geoProject = (
      await createExperiment(t, token(device.token), { geo_listen_enabled: true, demo_stream_enabled: true })
    ).experiment_id;
    plainProject = (await createExperiment(t, token(device.token))).experiment_id;
    const rows: { id: number; code: string }[] = await t.app
      .get(DataSource)
      .query("SELECT id, code FROM languages WHERE code IN ('en', 'fr', 'es', 'de')");
    for (const row of rows) languageIds[row.code] = Number(row.id);
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) =>
    t.http.post('/api/2/sessions/').set('Authorization', token(device.token)).send(body);

  describe('POST', () => {
    it("answers the seed's example body with the 11 documented keys, in the seed's order", async () => {
      const before = Date.now() * 1000;
      const res = await create({
        project_id: geoProject,
        client_system: 'iOS 8.1',
        geo_listen_enabled: true,
        demo_stream_enabled: false,
        language: 'fr',
        timezone: '-8000',
      }).expect(200);
      expect(Object.keys(res.body)).toEqual(POST_KEYS);
      expect(res.body).toEqual({
        client_system: 'iOS 8.1',
        client_type: 'iPhone',
        demo_stream_enabled: false,
        device_id: '12891038109281',
        geo_listen_enabled: true,
        language_id: languageIds.fr,
        project_id: geoProject,
        starttime: expect.stringMatching(NAIVE_ISO),
        stoptime: null,
        timezone: '-8000',
        id: expect.any(Number),
      });
      expect(languageIds.fr).not.toBe(1);
      const start = micros(res.body.starttime);
      expect(start).toBeGreaterThanOrEqual(before - 1000);
      expect(start).toBeLessThanOrEqual(Date.now() * 1000 + 1000);

      const read = await t.http
        .get(`/api/2/sessions/${res.body.id}/`)
        .set('Authorization', token(device.token))
        .expect(200);
      expect(Object.keys(read.body)).toEqual(GET_KEYS);
      expect(read.body).toEqual(res.body);
    });

    it('takes the starttime from the server, not from the client', async () => {
      const res = await create({ project_id: plainProject, client_system: 'x', starttime: '2000-01-01' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ starttime: ['This field is not allowed.'] });
    });

    describe('language', () => {
      it('lets language win over language_id', async () => {
        const res = await create({
          project_id: plainProject,
          client_system: 'Android 14',
          language: 'es',
          language_id: languageIds.de,
        }).expect(200);
        expect(res.body.language_id).toBe(languageIds.es);
      });

      it('reads a regional code as its base language', async () => {
        const res = await create({ project_id: plainProject, client_system: 'x', language: 'en-US' }).expect(
          200,
        );
        expect(res.body.language_id).toBe(1);
        const fr = await create({ project_id: plainProject, client_system: 'x', language: 'fr_CA' }).expect(
          200,
        );
        expect(fr.body.language_id).toBe(languageIds.fr);
      });

      it('uses language_id alone, and English when neither is given', async () => {
        const byId = await create({
          project_id: plainProject,
          client_system: 'x',
          language_id: languageIds.de,
        });
        expect(byId.body.language_id).toBe(languageIds.de);
        const none = await create({ project_id: plainProject, client_system: 'x' }).expect(200);
        expect(none.body.language_id).toBe(1);
      });

      it('refuses an unknown code with a message naming language, and an unknown language_id', async () => {
        const code = await create({ project_id: plainProject, client_system: 'x', language: 'xx' }).expect(
          400,
        );
        expect(code.body).toEqual({ language: ['"xx" is not a known ISO 639-1 language code.'] });
        const word = await create({ project_id: plainProject, client_system: 'x', language: 'english' });
        expect(word.status).toBe(400);
        expect(Object.keys(word.body)).toEqual(['language']);
        const id = await create({ project_id: plainProject, client_system: 'x', language_id: 9999 }).expect(
          400,
        );
        expect(id.body).toEqual({ language_id: ['Invalid pk "9999" - object does not exist.'] });
      });
    });

    it("defaults geo_listen_enabled to the project's value and demo_stream_enabled to false", async () => {
      const geo = await create({ project_id: geoProject, client_system: 'x' }).expect(200);
      expect(geo.body).toMatchObject({ geo_listen_enabled: true, demo_stream_enabled: false });
      const plain = await create({ project_id: plainProject, client_system: 'x' }).expect(200);
      expect(plain.body).toMatchObject({ geo_listen_enabled: false, demo_stream_enabled: false });
      const explicit = await create({
        project_id: geoProject,
        client_system: 'x',
        geo_listen_enabled: false,
        demo_stream_enabled: true,
      }).expect(200);
      expect(explicit.body).toMatchObject({ geo_listen_enabled: false, demo_stream_enabled: true });
    });

    it("takes client_type from the body, else from the caller's device registration", async () => {
      const given = await create({ project_id: plainProject, client_system: 'x', client_type: 'iPad' });
      expect(given.body).toMatchObject({ client_type: 'iPad', device_id: '12891038109281' });
      const operator = await t.makeUser({ role: Role.Operator });
      const noDevice = await t.http
        .post('/api/2/sessions/')
        .set('Authorization', bearer(operator))
        .send({ project_id: plainProject, client_system: 'x' })
        .expect(200);
      expect(noDevice.body).toMatchObject({ device_id: null, client_type: null, timezone: '0000' });
    });

    it.each(['+5', 'abc', '-80000', '08:00', '', 800])('refuses the timezone %p', async (timezone) => {
      const res = await create({ project_id: plainProject, client_system: 'x', timezone }).expect(400);
      expect(Object.keys(res.body)).toEqual(['timezone']);
    });

    it.each(['+0530', '-0500', '0000'])('accepts the timezone %p', async (timezone) => {
      const res = await create({ project_id: plainProject, client_system: 'x', timezone }).expect(200);
      expect(res.body.timezone).toBe(timezone);
    });

    it('answers 400, never 500, for a missing, malformed, unknown or invisible project_id', async () => {
      const missing = await create({ client_system: 'x' }).expect(400);
      expect(missing.body).toEqual({ project_id: ['This field is required.'] });
      const text = await create({ project_id: 'abc', client_system: 'x' }).expect(400);
      expect(Object.keys(text.body)).toEqual(['project_id']);
      for (const id of [999999, 99999999999, 0, -3]) {
        const res = await create({ project_id: id, client_system: 'x' }).expect(400);
        expect(res.body).toEqual({ project_id: [`Invalid pk "${id}" - object does not exist.`] });
      }
      const other = await t.makeUser();
      const hidden = await createExperiment(t, bearer(other));
      const res = await create({ project_id: hidden.experiment_id, client_system: 'x' }).expect(400);
      expect(res.body).toEqual({
        project_id: [`Invalid pk "${hidden.experiment_id}" - object does not exist.`],
      });
    });

    it('requires client_system and reports every bad field at once', async () => {
      const res = await create({ project_id: 999999, language: 'zz' }).expect(400);
      expect(res.body).toEqual({ client_system: ['This field is required.'] });
      const both = await create({ project_id: 999999, client_system: 'x', language: 'zz' }).expect(400);
      expect(both.body).toEqual({
        project_id: ['Invalid pk "999999" - object does not exist.'],
        language: ['"zz" is not a known ISO 639-1 language code.'],
      });
    });

    it('needs a credential', async () => {
      await t.http
        .post('/api/2/sessions/')
        .send({ project_id: plainProject, client_system: 'x' })
        .expect(401);
    });
  });

  describe('GET list and count', () => {
    let lister: { id: number; token: string };
    let p1: number;
    let p2: number;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      lister = await registerDevice(t, 'lister-device', 'Android');
      p1 = (await createExperiment(t, token(lister.token))).experiment_id;
      p2 = (await createExperiment(t, token(lister.token), { geo_listen_enabled: true })).experiment_id;
      const auth = token(lister.token);
      ids.a = (await startRoundwareSession(t, auth, { project_id: p1, language: 'en' })).id;
      ids.b = (
        await startRoundwareSession(t, auth, { project_id: p1, language: 'fr', demo_stream_enabled: true })
      ).id;
      ids.c = (await startRoundwareSession(t, auth, { project_id: p2, language: 'fr' })).id;
      ids.d = (
        await startRoundwareSession(t, auth, { project_id: p2, language: 'de', demo_stream_enabled: true })
      ).id;
    });

    const list = async (query: string) => {
      const res = await t.http
        .get(`/api/2/sessions/${query}`)
        .set('Authorization', token(lister.token))
        .expect(200);
      const count = await t.http
        .get(`/api/2/sessions/count/${query}`)
        .set('Authorization', token(lister.token))
        .expect(200);
      expect(count.body).toEqual({ count: res.body.length });
      return (res.body as { id: number }[]).map((s) => s.id);
    };

    it("lists the caller's sessions as a plain array, oldest first, with the 11 keys", async () => {
      const res = await t.http.get('/api/2/sessions/').set('Authorization', token(lister.token)).expect(200);
      expect(Array.isArray(res.body)).toBe(true);
      expect(res.body.map((s: { id: number }) => s.id)).toEqual([ids.a, ids.b, ids.c, ids.d]);
      for (const s of res.body) expect(Object.keys(s)).toEqual(GET_KEYS);
      expect(res.body[0]).toMatchObject({ device_id: 'lister-device', client_type: 'Android' });
    });

    it('narrows by each filter, and by several together', async () => {
      expect(await list(`?project_id=${p1}`)).toEqual([ids.a, ids.b]);
      expect(await list(`?language_id=${languageIds.fr}`)).toEqual([ids.b, ids.c]);
      expect(await list('?language=fr')).toEqual([ids.b, ids.c]);
      expect(await list('?language=de-DE')).toEqual([ids.d]);
      expect(await list('?geo_listen_enabled=true')).toEqual([ids.c, ids.d]);
      expect(await list('?geo_listen_enabled=false')).toEqual([ids.a, ids.b]);
      expect(await list('?demo_stream_enabled=true')).toEqual([ids.b, ids.d]);
      expect(await list('?demo_stream_enabled=False')).toEqual([ids.a, ids.c]);
      expect(
        await list(`?project_id=${p2}&language=fr&geo_listen_enabled=true&demo_stream_enabled=false`),
      ).toEqual([ids.c]);
      expect(await list('?project_id=999999')).toEqual([]);
    });

    it('answers the path without the trailing slash too', async () => {
      const res = await t.http
        .get(`/api/2/sessions?project_id=${p1}`)
        .set('Authorization', token(lister.token));
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(2);
      const count = await t.http
        .get('/api/2/sessions/count')
        .set('Authorization', token(lister.token))
        .expect(200);
      expect(count.body).toEqual({ count: 4 });
    });

    it.each([
      ['project_id=abc', 'project_id'],
      ['project_id=1.5', 'project_id'],
      ['project_id=99999999999', 'project_id'],
      ['project_id=1&project_id=2', 'project_id'],
      ['language_id=x', 'language_id'],
      ['language=xx', 'language'],
      ['geo_listen_enabled=maybe', 'geo_listen_enabled'],
      ['demo_stream_enabled=maybe', 'demo_stream_enabled'],
      ['colour=blue', 'colour'],
    ])('refuses ?%s with a DRF field error', async (query, field) => {
      for (const path of ['/api/2/sessions/', '/api/2/sessions/count/']) {
        const res = await t.http
          .get(`${path}?${query}`)
          .set('Authorization', token(lister.token))
          .expect(400);
        expect(Object.keys(res.body)).toEqual([field]);
        expect(res.body[field]).toEqual([expect.any(String)]);
      }
    });

    it('answers 404 for an unknown or malformed id', async () => {
      for (const id of ['999999', 'abc', '0']) {
        const res = await t.http.get(`/api/2/sessions/${id}/`).set('Authorization', token(lister.token));
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ detail: 'Not found.' });
      }
    });
  });

  describe('PATCH stoptime', () => {
    it('ends the session at the given stoptime, once', async () => {
      const s = await startRoundwareSession(t, token(device.token), { project_id: plainProject });
      const stoptime = '2099-01-02T03:04:05.678901';
      const res = await t.http
        .patch(`/api/2/sessions/${s.id}/`)
        .set('Authorization', token(device.token))
        .send({ stoptime })
        .expect(200);
      expect(Object.keys(res.body)).toEqual(GET_KEYS);
      expect(res.body).toMatchObject({ id: s.id, stoptime, starttime: s.starttime });
      const again = await t.http
        .patch(`/api/2/sessions/${s.id}/`)
        .set('Authorization', token(device.token))
        .send({})
        .expect(409);
      expect(again.body).toEqual({ detail: 'This session has already been stopped.' });
    });

    it('defaults the stoptime to now and converts offsets to UTC', async () => {
      const s = await startRoundwareSession(t, token(device.token), { project_id: plainProject });
      const now = await t.http
        .patch(`/api/2/sessions/${s.id}`)
        .set('Authorization', token(device.token))
        .send({})
        .expect(200);
      expect(micros(now.body.stoptime)).toBeGreaterThanOrEqual(micros(s.starttime as string));
      const s2 = await startRoundwareSession(t, token(device.token), { project_id: plainProject });
      const offset = await t.http
        .patch(`/api/2/sessions/${s2.id}/`)
        .set('Authorization', token(device.token))
        .send({ stoptime: '2099-01-02T03:04:05-05:00' })
        .expect(200);
      expect(offset.body.stoptime).toBe('2099-01-02T08:04:05.000000');
    });

    it('refuses a malformed stoptime, one before the start, and other fields', async () => {
      const s = await startRoundwareSession(t, token(device.token), { project_id: plainProject });
      const send = (body: object) =>
        t.http.patch(`/api/2/sessions/${s.id}/`).set('Authorization', token(device.token)).send(body);
      expect((await send({ stoptime: 'tomorrow' }).expect(400)).body).toEqual({
        stoptime: [expect.stringContaining('Datetime has wrong format')],
      });
      expect((await send({ stoptime: '2000-01-01T00:00:00' }).expect(400)).body).toEqual({
        stoptime: ['stoptime must not be before starttime.'],
      });
      expect((await send({ stoptime: null }).expect(400)).body).toEqual({
        stoptime: ['This field may not be null.'],
      });
      expect((await send({ stoptime: 5 }).expect(400)).body).toEqual({ stoptime: ['Not a valid string.'] });
      expect((await send({ project_id: 1 }).expect(400)).body).toEqual({
        project_id: ['This field is not allowed.'],
      });
      const read = await t.http.get(`/api/2/sessions/${s.id}/`).set('Authorization', token(device.token));
      expect(read.body.stoptime).toBeNull();
    });

    it("is 404 for another user's session and allowed to an operator", async () => {
      const s = await startRoundwareSession(t, token(device.token), { project_id: plainProject });
      const stranger = await t.makeUser();
      await t.http
        .patch(`/api/2/sessions/${s.id}/`)
        .set('Authorization', bearer(stranger))
        .send({})
        .expect(404);
      const operator = await t.makeUser({ role: Role.Operator });
      const res = await t.http
        .patch(`/api/2/sessions/${s.id}/`)
        .set('Authorization', bearer(operator))
        .send({})
        .expect(200);
      expect(res.body.stoptime).toEqual(expect.stringMatching(NAIVE_ISO));
    });
  });

  describe('GET /api/2/projects/:id/', () => {
    it("renders a visible project in upstream's fields and hides another user's private one", async () => {
      const own = await startRoundwareSession(t, token(device.token), { project_id: geoProject });
      const res = await t.http
        .get(`/api/2/projects/${geoProject}/?session_id=${own.id}`)
        .set('Authorization', token(device.token))
        .expect(200);
      expect(res.body).toMatchObject({
        id: geoProject,
        name: expect.any(String),
        description: null,
        geo_listen_enabled: true,
        demo_stream_enabled: true,
        pub_date: expect.stringMatching(NAIVE_ISO),
        max_recording_length: 30,
        recording_radius: 2000,
        visibility: 'private',
      });
      const stranger = await t.makeUser();
      await t.http
        .get(`/api/2/projects/${geoProject}/?session_id=${own.id}`)
        .set('Authorization', bearer(stranger))
        .expect(404);
      await t.http
        .get(`/api/2/projects/999999/?session_id=${own.id}`)
        .set('Authorization', token(device.token))
        .expect(404);
    });
  });
});
