import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Mutex } from 'async-mutex';
import type { IAudioMetadata } from 'music-metadata';
import { parseFile } from 'music-metadata';
import { lstat, readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { microsToMillis, nowMicros } from '../common/time';
import { AUDIO_TYPES, IMAGE_TYPES, MediaStore } from '../media/media-store.service';
import { ABS_SCAN_COMPLETE, ABS_SCAN_PROGRESS, ABS_SCAN_STARTED, AbsScanEvent } from './abs-events';
import { CatalogueRepository } from './catalogue.repository';
import type { Library, StoredFolder } from './entities/library.entity';
import type {
  LibraryItem,
  StoredAudioFile,
  StoredChapter,
  StoredEpisode,
  StoredMedia,
} from './entities/library-item.entity';
import { newAbsId } from './playback-rules';

/** What one scan did, as the scan route, the CLI and the log report it. */
export interface ScanReport {
  libraryId: string;
  added: number;
  updated: number;
  missing: number;
  /** Audio files the metadata reader could not read (skipped; the rest of their item is kept). */
  failed: string[];
  elapsedMs: number;
}

/** Progress of a scan, reported after each item (the CLI draws its bar from it). */
export type ScanProgress = (done: number, total: number, path: string) => void;

/** The folder inside the store where covers embedded in audio files are written. */
export const COVERS_FOLDER = '.abs-covers';

/** An audio file found on disk: its store-relative path and its path inside its item's folder. */
interface FoundFile {
  store: string;
  rel: string;
  ino: string;
  size: number;
  mtimeMs: number;
}

/** One item found on disk: a book folder (or a single audio file), or a podcast folder. */
interface FoundItem {
  folderId: string;
  /** Store-relative path of the item's folder (or of its single file). */
  path: string;
  /** The path segments between the library folder and the item (for a book: author, series). */
  parents: string[];
  name: string;
  files: FoundFile[];
  cover: string | null;
  ino: string;
}

const ext = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
const isAudio = (name: string) => name.includes('.') && ext(name) in AUDIO_TYPES;
const isCover = (name: string) => /^(cover|folder)\.(jpg|png)$/i.test(name);
const stripExt = (name: string) => (name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name);
/** Natural order of file names, so `2 - x.mp3` comes before `10 - x.mp3`. */
const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Reads a library's folders into its items, as Audiobookshelf lays them out: in a book library every
 * folder that holds audio files is one book (the folders above it name the author, as upstream's
 * `Author/Title/` layout), and an audio file directly in the library folder is a book of its own; in a
 * podcast library every folder below the library folder is a podcast and each audio file in it an episode.
 * Durations, titles, authors, chapters and covers come from the files (`music-metadata`); a `cover.jpg`
 * or `cover.png` in the folder wins over an embedded picture. Items keep their ids across scans (matched
 * by path, files by path inside the item); an item whose folder is gone is marked missing, not deleted,
 * so sessions and progress that name it stay valid. Symbolic links are not followed, so a scan never reads
 * outside the media store. One scan per library at a time.
 */
@Injectable()
export class LibraryScannerService {
  private readonly logger = new Logger(LibraryScannerService.name);
  private readonly locks = new Map<string, Mutex>();

  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly store: MediaStore,
    private readonly events: EventEmitter2,
  ) {}

  /** Scans `library` (waits for a scan of it already running, then scans again). */
  async scan(library: Library, onProgress?: ScanProgress): Promise<ScanReport> {
    let lock = this.locks.get(library.id);
    if (!lock) this.locks.set(library.id, (lock = new Mutex()));
    return lock.runExclusive(() => this.scanNow(library, onProgress));
  }

  /** Scans every library that has folders (at start-up); a failing library is logged and skipped. */
  async scanAll(onProgress?: ScanProgress): Promise<ScanReport[]> {
    const reports: ScanReport[] = [];
    for (const library of await this.catalogue.librariesWithFolders()) {
      try {
        reports.push(await this.scan(library, onProgress));
      } catch (error) {
        this.logger.error(`Scan of library ${library.id} failed: ${(error as Error).message}`);
      }
    }
    return reports;
  }

  private async scanNow(library: Library, onProgress?: ScanProgress): Promise<ScanReport> {
    const started = Date.now();
    const scan: AbsScanEvent = { id: newAbsId('scan'), libraryId: library.id, libraryName: library.name };
    this.events.emit(ABS_SCAN_STARTED, scan);
    const folders = JSON.parse(library.folders) as StoredFolder[];
    const found: FoundItem[] = [];
    for (const folder of folders) found.push(...(await this.findItems(library, folder)));
    const existing = new Map((await this.catalogue.itemsOfLibrary(library.id)).map((i) => [i.path, i]));
    const report: ScanReport = {
      libraryId: library.id,
      added: 0,
      updated: 0,
      missing: 0,
      failed: [],
      elapsedMs: 0,
    };
    let done = 0;
    for (const item of found) {
      const path = `/${item.path}`;
      const before = existing.get(path);
      existing.delete(path);
      const row = await this.readItem(library, item, before, report);
      if (row) {
        if (before) {
          await this.catalogue.updateItem(row);
          report.updated++;
        } else {
          await this.catalogue.insertItem(row);
          report.added++;
        }
      }
      done++;
      onProgress?.(done, found.length, item.path);
      this.events.emit(ABS_SCAN_PROGRESS, { ...scan, done, total: found.length } satisfies AbsScanEvent);
    }
    for (const gone of existing.values()) {
      const media = JSON.parse(gone.media) as StoredMedia;
      if (!media.onDisk || media.missing) continue;
      await this.catalogue.updateItem({ ...gone, media: JSON.stringify({ ...media, missing: true }) });
      report.missing++;
    }
    await this.catalogue.markScanned(library.id, nowMicros());
    report.elapsedMs = Date.now() - started;
    const { added, updated, missing, elapsedMs } = report;
    this.events.emit(ABS_SCAN_COMPLETE, {
      ...scan,
      results: { added, updated, missing, failed: report.failed.length, elapsedMs },
    } satisfies AbsScanEvent);
    this.logger.log(
      `Scanned library ${library.id}: ${report.added} added, ${report.updated} updated, ` +
        `${report.missing} missing, ${report.failed.length} unreadable files in ${report.elapsedMs} ms`,
    );
    return report;
  }

  /** The items under one library folder (nothing if the folder is gone or leaves the store). */
  private async findItems(library: Library, folder: StoredFolder): Promise<FoundItem[]> {
    const root = await this.store.resolveDirectory(folder.path);
    if (!root) return [];
    const byDir = new Map<string, FoundItem>();
    const podcast = library.mediaType === 'podcast';
    const walk = async (segments: string[]): Promise<void> => {
      const entries = await readdir(join(root, ...segments), { withFileTypes: true }).catch(() => []);
      entries.sort((a, b) => natural.compare(a.name, b.name));
      const covers = entries.filter((e) => e.isFile() && isCover(e.name));
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        if (entry.isDirectory()) await walk([...segments, entry.name]);
        if (!entry.isFile() || !isAudio(entry.name)) continue;
        const stats = await lstat(join(root, ...segments, entry.name));
        // A book is its folder (or a lone file in the library folder); a podcast is the first folder below
        // the library folder, so an audio file directly in a podcast library's folder belongs to nothing.
        if (podcast && segments.length === 0) continue;
        const single = !podcast && segments.length === 0;
        const depth = podcast ? 1 : segments.length;
        const itemSegments = segments.slice(0, depth);
        const key = single ? entry.name : itemSegments.join('/');
        let item = byDir.get(key);
        if (!item) {
          const itemStats = await lstat(join(root, ...itemSegments, single ? entry.name : ''));
          item = {
            folderId: folder.id,
            path: posix.join(folder.path, key),
            parents: single ? [] : itemSegments.slice(0, -1),
            name: single ? stripExt(entry.name) : itemSegments[itemSegments.length - 1],
            files: [],
            cover: null,
            ino: String(itemStats.ino),
          };
          byDir.set(key, item);
        }
        if (!single && segments.length === depth && covers.length && !item.cover) {
          item.cover = posix.join(folder.path, ...segments, covers[0].name);
        }
        item.files.push({
          store: posix.join(folder.path, ...segments, entry.name),
          rel: single ? entry.name : posix.join(...segments.slice(depth), entry.name),
          ino: String(stats.ino),
          size: stats.size,
          mtimeMs: Math.round(stats.mtimeMs),
        });
      }
    };
    await walk([]);
    return [...byDir.values()];
  }

  /** The row of one found item, its files read; null when none of its files could be read. */
  private async readItem(
    library: Library,
    found: FoundItem,
    before: LibraryItem | undefined,
    report: ScanReport,
  ): Promise<LibraryItem | null> {
    const old = before ? (JSON.parse(before.media) as StoredMedia) : null;
    const oldFiles = new Map(
      [...(old?.audioFiles ?? []), ...(old?.episodes ?? []).map((e) => e.audioFile)].map((f) => [
        f.relPath,
        f,
      ]),
    );
    const oldEpisodes = new Map((old?.episodes ?? []).map((e) => [e.audioFile.relPath, e]));
    const nowMs = microsToMillis(nowMicros());
    const read: { file: StoredAudioFile; meta: IAudioMetadata }[] = [];
    for (const f of found.files) {
      const absolute = await this.store.resolveExisting(f.store);
      const meta = absolute
        ? await parseFile(absolute, { duration: true, includeChapters: true }).catch(() => null)
        : null;
      if (!meta || !meta.format.duration) {
        report.failed.push(f.store);
        continue;
      }
      const type = AUDIO_TYPES[ext(f.rel)] ?? 'application/octet-stream';
      read.push({
        meta,
        file: {
          index: read.length + 1,
          ino: f.ino,
          filename: posix.basename(f.rel),
          relPath: f.rel,
          duration: meta.format.duration,
          mimeType: type,
          size: f.size,
          addedAt: oldFiles.get(f.rel)?.addedAt ?? nowMs,
          tags: {
            title: meta.common.title,
            artist: meta.common.artist,
            album: meta.common.album,
            track: meta.common.track.no,
          },
        },
      });
    }
    if (!read.length) return null;

    const first = read[0].meta.common;
    const author = first.albumartist ?? first.artist ?? found.parents[0] ?? null;
    const isPodcast = library.mediaType === 'podcast';
    const title =
      (isPodcast ? found.name : (first.album ?? (read.length === 1 && first.title) ?? found.name)) ||
      found.name;
    const cover =
      found.cover ?? (await this.embeddedCover(before?.id ?? null, read[0].meta, old?.coverPath ?? null));
    const id = before?.id ?? newAbsId('li');
    const metadata: StoredMedia['metadata'] = { title, author };
    if (first.composer?.length) metadata.narrator = first.composer.join(', ');
    if (first.genre?.length) metadata.genres = first.genre;
    if (first.year) metadata.publishedYear = String(first.year);
    if (first.description?.length) metadata.description = first.description.join('\n');
    const episodes: StoredEpisode[] = isPodcast
      ? read.map(({ file, meta }, i) => {
          const previous = oldEpisodes.get(file.relPath);
          const date = meta.common.date ? Date.parse(meta.common.date) : NaN;
          return {
            id: previous?.id ?? newAbsId('ep'),
            index: i + 1,
            title: meta.common.title ?? stripExt(file.filename),
            subtitle: '',
            description: meta.common.description?.join('\n') ?? '',
            pubDate: Number.isFinite(date) ? new Date(date).toUTCString() : '',
            publishedAt: Number.isFinite(date) ? date : null,
            audioFile: { ...file, index: 1 },
            addedAt: previous?.addedAt ?? file.addedAt,
          };
        })
      : [];
    const media: StoredMedia = {
      folderId: found.folderId,
      metadata,
      coverPath: cover,
      tags: old?.tags ?? [],
      audioFiles: isPodcast ? [] : read.map((r) => r.file),
      episodes,
      onDisk: true,
      chapters: isPodcast ? [] : chaptersOf(read),
    };
    const now = nowMicros();
    return {
      id,
      libraryId: library.id,
      mediaType: library.mediaType,
      title: title.slice(0, 500),
      author: author?.slice(0, 500) ?? null,
      path: `/${found.path}`,
      ino: found.ino,
      media: JSON.stringify(media),
      addedAt: before?.addedAt ?? now,
      updatedAt: now,
    };
  }

  /** The store path of an item's embedded cover (written once into the covers folder), or the old one. */
  private async embeddedCover(
    itemId: string | null,
    meta: IAudioMetadata,
    previous: string | null,
  ): Promise<string | null> {
    const picture = meta.common.picture?.[0];
    const type = picture?.format === 'image/png' ? 'png' : picture?.format === 'image/jpeg' ? 'jpg' : null;
    if (!picture || !type || !(type in IMAGE_TYPES)) return previous;
    const name = posix.join(COVERS_FOLDER, this.store.newName(type));
    await this.store.write(name, picture.data);
    if (previous?.startsWith(`${COVERS_FOLDER}/`) && itemId) await this.store.remove(previous);
    return name;
  }
}

/**
 * A book's chapters: those tagged in its file when it is one file with chapters, else one chapter per file
 * (titled by its tag title or its file name), as upstream does without chapter tags.
 */
function chaptersOf(read: { file: StoredAudioFile; meta: IAudioMetadata }[]): StoredChapter[] {
  const tagged = read.length === 1 ? read[0].meta.format.chapters : undefined;
  const sampleRate = read[0].meta.format.sampleRate ?? 1;
  if (tagged?.length) {
    const total = read[0].file.duration;
    return tagged.map((c, i) => {
      const start = c.sampleOffset / sampleRate;
      const next = tagged[i + 1];
      return { id: i, start, end: next ? next.sampleOffset / sampleRate : total, title: c.title };
    });
  }
  let offset = 0;
  return read.map(({ file }, i) => {
    const chapter = {
      id: i,
      start: offset,
      end: offset + file.duration,
      title: file.tags?.title ?? stripExt(file.filename),
    };
    offset += file.duration;
    return chapter;
  });
}
