import { Role } from '../../src/common/auth-user';
import { startTestApp, TestApp, TestUser } from '../utils/test-app';
import {
  abs,
  Catalogue,
  makeCatalogue,
  NIGHT_VALE_DURATION,
  SEED_SYNC,
  seedLocalSession,
} from './abs-helpers';

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
    t = await startTestApp({ PLAYBACK_SYNC_TOLERANCE_SECONDS: '60' });
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
      id: `${c.podcastId}-${c.episodeId}`,
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
});
