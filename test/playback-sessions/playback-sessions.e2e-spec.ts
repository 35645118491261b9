import { SchedulerRegistry } from '@nestjs/schedule';
import { Role } from '../../src/common/auth-user';
import { nowMicros } from '../../src/common/time';
import { PlaybackSessionsService } from '../../src/playback-sessions/playback-sessions.service';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import {
  abs,
  Catalogue,
  makeCatalogue,
  NIGHT_VALE_DURATION,
  SEED_SYNC,
  seedLocalSession,
} from './abs-helpers';
import { ABS_SERVER_VERSION } from '../../src/playback-sessions/audiobookshelf.mapper';

const SESSION_KEYS = [
  'id',
  'userId',
  'libraryId',
  'libraryItemId',
  'episodeId',
  'mediaType',
  'mediaMetadata',
  'chapters',
  'displayTitle',
  'displayAuthor',
  'coverPath',
  'duration',
  'playMethod',
  'mediaPlayer',
  'deviceInfo',
  'date',
  'dayOfWeek',
  'timeListening',
  'startTime',
  'currentTime',
  'startedAt',
  'updatedAt',
];

describe('Audiobookshelf playback sessions (e2e)', () => {
  let t: TestApp;
  let c: Catalogue;
  let alice: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ PLAYBACK_SYNC_TOLERANCE_SECONDS: '60', APP_TIMEZONE: 'Europe/Berlin' });
    c = await makeCatalogue(t);
    alice = await t.makeUser({ role: Role.User });
  });
  afterAll(() => t.close());

  it('plays, syncs with the seed body, closes, and the session is gone from the open ones', async () => {
    const as = abs(t, alice);
    const play = await as
      .post(`/items/${c.podcastId}/play/${c.episodeId}`, {
        deviceInfo: { deviceId: 'phone-1', clientName: 'Abs Android', clientVersion: '0.9.60' },
        mediaPlayer: 'exo-player',
      })
      .expect(200);
    const id = play.body.id as string;
    expect(id).toMatch(/^play_[a-z0-9]{18}$/);

    const open = await as.get(`/session/${id}`).expect(200);
    expect(Object.keys(open.body)).toEqual([...SESSION_KEYS, 'audioTracks', 'videoTrack', 'libraryItem']);
    expect(open.body).toMatchObject({
      id,
      userId: String(alice.id),
      libraryId: c.podcastLibraryId,
      libraryItemId: c.podcastId,
      episodeId: c.episodeId,
      mediaType: 'podcast',
      displayTitle: '1 - Pilot',
      displayAuthor: 'Night Vale Presents',
      duration: NIGHT_VALE_DURATION,
      playMethod: 0,
      mediaPlayer: 'exo-player',
      timeListening: 0,
      startTime: 0,
      currentTime: 0,
      videoTrack: null,
    });
    expect(open.body.mediaMetadata).toMatchObject({ title: 'Welcome to Night Vale', itunesId: 536258179 });
    expect(open.body.deviceInfo).toMatchObject({ deviceId: 'phone-1', clientName: 'Abs Android' });
    expect(open.body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(open.body.startedAt).toBeGreaterThan(1.7e12);
    expect(open.body.audioTracks).toEqual([
      {
        index: 1,
        startOffset: 0,
        duration: NIGHT_VALE_DURATION,
        title: '1 - Pilot.mp3',
        contentUrl: `/s/item/${c.podcastId}/1 - Pilot.mp3`,
        mimeType: 'audio/mpeg',
        metadata: expect.objectContaining({ filename: '1 - Pilot.mp3', ext: '.mp3', size: 23653735 }),
      },
    ]);
    expect(open.body.libraryItem).toMatchObject({
      id: c.podcastId,
      libraryId: c.podcastLibraryId,
      mediaType: 'podcast',
      media: { episodes: [expect.objectContaining({ id: c.episodeId, duration: NIGHT_VALE_DURATION })] },
    });

    const synced = await as.post(`/session/${id}/sync`, SEED_SYNC).expect(200);
    expect(Object.keys(synced.body)).toEqual(SESSION_KEYS);
    expect(synced.body).toMatchObject({ id, timeListening: 5, currentTime: 636.09262 });
    expect(synced.body.updatedAt).toBeGreaterThanOrEqual(open.body.updatedAt);

    const progress = await as.get(`/me/progress/${c.podcastId}/${c.episodeId}`).expect(200);
    expect(progress.body).toMatchObject({
      id: expect.stringMatching(/^mp_[1-9][0-9]*$/),
      libraryItemId: c.podcastId,
      episodeId: c.episodeId,
      currentTime: 636.09262,
      duration: NIGHT_VALE_DURATION,
      isFinished: false,
      finishedAt: null,
    });
    expect(progress.body.progress).toBeCloseTo(636.09262 / NIGHT_VALE_DURATION, 10);

    const closed = await as.post(`/session/${id}/close`, { ...SEED_SYNC, currentTime: 641.5 }).expect(200);
    expect(closed.body).toMatchObject({ id, timeListening: 10, currentTime: 641.5 });
    await as.get(`/session/${id}`).expect(404);
    await as.post(`/session/${id}/sync`, SEED_SYNC).expect(404);
    await as.post(`/session/${id}/close`).expect(404);
    const after = await as.get(`/me/progress/${c.podcastId}/${c.episodeId}`).expect(200);
    expect(after.body.currentTime).toBe(641.5);

    // the next session resumes where the user left off
    const again = await as.post(`/items/${c.podcastId}/play/${c.episodeId}`, {}).expect(200);
    expect(again.body).toMatchObject({ startTime: 641.5, currentTime: 641.5 });
  });

  describe('catalogue', () => {
    it('lets only admins add libraries and items, and validates the media', async () => {
      const admin = await t.admin();
      const operator = await t.makeUser({ role: Role.Operator });
      const denied = await abs(t, operator).post('/libraries', { name: 'x', mediaType: 'book' }).expect(403);
      expect(denied.headers['content-type']).toMatch(/^text\/plain/);
      const bad = await abs(t, admin).post('/libraries', { name: 'x', mediaType: 'video' }).expect(400);
      expect(bad.text).toMatch(/mediaType/);
      const wrongKind = await abs(t, admin)
        .post(`/libraries/${c.bookLibraryId}/items`, {
          media: {
            metadata: { title: 'x' },
            episodes: [{ title: 'e', audioFile: { filename: 'a', duration: 1 } }],
          },
        })
        .expect(400);
      expect(wrongKind.text).toMatch(/media\.episodes/);
      await abs(t, admin)
        .post(`/libraries/${c.bookLibraryId}/items`, {
          media: { metadata: { title: 'x' }, audioFiles: [{ filename: 'a.mp3', duration: -1 }] },
        })
        .expect(400);
      await abs(t, admin)
        .post('/libraries/lib_nope/items', { media: { metadata: { title: 'x' }, audioFiles: [] } })
        .expect(404);
    });

    it('serves an item in the shape of the seed libraryItem', async () => {
      const res = await abs(t, alice).get(`/items/${c.bookId}`).expect(200);
      expect(res.body).toMatchObject({
        id: c.bookId,
        libraryId: c.bookLibraryId,
        folderId: expect.stringMatching(/^fol_[a-z0-9]{18}$/),
        mediaType: 'book',
        isMissing: false,
        media: {
          libraryItemId: c.bookId,
          metadata: { title: 'The Hobbit', titleIgnorePrefix: 'Hobbit, The', authorName: 'J. R. R. Tolkien' },
          duration: 1500.5,
          tracks: [
            expect.objectContaining({ index: 1, startOffset: 0, duration: 1000, mimeType: 'audio/mpeg' }),
            expect.objectContaining({ index: 2, startOffset: 1000, duration: 500.5, mimeType: 'audio/mp4' }),
          ],
        },
      });
      expect(res.body.id).toMatch(/^li_[a-z0-9]{18}$/);
      await abs(t, alice).get('/items/li_doesnotexist').expect(404);
    });
  });

  describe('opening sessions', () => {
    it('closes the previous session of the same user on the same device, not on other devices', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      const first = await as
        .post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: 'tablet' } })
        .expect(200);
      const other = await as
        .post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: 'phone' } })
        .expect(200);
      const second = await as
        .post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: 'tablet' } })
        .expect(200);
      await as.get(`/session/${first.body.id}`).expect(404);
      await as.get(`/session/${other.body.id}`).expect(200);
      await as.get(`/session/${second.body.id}`).expect(200);
      expect(second.body.audioTracks.map((tr: { startOffset: number }) => tr.startOffset)).toEqual([0, 1000]);
      expect(second.body).toMatchObject({ mediaType: 'book', episodeId: null, duration: 1500.5 });
    });

    it('keeps exactly one open session when plays on one device race', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      const plays = await Promise.all(
        Array.from({ length: 8 }, () =>
          as.post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: 'racer' } }).expect(200),
        ),
      );
      const statuses = await Promise.all(plays.map((p) => as.get(`/session/${p.body.id}`)));
      expect(statuses.filter((r) => r.status === 200)).toHaveLength(1);
    });

    it('answers 404 for an unknown item or episode, and for an episode of a book', async () => {
      const as = abs(t, alice);
      expect((await as.post('/items/li_unknown/play', {}).expect(404)).text).toBe('Library item not found');
      await as.post(`/items/${c.podcastId}/play`, {}).expect(404);
      await as.post(`/items/${c.podcastId}/play/ep_unknown`, {}).expect(404);
      await as.post(`/items/${c.bookId}/play/${c.episodeId}`, {}).expect(404);
      await as.post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: 5 } }).expect(400);
      // a real client's extras are ignored, not refused; no body at all is fine too
      const extras = await as
        .post(`/items/${c.bookId}/play`, {
          deviceInfo: { deviceId: 'x1', clientName: 'Abs Web', someAppField: true },
          mediaPlayer: 'html5',
          forceDirectPlay: false,
          appOnly: 1,
        })
        .expect(200);
      // upstream's DeviceInfo echo: clientVersion defaults to the server's, serverVersion is added
      expect(extras.body.deviceInfo).toEqual({
        ipAddress: expect.any(String),
        deviceId: 'x1',
        clientName: 'Abs Web',
        clientVersion: ABS_SERVER_VERSION,
        serverVersion: ABS_SERVER_VERSION,
      });
      await as.post(`/items/${c.bookId}/play`).expect(200);
    });

    it('refuses NUL and ignores `constructor` / `__proto__` keys in lenient bodies, never a 500 (hostile-input regressions)', async () => {
      const as = abs(t, alice);
      const raw = (path: string, body: string) =>
        t.http
          .post(`/audiobookshelf/api${path}`)
          .set('Authorization', bearer(alice))
          .set('Content-Type', 'application/json')
          .send(body);
      // class-transformer took a nested object's own `constructor` key for its class and crashed
      const wrongType = await raw(`/items/${c.bookId}/play`, '{"mediaPlayer":{"constructor":[null," "]}}');
      expect(wrongType.status).toBe(400);
      expect(wrongType.text).toMatch(/^mediaPlayer: /);
      const ignored = await raw(
        `/items/${c.bookId}/play`,
        '{"constructor":1,"__proto__":{"polluted":1},"deviceInfo":{"deviceId":"proto-dev","constructor":{"a":1}}}',
      ).expect(200);
      expect(ignored.body.deviceInfo).toEqual({
        ipAddress: expect.any(String),
        deviceId: 'proto-dev',
        clientVersion: ABS_SERVER_VERSION,
        serverVersion: ABS_SERVER_VERSION,
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const local = await raw(
        '/session/local',
        JSON.stringify(seedLocalSession(c, { id: 'play_local_proto' })).replace(
          '"deviceInfo":{',
          '"deviceInfo":{"constructor":{"x":[1]},',
        ),
      ).expect(200);
      expect(local.body).toEqual({
        id: 'play_local_proto',
        success: true,
        progressSynced: expect.any(Boolean),
      });
      await as.get('/me/listening-sessions').expect(200);
      // NUL, which PostgreSQL cannot store (a 500 there), is refused in lenient bodies too, even in extras
      const nul = await raw(`/items/${c.bookId}/play`, '{"mediaPlayer":"a\\u0000b"}').expect(400);
      expect(nul.text).toBe('mediaPlayer: Null characters are not allowed.');
      const nulExtra = JSON.stringify({
        sessions: [seedLocalSession(c, { id: 'play_local_nul', deviceInfo: { appField: 'a\u0000b' } })],
      });
      expect((await raw('/session/local-all', nulExtra).expect(400)).text).toBe(
        'sessions.0.deviceInfo.appField: Null characters are not allowed.',
      );
    });

    it('finishes near the end, restarts a finished item at 0, and re-listening un-finishes it', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      const one = await as.post(`/items/${c.podcastId}/play/${c.episodeId}`, {}).expect(200);
      await as.post(`/session/${one.body.id}/sync`, { currentTime: 1450, timeListened: 1 }).expect(200);
      const finished = await as.get(`/me/progress/${c.podcastId}/${c.episodeId}`).expect(200);
      expect(finished.body).toMatchObject({ isFinished: true, progress: 1, currentTime: 1450 });
      expect(finished.body.finishedAt).toEqual(expect.any(Number));
      // still finished on a later sync near the end: finishedAt is kept
      await as.post(`/session/${one.body.id}/sync`, { currentTime: 1452, timeListened: 1 }).expect(200);
      const still = await as.get(`/me/progress/${c.podcastId}/${c.episodeId}`).expect(200);
      expect(still.body.finishedAt).toBe(finished.body.finishedAt);

      const two = await as.post(`/items/${c.podcastId}/play/${c.episodeId}`, {}).expect(200);
      expect(two.body).toMatchObject({ startTime: 0, currentTime: 0 });
      await as.post(`/session/${two.body.id}/sync`, { currentTime: 30, timeListened: 1 }).expect(200);
      const again = await as.get(`/me/progress/${c.podcastId}/${c.episodeId}`).expect(200);
      expect(again.body).toMatchObject({ isFinished: false, finishedAt: null, currentTime: 30 });
      await as.get(`/me/progress/${c.bookId}`).expect(404);
    });
  });

  describe('ownership', () => {
    it("hides another user's open session (404) but lets an admin act on it", async () => {
      const owner = await t.makeUser();
      const other = await t.makeUser();
      const admin = await t.admin();
      const { body } = await abs(t, owner).post(`/items/${c.bookId}/play`, {}).expect(200);
      const res = await abs(t, other).get(`/session/${body.id}`).expect(404);
      expect(res.text).toBe('Not Found');
      await abs(t, other).post(`/session/${body.id}/sync`, SEED_SYNC).expect(404);
      await abs(t, other).post(`/session/${body.id}/close`).expect(404);
      const seen = await abs(t, admin).get(`/session/${body.id}`).expect(200);
      expect(seen.body.userId).toBe(String(owner.id));
      const synced = await abs(t, admin)
        .post(`/session/${body.id}/sync`, { currentTime: 12, timeListened: 2 })
        .expect(200);
      expect(synced.body).toMatchObject({ userId: String(owner.id), timeListening: 2, currentTime: 12 });
      // the progress is the owner's, not the admin's
      expect((await abs(t, owner).get(`/me/progress/${c.bookId}`).expect(200)).body.currentTime).toBe(12);
      await abs(t, admin).get(`/me/progress/${c.bookId}`).expect(404);
      const closed = await abs(t, admin).post(`/session/${body.id}/close`).expect(200); // no body: no sync
      expect(closed.body).toMatchObject({ timeListening: 2, currentTime: 12 });
      await abs(t, owner).get(`/session/${body.id}`).expect(404);
    });
    it("lets an operator read and sync any open session (DESIGN's role table)", async () => {
      const owner = await t.makeUser();
      const operator = await t.makeUser({ role: Role.Operator });
      const { body } = await abs(t, owner).post(`/items/${c.bookId}/play`, {}).expect(200);
      await abs(t, operator).get(`/session/${body.id}`).expect(200);
      const synced = await abs(t, operator)
        .post(`/session/${body.id}/sync`, { currentTime: 7, timeListened: 1 })
        .expect(200);
      expect(synced.body).toMatchObject({ userId: String(owner.id), timeListening: 1, currentTime: 7 });
    });
  });

  describe('honest numbers', () => {
    let as: ReturnType<typeof abs>;
    let id: string;
    beforeAll(async () => {
      const user = await t.makeUser();
      as = abs(t, user);
      id = (await as.post(`/items/${c.bookId}/play`, {}).expect(200)).body.id;
    });

    it.each([
      ['a negative timeListened', { currentTime: 1, timeListened: -1 }],
      ['a negative currentTime', { currentTime: -0.5, timeListened: 1 }],
      ['a string timeListened', { currentTime: 1, timeListened: 'NaN' }],
      ['a numeric string', { currentTime: '1', timeListened: 1 }],
      ['a null currentTime', { currentTime: null, timeListened: 1 }],
      ['a huge timeListened', { currentTime: 1, timeListened: 1e12 }],
      ['a missing timeListened', { currentTime: 1 }],
      ['a negative duration', { currentTime: 1, timeListened: 1, duration: -3 }],
      ['an unknown field', { currentTime: 1, timeListened: 1, speed: 2 }],
      ['an array body', [{ currentTime: 1, timeListened: 1 }]],
      ['an empty array body', []],
    ])('refuses %s with 400', async (_name, body) => {
      const res = await as.post(`/session/${id}/sync`, body).expect(400);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
    });

    it('refuses array bodies on close and play', async () => {
      await as.post(`/session/${id}/close`, []).expect(400);
      await as.post(`/session/${id}/close`, [{ currentTime: 1 }]).expect(400);
      await as.post(`/items/${c.bookId}/play`, []).expect(400);
      await as.get(`/session/${id}`).expect(200);
    });

    it('refuses an infinite number written as 1e999', async () => {
      await t.http
        .post(`/audiobookshelf/api/session/${id}/sync`)
        .set('Authorization', `Bearer ${(await t.admin()).token}`)
        .set('Content-Type', 'application/json')
        .send('{"currentTime": 1, "timeListened": 1e999}')
        .expect(400);
    });

    it('refuses a position past the duration, and takes a rounding overshoot as the end', async () => {
      const res = await as.post(`/session/${id}/sync`, { currentTime: 1600, timeListened: 1 }).expect(400);
      expect(res.text).toMatch(/past the duration/);
      const end = await as.post(`/session/${id}/sync`, { currentTime: 1500.9, timeListened: 0 }).expect(200);
      expect(end.body.currentTime).toBe(1500.5);
    });

    it('clamps a claim beyond the wall clock since the previous sync (plus the tolerance)', async () => {
      const before = (await as.get(`/session/${id}`).expect(200)).body;
      const res = await as.post(`/session/${id}/sync`, { currentTime: 100, timeListened: 3600 }).expect(200);
      const credited = res.body.timeListening - before.timeListening;
      // 60 s tolerance plus the wall-clock time the session has been open: far below the 3600 claimed
      const wallClock = (res.body.updatedAt - before.startedAt) / 1000;
      expect(credited).toBeGreaterThan(0);
      expect(res.body.timeListening).toBeLessThanOrEqual(60 + wallClock + 0.01);
      // the tolerance is spent: an immediate second claim gets (almost) nothing
      const next = await as.post(`/session/${id}/sync`, { currentTime: 101, timeListened: 3600 }).expect(200);
      expect(next.body.timeListening).toBeLessThanOrEqual(
        60 + (next.body.updatedAt - before.startedAt) / 1000 + 0.01,
      );
    });
  });

  describe('local sessions', () => {
    it("accepts the seed's local session, then reports an older copy as not synced", async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      const res = await as.post('/session/local', seedLocalSession(c)).expect(200);
      expect(res.body).toEqual({ id: 'play_local_i00492kps6ow4axlvq', success: true, progressSynced: true });
      const list = await as.get('/me/listening-sessions').expect(200);
      expect(list.body.sessions).toHaveLength(1);
      expect(list.body.sessions[0]).toMatchObject({
        id: 'play_local_i00492kps6ow4axlvq',
        userId: String(user.id),
        libraryItemId: c.podcastId,
        episodeId: c.episodeId,
        timeListening: 20,
        startTime: 616.291374,
        currentTime: 636.09262,
        startedAt: 1668580247687,
        updatedAt: 1668580396623,
        date: '2022-11-16',
        dayOfWeek: 'Wednesday',
        mediaPlayer: 'html5',
      });
      const progress = await as.get(`/me/progress/${c.podcastId}/${c.episodeId}`).expect(200);
      expect(progress.body).toMatchObject({ currentTime: 636.09262, lastUpdate: 1668580396623 });

      // an older upload of another local session does not move the progress back
      const older = await as
        .post('/session/local-all', {
          sessions: [
            seedLocalSession(c, { id: 'play_local_older', currentTime: 10, updatedAt: 1668580300000 }),
          ],
        })
        .expect(200);
      expect(older.body).toEqual({
        results: [{ id: 'play_local_older', success: true, progressSynced: false }],
      });
      expect((await as.get(`/me/progress/${c.podcastId}/${c.episodeId}`).expect(200)).body.currentTime).toBe(
        636.09262,
      );
    });

    it("answers local-all per session: the seed's body, an unknown item, another user's id", async () => {
      const owner = await t.makeUser();
      const user = await t.makeUser();
      await abs(t, owner)
        .post('/session/local', seedLocalSession(c, { id: 'play_local_owned' }))
        .expect(200);
      const res = await abs(t, user)
        .post('/session/local-all', {
          sessions: [
            seedLocalSession(c),
            seedLocalSession(c, { id: 'play_local_unknown', libraryItemId: 'li_bufnnmp4y5o2gbbxfm' }),
            seedLocalSession(c, { id: 'play_local_owned', timeListening: 99 }),
          ],
        })
        .expect(200);
      expect(res.body).toEqual({
        results: [
          { id: 'play_local_i00492kps6ow4axlvq', success: false, error: 'Session id is not available' },
          { id: 'play_local_unknown', success: false, error: 'Library item not found' },
          { id: 'play_local_owned', success: false, error: 'Session id is not available' },
        ],
      });
      // the first id belongs to the user of the previous test, the last to `owner`: nothing overwritten
      const owned = await abs(t, owner).get('/me/listening-sessions').expect(200);
      expect(owned.body.sessions[0]).toMatchObject({ id: 'play_local_owned', timeListening: 20 });

      const mine = await abs(t, user)
        .post('/session/local-all', { sessions: [seedLocalSession(c, { id: 'play_local_mine' })] })
        .expect(200);
      expect(mine.body).toEqual({
        results: [{ id: 'play_local_mine', success: true, progressSynced: true }],
      });
      const single = await abs(t, user)
        .post('/session/local', seedLocalSession(c, { id: 'play_local_x', libraryItemId: 'li_nope' }))
        .expect(404);
      expect(single.text).toBe('Library item not found');
    });

    it('clamps listening time to the wall-clock span of the local session', async () => {
      const user = await t.makeUser();
      const as = abs(t, user);
      await as
        .post('/session/local', seedLocalSession(c, { id: 'play_local_clamped', timeListening: 100000 }))
        .expect(200);
      const list = await as.get('/me/listening-sessions').expect(200);
      // 148.936 s between startedAt and updatedAt, plus the 60 s tolerance of this app
      expect(list.body.sessions[0].timeListening).toBeCloseTo(208.936, 3);
    });

    it.each([
      ['sessions is a number', { sessions: 5 }],
      ['the body is an array', [null]],
      ['a null session', { sessions: [null] }],
      ['an id of the wrong type', { sessions: [{ id: 5 }] }],
      [
        'a missing timeListening',
        {
          sessions: [
            { id: 'play_local_a', libraryItemId: 'li_a', currentTime: 1, startedAt: 1, updatedAt: 2 },
          ],
        },
      ],
      [
        'a negative timeListening',
        {
          sessions: [
            {
              id: 'play_local_a',
              libraryItemId: 'li_a',
              timeListening: -1,
              currentTime: 1,
              startedAt: 1,
              updatedAt: 2,
            },
          ],
        },
      ],
      [
        'a string startedAt',
        {
          sessions: [
            {
              id: 'play_local_a',
              libraryItemId: 'li_a',
              timeListening: 1,
              currentTime: 1,
              startedAt: 'yesterday',
              updatedAt: 2,
            },
          ],
        },
      ],
      ['a body that is not JSON', '{"sessions": ['],
    ])('refuses a malformed local-all body (%s) with 400 and keeps serving', async (_name, body) => {
      const req = t.http
        .post('/audiobookshelf/api/session/local-all')
        .set('Authorization', `Bearer ${alice.token}`)
        .set('Content-Type', 'application/json');
      const res = await req.send(typeof body === 'string' ? body : JSON.stringify(body)).expect(400);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      await abs(t, alice).get('/me/listening-sessions').expect(200);
    });
  });

  describe('lists', () => {
    let carol: TestUser;
    beforeAll(async () => {
      carol = await t.makeUser();
      const sessions = [30, 10, 20].map((timeListening, i) =>
        seedLocalSession(c, {
          id: `play_local_carol${i}`,
          timeListening,
          startedAt: 1668580247687 + i * 1000,
          updatedAt: 1668580396623 + i * 1000,
        }),
      );
      await abs(t, carol).post('/session/local-all', { sessions }).expect(200);
    });

    it('answers 404 to a user and the list to an operator, with the user of each session', async () => {
      const user = await t.makeUser();
      const operator = await t.makeUser({ role: Role.Operator });
      const denied = await abs(t, user).get('/sessions').expect(404);
      expect(denied.text).toBe('Not Found');
      const res = await abs(t, operator).get('/sessions').expect(200);
      expect(res.body).toMatchObject({ page: 0, itemsPerPage: 10, userFilter: null });
      expect(res.body.total).toBeGreaterThanOrEqual(3);
      expect(res.body.numPages).toBe(Math.ceil(res.body.total / 10));
      expect(res.body.sessions).toHaveLength(Math.min(10, res.body.total));
      for (const s of res.body.sessions) {
        expect(s.user).toEqual({ id: s.userId, username: expect.any(String) });
      }
      const carols = res.body.sessions.filter((s: { userId: string }) => s.userId === String(carol.id));
      for (const s of carols) expect(s.user.username).toBe(carol.username);
      // oldest first without `desc`, as upstream (`desc=1` for newest first); no userId without a filter
      expect(res.body).not.toHaveProperty('userId');
      const updated = res.body.sessions.map((s: { updatedAt: number }) => s.updatedAt);
      expect(updated).toEqual([...updated].sort((a, b) => a - b));
      const newest = await abs(t, operator).get('/sessions?desc=1').expect(200);
      const newestUpdated = newest.body.sessions.map((s: { updatedAt: number }) => s.updatedAt);
      expect(newestUpdated).toEqual([...newestUpdated].sort((a, b) => b - a));
    });

    it('filters by user (echoed as userId and userFilter), paginates from page 0, and sorts', async () => {
      const admin = await t.admin();
      const first = await abs(t, admin).get(`/sessions?user=${carol.id}&itemsPerPage=2&desc=1`).expect(200);
      expect(first.body).toMatchObject({
        total: 3,
        numPages: 2,
        page: 0,
        itemsPerPage: 2,
        userId: String(carol.id),
        userFilter: String(carol.id),
      });
      expect(first.body.sessions.map((s: { id: string }) => s.id)).toEqual([
        'play_local_carol2',
        'play_local_carol1',
      ]);
      expect(first.body.sessions[0].user).toBeUndefined();
      const second = await abs(t, admin)
        .get(`/sessions?user=${carol.id}&itemsPerPage=2&page=1&desc=1`)
        .expect(200);
      expect(second.body.sessions.map((s: { id: string }) => s.id)).toEqual(['play_local_carol0']);
      const past = await abs(t, admin).get(`/sessions?user=${carol.id}&itemsPerPage=2&page=5`).expect(200);
      expect(past.body).toMatchObject({ total: 3, sessions: [] });
      const byTime = await abs(t, admin)
        .get(`/sessions?user=${carol.id}&sort=timeListening&desc=0`)
        .expect(200);
      expect(byTime.body.sessions.map((s: { timeListening: number }) => s.timeListening)).toEqual([
        10, 20, 30,
      ]);
      const byTimeDesc = await abs(t, admin)
        .get(`/sessions?user=${carol.id}&sort=timeListening&desc=1`)
        .expect(200);
      expect(byTimeDesc.body.sessions.map((s: { timeListening: number }) => s.timeListening)).toEqual([
        30, 20, 10,
      ]);
      const nobody = await abs(t, admin).get('/sessions?user=root').expect(200);
      expect(nobody.body).toMatchObject({ total: 0, numPages: 0, sessions: [], userFilter: 'root' });
    });

    it('refuses bad list parameters with 400', async () => {
      const admin = await t.admin();
      for (const q of [
        'itemsPerPage=0',
        'itemsPerPage=abc',
        'page=-1',
        'sort=password',
        'desc=maybe',
        'foo=1',
      ]) {
        await abs(t, admin).get(`/sessions?${q}`).expect(400);
      }
    });

    it("lists the caller's own sessions, paginated", async () => {
      const res = await abs(t, carol).get('/me/listening-sessions?itemsPerPage=2&page=1').expect(200);
      expect(res.body).toMatchObject({ total: 3, numPages: 2, page: 1, itemsPerPage: 2 });
      expect(res.body.sessions.map((s: { id: string }) => s.id)).toEqual(['play_local_carol0']);
    });

    it('lists open sessions for operators and admins only', async () => {
      const user = await t.makeUser();
      const operator = await t.makeUser({ role: Role.Operator });
      const { body } = await abs(t, user).post(`/items/${c.bookId}/play`, {}).expect(200);
      await abs(t, user).get('/sessions/open').expect(404);
      const res = await abs(t, operator).get('/sessions/open?itemsPerPage=500').expect(200);
      const mine = res.body.sessions.find((s: { id: string }) => s.id === body.id);
      expect(mine).toMatchObject({
        userId: String(user.id),
        user: { id: String(user.id), username: user.username },
      });
      expect(res.body.sessions.every((s: { id: string }) => !s.id.startsWith('play_local'))).toBe(true);
      expect(res.body.shareSessions).toEqual([]);
    });

    it("accepts the iOS app's string play flags and refuses other strings", async () => {
      const user = await t.makeUser();
      await abs(t, user)
        .post(`/items/${c.bookId}/play`, {
          forceDirectPlay: '1',
          forceTranscode: '',
          mediaPlayer: 'AVPlayer',
        })
        .expect(200);
      await abs(t, user)
        .post(`/items/${c.bookId}/play`, { forceDirectPlay: 'true', forceTranscode: '0' })
        .expect(200);
      await abs(t, user)
        .post(`/items/${c.bookId}/play`, { forceDirectPlay: true, forceTranscode: false })
        .expect(200);
      const bad = await abs(t, user).post(`/items/${c.bookId}/play`, { forceDirectPlay: 'yes' }).expect(400);
      expect(bad.text).toMatch(/forceDirectPlay/);
    });
  });

  describe('deleting', () => {
    it('is admin-only: user 403, operator 403, admin 200 then 404', async () => {
      const owner = await t.makeUser();
      const operator = await t.makeUser({ role: Role.Operator });
      const admin = await t.admin();
      await abs(t, owner)
        .post('/session/local', seedLocalSession(c, { id: 'play_local_del' }))
        .expect(200);
      expect((await abs(t, owner).delete('/sessions/play_local_del').expect(403)).text).toBe('Forbidden');
      await abs(t, operator).delete('/sessions/play_local_del').expect(403);
      await abs(t, admin).delete('/sessions/play_local_del').expect(200);
      expect((await abs(t, owner).get('/me/listening-sessions').expect(200)).body.total).toBe(0);
      await abs(t, admin).delete('/sessions/play_local_del').expect(404);
    });

    it('deletes in batches: user 403, operator 403, admin 200 then 404', async () => {
      const owner = await t.makeUser();
      const operator = await t.makeUser({ role: Role.Operator });
      const admin = await t.admin();
      const ids = ['play_local_b1', 'play_local_b2'];
      await abs(t, owner)
        .post('/session/local-all', { sessions: ids.map((id) => seedLocalSession(c, { id })) })
        .expect(200);
      const body = { sessions: [...ids, 'play_missing'] };
      await abs(t, owner).post('/sessions/batch/delete', body).expect(403);
      await abs(t, operator).post('/sessions/batch/delete', body).expect(403);
      await abs(t, admin).post('/sessions/batch/delete', { sessions: [] }).expect(400);
      await abs(t, admin).post('/sessions/batch/delete', { sessions: 'play_local_b1' }).expect(400);
      await abs(t, admin).post('/sessions/batch/delete', body).expect(200);
      expect((await abs(t, owner).get('/me/listening-sessions').expect(200)).body.total).toBe(0);
      await abs(t, admin).post('/sessions/batch/delete', body).expect(404);
    });
  });

  describe('listening stats', () => {
    it('adds up to the sessions, counting a session that crosses midnight on its start day', async () => {
      const dave = await t.makeUser();
      const as = abs(t, dave);
      const friday2350 = Date.UTC(2024, 0, 5, 22, 50); // 23:50 in Berlin (APP_TIMEZONE of this app)
      await as
        .post('/session/local-all', {
          sessions: [
            seedLocalSession(c, {
              id: 'play_local_midnight',
              timeListening: 2400,
              startedAt: friday2350,
              updatedAt: friday2350 + 40 * 60_000, // 00:30 on Saturday
            }),
            seedLocalSession(c, {
              id: 'play_local_saturday',
              libraryItemId: c.bookId,
              episodeId: null,
              timeListening: 600,
              currentTime: 600,
              startedAt: Date.UTC(2024, 0, 6, 10),
              updatedAt: Date.UTC(2024, 0, 6, 10, 15),
            }),
          ],
        })
        .expect(200);
      const { body: open } = await as.post(`/items/${c.bookId}/play`, {}).expect(200);
      await as.post(`/session/${open.id}/sync`, { currentTime: 605, timeListened: 5 }).expect(200);

      const stats = await as.get('/me/listening-stats').expect(200);
      expect(stats.body.totalTime).toBe(3005);
      expect(stats.body.days).toEqual({ '2024-01-05': 2400, '2024-01-06': 600, [open.date]: 5 });
      // today's open session counts on today's weekday (which may be a Friday or a Saturday itself)
      const week: Record<string, number> = { Friday: 2400, Saturday: 600 };
      week[open.dayOfWeek] = (week[open.dayOfWeek] ?? 0) + 5;
      expect(stats.body.dayOfWeek).toMatchObject(week);
      expect(stats.body.today).toBe(5);
      expect(stats.body.items[c.podcastId]).toEqual({
        id: c.podcastId,
        timeListening: 2400,
        mediaMetadata: expect.objectContaining({ title: 'Welcome to Night Vale' }),
      });
      expect(stats.body.items[c.bookId].timeListening).toBe(605);
      expect(stats.body.recentSessions.map((s: { id: string }) => s.id)).toEqual([
        open.id,
        'play_local_saturday',
        'play_local_midnight',
      ]);
      const list = await as.get('/me/listening-sessions').expect(200);
      const sum = list.body.sessions.reduce(
        (acc: number, s: { timeListening: number }) => acc + s.timeListening,
        0,
      );
      expect(sum).toBe(stats.body.totalTime);
      const midnight = list.body.sessions.find((s: { id: string }) => s.id === 'play_local_midnight');
      expect(midnight).toMatchObject({ date: '2024-01-05', dayOfWeek: 'Friday' });
    });
  });

  describe('idle sessions', () => {
    it('are closed by the scheduled sweep once idle longer than the timeout (36 h by default)', async () => {
      const user = await t.makeUser();
      const { body } = await abs(t, user).post(`/items/${c.bookId}/play`, {}).expect(200);
      // the sweep is a registered @nestjs/schedule interval
      expect(t.app.get(SchedulerRegistry).getIntervals()).toContain('playback-sessions.close-idle');
      const service = t.app.get(PlaybackSessionsService);
      expect(await service.closeIdle(nowMicros() + 35 * 3600 * 1_000_000)).toBe(0);
      await abs(t, user).get(`/session/${body.id}`).expect(200);
      expect(await service.closeIdle(nowMicros() + 37 * 3600 * 1_000_000)).toBeGreaterThanOrEqual(1);
      await abs(t, user).get(`/session/${body.id}`).expect(404);
      const list = await abs(t, user).get('/me/listening-sessions').expect(200);
      expect(list.body.sessions[0]).toMatchObject({ id: body.id });
    });
  });
});
