import { Role } from '../../src/common/auth-user';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { makeProject, makeSession, SQUARE, tempMediaDir, TRACK } from './helpers';

describe('Roundware project content (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let operator: TestUser;
  let project: number;
  let empty: number;
  let session: number;

  beforeAll(async () => {
    t = await startTestApp({ MEDIA_DIR: tempMediaDir() });
    admin = await t.admin();
    alice = await t.makeUser();
    bob = await t.makeUser();
    operator = await t.makeUser({ role: Role.Operator });
    project = await makeProject(t, alice, "Alice's soundwalk");
    empty = await makeProject(t, alice, 'Empty');
    session = await makeSession(t, alice, project);
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => ({
    get: (url: string) => t.http.get(url).set('Authorization', bearer(user)),
    post: (url: string, body: object) => t.http.post(url).set('Authorization', bearer(user)).send(body),
    patch: (url: string, body: object) => t.http.patch(url).set('Authorization', bearer(user)).send(body),
    delete: (url: string) => t.http.delete(url).set('Authorization', bearer(user)),
  });

  describe('speakers', () => {
    let id: number;
    it('admin creates one (200, upstream keys, GeoJSON MultiPolygon)', async () => {
      const res = await as(admin)
        .post('/api/2/speakers/', {
          project_id: project,
          activeyn: true,
          code: 'main',
          maxvolume: 0.8,
          minvolume: 0,
          uri: 'https://stream.example.org/main.mp3',
          shape: SQUARE,
          attenuation_distance: 40,
        })
        .expect(200);
      id = res.body.id;
      expect(res.body).toEqual({
        id: expect.any(Number),
        activeyn: true,
        code: 'main',
        maxvolume: 0.8,
        minvolume: 0,
        uri: 'https://stream.example.org/main.mp3',
        backupuri: '',
        shape: SQUARE,
        boundary: { type: 'MultiLineString', coordinates: SQUARE.coordinates.flat() },
        attenuation_distance: 40,
        attenuation_border: { type: 'MultiLineString', coordinates: SQUARE.coordinates.flat() },
        project_id: project,
      });
    });

    it('the project owner lists them by project_id (plain array), slash or not; filters by activeyn', async () => {
      const res = await as(alice).get(`/api/2/speakers/?project_id=${project}`).expect(200);
      expect(res.body.map((s: { id: number }) => s.id)).toEqual([id]);
      expect(res.body[0].shape).toEqual(SQUARE);
      await as(alice).get(`/api/2/speakers?project_id=${project}`).expect(200);
      expect((await as(alice).get(`/api/2/speakers/?activeyn=false`).expect(200)).body).toEqual([]);
      expect((await as(operator).get('/api/2/speakers/').expect(200)).body).toHaveLength(1);
    });

    it("another user's private project: the list is empty and the speaker 404", async () => {
      expect((await as(bob).get(`/api/2/speakers/?project_id=${project}`).expect(200)).body).toEqual([]);
      expect((await as(bob).get('/api/2/speakers/').expect(200)).body).toEqual([]);
      await as(bob).get(`/api/2/speakers/${id}/`).expect(404);
    });

    it('writes are admin only; PATCH changes the sent fields; bad values are 400 in DRF dialect', async () => {
      await as(alice).post('/api/2/speakers/', { project_id: project }).expect(403);
      const patched = await as(admin).patch(`/api/2/speakers/${id}/`, { minvolume: 0.1 }).expect(200);
      expect(patched.body).toMatchObject({ id, minvolume: 0.1, maxvolume: 0.8, code: 'main' });
      const bad = await as(admin)
        .post('/api/2/speakers/', {
          project_id: 999999,
          code: 'x',
          maxvolume: 'loud',
          minvolume: 0,
          uri: 'u',
          attenuation_distance: 1,
          shape: { type: 'Point' },
        })
        .expect(400);
      expect(bad.body).toEqual({
        maxvolume: ['A valid number is required.'],
        shape: [expect.stringContaining('GeoJSON MultiPolygon')],
      });
      const pk = await as(admin)
        .post('/api/2/speakers/', {
          project_id: 999999,
          code: 'x',
          maxvolume: 1,
          minvolume: 0,
          uri: 'u',
          attenuation_distance: 1,
        })
        .expect(400);
      expect(pk.body).toEqual({ project_id: ['Invalid pk "999999" - object does not exist.'] });
      await as(alice).get('/api/2/speakers/?project_id=abc').expect(400);
      await as(alice).get('/api/2/speakers/?unknown=1').expect(400);
    });

    it('a wrong method answers 405 with Allow', async () => {
      const res = await as(admin).delete('/api/2/speakers/').expect(405);
      expect(res.body).toEqual({ detail: 'Method "DELETE" not allowed.' });
      expect(res.headers.allow).toBe('GET, POST, HEAD');
    });
  });

  describe('audio tracks, tags, UI configuration', () => {
    let tag3: number;
    let tag8: number;
    let track: number;
    let listenGroup: number;

    it('tags: admin creates, owner reads with upstream keys', async () => {
      const a = await as(admin)
        .post('/api/2/tags/', { project_id: project, value: 'birds', msg: 'Birds', description: 'Bird song' })
        .expect(200);
      tag3 = a.body.id;
      expect(a.body).toEqual({
        id: tag3,
        value: 'birds',
        description: 'Bird song',
        data: null,
        filter: '',
        location: null,
        project_id: project,
        tag_category_id: null,
        description_loc: 'Bird song',
        msg_loc: 'Birds',
        relationships: [],
      });
      tag8 = (
        await as(admin)
          .post('/api/2/tags', { project_id: project, value: 'traffic', msg: 'Traffic' })
          .expect(200)
      ).body.id;
      const list = await as(alice).get(`/api/2/tags/?project_id=${project}`).expect(200);
      expect(list.body.map((x: { id: number }) => x.id)).toEqual([tag3, tag8]);
      expect(
        (await as(alice).get('/api/2/tags/?description=SONG').expect(200)).body.map(
          (x: { id: number }) => x.id,
        ),
      ).toEqual([tag3]);
      await as(bob).get(`/api/2/tags/${tag3}`).expect(404);
    });

    it('audiotracks: ?project_id&active=true, durations in seconds, tag_filters as ids', async () => {
      const res = await as(admin)
        .post('/api/2/audiotracks/', { project_id: project, ...TRACK, tag_filters: [tag3] })
        .expect(200);
      track = res.body.id;
      expect(res.body).toEqual({
        id: track,
        ...TRACK,
        repeatrecordings: false,
        active: true,
        start_with_silence: false,
        banned_duration: 0,
        fadeout_when_filtered: false,
        timed_asset_priority: 'normal',
        project_id: project,
        tag_filters: [tag3],
      });
      await as(admin)
        .post('/api/2/audiotracks/', { project_id: project, ...TRACK, active: false })
        .expect(200);
      const list = await as(alice).get(`/api/2/audiotracks/?project_id=${project}&active=true`).expect(200);
      expect(list.body.map((x: { id: number }) => x.id)).toEqual([track]);
      const foreignTag = await as(admin)
        .post('/api/2/audiotracks/', { project_id: empty, ...TRACK, tag_filters: '3,8' })
        .expect(400);
      expect(foreignTag.body).toEqual({ tag_filters: [`Invalid pk "3" - object does not exist.`] });
      expect(
        (await as(bob).get(`/api/2/audiotracks/?project_id=${project}&active=true`).expect(200)).body,
      ).toEqual([]);
    });

    it("uiconfig: upstream's {listen, speak}, active only, one listen item per tag with parent_id null", async () => {
      expect(
        (await as(alice).get(`/api/2/projects/${empty}/uiconfig/?session_id=${session}`).expect(200)).body,
      ).toEqual({ listen: [], speak: [] });
      listenGroup = (
        await as(admin)
          .post('/api/2/uigroups/', {
            project_id: project,
            name: 'Listen to',
            group_short_name: 'Topics',
            header_text: 'What do you want to hear?',
            ui_mode: 'listen',
            select: 'multi',
            index: 1,
          })
          .expect(200)
      ).body.id;
      const speak = (
        await as(admin)
          .post('/api/2/uigroups/', { project_id: project, name: 'Speak about', ui_mode: 'speak', index: 2 })
          .expect(200)
      ).body.id;
      await as(admin)
        .post('/api/2/uigroups/', {
          project_id: project,
          name: 'Hidden',
          ui_mode: 'listen',
          index: 0,
          active: false,
        })
        .expect(200);
      const i1 = (
        await as(admin)
          .post('/api/2/uiitems/', {
            ui_group_id: listenGroup,
            tag_id: tag3,
            index: 1,
            default: true,
            active: true,
          })
          .expect(200)
      ).body;
      expect(i1).toEqual({
        id: expect.any(Number),
        index: 1,
        default: true,
        active: true,
        ui_group_id: listenGroup,
        tag_id: tag3,
        parent_id: null,
      });
      await as(admin)
        .post('/api/2/uiitems/', { ui_group_id: listenGroup, tag_id: tag3, index: 2, active: true })
        .expect(200);
      const i3 = (
        await as(admin)
          .post('/api/2/uiitems/', {
            ui_group_id: listenGroup,
            tag_id: tag8,
            index: 3,
            active: true,
            parent_id: i1.id,
          })
          .expect(200)
      ).body;
      await as(admin)
        .post('/api/2/uiitems/', { ui_group_id: listenGroup, tag_id: tag8, index: 4, active: false })
        .expect(200);
      const s1 = (
        await as(admin)
          .post('/api/2/uiitems/', { ui_group_id: speak, tag_id: tag3, index: 1, active: true })
          .expect(200)
      ).body;
      const s2 = (
        await as(admin)
          .post('/api/2/uiitems/', {
            ui_group_id: speak,
            tag_id: tag8,
            index: 2,
            active: true,
            parent_id: s1.id,
          })
          .expect(200)
      ).body;
      const res = await as(alice)
        .get(`/api/2/projects/${project}/uiconfig/?session_id=${session}`)
        .expect(200);
      expect(res.body).toEqual({
        listen: [
          {
            select: 'multi',
            header_display_text: 'What do you want to hear?',
            group_short_name: 'Topics',
            display_items: [
              { id: i1.id, tag_id: tag3, parent_id: null, default_state: true, tag_display_text: 'Birds' },
              { id: i3.id, tag_id: tag8, parent_id: null, default_state: false, tag_display_text: 'Traffic' },
            ],
          },
        ],
        speak: [
          {
            select: 'single',
            header_display_text: null,
            group_short_name: 'Speak about',
            display_items: [
              { id: s1.id, tag_id: tag3, parent_id: null, default_state: false, tag_display_text: 'Birds' },
              {
                id: s2.id,
                tag_id: tag8,
                parent_id: s1.id,
                default_state: false,
                tag_display_text: 'Traffic',
              },
            ],
          },
        ],
      });
      await as(bob).get(`/api/2/projects/${project}/uiconfig/?session_id=${session}`).expect(404);
      await as(alice).get(`/api/2/projects/${project}/uiconfig/?session_id=x`).expect(400);
      const groups = await as(alice)
        .get(`/api/2/uigroups/?project_id=${project}&ui_mode=listen&active=true`)
        .expect(200);
      expect(groups.body.map((g: { id: number }) => g.id)).toEqual([listenGroup]);
      expect(groups.body[0].ui_items).toHaveLength(4);
      const items = await as(alice).get(`/api/2/uiitems/?ui_group_id=${speak}`).expect(200);
      expect(items.body.map((i: { id: number }) => i.id)).toEqual([s1.id, s2.id]);
      expect((await as(bob).get('/api/2/uiitems/').expect(200)).body).toEqual([]);
    });
  });

  describe('assets and timed assets', () => {
    let asset: number;
    let tag: number;
    it('admin creates an asset; list filters by project, created__gte and tag_ids', async () => {
      tag = (await as(admin).post('/api/2/tags/', { project_id: project, value: 'rain' }).expect(200)).body
        .id;
      const before = new Date(Date.now() - 1000).toISOString().replace('Z', '');
      const res = await as(admin)
        .post('/api/2/assets/', {
          project_id: project,
          session_id: session,
          description: 'Dawn',
          latitude: 40.7,
          longitude: -73.9,
          tag_ids: [tag],
        })
        .expect(200);
      asset = res.body.id;
      expect(res.body).toEqual({
        id: asset,
        description: 'Dawn',
        latitude: 40.7,
        longitude: -73.9,
        shape: null,
        filename: null,
        file: null,
        volume: 1,
        submitted: true,
        created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
        updated: expect.any(String),
        weight: 50,
        start_time: null,
        end_time: null,
        media_type: 'audio',
        audio_length_in_seconds: null,
        tag_ids: [tag],
        session_id: session,
        project_id: project,
        language_id: null,
        envelope_ids: [],
        description_loc_ids: [],
        alt_text_loc_ids: [],
        user: {
          id: admin.id,
          username: 'admin',
          first_name: '',
          last_name: '',
          email: '',
          device_id: null,
          client_type: null,
        },
      });
      const list = await as(alice)
        .get(`/api/2/assets/?project_id=${project}&created__gte=${before}`)
        .expect(200);
      expect(list.body.map((a: { id: number }) => a.id)).toEqual([asset]);
      expect(
        (
          await as(alice)
            .get(`/api/2/assets/?project_id=${project}&created__gte=2999-01-01T00:00:00`)
            .expect(200)
        ).body,
      ).toEqual([]);
      expect((await as(alice).get(`/api/2/assets/?tag_ids=${tag}`).expect(200)).body).toHaveLength(1);
      expect((await as(alice).get(`/api/2/assets/?tag_ids=${tag},99999`).expect(200)).body).toEqual([]);
      expect((await as(alice).get(`/api/2/assets/?tag_ids_or=${tag},99999`).expect(200)).body).toHaveLength(
        1,
      );
      const badDate = await as(alice).get('/api/2/assets/?created__gte=yesterday').expect(400);
      expect(Object.keys(badDate.body)).toEqual(['created__gte']);
      expect((await as(alice).get(`/api/2/assets/${asset}/?session_id=${session}`).expect(200)).body.id).toBe(
        asset,
      );
      await as(bob).get(`/api/2/assets/${asset}/`).expect(404);
      expect((await as(bob).get(`/api/2/assets/?project_id=${project}`).expect(200)).body).toEqual([]);
    });

    it('timed assets: admin creates; ?project_id; end before start is 400', async () => {
      const res = await as(admin)
        .post('/api/2/timedassets/', { project_id: project, asset_id: asset, start: 10, end: 20 })
        .expect(200);
      expect(res.body).toEqual({
        id: expect.any(Number),
        start: 10,
        end: 20,
        asset_id: asset,
        project_id: project,
      });
      const list = await as(alice).get(`/api/2/timedassets/?project_id=${project}&start__gte=5`).expect(200);
      expect(list.body).toEqual([res.body]);
      expect(
        (await as(alice).get(`/api/2/timedassets/?project_id=${project}&start__gte=15`).expect(200)).body,
      ).toEqual([]);
      const bad = await as(admin)
        .post('/api/2/timedassets/', { project_id: project, asset_id: asset, start: 20, end: 10 })
        .expect(400);
      expect(bad.body).toEqual({ non_field_errors: ['End time must be greater than start time.'] });
      expect((await as(bob).get('/api/2/timedassets/').expect(200)).body).toEqual([]);
      await as(admin).delete(`/api/2/timedassets/${res.body.id}/`).expect(204);
      await as(alice).get(`/api/2/timedassets/${res.body.id}/`).expect(404);
    });
  });

  describe('every resource: detail equals the list item, PATCH changes the sent field, DELETE removes it', () => {
    const bodies: Record<string, () => Promise<object>> = {
      speakers: async () => ({
        project_id: project,
        code: 'c',
        maxvolume: 1,
        minvolume: 0,
        uri: 'https://s.example/x.mp3',
        attenuation_distance: 5,
      }),
      audiotracks: async () => ({ project_id: project, ...TRACK }),
      tags: async () => ({ project_id: project, value: 'v' }),
      uigroups: async () => ({ project_id: project, name: 'G', index: 9 }),
      uiitems: async () => ({
        ui_group_id: (
          await as(admin).post('/api/2/uigroups/', { project_id: project, name: 'H', index: 10 }).expect(200)
        ).body.id,
        tag_id: (await as(admin).post('/api/2/tags/', { project_id: project, value: 'w' }).expect(200)).body
          .id,
        index: 1,
      }),
      assets: async () => ({ project_id: project, description: 'd' }),
      timedassets: async () => ({
        project_id: project,
        asset_id: (await as(admin).post('/api/2/assets/', { project_id: project }).expect(200)).body.id,
        start: 1,
        end: 2,
      }),
    };
    const change: Record<string, [string, unknown]> = {
      speakers: ['code', 'changed'],
      audiotracks: ['banned_duration', 7],
      tags: ['value', 'changed'],
      uigroups: ['name', 'changed'],
      uiitems: ['index', 5],
      assets: ['weight', 99],
      timedassets: ['end', 3.5],
    };
    it.each(Object.keys(bodies))('%s', async (resource) => {
      const created = (
        await as(admin)
          .post(`/api/2/${resource}/`, await bodies[resource]())
          .expect(200)
      ).body;
      const one = await as(alice).get(`/api/2/${resource}/${created.id}/`).expect(200);
      expect(one.body).toEqual(created);
      const list = await as(alice).get(`/api/2/${resource}/`).expect(200);
      expect(list.body.find((x: { id: number }) => x.id === created.id)).toEqual(created);
      const [field, value] = change[resource];
      const patched = await as(admin)
        .patch(`/api/2/${resource}/${created.id}/`, { [field]: value })
        .expect(200);
      expect(patched.body).toMatchObject({
        ...created,
        [field]: value,
        ...(resource === 'assets' ? { updated: expect.any(String) } : {}),
      });
      const nulled = await as(admin)
        .patch(`/api/2/${resource}/${created.id}/`, { [field]: null })
        .expect(400);
      expect(nulled.body).toEqual({ [field]: ['This field may not be null.'] });
      await as(alice)
        .patch(`/api/2/${resource}/${created.id}/`, { [field]: value })
        .expect(403);
      await as(alice).delete(`/api/2/${resource}/${created.id}/`).expect(403);
      await as(admin).delete(`/api/2/${resource}/${created.id}/`).expect(204);
      await as(admin).get(`/api/2/${resource}/${created.id}/`).expect(404);
      await as(admin).patch(`/api/2/${resource}/${created.id}/`, {}).expect(404);
    });
  });
});
