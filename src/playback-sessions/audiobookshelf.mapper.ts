import { createHash } from 'node:crypto';
import { microsToMillis } from '../common/time';
import { parseIntId } from '../common/validation';
import type { AudioTrackDto, LibraryDto, LibraryItemDto } from './dto/catalogue.dto';
import type { MediaProgressDto, PlaybackSessionDto, PlaybackSessionExpandedDto } from './dto/sessions.dto';
import type { Library, StoredFolder } from './entities/library.entity';
import type {
  LibraryItem,
  StoredAudioFile,
  StoredEpisode,
  StoredMedia,
} from './entities/library-item.entity';
import type { User } from '../auth/entities/user.entity';
import { Role } from '../common/auth-user';
import type { AbsServerSettingsDto, AbsUserDto } from './dto/abs-auth.dto';
import type { MediaProgress } from './entities/media-progress.entity';
import type { PlaybackSession } from './entities/playback-session.entity';

/**
 * Mapping functions of the Audiobookshelf dialect: rows in, the seed's shapes out (times as epoch
 * milliseconds, user ids as strings). Nothing here touches the database.
 */

export function parseMedia(item: LibraryItem): StoredMedia {
  return JSON.parse(item.media) as StoredMedia;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Audiobookshelf's sort title: a leading article moves to the end ("The Hobbit" → "Hobbit, The"). */
export function titleIgnorePrefix(title: string): string {
  const m = /^(the|a|an)\s+(.+)$/i.exec(title.trim());
  return m ? `${m[2]}, ${m[1]}` : title;
}

/** The metadata object of an item, in the shape of its media type (podcast keys as in the seed). */
export function itemMetadata(item: LibraryItem, media: StoredMedia): Record<string, unknown> {
  const m = media.metadata as Record<string, unknown>;
  const v = (key: string) => (m[key] === undefined ? null : m[key]);
  const title = media.metadata.title;
  if (item.mediaType === 'podcast') {
    return {
      title,
      titleIgnorePrefix: titleIgnorePrefix(title),
      author: v('author'),
      description: v('description'),
      releaseDate: v('releaseDate'),
      genres: m.genres ?? [],
      feedUrl: v('feedUrl'),
      imageUrl: v('imageUrl'),
      itunesPageUrl: v('itunesPageUrl'),
      itunesId: v('itunesId'),
      itunesArtistId: v('itunesArtistId'),
      explicit: m.explicit ?? false,
      language: v('language'),
    };
  }
  const author = m.author as string | undefined;
  const narrator = m.narrator as string | undefined;
  return {
    title,
    titleIgnorePrefix: titleIgnorePrefix(title),
    subtitle: v('subtitle'),
    authors: author ? [{ id: authorId(author), name: author }] : [],
    narrators: narrator ? [narrator] : [],
    series: [],
    genres: m.genres ?? [],
    publishedYear: v('publishedYear'),
    publishedDate: null,
    publisher: v('publisher'),
    description: v('description'),
    isbn: v('isbn'),
    asin: v('asin'),
    language: v('language'),
    explicit: m.explicit ?? false,
    authorName: author ?? null,
    narratorName: narrator ?? null,
  };
}

/**
 * An author's id (`aut_…`): the same for the same name (case-insensitive) in every item, so Android's
 * Kotlin `Author` (which requires `id`) parses and a filter by author matches all of that author's books.
 */
export function authorId(name: string): string {
  return `aut_${createHash('sha1').update(name.trim().toLowerCase()).digest('hex').slice(0, 18)}`;
}

/** "Ursula K. Le Guin" → "Le Guin, Ursula K." (upstream's `authorNameLF`). */
function lastFirst(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts.length < 2 ? name : `${parts[parts.length - 1]}, ${parts.slice(0, -1).join(' ')}`;
}

/** The metadata a session copies from its item (the seed's `mediaMetadata`: no sort title). */
export function sessionMetadata(item: LibraryItem, media: StoredMedia): Record<string, unknown> {
  const { titleIgnorePrefix: _ignored, ...rest } = itemMetadata(item, media);
  return rest;
}

function extOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot) : '';
}

function fileMetadata(item: LibraryItem, file: StoredAudioFile) {
  const relPath = file.relPath ?? file.filename;
  return {
    filename: file.filename,
    ext: extOf(file.filename),
    path: item.path.endsWith(`/${relPath}`) ? item.path : `${item.path}/${relPath}`,
    relPath,
    size: file.size,
    mtimeMs: file.addedAt,
    ctimeMs: file.addedAt,
    birthtimeMs: file.addedAt,
  };
}

function audioFileJson(item: LibraryItem, file: StoredAudioFile) {
  return {
    index: file.index,
    ino: file.ino,
    metadata: fileMetadata(item, file),
    addedAt: file.addedAt,
    updatedAt: file.addedAt,
    trackNumFromMeta: null,
    discNumFromMeta: null,
    trackNumFromFilename: null,
    discNumFromFilename: null,
    manuallyVerified: false,
    invalid: false,
    exclude: false,
    error: null,
    format: null,
    duration: file.duration,
    bitRate: null,
    language: null,
    codec: null,
    timeBase: null,
    channels: null,
    channelLayout: null,
    chapters: [],
    embeddedCoverArt: null,
    metaTags: {},
    mimeType: file.mimeType,
  };
}

export function audioTrack(item: LibraryItem, file: StoredAudioFile, startOffset: number): AudioTrackDto {
  return {
    index: file.index,
    startOffset,
    duration: file.duration,
    title: file.filename,
    // A scanned file plays from the file route; a JSON item keeps the seed's static path.
    contentUrl: file.relPath
      ? `/api/items/${item.id}/file/${file.ino}`
      : `/s/item/${item.id}/${file.filename}`,
    mimeType: file.mimeType,
    metadata: fileMetadata(item, file),
  };
}

/** A book's tracks, one per audio file, each starting where the previous ended. */
export function bookTracks(item: LibraryItem, media: StoredMedia): AudioTrackDto[] {
  let offset = 0;
  return media.audioFiles.map((file) => {
    const track = audioTrack(item, file, offset);
    offset += file.duration;
    return track;
  });
}

export function bookDuration(media: StoredMedia): number {
  return media.audioFiles.reduce((sum, f) => sum + f.duration, 0);
}

/** A podcast episode as upstream's `PodcastEpisode.toOldJSON` (an item's `episodes[]`, `recentEpisode`). */
export function episodeJson(item: LibraryItem, episode: StoredEpisode) {
  return {
    libraryItemId: item.id,
    id: episode.id,
    index: episode.index,
    season: '',
    episode: '',
    episodeType: 'full',
    title: episode.title,
    subtitle: episode.subtitle,
    description: episode.description,
    enclosure: null,
    pubDate: episode.pubDate,
    audioFile: audioFileJson(item, episode.audioFile),
    audioTrack: audioTrack(item, episode.audioFile, 0),
    publishedAt: episode.publishedAt,
    addedAt: episode.addedAt,
    updatedAt: episode.addedAt,
    duration: episode.audioFile.duration,
    size: episode.audioFile.size,
  };
}

function allFiles(media: StoredMedia): StoredAudioFile[] {
  return [...media.audioFiles, ...media.episodes.map((e) => e.audioFile)];
}

export function libraryFolders(library: Library): StoredFolder[] {
  return parseJson<StoredFolder[]>(library.folders ?? '[]', []);
}

/** A library as upstream's `toOldJSON`; `displayOrder` is its place among all libraries (1-based). */
export function toLibraryDto(library: Library, displayOrder = 1): LibraryDto {
  const folders = libraryFolders(library);
  const podcast = library.mediaType === 'podcast';
  return {
    id: library.id,
    name: library.name,
    folders: folders.length
      ? folders.map((f) => ({ id: f.id, fullPath: `/${f.path}`, libraryId: library.id, addedAt: f.addedAt }))
      : [
          {
            id: library.folderId,
            fullPath: `/${library.name}`,
            libraryId: library.id,
            addedAt: microsToMillis(library.createdAt),
          },
        ],
    displayOrder,
    icon: podcast ? 'podcast' : 'audiobookshelf',
    mediaType: library.mediaType,
    provider: podcast ? 'itunes' : 'google',
    settings: {
      coverAspectRatio: 1,
      disableWatcher: true,
      skipMatchingMediaWithAsin: false,
      skipMatchingMediaWithIsbn: false,
      autoScanCronExpression: null,
      audiobooksOnly: false,
      hideSingleBookSeries: false,
      onlyShowLaterBooksInContinueSeries: false,
      metadataPrecedence: ['folderStructure', 'audioMetatags'],
      markAsFinishedPercentComplete: null,
      markAsFinishedTimeRemaining: 10,
      podcastSearchRegion: 'us',
    },
    lastScan:
      library.lastScan === null || library.lastScan === undefined ? null : microsToMillis(library.lastScan),
    lastScanVersion: library.lastScan ? ABS_SERVER_VERSION : null,
    createdAt: microsToMillis(library.createdAt),
    lastUpdate: microsToMillis(library.updatedAt),
  };
}

/** The numbers of a library's `stats` (`include=stats`, read by Android). */
export function libraryStats(items: { item: LibraryItem; media: StoredMedia }[]) {
  let totalSize = 0;
  let totalDuration = 0;
  let numAudioFiles = 0;
  for (const { media } of items) {
    for (const f of allFiles(media)) {
      totalSize += f.size;
      totalDuration += f.duration;
      numAudioFiles++;
    }
  }
  return { totalItems: items.length, totalSize, totalDuration, numAudioFiles };
}

/** The duration of an item's media: a book's files, a podcast's episodes. */
export function mediaDuration(media: StoredMedia): number {
  return allFiles(media).reduce((sum, f) => sum + f.duration, 0);
}

/** A library item as upstream's `toOldJSONMinified` (shelves, lists): counts instead of files. */
export function toMinifiedItem(item: LibraryItem, media: StoredMedia): Record<string, unknown> {
  const files = allFiles(media);
  const size = files.reduce((sum, f) => sum + f.size, 0);
  const full = itemMetadata(item, media);
  const addedAt = microsToMillis(item.addedAt);
  const author = (media.metadata.author as string | undefined) ?? null;
  const metadata =
    item.mediaType === 'podcast'
      ? { ...full, type: 'episodic' }
      : {
          title: full.title,
          titleIgnorePrefix: full.titleIgnorePrefix,
          subtitle: full.subtitle,
          authorName: author ?? '',
          authorNameLF: author ? lastFirst(author) : '',
          narratorName: full.narratorName ?? '',
          seriesName: '',
          genres: full.genres,
          publishedYear: full.publishedYear,
          publishedDate: null,
          publisher: full.publisher,
          description: full.description,
          isbn: full.isbn,
          asin: full.asin,
          language: full.language,
          explicit: full.explicit,
          abridged: false,
        };
  const mediaJson =
    item.mediaType === 'podcast'
      ? {
          id: item.id,
          metadata,
          coverPath: coverPathOf(media),
          tags: media.tags,
          numEpisodes: media.episodes.length,
          ...podcastDownloadSettings(addedAt),
          size,
        }
      : {
          id: item.id,
          metadata,
          coverPath: coverPathOf(media),
          tags: media.tags,
          numTracks: media.audioFiles.length,
          numAudioFiles: media.audioFiles.length,
          numChapters: media.chapters?.length ?? 0,
          duration: bookDuration(media),
          size,
          ebookFormat: null,
        };
  const { lastScan: _scan, scanVersion: _version, ...header } = itemHeader(item, media);
  return {
    ...header,
    oldLibraryItemId: null,
    media: mediaJson,
    numFiles: files.length,
    size,
  };
}

/**
 * A podcast's episode-download settings as upstream's defaults: the hub downloads no episodes, so they are
 * never anything else (README, "What is not supported").
 */
function podcastDownloadSettings(addedAt: number) {
  return {
    autoDownloadEpisodes: false,
    autoDownloadSchedule: '0 0 * * 1',
    lastEpisodeCheck: addedAt,
    maxEpisodesToKeep: 0,
    maxNewEpisodesToDownload: 3,
  };
}

/** The keys every shape of a library item starts with (ids, paths, times, state). */
function itemHeader(item: LibraryItem, media: StoredMedia) {
  const addedAt = microsToMillis(item.addedAt);
  return {
    id: item.id,
    ino: item.ino,
    libraryId: item.libraryId,
    folderId: media.folderId,
    path: item.path,
    relPath: item.path.split('/').pop() ?? item.path,
    isFile: isSingleFile(item, media),
    mtimeMs: addedAt,
    ctimeMs: addedAt,
    birthtimeMs: addedAt,
    addedAt,
    updatedAt: microsToMillis(item.updatedAt),
    lastScan: media.onDisk ? microsToMillis(item.updatedAt) : null,
    scanVersion: media.onDisk ? ABS_SERVER_VERSION : null,
    isMissing: media.missing ?? false,
    isInvalid: false,
    mediaType: item.mediaType,
  };
}

/** A scanned book made of one file lying directly in the library folder. */
function isSingleFile(item: LibraryItem, media: StoredMedia): boolean {
  return (
    !!media.onDisk && media.audioFiles.length === 1 && item.path.endsWith(`/${media.audioFiles[0].relPath}`)
  );
}

/** The cover as the clients see it: a path (its presence is what they test), never the server's disk path. */
function coverPathOf(media: StoredMedia): string | null {
  if (!media.coverPath) return null;
  return media.onDisk ? `/${media.coverPath}` : media.coverPath;
}

/** The library item in the shape of the seed's `libraryItem`. */
export function toLibraryItemDto(item: LibraryItem, media: StoredMedia = parseMedia(item)): LibraryItemDto {
  const files = allFiles(media);
  const size = files.reduce((sum, f) => sum + f.size, 0);
  const common = {
    libraryItemId: item.id,
    metadata: itemMetadata(item, media),
    coverPath: coverPathOf(media),
    tags: media.tags,
  };
  const addedAt = microsToMillis(item.addedAt);
  const mediaJson =
    item.mediaType === 'podcast'
      ? {
          ...common,
          episodes: media.episodes.map((e) => episodeJson(item, e)),
          ...podcastDownloadSettings(addedAt),
          size,
        }
      : {
          ...common,
          audioFiles: media.audioFiles.map((f) => audioFileJson(item, f)),
          chapters: media.chapters ?? [],
          duration: bookDuration(media),
          size,
          tracks: bookTracks(item, media),
          ebookFile: null,
        };
  return {
    ...itemHeader(item, media),
    media: mediaJson,
    libraryFiles: files.map((f) => ({
      ino: f.ino,
      metadata: fileMetadata(item, f),
      addedAt: f.addedAt,
      updatedAt: f.addedAt,
      fileType: 'audio',
    })),
    size,
  };
}

/** A Playback Session as the seed shows it. */
export function toAbsSession(row: PlaybackSession): PlaybackSessionDto {
  const out: PlaybackSessionDto = {
    id: row.id,
    userId: String(row.userId),
    libraryId: row.libraryId,
    libraryItemId: row.libraryItemId,
    episodeId: row.episodeId,
    mediaType: row.mediaType,
    mediaMetadata: parseJson<Record<string, unknown>>(row.mediaMetadata, {}),
    chapters: parseJson<unknown[]>(row.chapters, []),
    displayTitle: row.displayTitle,
    displayAuthor: row.displayAuthor,
    coverPath: row.coverPath,
    duration: row.duration,
    playMethod: row.playMethod,
    mediaPlayer: row.mediaPlayer,
    deviceInfo: parseJson<Record<string, unknown>>(row.deviceInfo, {}),
    date: row.date,
    dayOfWeek: row.dayOfWeek,
    timeListening: row.timeListening,
    startTime: row.startPosition,
    currentTime: row.currentPosition,
    startedAt: microsToMillis(row.startedAt),
    updatedAt: microsToMillis(row.updatedAt),
  };
  if (row.user) out.user = { id: String(row.user.id), username: row.user.username };
  return out;
}

/** The tracks a session plays: the book's files, or the one file of the episode. */
export function sessionTracks(
  item: LibraryItem,
  media: StoredMedia,
  episodeId: string | null,
): AudioTrackDto[] {
  if (item.mediaType === 'podcast') {
    const episode = media.episodes.find((e) => e.id === episodeId);
    return episode ? [audioTrack(item, episode.audioFile, 0)] : [];
  }
  return bookTracks(item, media);
}

/** The seed's Playback Session Expanded: the session plus `audioTracks`, `videoTrack` and `libraryItem`. */
export function toExpandedSession(
  row: PlaybackSession,
  item: LibraryItem | null,
): PlaybackSessionExpandedDto {
  const media = item ? parseMedia(item) : null;
  return {
    ...toAbsSession(row),
    audioTracks: item && media ? sessionTracks(item, media, row.episodeId) : [],
    videoTrack: null,
    libraryItem: (item && media ? toLibraryItemDto(item, media) : null) as LibraryItemDto,
  };
}

/** The id clients name a progress by (`DELETE /me/progress/:id`): `mp_` + the row's number. */
export function progressId(row: Pick<MediaProgress, 'id'>): string {
  return `mp_${row.id}`;
}

/** The row number of a progress id, or null when the text is not one (`mp_` + canonical digits). */
export function parseProgressId(text: string): number | null {
  return (text.startsWith('mp_') && parseIntId(text.slice(3))) || null;
}

export function toMediaProgressDto(row: MediaProgress): MediaProgressDto {
  return {
    id: progressId(row),
    libraryItemId: row.libraryItemId,
    episodeId: row.episodeId || null,
    duration: row.duration,
    progress: row.progress,
    currentTime: row.currentPosition,
    isFinished: row.isFinished,
    hideFromContinueListening: row.hideFromContinueListening,
    lastUpdate: microsToMillis(row.lastUpdate),
    startedAt: microsToMillis(row.startedAt),
    finishedAt: row.finishedAt === null ? null : microsToMillis(row.finishedAt),
  };
}

/**
 * The Audiobookshelf API version the hub answers as: 2.26.0 is the first with short-lived access JWTs and
 * refresh tokens, which is the token model the hub implements (the apps pick it from this number).
 */
export const ABS_SERVER_VERSION = '2.26.0';

/** Server settings as upstream's `toJSONForBrowser`, the fields clients read, with the hub's fixed values. */
export function absServerSettings(timeZone: string): AbsServerSettingsDto {
  return {
    id: 'server-settings',
    language: 'en-us',
    version: ABS_SERVER_VERSION,
    chromecastEnabled: false,
    dateFormat: 'MM/dd/yyyy',
    timeFormat: 'HH:mm',
    homeBookshelfView: 1,
    bookshelfView: 1,
    sortingIgnorePrefix: false,
    sortingPrefixes: ['the', 'a'],
    authActiveAuthMethods: ['local'],
    scannerDisableWatcher: true,
    timeZone,
  };
}

/** A hub user as Audiobookshelf's user (`toOldJSONForBrowser`): admins are `admin`, everyone else `user`. */
export function toAbsUser(user: User, progress: MediaProgress[]): AbsUserDto {
  const admin = user.role === Role.Admin;
  return {
    id: String(user.id),
    username: user.username,
    email: null,
    type: admin ? 'admin' : 'user',
    token: '',
    isOldToken: false,
    mediaProgress: progress.map(toMediaProgressDto),
    seriesHideFromContinueListening: [],
    bookmarks: [],
    isActive: true,
    isLocked: false,
    lastSeen: null,
    createdAt: microsToMillis(user.createdAt),
    permissions: {
      download: true,
      update: admin,
      delete: admin,
      upload: admin,
      accessAllLibraries: true,
      accessAllTags: true,
      accessExplicitContent: true,
    },
    librariesAccessible: [],
    itemTagsSelected: [],
    hasOpenIDLink: false,
  };
}
