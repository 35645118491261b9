/**
 * The real Audiobookshelf clients' whole session path, replayed request by request from ../shared/CLIENTS.md
 * section 2 (the clients are not on npm): the web client 2.36, the Android app and the iOS app 0.14, each
 * from `/status` to login, browsing, play, fetching audio with Range, syncing, closing, offline uploads,
 * mark-finished, continue-listening and token refresh, with the bodies and headers each sends, asserting every key each reads.
 * The library is scanned from real files written here (a two-file book, a podcast with two episodes).
 */
import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role } from '../../src/common/auth-user';
import { tempMediaDir } from '../project-content/helpers';
import { bearer, startTestApp, TestApp } from '../utils/test-app';
import { mp3File, PNG_1PX, put, wavFile } from './audio-fixtures';

const BOOK_DIR = 'books/Ann Author/The Book';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What Android's Kotlin `LibraryItem` requires (CLIENTS.md 2.4). */
const KOTLIN_ITEM = ['id', 'ino', 'libraryId', 'folderId', 'path', 'relPath', 'mediaType', 'media'];
/** What Android's Kotlin `Library` requires non-null. */
const KOTLIN_LIBRARY = ['id', 'name', 'folders', 'icon', 'mediaType'];

function expectKeys(value: Record<string, unknown>, keys: string[]): void {
  for (const key of keys) {
    expect([key, value[key] === undefined || value[key] === null]).toEqual([key, false]);
  }
}

/** The play response as the web player, Jackson (Android) and Codable (iOS) read it (CLIENTS.md 2.5). */
function expectPlayableSession(s: Record<string, any>, mediaType: 'book' | 'podcast'): void {
  expectKeys(s, ['id', 'mediaType', 'mediaMetadata', 'deviceInfo', 'chapters', 'audioTracks', 'libraryItem']);
  expect(s).toMatchObject({ mediaType, playMethod: 0 });
  for (const key of ['duration', 'timeListening', 'currentTime']) expect(typeof s[key]).toBe('number');
  expect(typeof s.displayTitle).toBe('string');
  expect(typeof s.mediaMetadata.title).toBe('string');
  expect(Array.isArray(s.mediaMetadata.genres)).toBe(true);
  if (mediaType === 'book') {
    // Jackson tells a book from a podcast by a book-only key; authors are [{id, name}]
    expect(s.mediaMetadata.authors).toEqual([
      { id: expect.stringMatching(/^aut_/), name: expect.any(String) },
    ]);
  }
  for (const c of s.chapters) {
    expect(Number.isInteger(c.id)).toBe(true);
    expect(typeof c.start === 'number' && typeof c.end === 'number' && typeof c.title === 'string').toBe(
      true,
    );
  }
  expect(s.audioTracks.length).toBeGreaterThan(0);
  for (const tr of s.audioTracks) {
    expect(typeof tr.title === 'string' && typeof tr.contentUrl === 'string').toBe(true);
    expect(typeof tr.duration === 'number' && typeof tr.mimeType === 'string').toBe(true);
    expect(typeof tr.index === 'number' && typeof tr.startOffset === 'number').toBe(true);
    expectKeys(tr.metadata, ['filename', 'ext', 'path', 'relPath']);
  }
  expectKeys(s.libraryItem, KOTLIN_ITEM);
}

describe('Audiobookshelf clients, replayed from CLIENTS.md (e2e)', () => {
  let t: TestApp;
  let media: string;
  let origin: string;
  let books: string;
  let podcasts: string;

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    media = tempMediaDir();
    put(
      join(media, BOOK_DIR, '01 Opening.wav'),
      wavFile(30, { title: 'Opening', artist: 'Ann Author', album: 'The Book', genre: 'Fantasy' }),
    );
    put(
      join(media, BOOK_DIR, '02 Closing.wav'),
      wavFile(20, { title: 'Closing', artist: 'Ann Author', album: 'The Book', genre: 'Fantasy' }),
    );
    put(join(media, BOOK_DIR, 'cover.png'), PNG_1PX);
    put(
      join(media, 'podcasts/Night Radio/ep1.mp3'),
      mp3File(40, { title: 'Pilot', artist: 'Night Radio', album: 'Night Radio' }),
    );
    put(
      join(media, 'podcasts/Night Radio/ep2.mp3'),
      mp3File(35, { title: 'Second', artist: 'Night Radio', album: 'Night Radio' }),
    );
    t = await startTestApp({
      MEDIA_DIR: media,
      JWT_EXPIRES_IN: '3600',
      PLAYBACK_FINISHED_THRESHOLD_SECONDS: '5',
    });
    await t.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const admin = await t.admin();
    const make = async (name: string, mediaType: string, folder: string) =>
      (
        await t.http
          .post('/audiobookshelf/api/libraries')
          .set('Authorization', bearer(admin))
          .send({ name, mediaType, folders: [{ fullPath: folder }], icon: 'database', provider: 'google' })
          .expect(200)
      ).body.id as string;
    books = await make('Audiobooks', 'book', 'books');
    podcasts = await make('Podcasts', 'podcast', 'podcasts');
  });
  afterAll(() => t.close());

  /** `GET /status` as both the web login page and the app's server form read it. */
  async function status(): Promise<void> {
    const body = (await t.http.get('/audiobookshelf/status').expect(200)).body;
    expect('isInit' in body && 'language' in body && body.isInit).toBe(true);
    expect(body.authMethods).toContain('local');
    expectKeys(body.authFormData, ['authOpenIDButtonText']);
    expect(body.authFormData.authOpenIDAutoLaunch).toBe(false);
    expect(typeof body.serverVersion).toBe('string');
  }

  /** The login payload keys the web `setUser` and the app's config step read (CLIENTS.md 2.2-2.3). */
  function expectLoginPayload(body: Record<string, any>): void {
    expectKeys(body, ['user', 'serverSettings', 'ereaderDevices', 'Source', 'userDefaultLibraryId']);
    expect(body.serverSettings.language).toBe('en-us');
    const [major, minor] = String(body.serverSettings.version).split('.').map(Number);
    expect(major > 2 || (major === 2 && minor >= 26)).toBe(true);
    expect(typeof body.serverSettings.chromecastEnabled).toBe('boolean');
    expect(typeof body.serverSettings.sortingIgnorePrefix).toBe('boolean');
    expectKeys(body.user, ['id', 'username', 'mediaProgress', 'permissions', 'librariesAccessible', 'type']);
    expect(body.user.token).not.toBe(body.user.accessToken);
    expect(body.user.isOldToken).toBe(false);
  }

  /** A player's Range request for bytes `start`–`end` of `file` at `path`: 206, `type`, exactly those bytes. */
  async function expectRange(path: string, file: Buffer, start: number, end: number, type: string) {
    const part = await audio(path, `bytes=${start}-${end}`);
    expect([part.status, part.type]).toEqual([206, type]);
    expect(part.bytes.equals(file.subarray(start, end + 1))).toBe(true);
  }

  /** Fetches audio as a player does (no credential unless given), answering status, type and bytes. */
  async function audio(path: string, range: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${origin}${path}`, { headers: { Range: range, ...headers } });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }

  it('web client 2.36: status → login → library page → item → play → <audio> Range → sync → close → refresh', async () => {
    const user = await t.makeUser({ role: Role.User });
    // a saved token that no longer works: POST /api/authorize, body null → 401, then the status check
    await t.http
      .post('/audiobookshelf/api/authorize')
      .set('Authorization', 'Bearer stale.jwt.token')
      .expect(401);
    await status();
    const login = await t.http
      .post('/audiobookshelf/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
    expectLoginPayload(login.body);
    expect(login.body.userDefaultLibraryId).toBe(books);
    const cookie = String(
      ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('refresh_token=')),
    ).split(';')[0];
    const auth = `Bearer ${login.body.user.accessToken}`;
    const get = (path: string) => t.http.get(`/audiobookshelf${path}`).set('Authorization', auth).expect(200);

    const { libraries } = (await get('/api/libraries')).body;
    expect(libraries.map((l: { id: string }) => l.id)).toEqual([books, podcasts]);
    const page = (await get(`/api/libraries/${books}?include=filterdata`)).body;
    expectKeys(page, ['library', 'filterdata', 'issues', 'numUserPlaylists']);
    for (const key of [
      'authors',
      'genres',
      'tags',
      'series',
      'narrators',
      'languages',
      'publishers',
      'publishedDecades',
    ])
      expect(Array.isArray(page.filterdata[key])).toBe(true);
    expect(page.filterdata.bookCount).toBe(1);
    const shelves = (
      await get(`/api/libraries/${books}/personalized?include=rssfeed,numEpisodesIncomplete,share`)
    ).body;
    expect(shelves.find((s: { id: string }) => s.id === 'recently-added').entities).toHaveLength(1);
    const shelf = (
      await get(
        `/api/libraries/${books}/items?sort=media.metadata.title&desc=0&limit=35&page=0&minified=1&collapseseries=0&include=rssfeed,numEpisodesIncomplete,share`,
      )
    ).body;
    expect(shelf).toMatchObject({ total: 1, page: 0, limit: 35, minified: true });
    const bookId = shelf.results[0].id as string;
    const item = (await get(`/api/items/${bookId}?expanded=1&include=progress,rssfeed,share`)).body;
    expect(item.media.tracks).toHaveLength(2);
    expect(item.userMediaProgress).toBeUndefined();
    const cover = await audio(`/audiobookshelf/api/items/${bookId}/cover?ts=${item.updatedAt}`, 'bytes=0-');
    expect(cover.bytes.equals(PNG_1PX)).toBe(true);

    const deviceId = 'web-7f3a';
    const play = await t.http
      .post(`/audiobookshelf/api/items/${bookId}/play`)
      .set('Authorization', auth)
      .send({
        deviceInfo: { clientName: 'Abs Web', deviceId },
        supportedMimeTypes: [
          'audio/flac',
          'audio/mpeg',
          'audio/mp4',
          'audio/ogg',
          'audio/aac',
          'audio/webm',
          'audio/wav',
        ],
        mediaPlayer: 'html5',
        forceTranscode: false,
        forceDirectPlay: false,
      })
      .expect(200);
    const session = play.body;
    expectPlayableSession(session, 'book');
    expect(session.displayAuthor).toBe('Ann Author');
    expect(session.chapters.map((c: { title: string }) => c.title)).toEqual(['Opening', 'Closing']);
    // AudioTrack.js: /audiobookshelf/public/session/<id>/track/<index>, no credential
    const first = readFileSync(join(media, BOOK_DIR, '01 Opening.wav'));
    await expectRange(
      `/audiobookshelf/public/session/${session.id}/track/${session.audioTracks[0].index}`,
      first,
      0,
      1023,
      'audio/wav',
    );

    // PlayerHandler: {timeListened: int, currentTime: float}; the hub credits at most the wall clock
    await pause(1200);
    const synced = await t.http
      .post(`/audiobookshelf/api/session/${session.id}/sync`)
      .set('Authorization', auth)
      .send({ timeListened: 20, currentTime: 20.4 })
      .expect(200);
    expect(synced.body.currentTime).toBe(20.4);
    expect(synced.body.timeListening).toBeLessThanOrEqual(20);
    // close with axios's `null` data: no body, axios 0.x's default form content type for a POST
    await t.http
      .post(`/audiobookshelf/api/session/${session.id}/close`)
      .set('Authorization', auth)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .expect(200);
    expect((await audio(`/audiobookshelf/public/session/${session.id}/track/1`, 'bytes=0-1')).status).toBe(
      404,
    );
    const after = (await get(`/api/items/${bookId}?expanded=1&include=progress,rssfeed,share`)).body;
    expect(after.userMediaProgress).toMatchObject({
      libraryItemId: bookId,
      currentTime: 20.4,
      isFinished: false,
    });
    const resumed = await t.http
      .post(`/audiobookshelf/api/items/${bookId}/play`)
      .set('Authorization', auth)
      .send({ deviceInfo: { clientName: 'Abs Web', deviceId }, mediaPlayer: 'html5' })
      .expect(200);
    expect(resumed.body.currentTime).toBe(20.4);

    // LazyBookCard "mark as finished": PATCH /api/me/progress/:libraryItemId {isFinished: true} → OK
    const finished = await t.http
      .patch(`/audiobookshelf/api/me/progress/${bookId}`)
      .set('Authorization', auth)
      .send({ isFinished: true })
      .expect(200);
    expect(finished.text).toBe('OK');
    const done = (await get(`/api/items/${bookId}?expanded=1&include=progress,rssfeed,share`)).body
      .userMediaProgress;
    expect(done).toMatchObject({ isFinished: true, progress: 1, finishedAt: expect.any(Number) });
    const shelvesAfter = (
      await get(`/api/libraries/${books}/personalized?include=rssfeed,numEpisodesIncomplete,share`)
    ).body;
    expect(shelvesAfter.find((s: { id: string }) => s.id === 'listen-again').entities[0].id).toBe(bookId);
    expect(shelvesAfter.some((s: { id: string }) => s.id === 'continue-listening')).toBe(false);
    // a finished item plays again from 0 (upstream's start position)
    const again = await t.http
      .post(`/audiobookshelf/api/items/${bookId}/play`)
      .set('Authorization', auth)
      .send({ deviceInfo: { clientName: 'Abs Web', deviceId }, mediaPlayer: 'html5' })
      .expect(200);
    expect(again.body.currentTime).toBe(0);
    // un-finish, move on, then "remove from continue listening" (GET …/:progressId/remove-from-continue-listening)
    await t.http
      .patch(`/audiobookshelf/api/me/progress/${bookId}`)
      .set('Authorization', auth)
      .send({ isFinished: false })
      .expect(200);
    await pause(1100);
    await t.http
      .post(`/audiobookshelf/api/session/${again.body.id}/sync`)
      .set('Authorization', auth)
      .send({ timeListened: 1, currentTime: 5 })
      .expect(200);
    const listening = (await get(`/api/libraries/${books}/personalized`)).body;
    expect(listening.find((s: { id: string }) => s.id === 'continue-listening').entities[0].id).toBe(bookId);
    await get(`/api/me/progress/${done.id}/remove-from-continue-listening`);
    const hidden = (await get(`/api/libraries/${books}/personalized`)).body;
    expect(hidden.some((s: { id: string }) => s.id === 'continue-listening')).toBe(false);

    // a 401 → POST /auth/refresh, no body, the httpOnly cookie
    const refreshed = await t.http.post('/audiobookshelf/auth/refresh').set('Cookie', cookie).expect(200);
    expect(typeof refreshed.body.user.accessToken).toBe('string');
    await t.http
      .get('/audiobookshelf/api/me')
      .set('Authorization', `Bearer ${refreshed.body.user.accessToken}`)
      .expect(200);
  });

  it('Android app: status → login (x-return-tokens) → ping → authorize {} → shelves → play → Range → sync → resume → close → refresh', async () => {
    const user = await t.makeUser({ role: Role.User });
    await status();
    const login = await t.http
      .post('/audiobookshelf/login')
      .set('x-return-tokens', 'true')
      .send({ username: user.username, password: user.password })
      .expect(200);
    expectLoginPayload(login.body);
    const { accessToken, refreshToken } = login.body.user;
    expect(typeof refreshToken).toBe('string');
    expect((await t.http.get('/audiobookshelf/ping').expect(200)).body.success).toBe(true);
    const auth = `Bearer ${accessToken}`;
    const authorized = await t.http
      .post('/audiobookshelf/api/authorize')
      .set('Authorization', auth)
      .send({})
      .expect(200);
    expect(Array.isArray(authorized.body.user.mediaProgress)).toBe(true);
    const get = (path: string) => t.http.get(`/audiobookshelf${path}`).set('Authorization', auth).expect(200);

    const { libraries } = (await get('/api/libraries?include=stats')).body;
    for (const l of libraries) {
      expectKeys(l, KOTLIN_LIBRARY);
      expectKeys(l.stats, ['totalItems', 'totalSize', 'totalDuration', 'numAudioFiles']);
    }
    const shelves = (
      await get(`/api/libraries/${podcasts}/personalized?minified=1&include=rssfeed,numEpisodesIncomplete`)
    ).body;
    for (const s of shelves) expectKeys(s, ['id', 'label', 'labelStringKey', 'type', 'entities', 'total']);
    const newest = shelves.find((s: { id: string }) => s.id === 'newest-episodes');
    expect(newest.type).toBe('episode');
    expect(
      newest.entities.map((e: { recentEpisode: { title: string } }) => e.recentEpisode.title).sort(),
    ).toEqual(['Pilot', 'Second']);
    const list = (
      await get(`/api/libraries/${podcasts}/items?limit=20&page=0&minified=1&sort=media.metadata.title`)
    ).body;
    const podcastId = list.results[0].id as string;
    const item = (await get(`/api/items/${podcastId}?expanded=1`)).body;
    expectKeys(item, KOTLIN_ITEM);
    const episode = item.media.episodes.find((e: { title: string }) => e.title === 'Pilot');

    const deviceInfo = {
      deviceId: 'android-9c1e',
      manufacturer: 'Google',
      model: 'Pixel 8',
      sdkVersion: 34,
      clientVersion: '0.14.0-beta',
    };
    const play = await t.http
      .post(`/audiobookshelf/api/items/${podcastId}/play/${episode.id}`)
      .set('Authorization', auth)
      .send({ mediaPlayer: 'exo-player', forceDirectPlay: false, forceTranscode: false, deviceInfo })
      .expect(200);
    const session = play.body;
    expectPlayableSession(session, 'podcast');
    expect(session.deviceInfo).toMatchObject({
      deviceId: 'android-9c1e',
      manufacturer: 'Google',
      model: 'Pixel 8',
      clientVersion: '0.14.0-beta',
      sdkVersion: '34',
    });
    // ≥ 2.22.0: <address>/public/session/<id>/track/<index>; a podcast's one track also answers to 0
    const file = readFileSync(join(media, 'podcasts/Night Radio/ep1.mp3'));
    for (const index of [session.audioTracks[0].index, 0]) {
      await expectRange(
        `/audiobookshelf/public/session/${session.id}/track/${index}`,
        file,
        100,
        4095,
        'audio/mpeg',
      );
    }

    await pause(1200);
    const synced = await t.http
      .post(`/audiobookshelf/api/session/${session.id}/sync`)
      .set('Authorization', auth)
      .send({ timeListened: 15, duration: session.duration, currentTime: 15.5 })
      .expect(200);
    expect(synced.body.error).toBeUndefined(); // Android: success = no `error` key
    // on resume after a pause: GET /api/session/:id parses as the play response
    const resumed = (await get(`/api/session/${session.id}`)).body;
    expectPlayableSession(resumed, 'podcast');
    expect(resumed.currentTime).toBe(15.5);
    // close: an empty body without Content-Type
    await t.http
      .post(`/audiobookshelf/api/session/${session.id}/close`)
      .set('Authorization', auth)
      .expect(200);
    const progress = (await get(`/api/me/progress/${podcastId}/${episode.id}`)).body;
    expect(progress).toMatchObject({ libraryItemId: podcastId, episodeId: episode.id, currentTime: 15.5 });
    expect(typeof progress.id).toBe('string');

    // Android Auto's continue shelf: GET /api/me/items-in-progress, progressLastUpdate read with getLong
    const inProgress = (await get('/api/me/items-in-progress')).body.libraryItems;
    expect(inProgress).toHaveLength(1);
    expect(inProgress[0]).toMatchObject({ id: podcastId, recentEpisode: { id: episode.id } });
    expect(Number.isInteger(inProgress[0].progressLastUpdate)).toBe(true);

    // the streamed session's device copy, synced late (the network was down): local-all with its server id
    const later = await t.http
      .post(`/audiobookshelf/api/items/${podcastId}/play/${episode.id}`)
      .set('Authorization', auth)
      .send({ mediaPlayer: 'exo-player', forceDirectPlay: false, forceTranscode: false, deviceInfo })
      .expect(200);
    await pause(1200);
    const offline = {
      id: later.body.id,
      userId: String(user.id),
      libraryItemId: podcastId,
      episodeId: episode.id,
      mediaType: 'podcast',
      displayTitle: later.body.displayTitle,
      displayAuthor: later.body.displayAuthor,
      duration: later.body.duration,
      playMethod: 0,
      startedAt: later.body.startedAt,
      updatedAt: Date.now(),
      timeListening: 1,
      currentTime: 17,
      mediaPlayer: 'exo-player',
      deviceInfo,
    };
    const uploaded = await t.http
      .post('/audiobookshelf/api/session/local-all')
      .set('Authorization', auth)
      .send({ sessions: [offline], deviceInfo })
      .expect(200);
    expect(uploaded.body.results).toEqual([{ id: later.body.id, success: true, progressSynced: true }]);
    expect((await get(`/api/me/progress/${podcastId}/${episode.id}`)).body.currentTime).toBe(17);
    // an older copy of the same session changes nothing
    const stale = await t.http
      .post('/audiobookshelf/api/session/local')
      .set('Authorization', auth)
      .send({ ...offline, updatedAt: offline.updatedAt - 500, currentTime: 3 })
      .expect(200);
    expect(stale.body).toEqual({ id: later.body.id, success: true, progressSynced: false });
    expect((await get(`/api/me/progress/${podcastId}/${episode.id}`)).body.currentTime).toBe(17);

    // a 401 → POST /auth/refresh with x-refresh-token and an empty body
    const refreshed = await t.http
      .post('/audiobookshelf/auth/refresh')
      .set('x-refresh-token', refreshToken)
      .expect(200);
    expect(typeof refreshed.body.user.accessToken).toBe('string');
    expect(typeof refreshed.body.user.refreshToken).toBe('string');
  });

  it('iOS app: login → play with string flags → the file route with ?token= and the track route → sync → close → offline upload → refresh', async () => {
    const user = await t.makeUser({ role: Role.User });
    await status();
    const login = await t.http
      .post('/audiobookshelf/login')
      .set('x-return-tokens', 'true')
      .send({ username: user.username, password: user.password })
      .expect(200);
    expectLoginPayload(login.body);
    const { accessToken, refreshToken } = login.body.user;
    const auth = `Bearer ${accessToken}`;
    const list = (
      await t.http
        .get(`/audiobookshelf/api/libraries/${books}/items?limit=10&page=0&minified=1`)
        .set('Authorization', auth)
        .expect(200)
    ).body;
    const bookId = list.results[0].id as string;
    const play = await t.http
      .post(`/audiobookshelf/api/items/${bookId}/play`)
      .set('Authorization', auth)
      .send({
        forceDirectPlay: '1',
        forceTranscode: '',
        mediaPlayer: 'AVPlayer',
        deviceInfo: {
          deviceId: 'ios-4b2d',
          manufacturer: 'Apple',
          model: 'iPhone15,2',
          clientVersion: '0.14.0-beta',
        },
      })
      .expect(200);
    const session = play.body;
    expectPlayableSession(session, 'book');
    // older servers' route: <address>/api/items/<id>/file/<ino>?token=
    const ino = session.libraryItem.media.audioFiles[1].ino as string;
    const second = readFileSync(join(media, BOOK_DIR, '02 Closing.wav'));
    const fileUrl = `/audiobookshelf/api/items/${bookId}/file/${ino}?token=${accessToken}`;
    await expectRange(fileUrl, second, 0, 99, 'audio/wav');
    const trackUrl = `/audiobookshelf/public/session/${session.id}/track/2`;
    await expectRange(trackUrl, second, second.length - 10, second.length - 1, 'audio/wav');

    await pause(1200);
    // iOS: POST api/session/:id/sync relative to the server address
    await t.http
      .post(`/audiobookshelf/api/session/${session.id}/sync`)
      .set('Authorization', auth)
      .send({ currentTime: 31.25, duration: session.duration, timeListened: 1.1 })
      .expect(200);
    await t.http
      .post(`/audiobookshelf/api/session/${session.id}/close`)
      .set('Authorization', auth)
      .send({})
      .expect(200);

    // offline listening uploaded later: local-all without per-session deviceInfo
    const now = Date.now();
    const upload = await t.http
      .post('/audiobookshelf/api/session/local-all')
      .set('Authorization', auth)
      .send({
        sessions: [
          {
            id: 'a7d2c7e4-5b36-4bcb-9d2a-6f1b7a9c0e11',
            libraryItemId: bookId,
            mediaType: 'book',
            displayTitle: 'The Book',
            displayAuthor: 'Ann Author',
            duration: session.duration,
            playMethod: 3,
            startedAt: now - 120_000,
            updatedAt: now,
            timeListening: 100,
            currentTime: 45,
            mediaPlayer: 'AVPlayer',
          },
        ],
        deviceInfo: {
          deviceId: 'ios-4b2d',
          manufacturer: 'Apple',
          model: 'iPhone15,2',
          clientVersion: '0.14.0-beta',
        },
      })
      .expect(200);
    expect(upload.body.results).toEqual([
      { id: 'a7d2c7e4-5b36-4bcb-9d2a-6f1b7a9c0e11', success: true, progressSynced: true },
    ]);
    const me = (await t.http.get('/audiobookshelf/api/me').set('Authorization', auth).expect(200)).body;
    expect(me.mediaProgress.find((p: { libraryItemId: string }) => p.libraryItemId === bookId)).toMatchObject(
      { currentTime: 45 },
    );

    // a 401 → POST /auth/refresh with x-refresh-token and no body at all
    const refreshed = await t.http
      .post('/audiobookshelf/auth/refresh')
      .set('x-refresh-token', refreshToken)
      .expect(200);
    expect(typeof refreshed.body.user.accessToken).toBe('string');
  });
});
