import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { microsToMillis, nowMicros } from '../common/time';
import { parseMedia, toLibraryDto, toLibraryItemDto } from './audiobookshelf.mapper';
import {
  AudioFileInputDto,
  CreateLibraryDto,
  CreateLibraryItemDto,
  LibraryDto,
  LibraryItemDto,
} from './dto/catalogue.dto';
import type { Library, StoredFolder } from './entities/library.entity';
import { LibraryItem, StoredAudioFile, StoredMedia } from './entities/library-item.entity';
import { LibraryScannerService, ScanProgress, ScanReport } from './library-scanner.service';
import { MediaStore } from '../media/media-store.service';
import { CatalogueRepository } from './catalogue.repository';
import { ABS_ID_PATTERN, newAbsId } from './playback-rules';

const MIME_BY_EXT: Record<string, string> = {
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.m4b': 'audio/mp4',
  '.aac': 'audio/aac',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.wav': 'audio/wav',
};

function mimeOf(file: AudioFileInputDto): string {
  if (file.mimeType) return file.mimeType;
  const dot = file.filename.lastIndexOf('.');
  return MIME_BY_EXT[dot > 0 ? file.filename.slice(dot).toLowerCase() : ''] ?? 'application/octet-stream';
}

const ino = () => String(randomInt(1, 2 ** 31));

/** A path segment from a free-text name (no slashes, no control characters). */
function segment(name: string): string {
  return name.replace(/[/\\\p{Cc}]+/gu, '_').trim() || '_';
}

/**
 * The small media catalogue playback sessions need: libraries and their items (books with audio files,
 * podcasts with episodes). Every authenticated user sees every library (our Audiobookshelf users have
 * `accessAllLibraries`), so an item is either found or 404.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly scanner: LibraryScannerService,
    private readonly store: MediaStore,
  ) {}

  /**
   * A new library; with `folders`, each is claimed inside the media store (created if missing) and the
   * library is scanned before the answer, so it lists its items at once.
   */
  async createLibrary(_auth: AuthUser, dto: CreateLibraryDto): Promise<LibraryDto> {
    const now = nowMicros();
    const folders: StoredFolder[] = [];
    for (const [i, folder] of (dto.folders ?? []).entries()) {
      const path = await this.store.claimFolder(folder.fullPath);
      if (!path)
        throw FieldErrorsException.of(
          `folders.${i}.fullPath`,
          'Must be a folder inside the media store (MEDIA_DIR), outside its own folders.',
        );
      if (
        folders.some((f) => f.path === path || f.path.startsWith(`${path}/`) || path.startsWith(`${f.path}/`))
      )
        throw FieldErrorsException.of(`folders.${i}.fullPath`, 'Folders of a library must not overlap.');
      folders.push({ id: newAbsId('fol'), path, addedAt: microsToMillis(now) });
    }
    const library = await this.catalogue.insertLibrary({
      id: newAbsId('lib'),
      name: dto.name,
      mediaType: dto.mediaType,
      folderId: folders[0]?.id ?? newAbsId('fol'),
      folders: JSON.stringify(folders),
      lastScan: null,
      createdAt: now,
      updatedAt: now,
    });
    if (folders.length) await this.scanner.scan(library);
    return toLibraryDto((await this.catalogue.findLibrary(library.id)) ?? library);
  }

  /** Scans a library's folders now (a library without folders has nothing to scan: 400). */
  async scan(_auth: AuthUser, libraryId: string, onProgress?: ScanProgress): Promise<ScanReport> {
    const library = await this.findLibrary(libraryId);
    if (!library) throw new NotFoundException('Library not found');
    if (library.folders === '[]') throw new BadRequestException('Library has no folders to scan');
    return this.scanner.scan(library, onProgress);
  }

  /** Scans every library that has folders (the CLI's `scan-library --all`, and the start-up scan). */
  scanAll(onProgress?: ScanProgress): Promise<ScanReport[]> {
    return this.scanner.scanAll(onProgress);
  }

  /** The library `id`, or null (an id of the wrong form names no library). */
  findLibrary(id: string): Promise<Library | null> {
    if (!ABS_ID_PATTERN.test(id)) return Promise.resolve(null);
    return this.catalogue.findLibrary(id);
  }

  async createItem(_auth: AuthUser, libraryId: string, dto: CreateLibraryItemDto): Promise<LibraryItemDto> {
    const library = ABS_ID_PATTERN.test(libraryId) ? await this.catalogue.findLibrary(libraryId) : null;
    if (!library) throw new NotFoundException('Library not found');
    const { media } = dto;
    if (library.mediaType === 'book') {
      if (media.episodes !== undefined)
        throw FieldErrorsException.of('media.episodes', 'A book library item has audioFiles, not episodes.');
      if (!media.audioFiles?.length)
        throw FieldErrorsException.of('media.audioFiles', 'A book needs at least one audio file.');
    } else {
      if (media.audioFiles !== undefined)
        throw FieldErrorsException.of(
          'media.audioFiles',
          'A podcast library item has episodes, not audioFiles.',
        );
      if (!media.episodes?.length)
        throw FieldErrorsException.of('media.episodes', 'A podcast needs at least one episode.');
    }

    const now = nowMicros();
    const nowMs = microsToMillis(now);
    const toFile = (file: AudioFileInputDto, index: number): StoredAudioFile => ({
      index,
      ino: ino(),
      filename: file.filename,
      duration: file.duration,
      mimeType: mimeOf(file),
      size: file.size ?? 0,
      addedAt: nowMs,
    });
    const { title } = media.metadata;
    const metadata = Object.fromEntries(
      Object.entries(media.metadata).filter(([, value]) => value !== undefined),
    ) as StoredMedia['metadata'];
    const stored: StoredMedia = {
      folderId: library.folderId,
      metadata,
      coverPath: media.coverPath ?? null,
      tags: media.tags ?? [],
      audioFiles: (media.audioFiles ?? []).map((f, i) => toFile(f, i + 1)),
      episodes: (media.episodes ?? []).map((e, i) => {
        const published = e.pubDate ? Date.parse(e.pubDate) : NaN;
        return {
          id: newAbsId('ep'),
          index: i + 1,
          title: e.title,
          subtitle: e.subtitle ?? '',
          description: e.description ?? '',
          pubDate: e.pubDate ?? '',
          publishedAt: Number.isFinite(published) ? published : null,
          audioFile: toFile(e.audioFile, 1),
          addedAt: nowMs,
        };
      }),
    };
    const item = await this.catalogue.insertItem({
      id: newAbsId('li'),
      libraryId: library.id,
      mediaType: library.mediaType,
      title,
      author: media.metadata.author ?? null,
      path: `/${segment(library.name)}/${segment(title)}`,
      ino: ino(),
      media: JSON.stringify(stored),
      addedAt: now,
      updatedAt: now,
    });
    return toLibraryItemDto(item, stored);
  }

  /** The item `id`, or null (an id of the wrong form names no item). */
  findItem(id: string): Promise<LibraryItem | null> {
    if (!ABS_ID_PATTERN.test(id)) return Promise.resolve(null);
    return this.catalogue.findItem(id);
  }

  /** The items among `ids` that exist, by id (one query). */
  async findItems(ids: string[]): Promise<Map<string, LibraryItem>> {
    if (!ids.length) return new Map();
    const rows = await this.catalogue.findItems(ids);
    return new Map(rows.map((r) => [r.id, r]));
  }

  async getItem(_auth: AuthUser, id: string): Promise<LibraryItemDto> {
    const item = await this.findItem(id);
    if (!item) throw new NotFoundException('Library item not found');
    return toLibraryItemDto(item, parseMedia(item));
  }
}
