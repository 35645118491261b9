import {
  parseProgressId,
  titleIgnorePrefix,
  toAbsSession,
  toMediaProgressDto,
} from './audiobookshelf.mapper';
import type { MediaProgress } from './entities/media-progress.entity';
import type { PlaybackSession } from './entities/playback-session.entity';

describe('Audiobookshelf mapping', () => {
  it('moves a leading article to the end of the sort title', () => {
    expect(titleIgnorePrefix('The Hobbit')).toBe('Hobbit, The');
    expect(titleIgnorePrefix('A Memory Called Empire')).toBe('Memory Called Empire, A');
    expect(titleIgnorePrefix('Welcome to Night Vale')).toBe('Welcome to Night Vale');
  });

  const row = {
    id: 'play_i00492kps6ow4axlvq',
    userId: 7,
    libraryId: 'lib_p9wkw2i85qy9oltijt',
    libraryItemId: 'li_bufnnmp4y5o2gbbxfm',
    episodeId: 'ep_lh6ko39pumnrma3dhv',
    mediaType: 'podcast',
    mediaMetadata: '{"title":"Welcome to Night Vale"}',
    chapters: '[]',
    displayTitle: '1 - Pilot',
    displayAuthor: 'Night Vale Presents',
    coverPath: null,
    duration: 1454.18449,
    playMethod: 0,
    mediaPlayer: 'html5',
    deviceInfo: '{"ipAddress":"192.168.1.118"}',
    date: '2022-11-13',
    dayOfWeek: 'Sunday',
    timeListening: 15,
    startPosition: 596.779402,
    currentPosition: 611.590717,
    startedAt: 1668330137087123,
    updatedAt: 1668330152157999,
  } as PlaybackSession;

  it('renders a session with string user ids and epoch milliseconds, user only when joined', () => {
    const out = toAbsSession(row);
    expect(out).toMatchObject({
      userId: '7',
      startTime: 596.779402,
      currentTime: 611.590717,
      startedAt: 1668330137087,
      updatedAt: 1668330152157,
      mediaMetadata: { title: 'Welcome to Night Vale' },
      deviceInfo: { ipAddress: '192.168.1.118' },
    });
    expect(out).not.toHaveProperty('user');
    expect(toAbsSession({ ...row, user: { id: 7, username: 'root' } } as PlaybackSession).user).toEqual({
      id: '7',
      username: 'root',
    });
  });

  it('names a progress by its row (`mp_<n>`), not by its item, and reads such ids back', () => {
    const base = {
      id: 42,
      libraryItemId: 'li_x',
      duration: 100,
      progress: 0.5,
      currentPosition: 50,
      isFinished: false,
      hideFromContinueListening: true,
      finishedAt: null,
      startedAt: 1_000_000,
      lastUpdate: 2_000_000,
    };
    expect(toMediaProgressDto({ ...base, episodeId: 'ep_y' } as MediaProgress)).toMatchObject({
      id: 'mp_42',
      libraryItemId: 'li_x',
      episodeId: 'ep_y',
      currentTime: 50,
      hideFromContinueListening: true,
      lastUpdate: 2000,
    });
    expect(toMediaProgressDto({ ...base, episodeId: '' } as MediaProgress)).toMatchObject({
      id: 'mp_42',
      episodeId: null,
    });
    expect(parseProgressId('mp_42')).toBe(42);
    for (const bad of ['li_x', 'mp_', 'mp_0', 'mp_042', 'mp_1e3', 'mp_2147483648', '42'])
      expect(parseProgressId(bad)).toBeNull();
  });
});
