/**
 * Audiobookshelf libraries from real files (issue 15 parts 2 and 3): an admin creates a library on a folder
 * of the media store, the scan reads the audio files the test wrote (WAV with INFO tags, MP3 with ID3 and an
 * embedded cover), and the clients browse it (libraries, filter data, items paged/sorted/filtered,
 * personalised shelves, the expanded item with progress) and fetch its audio (the file route with Bearer or
 * `?token=`, the public session track route) with HTTP Range. Media security: nothing outside MEDIA_DIR, no
 * symbolic link followed, another user's session track refused to them, bad Range → 416.
 */
import { Logger } from '@nestjs/common';
import { readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Role } from '../../src/common/auth-user';
import { tempMediaDir } from '../project-content/helpers';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { mp3File, PNG_1PX, put, wavFile } from './audio-fixtures';

const b64 = (s: string) => Buffer.from(s).toString('base64');

interface Item {
  id: string;
  ino: string;
  path: string;
  isMissing: boolean;
  media: {
    metadata: {
      title: string;
      authors: { id: string; name: string }[];
      narrators: string[];
      genres: string[];
    };
    coverPath: string | null;
    duration: number;
    chapters: { id: number; start: number; end: number; title: string }[];
    audioFiles: {
      ino: string;
      index: number;
      duration: number;
      mimeType: string;
      metadata: { relPath: string };
    }[];
    tracks: { index: number; contentUrl: string; duration: number; startOffset: number }[];
  };
}

describe('Audiobookshelf libraries from real files (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  let media: string;
  let base: string;
  let libraryId: string;
  let book: Item;
  let lone: Item;

  const get = (path: string, who: TestUser) =>
    t.http.get(`/audiobookshelf/api${path}`).set('Authorization', bearer(who));
  /** A raw fetch on the listening socket (byte-exact bodies, any header). */
  const raw = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    media = tempMediaDir();
    put(
      join(media, 'books/Ann Author/The Book/01 Opening.wav'),
      wavFile(2.5, { title: 'Opening', artist: 'Ann Author', album: 'The Book', genre: 'Fantasy' }),
    );
    put(
      join(media, 'books/Ann Author/The Book/02 Closing.wav'),
      wavFile(1.5, { title: 'Closing', artist: 'Ann Author', album: 'The Book', genre: 'Fantasy' }),
    );
    put(join(media, 'books/Ann Author/The Book/cover.png'), PNG_1PX);
    put(
      join(media, 'books/Lone Track.mp3'),
      mp3File(
        3,
        { title: 'Lone Track', artist: 'Zed Writer', composer: 'Nora Narrator', genre: 'Mystery' },
        PNG_1PX,
      ),
    );
    put(join(media, 'books/Broken/notes.mp3'), Buffer.from('not audio at all'));
    put(join(media, 'outside-secret.mp3'), mp3File(1));
    // A link inside the library to a file outside it, and to a folder outside the store: never followed.
    put(join(media, 'books/Linked/placeholder.txt'), Buffer.from('x'));
    symlinkSync('/etc/hostname', join(media, 'books/Linked/evil.mp3'));
    symlinkSync('/etc', join(media, 'books/etc-link'));
    // The fixtures last seconds: no finished threshold, so a position short of the end is in progress.
    t = await startTestApp({
      MEDIA_DIR: media,
      JWT_EXPIRES_IN: '3600',
      PLAYBACK_FINISHED_THRESHOLD_SECONDS: '0',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/audiobookshelf`;
    admin = await t.admin();
    alice = await t.makeUser({ role: Role.User });
    bob = await t.makeUser({ role: Role.User });

    const created = await t.http
      .post('/audiobookshelf/api/libraries')
      .set('Authorization', bearer(admin))
      .send({
        name: 'Audiobooks',
        folders: [{ fullPath: join(media, 'books') }],
        icon: 'database',
        mediaType: 'book',
        provider: 'google',
        settings: {},
      })
      .expect(200);
    libraryId = created.body.id;
    expect(created.body.folders).toEqual([
      { id: expect.stringMatching(/^fol_/), fullPath: '/books', libraryId, addedAt: expect.any(Number) },
    ]);
    expect(created.body.lastScan).toEqual(expect.any(Number));
    const items = (await get(`/libraries/${libraryId}/items?sort=media.metadata.title`, alice).expect(200))
      .body.results as Item[];
    [lone, book] = items;
  });
  afterAll(async () => {
    await t.close();
    rmSync(media, { recursive: true, force: true });
  });

  it('reads books from the files: titles, authors with ids, durations, chapters, tracks, covers', () => {
    expect(book.path).toBe('/books/Ann Author/The Book');
    expect(book.media.metadata.title).toBe('The Book');
    expect(book.media.metadata.authors).toEqual([{ id: expect.stringMatching(/^aut_/), name: 'Ann Author' }]);
    expect(book.media.metadata.genres).toEqual(['Fantasy']);
    expect(book.media.duration).toBeCloseTo(4, 5);
    expect(book.media.audioFiles.map((f) => [f.index, f.metadata.relPath, f.mimeType])).toEqual([
      [1, '01 Opening.wav', 'audio/wav'],
      [2, '02 Closing.wav', 'audio/wav'],
    ]);
    expect(book.media.chapters).toEqual([
      { id: 0, start: 0, end: 2.5, title: 'Opening' },
      { id: 1, start: 2.5, end: 4, title: 'Closing' },
    ]);
    expect(book.media.tracks.map((tr) => [tr.index, tr.startOffset, tr.contentUrl])).toEqual([
      [1, 0, `/api/items/${book.id}/file/${book.media.audioFiles[0].ino}`],
      [2, 2.5, `/api/items/${book.id}/file/${book.media.audioFiles[1].ino}`],
    ]);
    expect(book.media.coverPath).toBe('/books/Ann Author/The Book/cover.png');
    expect(lone.path).toBe('/books/Lone Track.mp3');
    expect(lone.media.metadata).toMatchObject({ title: 'Lone Track', narrators: ['Nora Narrator'] });
    expect(lone.media.metadata.authors[0].name).toBe('Zed Writer');
    expect(lone.media.duration).toBeCloseTo(3, 1);
    expect(lone.media.coverPath).toMatch(/^\/\.abs-covers\/.+\.png$/);
  });

  it('skips what it cannot read and never follows a link out of the store', async () => {
    const all = (await get(`/libraries/${libraryId}/items`, alice).expect(200)).body;
    expect(all.total).toBe(2);
    const paths = (all.results as Item[]).map((i) => i.path);
    expect(paths.some((p) => /Broken|Linked|etc/.test(p))).toBe(false);
    const report = await t.http
      .post(`/audiobookshelf/api/libraries/${libraryId}/scan`)
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(report.body).toMatchObject({
      libraryId,
      added: 0,
      updated: 2,
      missing: 0,
      failed: ['books/Broken/notes.mp3'],
    });
  });

  it('refuses folders outside the store or in its own folders, and scans only for admins', async () => {
    for (const fullPath of [
      '../elsewhere',
      '/etc',
      media,
      'roundware',
      'guidebook/x',
      '.incoming',
      'books/etc-link',
    ]) {
      const res = await t.http
        .post('/audiobookshelf/api/libraries')
        .set('Authorization', bearer(admin))
        .send({ name: 'Bad', mediaType: 'book', folders: [{ fullPath }] });
      expect([fullPath, res.status]).toEqual([fullPath, 400]);
      expect(res.text).toMatch(/folders\.0\.fullPath/);
    }
    await t.http
      .post(`/audiobookshelf/api/libraries/${libraryId}/scan`)
      .set('Authorization', bearer(alice))
      .expect(403);
    await t.http
      .post('/audiobookshelf/api/libraries')
      .set('Authorization', bearer(alice))
      .send({ name: 'X', mediaType: 'book' })
      .expect(403);
  });

  it('lists libraries (with stats) and one library with its filter data', async () => {
    const list = (await get('/libraries?include=stats', alice).expect(200)).body;
    expect(list.libraries).toHaveLength(1);
    expect(list.libraries[0]).toMatchObject({
      id: libraryId,
      name: 'Audiobooks',
      mediaType: 'book',
      icon: expect.any(String),
      displayOrder: 1,
      stats: { totalItems: 2, numAudioFiles: 3 },
    });
    expect(list.libraries[0].stats.totalDuration).toBeCloseTo(7, 1);
    const plain = (await get(`/libraries/${libraryId}`, alice).expect(200)).body;
    expect(plain.id).toBe(libraryId);
    const withData = (await get(`/libraries/${libraryId}?include=filterdata`, alice).expect(200)).body;
    expect(withData.library.id).toBe(libraryId);
    expect(withData.filterdata).toMatchObject({
      authors: [
        { id: book.media.metadata.authors[0].id, name: 'Ann Author' },
        { id: lone.media.metadata.authors[0].id, name: 'Zed Writer' },
      ],
      genres: ['Fantasy', 'Mystery'],
      narrators: ['Nora Narrator'],
      bookCount: 2,
      authorCount: 2,
      podcastCount: 0,
      numIssues: 0,
    });
    expect(withData.numUserPlaylists).toBe(0);
    await get('/libraries/lib_nope', alice).expect(404);
  });

  it('pages, sorts and filters items as the bookshelf asks', async () => {
    const page = (q: string) => get(`/libraries/${libraryId}/items?${q}`, alice).expect(200);
    const desc = (
      await page('limit=1&page=0&sort=media.duration&desc=1&minified=1&collapseseries=0&include=rssfeed')
    ).body;
    expect(desc).toMatchObject({
      total: 2,
      limit: 1,
      page: 0,
      sortBy: 'media.duration',
      sortDesc: true,
      minified: true,
      offset: 0,
      mediaType: 'book',
    });
    expect(desc.results.map((i: Item) => i.id)).toEqual([book.id]);
    expect(desc.results[0].media).toMatchObject({
      numTracks: 2,
      numAudioFiles: 2,
      numChapters: 2,
      metadata: { authorName: 'Ann Author', authorNameLF: 'Author, Ann' },
    });
    expect(
      (await page('limit=1&page=1&sort=media.duration&desc=1')).body.results.map((i: Item) => i.id),
    ).toEqual([lone.id]);
    const byAuthor = (
      await page(`filter=authors.${encodeURIComponent(b64(lone.media.metadata.authors[0].id))}`)
    ).body;
    expect(byAuthor.results.map((i: Item) => i.id)).toEqual([lone.id]);
    expect((await page(`filter=genres.${b64('Fantasy')}`)).body.results.map((i: Item) => i.id)).toEqual([
      book.id,
    ]);
    expect((await page('filter=genres.%%%')).body.total).toBe(0);
    await get(`/libraries/${libraryId}/items?limit=-1`, alice).expect(400);
    await get(`/libraries/${libraryId}/items?bogus=1`, alice).expect(400);
  });

  it('plays: the file route with Range, by Bearer or ?token=, and refuses without', async () => {
    const file = join(media, 'books/Ann Author/The Book/01 Opening.wav');
    const bytes = readFileSync(file);
    const url = `/api/items/${book.id}/file/${book.media.audioFiles[0].ino}`;
    const whole = await raw(url, { Authorization: bearer(alice) });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await raw(`${url}?token=${alice.token}`, { Range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${statSync(file).size}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const bad = await raw(url, { Authorization: bearer(alice), Range: `bytes=${bytes.length + 10}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect(await bad.text()).toBe('Range Not Satisfiable');
    expect((await raw(url)).status).toBe(401);
    expect((await raw(`${url}?token=not-a-token`)).status).toBe(401);
    expect((await raw(`/api/items/${book.id}/file/12345`, { Authorization: bearer(alice) })).status).toBe(
      404,
    );
    expect(
      (await raw(`/api/items/${book.id}/file/..%2F..%2Foutside-secret.mp3`, { Authorization: bearer(alice) }))
        .status,
    ).toBe(404);
    // `?token=` is accepted on media routes only.
    expect((await raw(`/api/libraries?token=${alice.token}`)).status).toBe(401);
  });

  it('plays an open session track without a credential; closed, unknown and other users\u2019 sessions are 404', async () => {
    const play = await t.http
      .post(`/audiobookshelf/api/items/${book.id}/play`)
      .set('Authorization', bearer(alice))
      .send({
        deviceInfo: { clientName: 'Abs Web', deviceId: 'web-1' },
        supportedMimeTypes: ['audio/wav'],
        mediaPlayer: 'html5',
        forceTranscode: false,
        forceDirectPlay: false,
      })
      .expect(200);
    const sid = play.body.id as string;
    expect(play.body.playMethod).toBe(0);
    expect(play.body.audioTracks.map((tr: { contentUrl: string }) => tr.contentUrl)).toEqual(
      book.media.tracks.map((tr) => tr.contentUrl),
    );
    const second = readFileSync(join(media, 'books/Ann Author/The Book/02 Closing.wav'));
    const track = await raw(`/public/session/${sid}/track/2`, { Range: 'bytes=0-43' });
    expect(track.status).toBe(206);
    expect(track.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await track.arrayBuffer()).equals(second.subarray(0, 44))).toBe(true);
    expect((await raw(`/public/session/${sid}/track/1`, { Authorization: bearer(alice) })).status).toBe(200);
    expect((await raw(`/public/session/${sid}/track/3`)).status).toBe(404);
    expect((await raw(`/public/session/${sid}/track/x`)).status).toBe(404);
    // Bob presenting his own credential is held to it: Alice's session is not his.
    expect((await raw(`/public/session/${sid}/track/1`, { Authorization: bearer(bob) })).status).toBe(404);
    expect((await raw(`/public/session/${sid}/track/1?token=${bob.token}`)).status).toBe(404);
    expect((await raw(`/public/session/${sid}/track/1?token=garbage`)).status).toBe(401);
    expect((await raw(`/public/session/${sid}/track/1`, { Authorization: bearer(admin) })).status).toBe(200);
    expect((await raw('/public/session/play_unknown/track/1')).status).toBe(404);
    await t.http
      .post(`/audiobookshelf/api/session/${sid}/close`)
      .set('Authorization', bearer(alice))
      .expect(200);
    expect((await raw(`/public/session/${sid}/track/1`)).status).toBe(404);
  });

  it('serves covers: the folder image and the embedded picture', async () => {
    const folderCover = await raw(`/api/items/${book.id}/cover?ts=123`);
    expect(folderCover.status).toBe(200);
    expect(folderCover.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await folderCover.arrayBuffer()).equals(PNG_1PX)).toBe(true);
    const embedded = await raw(`/api/items/${lone.id}/cover`);
    expect(Buffer.from(await embedded.arrayBuffer()).equals(PNG_1PX)).toBe(true);
    expect((await raw('/api/items/li_nope/cover')).status).toBe(404);
  });

  it('expands an item with the caller\u2019s progress, and shelves it', async () => {
    const play = await t.http
      .post(`/audiobookshelf/api/items/${lone.id}/play`)
      .set('Authorization', bearer(bob))
      .send({ mediaPlayer: 'exo-player', forceDirectPlay: true, deviceInfo: { deviceId: 'android-1' } })
      .expect(200);
    await new Promise((r) => setTimeout(r, 1100));
    await t.http
      .post(`/audiobookshelf/api/session/${play.body.id}/sync`)
      .set('Authorization', bearer(bob))
      .send({ timeListened: 1, currentTime: 1.2, duration: lone.media.duration })
      .expect(200);
    const item = (await get(`/items/${lone.id}?expanded=1&include=progress,rssfeed,share`, bob).expect(200))
      .body;
    expect(item.userMediaProgress).toMatchObject({
      libraryItemId: lone.id,
      currentTime: 1.2,
      isFinished: false,
    });
    expect(item.rssFeed).toBeNull();
    expect(item.mediaItemShare).toBeNull();
    expect(
      (await get(`/items/${lone.id}?include=progress`, alice).expect(200)).body.userMediaProgress,
    ).toBeUndefined();
    const shelves = (
      await get(
        `/libraries/${libraryId}/personalized?include=rssfeed,numEpisodesIncomplete&limit=5`,
        bob,
      ).expect(200)
    ).body;
    const continueListening = shelves.find((s: { id: string }) => s.id === 'continue-listening');
    expect(continueListening).toMatchObject({
      type: 'book',
      labelStringKey: 'LabelContinueListening',
      total: 1,
    });
    expect(continueListening.entities[0]).toMatchObject({
      id: lone.id,
      progressLastUpdate: expect.any(Number),
    });
    const recent = shelves.find((s: { id: string }) => s.id === 'recently-added');
    expect(recent.total).toBe(2);
    const inProgress = (
      await get(`/libraries/${libraryId}/items?filter=progress.${b64('in-progress')}`, bob).expect(200)
    ).body;
    expect(inProgress.results.map((i: Item) => i.id)).toEqual([lone.id]);
    const notStarted = (
      await get(`/libraries/${libraryId}/items?filter=progress.${b64('not-started')}`, bob).expect(200)
    ).body;
    expect(notStarted.results.map((i: Item) => i.id)).toEqual([book.id]);
    expect(
      (await get(`/libraries/${libraryId}/personalized`, alice).expect(200)).body.map(
        (s: { id: string }) => s.id,
      ),
    ).toEqual(['recently-added']);
  });

  it('marks an item whose folder is gone as missing, and keeps its id when it comes back', async () => {
    const folder = join(media, 'books/Ann Author/The Book');
    const kept = readFileSync(join(folder, '01 Opening.wav'));
    rmSync(folder, { recursive: true });
    const gone = await t.http
      .post(`/audiobookshelf/api/libraries/${libraryId}/scan`)
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(gone.body).toMatchObject({ missing: 1, updated: 1 });
    expect((await get(`/items/${book.id}`, alice).expect(200)).body.isMissing).toBe(true);
    put(join(folder, '01 Opening.wav'), kept);
    writeFileSync(join(folder, 'cover.png'), PNG_1PX);
    await t.http
      .post(`/audiobookshelf/api/libraries/${libraryId}/scan`)
      .set('Authorization', bearer(admin))
      .expect(200);
    const back = (await get(`/items/${book.id}`, alice).expect(200)).body;
    expect(back).toMatchObject({ id: book.id, isMissing: false });
    expect(back.media.audioFiles).toHaveLength(1);
  });
});
