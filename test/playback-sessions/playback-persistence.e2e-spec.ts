import { startTestApp, TestApp, TestUser } from '../utils/test-app';
import { abs, Catalogue, ExtraInstance, makeCatalogue, SEED_SYNC, startInstance } from './abs-helpers';

describe('Audiobookshelf open sessions across restarts and instances (e2e)', () => {
  let t: TestApp;
  let c: Catalogue;
  let user: TestUser;
  /** A second instance on the same database, alive for the whole suite. */
  let second: ExtraInstance;
  let restarted: ExtraInstance | undefined;

  // Passport keeps strategies in one process-wide registry: the instance started last authenticates
  // for every instance in this process. So instances are closed only at the end (a test artefact;
  // production runs one instance per process).
  beforeAll(async () => {
    // a generous tolerance so that the concurrency test below stays within the allowance
    t = await startTestApp({ PLAYBACK_SYNC_TOLERANCE_SECONDS: '600' });
    c = await makeCatalogue(t);
    user = await t.makeUser();
    second = await startInstance(t.env);
  });
  afterAll(async () => {
    await restarted?.app.close();
    if (!restarted) await second.app.close();
    await t.close();
  });

  it('serves one open session from two instances on the same database', async () => {
    const { body } = await abs(t, user).post(`/items/${c.podcastId}/play/${c.episodeId}`, {}).expect(200);
    const seen = await abs(second, user).get(`/session/${body.id}`).expect(200);
    expect(seen.body).toMatchObject({ id: body.id, libraryItemId: c.podcastId, timeListening: 0 });
    await abs(second, user).post(`/session/${body.id}/sync`, SEED_SYNC).expect(200);
    const synced = await abs(t, user).get(`/session/${body.id}`).expect(200);
    expect(synced.body).toMatchObject({ timeListening: 5, currentTime: 636.09262 });
    await abs(t, user).post(`/session/${body.id}/close`).expect(200);
    await abs(second, user).get(`/session/${body.id}`).expect(404);
  });

  it('loses no time when 20 syncs of one session arrive at once on two instances', async () => {
    const { body } = await abs(t, user).post(`/items/${c.bookId}/play`, {}).expect(200);
    const claims = Array.from({ length: 20 }, (_, i) => 0.5 + (i % 4) * 0.25); // 0.5 … 1.25 s, 17.5 s in all
    const responses = await Promise.all(
      claims.map((timeListened, i) =>
        abs(i % 2 ? second : t, user).post(`/session/${body.id}/sync`, {
          currentTime: 10 + i,
          timeListened,
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(claims.map(() => 200));
    const after = await abs(t, user).get(`/session/${body.id}`).expect(200);
    expect(after.body.timeListening).toBeCloseTo(17.5, 9);
    expect(claims.reduce((a, b) => a + b, 0)).toBe(17.5);
  });

  it('never credits a burst of syncs more than the wall clock since opening plus the tolerance', async () => {
    const { body } = await abs(t, user).post(`/items/${c.bookId}/play`, {}).expect(200);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        abs(t, user).post(`/session/${body.id}/sync`, { currentTime: 50, timeListened: 3600 }).expect(200),
      ),
    );
    const after = await abs(t, user).get(`/session/${body.id}`).expect(200);
    const wallClock = (after.body.updatedAt - after.body.startedAt) / 1000;
    expect(after.body.timeListening).toBeGreaterThanOrEqual(600); // the tolerance is granted
    expect(after.body.timeListening).toBeLessThanOrEqual(600 + wallClock + 0.01); // but only once
  });

  describe('restart', () => {
    it('keeps an open session across a restart: the sync after it still works', async () => {
      const { body } = await abs(t, user).post(`/items/${c.podcastId}/play/${c.episodeId}`, {}).expect(200);
      await abs(t, user).post(`/session/${body.id}/sync`, { currentTime: 100, timeListened: 2 }).expect(200);
      // every instance stops; the database stays
      await second.app.close();
      await t.app.close();
      restarted = await startInstance(t.env);
      const open = await abs(restarted, user).get(`/session/${body.id}`).expect(200);
      expect(open.body).toMatchObject({ id: body.id, timeListening: 2, currentTime: 100 });
      const synced = await abs(restarted, user).post(`/session/${body.id}/sync`, SEED_SYNC).expect(200);
      expect(synced.body).toMatchObject({ timeListening: 7, currentTime: 636.09262 });
      await abs(restarted, user).post(`/session/${body.id}/close`).expect(200);
    });
  });
});
