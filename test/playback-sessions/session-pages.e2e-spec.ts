import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/database.options';
import { MIGRATIONS } from '../../src/database/migrations';
import { PlaybackSessionCounts1763800050000 } from '../../src/database/migrations/1763800050000-PlaybackSessionCounts';
import { baseTestEnv, bearer, freshDatabase, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { abs, Catalogue, insertRawSession, makeCatalogue, seedLocalSession } from './abs-helpers';

/**
 * The totals of the Audiobookshelf session lists come from kept per-user counts (`abs_session_counts`),
 * not from counting rows: after every kind of write the lists' `total` must still be the number of stored
 * sessions, on this run's engine. And a page past the middle is read from the end of the list: every page
 * must hold the rows it held when read from the start.
 */
describe('session list totals and pages (e2e)', () => {
  let t: TestApp;
  let c: Catalogue;
  let db: DataSource;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'silent' });
    c = await makeCatalogue(t);
    db = t.app.get(DataSource);
    admin = await t.admin();
  });
  afterAll(() => t.close());

  /** What the lists answer and what the table holds, for everyone and for each of `users`. */
  const totals = async (users: TestUser[]) => {
    const all = (await abs(t, admin).get('/sessions').expect(200)).body.total as number;
    const [{ n }] = await db.query<Array<{ n: number | string }>>(
      'SELECT COUNT(*) AS n FROM abs_playback_sessions',
    );
    const per = [];
    for (const user of users) {
      const filtered = (await abs(t, admin).get(`/sessions?user=${user.id}`).expect(200)).body.total;
      const own = (await abs(t, user).get('/me/listening-sessions').expect(200)).body.total;
      const ofUser = (await abs(t, admin).get(`/users/${user.id}/listening-sessions`).expect(200)).body.total;
      const [{ n: rows }] = await db.query<Array<{ n: number | string }>>(
        `SELECT COUNT(*) AS n FROM abs_playback_sessions WHERE user_id = ${Number(user.id)}`,
      );
      per.push({ filtered, own, ofUser, rows: Number(rows) });
    }
    return { all, rows: Number(n), per };
  };

  /** Every list agrees with the table. */
  const expectCounted = async (users: TestUser[], expected: number[]) => {
    const got = await totals(users);
    expect(got.all).toBe(got.rows);
    expect(got.per).toEqual(expected.map((k) => ({ filtered: k, own: k, ofUser: k, rows: k })));
  };

  it('keeps every list total equal to the stored sessions through plays, uploads, deletes and a user delete', async () => {
    const ann = await t.makeUser();
    const bob = await t.makeUser();
    await expectCounted([ann, bob], [0, 0]);

    await abs(t, ann).post(`/items/${c.bookId}/play`, {}).expect(200);
    await abs(t, ann).post(`/items/${c.podcastId}/play/${c.episodeId}`, {}).expect(200);
    await abs(t, bob).post(`/items/${c.bookId}/play`, {}).expect(200);
    await expectCounted([ann, bob], [2, 1]);

    await abs(t, bob)
      .post('/session/local', seedLocalSession(c, { id: 'play_local_count1' }))
      .expect(200);
    const batch = ['play_local_count2', 'play_local_count3', 'play_local_count4'];
    await abs(t, bob)
      .post('/session/local-all', { sessions: batch.map((id) => seedLocalSession(c, { id })) })
      .expect(200);
    // the same local session again is an update of it, not a new one
    await abs(t, bob)
      .post('/session/local', seedLocalSession(c, { id: 'play_local_count1', timeListening: 40 }))
      .expect(200);
    await expectCounted([ann, bob], [2, 5]);

    await abs(t, admin).delete('/sessions/play_local_count1').expect(200);
    await abs(t, admin)
      .post('/sessions/batch/delete', { sessions: ['play_local_count2', 'play_local_count3'] })
      .expect(200);
    await expectCounted([ann, bob], [2, 2]);

    const before = (await totals([])).all;
    await t.http.delete(`/users/${ann.id}`).set('Authorization', bearer(admin)).expect(204);
    const after = await totals([bob]);
    expect(after.all).toBe(after.rows);
    expect(after.all).toBe(before - 2);
    expect(after.per).toEqual([{ filtered: 2, own: 2, ofUser: 2, rows: 2 }]);
  });

  it('gives the same rows page by page as in one page, in both directions and with ties (deep pages are read from the end)', async () => {
    const pager = await t.makeUser();
    const listened = [5, 3, 5, 1, 3, 5, 2];
    await abs(t, pager)
      .post('/session/local-all', {
        sessions: listened.map((timeListening, i) =>
          seedLocalSession(c, {
            id: `play_local_pager${i}`,
            timeListening,
            startedAt: 1668580247687 + i * 1000,
            updatedAt: 1668580396623 + ((i * 3) % 7) * 1000,
          }),
        ),
      })
      .expect(200);
    const ids = async (query: string) => {
      const { body } = await abs(t, admin).get(`/sessions?user=${pager.id}&${query}`).expect(200);
      expect(body.total).toBe(listened.length);
      return (body.sessions as Array<{ id: string }>).map((s) => s.id);
    };
    for (const sort of ['timeListening', 'updatedAt'])
      for (const desc of ['0', '1']) {
        const whole = await ids(`sort=${sort}&desc=${desc}&itemsPerPage=100`);
        expect(whole).toHaveLength(listened.length);
        for (const size of [2, 3]) {
          const paged: string[] = [];
          for (let page = 0; page * size < listened.length; page++)
            paged.push(...(await ids(`sort=${sort}&desc=${desc}&itemsPerPage=${size}&page=${page}`)));
          expect({ sort, desc, size, paged }).toEqual({ sort, desc, size, paged: whole });
          expect(await ids(`sort=${sort}&desc=${desc}&itemsPerPage=${size}&page=9`)).toEqual([]);
        }
      }
  });
});

/** The migration counts the sessions stored before it, and its triggers keep the counts from then on. */
describe('PlaybackSessionCounts migration (e2e)', () => {
  it('backfills the counts of existing sessions and keeps them through inserts, deletes and a change of owner', async () => {
    const db = await freshDatabase();
    const config = loadAppConfig({ ...baseTestEnv(), ...db.env });
    const upTo = MIGRATIONS.indexOf(PlaybackSessionCounts1763800050000);
    const before = new DataSource({ ...dataSourceOptions(config.db), migrations: MIGRATIONS.slice(0, upTo) });
    await before.initialize();
    try {
      await before.runMigrations();
      const user = async (name: string) =>
        Number(
          (
            await before.query(
              `INSERT INTO users (username, password_hash, role, created_at, updated_at)
               VALUES ('${name}', NULL, 'user', 1, 1) RETURNING id`,
            )
          )[0].id,
        );
      const [u1, u2, u3] = [await user('one'), await user('two'), await user('three')];
      const insert = (q: DataSource, id: string, userId: number) =>
        insertRawSession(q, { id, userId, itemId: 'li_x', date: '2024-01-05', seconds: 1 });
      for (const [id, owner] of [
        ['play_a', u1],
        ['play_b', u1],
        ['play_c', u1],
        ['play_d', u2],
      ] as const)
        await insert(before, id, owner);
      await before.destroy();
      const after = new DataSource(dataSourceOptions(config.db));
      await after.initialize();
      try {
        await after.runMigrations();
        const counts = async () =>
          (
            await after.query<Array<Record<string, unknown>>>(
              'SELECT user_id, sessions FROM abs_session_counts WHERE sessions <> 0 ORDER BY user_id',
            )
          ).map((r) => [Number(r.user_id), Number(r.sessions)]);
        expect(await counts()).toEqual([
          [u1, 3],
          [u2, 1],
        ]);
        await insert(after, 'play_e', u3);
        await insert(after, 'play_f', u2);
        await after.query("DELETE FROM abs_playback_sessions WHERE id IN ('play_a', 'play_b')");
        await after.query(`UPDATE abs_playback_sessions SET user_id = ${u3} WHERE id = 'play_c'`);
        // an update that does not change the owner changes no count
        await after.query(
          `UPDATE abs_playback_sessions SET user_id = ${u2}, time_listening = 9 WHERE id = 'play_d'`,
        );
        expect(await counts()).toEqual([
          [u2, 2],
          [u3, 2],
        ]);
        await after.query(`DELETE FROM users WHERE id = ${u2}`);
        expect(await counts()).toEqual([[u3, 2]]);
        const [{ n }] = await after.query<Array<{ n: number | string }>>(
          'SELECT COUNT(*) AS n FROM abs_playback_sessions',
        );
        expect(Number(n)).toBe(2);
      } finally {
        await after.destroy();
      }
    } finally {
      if (before.isInitialized) await before.destroy();
      await db.drop();
    }
  });
});
