import { Role } from '../../src/common/auth-user';
import { abs, Catalogue, makeCatalogue } from '../playback-sessions/abs-helpers';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';

/**
 * Audiobookshelf progress writes and listening views (issue 15 item 4), and local uploads of the caller's
 * server-issued session ids (item 6), spoken as the clients speak them (CLIENTS.md 2.8, 2.9).
 */
describe('Audiobookshelf progress and listening views (e2e)', () => {
  let t: TestApp;
  let c: Catalogue;
  const THRESHOLD = 10;
  const TOLERANCE = 10;

  beforeAll(async () => {
    t = await startTestApp({
      PLAYBACK_FINISHED_THRESHOLD_SECONDS: String(THRESHOLD),
      PLAYBACK_SYNC_TOLERANCE_SECONDS: String(TOLERANCE),
    });
    c = await makeCatalogue(t);
  });
  afterAll(() => t.close());

  /** Another book (1000 s) in the book library. */
  const newBook = async (title: string): Promise<string> => {
    const admin = await t.admin();
    const res = await t.http
      .post(`/audiobookshelf/api/libraries/${c.bookLibraryId}/items`)
      .set('Authorization', bearer(admin))
      .send({ media: { metadata: { title }, audioFiles: [{ filename: 'a.mp3', duration: 1000 }] } })
      .expect(200);
    return res.body.id as string;
  };
  const progressOf = async (user: TestUser, path: string) =>
    (await abs(t, user).get(`/me/progress/${path}`).expect(200)).body;
  const expectOk = (res: { text: string; headers: Record<string, string> }) => {
    expect(res.text).toBe('OK');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  };

  describe('PATCH me/progress/:libraryItemId[/:episodeId]', () => {
    it('marks a book finished (progress 1, finishedAt), then un-finishes it (restarts at 0)', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      const before = Date.now();
      expectOk(await as.patch(`/me/progress/${c.bookId}`, { isFinished: true }).expect(200));
      const finished = await progressOf(user, c.bookId);
      expect(finished).toMatchObject({
        libraryItemId: c.bookId,
        episodeId: null,
        isFinished: true,
        progress: 1,
        currentTime: 0,
        duration: c.bookDuration,
        hideFromContinueListening: false,
      });
      expect(finished.id).toMatch(/^mp_[1-9][0-9]*$/);
      expect(finished.finishedAt).toBeGreaterThanOrEqual(before);
      expect(finished.lastUpdate).toBe(finished.finishedAt);

      // finishing again keeps the first finishedAt
      await as.patch(`/me/progress/${c.bookId}`, { isFinished: true }).expect(200);
      expect((await progressOf(user, c.bookId)).finishedAt).toBe(finished.finishedAt);

      expectOk(await as.patch(`/me/progress/${c.bookId}`, { isFinished: false }).expect(200));
      expect(await progressOf(user, c.bookId)).toMatchObject({
        id: finished.id,
        isFinished: false,
        progress: 0,
        currentTime: 0,
        finishedAt: null,
      });
      // the login payload and /me list the same progress
      const me = await as.get('/me').expect(200);
      expect(me.body.mediaProgress).toEqual([await progressOf(user, c.bookId)]);
    });

    it('a position follows the finished threshold; an older lastUpdate changes nothing', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      await as.patch(`/me/progress/${c.bookId}`, { currentTime: 750.25, duration: 99 }).expect(200);
      const half = await progressOf(user, c.bookId);
      expect(half).toMatchObject({ currentTime: 750.25, isFinished: false, duration: c.bookDuration });
      expect(half.progress).toBeCloseTo(750.25 / c.bookDuration, 10);

      // fewer than THRESHOLD seconds left: finished
      await as.patch(`/me/progress/${c.bookId}`, { currentTime: c.bookDuration - 5 }).expect(200);
      expect(await progressOf(user, c.bookId)).toMatchObject({ isFinished: true, progress: 1 });
      // re-listening un-finishes
      await as.patch(`/me/progress/${c.bookId}`, { progress: 0.25 }).expect(200);
      const quarter = await progressOf(user, c.bookId);
      expect(quarter).toMatchObject({ isFinished: false, finishedAt: null, progress: 0.25 });
      expect(quarter.currentTime).toBeCloseTo(0.25 * c.bookDuration, 6);

      // a change made before the stored one loses (newest lastUpdate wins) but still answers OK
      expectOk(
        await as
          .patch(`/me/progress/${c.bookId}`, { currentTime: 10, lastUpdate: quarter.lastUpdate - 1000 })
          .expect(200),
      );
      expect(await progressOf(user, c.bookId)).toEqual(quarter);
      // a lastUpdate in the future counts as now
      await as
        .patch(`/me/progress/${c.bookId}`, { currentTime: 20, lastUpdate: Date.now() + 3_600_000 })
        .expect(200);
      const now = await progressOf(user, c.bookId);
      expect(now.currentTime).toBe(20);
      expect(now.lastUpdate).toBeLessThanOrEqual(Date.now());

      // e-reader fields are accepted and not stored: nothing else in the body writes nothing
      await as
        .patch(`/me/progress/${c.bookId}`, { ebookLocation: 'epubcfi(/6/4)', ebookProgress: 0.5 })
        .expect(200);
      expect(await progressOf(user, c.bookId)).toEqual(now);
      const other = await newBook('Ebook only');
      await as.patch(`/me/progress/${other}`, { ebookProgress: 0.1 }).expect(200);
      // Android sends a null payload as an empty body without Content-Type
      expectOk(await as.patch(`/me/progress/${other}`).expect(200));
      await as.get(`/me/progress/${other}`).expect(404);
    });

    it('episodes have their own progress; wrong items, episodes, fields and positions are refused', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      await as.patch(`/me/progress/${c.podcastId}/${c.episodeId}`, { isFinished: true }).expect(200);
      expect(await progressOf(user, `${c.podcastId}/${c.episodeId}`)).toMatchObject({
        libraryItemId: c.podcastId,
        episodeId: c.episodeId,
        isFinished: true,
        progress: 1,
      });
      const podcastAlone = await as.patch(`/me/progress/${c.podcastId}`, { isFinished: true }).expect(400);
      expect(podcastAlone.text).toBe('Library item is not a book');
      expect((await as.patch('/me/progress/li_unknown', { isFinished: true }).expect(404)).text).toBe(
        'Library item not found',
      );
      expect(
        (await as.patch(`/me/progress/${c.podcastId}/ep_unknown`, { isFinished: true }).expect(404)).text,
      ).toBe('Episode not found');
      expect(
        (await as.patch(`/me/progress/${c.bookId}/${c.episodeId}`, { isFinished: true }).expect(404)).text,
      ).toBe('Episode not found');
      const unknownField = await as
        .patch(`/me/progress/${c.bookId}`, { isFinished: true, zz: 1 })
        .expect(400);
      expect(unknownField.text).toContain('zz');
      await as.patch(`/me/progress/${c.bookId}`, { isFinished: 'yes' }).expect(400);
      const past = await as
        .patch(`/me/progress/${c.bookId}`, { currentTime: c.bookDuration + 2 })
        .expect(400);
      expect(past.text).toContain('past the duration');
      await as.get(`/me/progress/${c.bookId}`).expect(404);
      // no credential
      await t.http
        .patch(`/audiobookshelf/api/me/progress/${c.bookId}`)
        .send({ isFinished: true })
        .expect(401);
    });
  });

  describe('PATCH me/progress/batch/update', () => {
    it('applies every entry (not taken for an item named "batch")', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      expectOk(
        await as
          .patch('/me/progress/batch/update', [
            { libraryItemId: c.bookId, isFinished: true },
            { libraryItemId: c.podcastId, episodeId: c.episodeId, currentTime: 100 },
          ])
          .expect(200),
      );
      expect(await progressOf(user, c.bookId)).toMatchObject({ isFinished: true, progress: 1 });
      expect(await progressOf(user, `${c.podcastId}/${c.episodeId}`)).toMatchObject({
        isFinished: false,
        currentTime: 100,
      });
    });

    it('is all or nothing, and an empty or missing list is 400 Missing request payload', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      for (const body of [[], {}, { libraryItemId: c.bookId }, undefined]) {
        const res = await as.patch('/me/progress/batch/update', body).expect(400);
        expect(res.text).toBe('Missing request payload');
      }
      const unknown = await as
        .patch('/me/progress/batch/update', [
          { libraryItemId: c.bookId, isFinished: true },
          { libraryItemId: 'li_unknown', isFinished: true },
        ])
        .expect(404);
      expect(unknown.text).toBe('Library item not found');
      const invalid = await as
        .patch('/me/progress/batch/update', [
          { libraryItemId: c.bookId, isFinished: true },
          { libraryItemId: c.bookId, currentTime: -1 },
        ])
        .expect(400);
      expect(invalid.text).toMatch(/^\[1\] currentTime: /);
      await as.get(`/me/progress/${c.bookId}`).expect(404);
      expect((await as.get('/me').expect(200)).body.mediaProgress).toEqual([]);
    });
  });

  describe('DELETE me/progress/:progressId', () => {
    it("deletes the caller's progress by progress id; another user's id or an item id is 404", async () => {
      const owner = await t.makeUser();
      const other = await t.makeUser();
      await abs(t, owner).patch(`/me/progress/${c.bookId}`, { currentTime: 42 }).expect(200);
      await abs(t, other).patch(`/me/progress/${c.bookId}`, { currentTime: 7 }).expect(200);
      const mine = await progressOf(owner, c.bookId);

      expect((await abs(t, other).delete(`/me/progress/${mine.id}`).expect(404)).text).toBe('Not Found');
      await abs(t, owner).delete(`/me/progress/${c.bookId}`).expect(404);
      await abs(t, owner).delete('/me/progress/mp_0').expect(404);
      expect((await progressOf(owner, c.bookId)).currentTime).toBe(42);

      expectOk(await abs(t, owner).delete(`/me/progress/${mine.id}`).expect(200));
      await abs(t, owner).get(`/me/progress/${c.bookId}`).expect(404);
      await abs(t, owner).delete(`/me/progress/${mine.id}`).expect(404);
      // the other user's progress in the same item is untouched
      expect((await progressOf(other, c.bookId)).currentTime).toBe(7);
    });
  });

  describe('items in progress and remove-from-continue-listening', () => {
    it('lists unfinished, visible items newest first; hiding removes one until its position moves', async () => {
      const user = await t.makeUser();
      const other = await t.makeUser();
      const as = abs(t, user);
      const [first, second, done] = [await newBook('First'), await newBook('Second'), await newBook('Done')];
      await as.patch(`/me/progress/${first}`, { currentTime: 100 }).expect(200);
      await as.patch(`/me/progress/${c.podcastId}/${c.episodeId}`, { currentTime: 50 }).expect(200);
      await as.patch(`/me/progress/${second}`, { currentTime: 200 }).expect(200);
      await as.patch(`/me/progress/${done}`, { isFinished: true }).expect(200);
      // a progress at 0 is not in progress
      await as
        .patch(`/me/progress/${c.bookId}`, { currentTime: 0, hideFromContinueListening: false })
        .expect(200);

      const listed = await as.get('/me/items-in-progress').expect(200);
      expect(listed.body.libraryItems.map((i: { id: string }) => i.id)).toEqual([second, c.podcastId, first]);
      const [latest, podcast] = listed.body.libraryItems;
      expect(typeof latest.progressLastUpdate).toBe('number');
      expect(latest.progressLastUpdate).toBe((await progressOf(user, second)).lastUpdate);
      expect(latest).toMatchObject({
        mediaType: 'book',
        libraryId: c.bookLibraryId,
        media: expect.any(Object),
      });
      expect(latest.recentEpisode).toBeUndefined();
      expect(podcast.recentEpisode).toMatchObject({ id: c.episodeId, libraryItemId: c.podcastId });
      const limited = await as.get('/me/items-in-progress?limit=1').expect(200);
      expect(limited.body.libraryItems.map((i: { id: string }) => i.id)).toEqual([second]);
      await as.get('/me/items-in-progress?limit=0').expect(400);
      expect((await abs(t, other).get('/me/items-in-progress').expect(200)).body).toEqual({
        libraryItems: [],
      });

      const progress = await progressOf(user, second);
      await abs(t, other).get(`/me/progress/${progress.id}/remove-from-continue-listening`).expect(404);
      const hidden = await as.get(`/me/progress/${progress.id}/remove-from-continue-listening`).expect(200);
      // upstream answers the user, whose mediaProgress still lists the hidden progress
      expect(hidden.body).toMatchObject({ id: String(user.id), username: user.username });
      expect(hidden.body.mediaProgress).toContainEqual({ ...progress, hideFromContinueListening: true });
      expect((await as.get('/me').expect(200)).body.mediaProgress).toEqual(hidden.body.mediaProgress);
      // hiding again is harmless
      await as.get(`/me/progress/${progress.id}/remove-from-continue-listening`).expect(200);
      const without = await as.get('/me/items-in-progress').expect(200);
      expect(without.body.libraryItems.map((i: { id: string }) => i.id)).toEqual([c.podcastId, first]);

      // a write that does not move the position keeps it hidden; a sync that moves it shows it again
      await as.patch(`/me/progress/${second}`, { currentTime: 200 }).expect(200);
      expect((await progressOf(user, second)).hideFromContinueListening).toBe(true);
      const play = await as.post(`/items/${second}/play`, { deviceInfo: { deviceId: 'unhide' } }).expect(200);
      expect(play.body.currentTime).toBe(200);
      await as.post(`/session/${play.body.id}/sync`, { currentTime: 230, timeListened: 1 }).expect(200);
      expect(await progressOf(user, second)).toMatchObject({
        hideFromContinueListening: false,
        currentTime: 230,
      });
      const back = await as.get('/me/items-in-progress').expect(200);
      expect(back.body.libraryItems[0].id).toBe(second);
    });
  });

  describe('me/item/listening-sessions', () => {
    it("pages the caller's sessions of one book or episode, newest first", async () => {
      const user = await t.makeUser();
      const other = await t.makeUser();
      const as = abs(t, user);
      const ids: string[] = [];
      for (const device of ['a', 'b']) {
        const play = await as
          .post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: device } })
          .expect(200);
        await as.post(`/session/${play.body.id}/sync`, { currentTime: 5, timeListened: 1 }).expect(200);
        ids.push(play.body.id);
      }
      const episode = await as.post(`/items/${c.podcastId}/play/${c.episodeId}`, {}).expect(200);
      await abs(t, other).post(`/items/${c.bookId}/play`, {}).expect(200);

      const book = await as.get(`/me/item/listening-sessions/${c.bookId}`).expect(200);
      expect(book.body).toMatchObject({ total: 2, numPages: 1, page: 0, itemsPerPage: 10 });
      expect(book.body.sessions.map((s: { id: string }) => s.id)).toEqual([ids[1], ids[0]]);
      expect(book.body.sessions[0]).toMatchObject({ userId: String(user.id), libraryItemId: c.bookId });
      expect(book.body.sessions[0].user).toBeUndefined();
      const paged = await as.get(`/me/item/listening-sessions/${c.bookId}?itemsPerPage=1&page=1`).expect(200);
      expect(paged.body).toMatchObject({ total: 2, numPages: 2, page: 1, itemsPerPage: 1 });
      expect(paged.body.sessions.map((s: { id: string }) => s.id)).toEqual([ids[0]]);

      const ep = await as.get(`/me/item/listening-sessions/${c.podcastId}/${c.episodeId}`).expect(200);
      expect(ep.body.total).toBe(1);
      expect(ep.body.sessions[0].id).toBe(episode.body.id);
      expect(
        (await abs(t, other).get(`/me/item/listening-sessions/${c.podcastId}/${c.episodeId}`).expect(200))
          .body.total,
      ).toBe(0);

      expect((await as.get('/me/item/listening-sessions/li_unknown').expect(404)).text).toBe(
        'Library item not found',
      );
      expect((await as.get(`/me/item/listening-sessions/${c.podcastId}`).expect(404)).text).toBe(
        'Episode not found',
      );
      await as.get(`/me/item/listening-sessions/${c.bookId}?itemsPerPage=0`).expect(400);
    });
  });

  describe('users/:id/listening-sessions and listening-stats', () => {
    it("operators and admins read a user's sessions and stats; users are answered 404", async () => {
      const user = await t.makeUser();
      const operator = await t.makeUser({ role: Role.Operator });
      const admin = await t.admin();
      const as = abs(t, user);
      const play = await as
        .post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: 'stats' } })
        .expect(200);
      await as.post(`/session/${play.body.id}/sync`, { currentTime: 9, timeListened: 3 }).expect(200);

      const listed = await abs(t, admin).get(`/users/${user.id}/listening-sessions`).expect(200);
      expect(listed.body).toMatchObject({ total: 1, numPages: 1, page: 0, itemsPerPage: 10 });
      expect(listed.body.sessions[0]).toMatchObject({
        id: play.body.id,
        timeListening: 3,
        user: { id: String(user.id), username: user.username },
      });
      const stats = await abs(t, operator).get(`/users/${user.id}/listening-stats`).expect(200);
      expect(stats.body).toEqual((await as.get('/me/listening-stats').expect(200)).body);
      expect(stats.body).toMatchObject({ totalTime: 3, items: { [c.bookId]: { timeListening: 3 } } });

      for (const path of [`/users/${user.id}/listening-sessions`, `/users/${user.id}/listening-stats`]) {
        expect((await as.get(path).expect(404)).text).toBe('Not Found');
        await abs(t, admin)
          .get(path.replace(String(user.id), '2147483647'))
          .expect(404);
        await abs(t, admin)
          .get(path.replace(String(user.id), 'root'))
          .expect(404);
        await t.http.get(`/audiobookshelf/api${path}`).expect(401);
      }
    });
  });

  describe('local uploads of server-issued session ids', () => {
    const upload = (user: TestUser, session: Record<string, unknown>) =>
      abs(t, user)
        .post('/session/local-all', { sessions: [session] })
        .expect(200);

    it("updates the caller's own server session (clamped, newer wins) and moves the progress", async () => {
      const user = await t.makeUser();
      const other = await t.makeUser();
      const as = abs(t, user);
      const play = await as
        .post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: 'offline' } })
        .expect(200);
      const id = play.body.id as string;
      const startedAt = play.body.startedAt as number;
      await as.post(`/session/${id}/sync`, { currentTime: 10, timeListened: 2 }).expect(200);

      // the app's copy of the session, re-sent after its syncs failed: a claim far beyond the span
      const updatedAt = Date.now();
      const copy = {
        id,
        libraryItemId: c.bookId,
        timeListening: 5000,
        currentTime: 800,
        startTime: 0,
        startedAt: startedAt - 3_600_000, // an earlier start is not believed: the stored one counts
        updatedAt,
        playMethod: 3,
        mediaPlayer: 'exo-player',
      };
      const res = await upload(user, copy);
      expect(res.body).toEqual({ results: [{ id, success: true, progressSynced: true }] });
      const open = await as.get(`/session/${id}`).expect(200); // still open, as upstream
      expect(open.body).toMatchObject({ currentTime: 800, updatedAt, playMethod: 0 });
      const span = (updatedAt - startedAt) / 1000;
      expect(open.body.timeListening).toBeCloseTo(span + TOLERANCE, 2);
      expect(await progressOf(user, c.bookId)).toMatchObject({ currentTime: 800, lastUpdate: updatedAt });

      // an older copy changes neither the session nor the progress
      const older = await upload(user, {
        ...copy,
        currentTime: 100,
        timeListening: 1,
        updatedAt: updatedAt - 1,
      });
      expect(older.body).toEqual({ results: [{ id, success: true, progressSynced: false }] });
      expect((await as.get(`/session/${id}`).expect(200)).body).toMatchObject({
        currentTime: 800,
        timeListening: open.body.timeListening,
      });
      expect((await progressOf(user, c.bookId)).currentTime).toBe(800);

      // the uploaded time is not credited again: a huge claim now gets at most the wall clock since then
      const synced = await as
        .post(`/session/${id}/sync`, { currentTime: 801, timeListened: 86_400 })
        .expect(200);
      const wall = (Date.now() - startedAt) / 1000;
      expect(synced.body.timeListening).toBeLessThanOrEqual(wall + TOLERANCE + 0.01);

      // another user's id, or the id with another item, is refused and changes nothing
      const stolen = await upload(other, { ...copy, updatedAt: Date.now(), timeListening: 1 });
      expect(stolen.body).toEqual({
        results: [{ id, success: false, error: 'Session id is not available' }],
      });
      const single = await abs(t, other)
        .post('/session/local', { ...copy, updatedAt: Date.now() })
        .expect(404);
      expect(single.text).toBe('Session id is not available');
      const moved = await upload(user, {
        ...copy,
        libraryItemId: c.podcastId,
        episodeId: c.episodeId,
        updatedAt: Date.now(),
      });
      expect(moved.body.results[0]).toMatchObject({ success: false, error: 'Session id is not available' });
      expect((await as.get(`/session/${id}`).expect(200)).body.timeListening).toBe(synced.body.timeListening);
      await abs(t, other).get(`/me/progress/${c.bookId}`).expect(404);
    });

    it('a closed server session is updated and stays closed; the progress moves only if newer', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      const play = await as
        .post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: 'closed' } })
        .expect(200);
      const id = play.body.id as string;
      await as.post(`/session/${id}/close`, { currentTime: 30, timeListened: 1 }).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 5));
      // the progress was written after the copy below was made
      await as.patch(`/me/progress/${c.bookId}`, { currentTime: 40 }).expect(200);
      const progress = await progressOf(user, c.bookId);
      const res = await upload(user, {
        id,
        libraryItemId: c.bookId,
        timeListening: 1,
        currentTime: 35,
        startedAt: play.body.startedAt,
        updatedAt: progress.lastUpdate - 1,
      });
      expect(res.body).toEqual({ results: [{ id, success: true, progressSynced: false }] });
      await as.get(`/session/${id}`).expect(404); // not open
      const listed = await as.get('/me/listening-sessions').expect(200);
      expect(listed.body.sessions[0]).toMatchObject({ id, currentTime: 35 });
      expect(await progressOf(user, c.bookId)).toEqual(progress);
    });
  });
});
