import { ADMIN_PASSWORD, startTestApp, TestApp } from '../utils/test-app';
import { listen, typedClient } from '../utils/typed-client';
import { tempMediaDir, TRACK } from '../project-content/helpers';

/**
 * The admin's Roundware project-content flow through the generated typed client (clients/typescript):
 * a project, then its tag, UI group and item, speaker, audio track, asset and timed asset, read back as
 * a listener would (`uiconfig`, lists by `project_id`), changed and deleted.
 */
describe('typed client: Roundware project content (admin flow)', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestApp({ MEDIA_DIR: tempMediaDir() });
    baseUrl = await listen(t);
  });
  afterAll(() => t.close());

  it('creates, reads, changes and deletes every kind of content', async () => {
    const login = await typedClient(baseUrl).POST('/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    const api = typedClient(baseUrl, login.data!.access_token);
    const project = await api.POST('/api/experiments', { body: { name: 'Typed soundwalk' } });
    const project_id = project.data!.experiment_id;

    const tag = await api.POST('/api/2/tags/', { body: { project_id, value: 'birds', msg: 'Birds' } });
    expect(tag.response.status).toBe(200);
    const group = await api.POST('/api/2/uigroups/', {
      body: {
        project_id,
        name: 'Listen to',
        group_short_name: 'Topics',
        ui_mode: 'listen',
        select: 'multi',
        index: 1,
      },
    });
    const item = await api.POST('/api/2/uiitems/', {
      body: { ui_group_id: group.data!.id, tag_id: tag.data!.id, index: 1, default: true, active: true },
    });
    expect(item.data).toMatchObject({ ui_group_id: group.data!.id, tag_id: tag.data!.id, default: true });
    const ui = await api.GET('/api/2/projects/{id}/uiconfig/', { params: { path: { id: project_id } } });
    expect(ui.data).toEqual({
      listen: [
        {
          select: 'multi',
          header_display_text: null,
          group_short_name: 'Topics',
          display_items: [
            {
              id: item.data!.id,
              tag_id: tag.data!.id,
              parent_id: null,
              default_state: true,
              tag_display_text: 'Birds',
            },
          ],
        },
      ],
      speak: [],
    });

    const speaker = await api.POST('/api/2/speakers/', {
      body: {
        project_id,
        code: 'main',
        maxvolume: 1,
        minvolume: 0,
        uri: 'https://s.example/main.mp3',
        attenuation_distance: 30,
      },
    });
    expect(speaker.data).toMatchObject({ project_id, code: 'main', shape: null, boundary: null });
    const track = await api.POST('/api/2/audiotracks/', {
      body: { project_id, ...TRACK, tag_filters: [tag.data!.id] },
    });
    expect(track.data?.tag_filters).toEqual([tag.data!.id]);
    const tracks = await api.GET('/api/2/audiotracks/', { params: { query: { project_id, active: true } } });
    expect(tracks.data?.map((x) => x.id)).toEqual([track.data!.id]);

    const asset = await api.POST('/api/2/assets/', {
      body: { project_id, description: 'Dawn', tag_ids: [tag.data!.id] },
    });
    expect(asset.data).toMatchObject({
      project_id,
      description: 'Dawn',
      tag_ids: [tag.data!.id],
      file: null,
    });
    const timed = await api.POST('/api/2/timedassets/', {
      body: { project_id, asset_id: asset.data!.id, start: 0, end: 5 },
    });
    expect(timed.data).toEqual({
      id: expect.any(Number),
      start: 0,
      end: 5,
      asset_id: asset.data!.id,
      project_id,
    });
    const assets = await api.GET('/api/2/assets/', {
      params: { query: { project_id, tag_ids: String(tag.data!.id) } },
    });
    expect(assets.data?.map((a) => a.id)).toEqual([asset.data!.id]);

    const patched = await api.PATCH('/api/2/speakers/{id}/', {
      params: { path: { id: speaker.data!.id } },
      body: { activeyn: true },
    });
    expect(patched.data?.activeyn).toBe(true);
    const speakers = await api.GET('/api/2/speakers/', { params: { query: { project_id, activeyn: true } } });
    expect(speakers.data?.map((s) => s.id)).toEqual([speaker.data!.id]);

    const removed = await api.DELETE('/api/2/assets/{id}/', { params: { path: { id: asset.data!.id } } });
    expect(removed.response.status).toBe(204);
    const gone = await api.GET('/api/2/timedassets/', { params: { query: { project_id } } });
    expect(gone.data).toEqual([]);
    const missing = await api.GET('/api/2/assets/{id}/', { params: { path: { id: asset.data!.id } } });
    expect(missing.response.status).toBe(404);
  });
});
