import { authorId, itemMetadata, mediaDuration } from './audiobookshelf.mapper';
import type { LibraryItem, StoredMedia } from './entities/library-item.entity';
import type { MediaProgress } from './entities/media-progress.entity';

/**
 * The browse rules of Audiobookshelf's library pages, as pure functions over the library's items: the
 * `include` list, the `filter` (`group.base64(value)`), the sort keys, the filter data. The catalogue of a
 * library is read whole (one query) and these run in memory.
 */

/** An item with its parsed media (parsed once per request). */
export interface Entry {
  item: LibraryItem;
  media: StoredMedia;
}

/** Whether `include` (comma-separated, upstream's spelling) names `word`. */
export function includes(include: string | undefined, word: string): boolean {
  return (include ?? '').split(',').some((w) => w.trim().toLowerCase() === word);
}

/** Upstream's query flag: `1` or `true`. */
export const flag = (value: string | undefined): boolean => value === '1' || value === 'true';

export interface ItemFilter {
  group: string;
  value: string;
}

/**
 * `authors.YXV0XzEyMw==` → `{group: 'authors', value: 'aut_123'}`. The value is base64 (the web client
 * also URI-encodes it); a filter that does not decode is null, and matches nothing.
 */
export function parseFilter(filter: string | undefined): ItemFilter | null | undefined {
  if (!filter) return undefined;
  const dot = filter.indexOf('.');
  if (dot <= 0) return null;
  let raw = filter.slice(dot + 1);
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(raw)) return null;
  return { group: filter.slice(0, dot), value: Buffer.from(raw, 'base64').toString('utf8') };
}

const PROGRESS_STATES = ['finished', 'in-progress', 'not-started', 'not-finished'];

/** Whether an entry passes the filter; `progress` is the caller's progress by item id. */
export function matches(entry: Entry, filter: ItemFilter, progress: Map<string, MediaProgress>): boolean {
  const m = entry.media.metadata as Record<string, unknown>;
  const list = (key: string) => (Array.isArray(m[key]) ? (m[key] as string[]) : []);
  switch (filter.group) {
    case 'authors':
      return typeof m.author === 'string' && authorId(m.author) === filter.value;
    case 'genres':
      return list('genres').includes(filter.value);
    case 'tags':
      return entry.media.tags.includes(filter.value);
    case 'narrators':
      return typeof m.narrator === 'string' && m.narrator.split(', ').includes(filter.value);
    case 'languages':
      return m.language === filter.value;
    case 'missing':
      return !!entry.media.missing;
    case 'progress': {
      if (!PROGRESS_STATES.includes(filter.value)) return false;
      const p = progress.get(entry.item.id);
      const finished = !!p?.isFinished;
      const started = !!p && (p.isFinished || p.currentPosition > 0 || p.progress > 0);
      if (filter.value === 'finished') return finished;
      if (filter.value === 'not-finished') return !finished;
      if (filter.value === 'in-progress') return started && !finished;
      return !started;
    }
    default:
      return false;
  }
}

type SortValue = string | number;

/** The value an entry sorts by under upstream's `sort` key (unknown keys sort by title). */
function sortValue(entry: Entry, sort: string | undefined): SortValue {
  const { item, media } = entry;
  const author = (media.metadata.author as string | undefined) ?? '';
  switch (sort) {
    case 'media.metadata.authorName':
      return author;
    case 'media.metadata.authorNameLF': {
      const parts = author.trim().split(/\s+/);
      return parts.length < 2 ? author : `${parts[parts.length - 1]}, ${parts.slice(0, -1).join(' ')}`;
    }
    case 'media.metadata.publishedYear':
      return Number((media.metadata.publishedYear as string | undefined) ?? 0) || 0;
    case 'media.duration':
      return mediaDuration(media);
    case 'addedAt':
    case 'birthtimeMs':
    case 'mtimeMs':
      return item.addedAt;
    case 'updatedAt':
      return item.updatedAt;
    case 'size':
      return [...media.audioFiles, ...media.episodes.map((e) => e.audioFile)].reduce((s, f) => s + f.size, 0);
    default:
      return media.metadata.title;
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Sorts entries by `sort`, descending when `desc`; ties by title, then id, so pages are stable. */
export function sortEntries(entries: Entry[], sort: string | undefined, desc: boolean): Entry[] {
  const keyed = entries.map((e) => ({ e, k: sortValue(e, sort) }));
  keyed.sort((a, b) => {
    const c =
      typeof a.k === 'number' && typeof b.k === 'number'
        ? a.k - b.k
        : collator.compare(String(a.k), String(b.k));
    const tie =
      collator.compare(a.e.media.metadata.title, b.e.media.metadata.title) ||
      (a.e.item.id < b.e.item.id ? -1 : 1);
    return (desc ? -c : c) || tie;
  });
  return keyed.map((x) => x.e);
}

/** Upstream's `filterdata`: the values a library's filters offer, and its counts. */
export function filterData(entries: Entry[]) {
  const authors = new Map<string, string>();
  const genres = new Set<string>();
  const tags = new Set<string>();
  const narrators = new Set<string>();
  const languages = new Set<string>();
  const publishers = new Set<string>();
  const decades = new Set<string>();
  for (const { item, media } of entries) {
    const m = itemMetadata(item, media);
    const author = media.metadata.author;
    if (typeof author === 'string' && author) authors.set(authorId(author), author);
    for (const g of (m.genres as string[] | undefined) ?? []) genres.add(g);
    for (const t of media.tags) tags.add(t);
    if (typeof m.narratorName === 'string' && m.narratorName) narrators.add(m.narratorName);
    if (typeof m.language === 'string' && m.language) languages.add(m.language);
    if (typeof m.publisher === 'string' && m.publisher) publishers.add(m.publisher);
    const year = Number(m.publishedYear);
    if (Number.isInteger(year) && year > 0) decades.add(String(Math.floor(year / 10) * 10));
  }
  const sorted = (set: Set<string>) => [...set].sort(collator.compare);
  const books = entries.filter((e) => e.item.mediaType === 'book').length;
  return {
    authors: [...authors]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    genres: sorted(genres),
    tags: sorted(tags),
    series: [],
    narrators: sorted(narrators),
    languages: sorted(languages),
    publishers: sorted(publishers),
    publishedDecades: sorted(decades),
    bookCount: books,
    authorCount: authors.size,
    seriesCount: 0,
    podcastCount: entries.length - books,
    numIssues: entries.filter((e) => e.media.missing).length,
  };
}
