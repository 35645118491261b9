import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { abs, Catalogue, makeCatalogue, SEED_SYNC } from './abs-helpers';

/**
 * A sync is the credited UPDATE of the session and the upsert of the owner's progress. A failure between
 * them (injected: a trigger that makes the progress write fail) must leave neither.
 */
describe('a sync and its progress write are one transaction (e2e)', () => {
  let t: TestApp;
  let c: Catalogue;
  let user: TestUser;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'silent' });
    c = await makeCatalogue(t);
    user = await t.makeUser();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const failProgressWrites = async () => {
    if (db.options.type === 'postgres') {
      await db.query(`CREATE FUNCTION test_fail_progress() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
      await db.query(`CREATE TRIGGER test_fail_progress BEFORE INSERT OR UPDATE ON abs_media_progress
        FOR EACH ROW EXECUTE FUNCTION test_fail_progress()`);
    } else {
      await db.query(`CREATE TRIGGER test_fail_progress BEFORE INSERT ON abs_media_progress
        BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    }
  };

  it('leaves the session as it was when the progress write fails', async () => {
    const { body } = await abs(t, user).post(`/items/${c.podcastId}/play/${c.episodeId}`, {}).expect(200);
    await failProgressWrites();
    // an undocumented 500 (the injected fault), so not through the contract-checking agent
    await request(t.app.getHttpServer())
      .post(`/audiobookshelf/api/session/${body.id}/sync`)
      .set('Authorization', bearer(user))
      .send(SEED_SYNC)
      .expect(500);
    const after = await abs(t, user).get(`/session/${body.id}`).expect(200);
    expect(after.body).toMatchObject({ timeListening: 0, currentTime: 0 });
    const [{ n }] = await db.query(
      `SELECT COUNT(*) AS n FROM abs_listening_days WHERE user_id = ${Number(user.id)}`,
    );
    expect(Number(n)).toBe(0);
    await abs(t, user).get(`/me/progress/${c.podcastId}/${c.episodeId}`).expect(404);
  });
});
