import { authorId } from './audiobookshelf.mapper';
import type { LibraryItem, StoredMedia } from './entities/library-item.entity';
import type { MediaProgress } from './entities/media-progress.entity';
import { Entry, filterData, flag, includes, matches, parseFilter, sortEntries } from './library-browse.rules';

function entry(id: string, title: string, extra: Partial<StoredMedia['metadata']> = {}, addedAt = 1): Entry {
  const media: StoredMedia = {
    folderId: 'fol_1',
    metadata: { title, ...extra },
    coverPath: null,
    tags: [],
    audioFiles: [
      {
        index: 1,
        ino: '1',
        filename: 'a.mp3',
        duration: title.length * 10,
        mimeType: 'audio/mpeg',
        size: 1,
        addedAt,
      },
    ],
    episodes: [],
  };
  const item = {
    id,
    libraryId: 'lib_1',
    mediaType: 'book',
    title,
    author: null,
    path: `/${title}`,
    ino: '1',
    media: '',
    addedAt,
    updatedAt: addedAt,
  } as LibraryItem;
  return { item, media };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('library browse rules', () => {
  it('reads include lists and flags as upstream spells them', () => {
    expect(includes('progress,rssfeed', 'rssfeed')).toBe(true);
    expect(includes(' Progress ', 'progress')).toBe(true);
    expect(includes(undefined, 'progress')).toBe(false);
    expect([flag('1'), flag('true'), flag('0'), flag(undefined)]).toEqual([true, true, false, false]);
  });

  it('decodes group.base64(value) filters, URI-encoded or not; a broken one is null', () => {
    expect(parseFilter(`genres.${b64('Sci-Fi')}`)).toEqual({ group: 'genres', value: 'Sci-Fi' });
    expect(parseFilter(`authors.${encodeURIComponent(b64('aut_1'))}`)).toEqual({
      group: 'authors',
      value: 'aut_1',
    });
    expect(parseFilter(undefined)).toBeUndefined();
    expect(parseFilter('genres')).toBeNull();
    expect(parseFilter('genres.%%')).toBeNull();
    expect(parseFilter('genres.not base64!')).toBeNull();
  });

  it('matches authors by id, genres, and the caller\u2019s progress states', () => {
    const a = entry('li_a', 'Alpha', { author: 'Ann Author', genres: ['Fantasy'] });
    const b = entry('li_b', 'Beta');
    const progress = new Map([
      ['li_a', { isFinished: false, currentPosition: 12, progress: 0.1 } as MediaProgress],
    ]);
    expect(matches(a, { group: 'authors', value: authorId('ann author') }, progress)).toBe(true);
    expect(matches(a, { group: 'genres', value: 'Fantasy' }, progress)).toBe(true);
    expect(matches(b, { group: 'genres', value: 'Fantasy' }, progress)).toBe(false);
    expect(matches(a, { group: 'progress', value: 'in-progress' }, progress)).toBe(true);
    expect(matches(b, { group: 'progress', value: 'not-started' }, progress)).toBe(true);
    expect(matches(b, { group: 'progress', value: 'not-finished' }, progress)).toBe(true);
    expect(matches(a, { group: 'progress', value: 'finished' }, progress)).toBe(false);
    expect(matches(a, { group: 'progress', value: 'bogus' }, progress)).toBe(false);
    expect(matches(a, { group: 'series', value: 'x' }, progress)).toBe(false);
  });

  it('sorts naturally, descending on request, ties by title then id', () => {
    const list = [
      entry('li_2', 'Book 10', {}, 3),
      entry('li_1', 'Book 2', {}, 3),
      entry('li_3', 'book 2', {}, 1),
    ];
    expect(sortEntries(list, 'media.metadata.title', false).map((e) => e.item.id)).toEqual([
      'li_1',
      'li_3',
      'li_2',
    ]);
    expect(sortEntries(list, 'addedAt', true).map((e) => e.item.id)).toEqual(['li_1', 'li_2', 'li_3']);
    expect(sortEntries(list, 'unknown.key', false).map((e) => e.item.id)).toEqual(['li_1', 'li_3', 'li_2']);
  });

  it('offers the filter values and counts of a library', () => {
    const data = filterData([
      entry('li_a', 'Alpha', {
        author: 'Ann Author',
        genres: ['Fantasy'],
        publishedYear: '1987',
        narrator: 'Nora',
      }),
      entry('li_b', 'Beta', { author: 'Ann Author', genres: ['Crime', 'Fantasy'] }),
    ]);
    expect(data).toMatchObject({
      authors: [{ id: authorId('Ann Author'), name: 'Ann Author' }],
      genres: ['Crime', 'Fantasy'],
      narrators: ['Nora'],
      publishedDecades: ['1980'],
      bookCount: 2,
      authorCount: 1,
      podcastCount: 0,
      numIssues: 0,
    });
  });
});
