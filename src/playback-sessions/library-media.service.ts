import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { MediaStore } from '../media/media-store.service';
import { parseMedia, sessionTracks } from './audiobookshelf.mapper';
import { CatalogueService } from './catalogue.service';
import type { LibraryItem, StoredAudioFile, StoredMedia } from './entities/library-item.entity';
import { PlaybackSessionAccess } from './playback-session.access';
import { PlaybackSessionsRepository } from './playback-sessions.repository';
import { ABS_ID_PATTERN } from './playback-rules';

/** The store path of a scanned item's file (a lone-file book's path is the file itself). */
function storePathOf(item: LibraryItem, file: StoredAudioFile): string | null {
  if (!file.relPath) return null; // a JSON item has no file on disk
  const folder = item.path.replace(/^\//, '');
  return folder.endsWith(`/${file.relPath}`) || folder === file.relPath
    ? folder
    : `${folder}/${file.relPath}`;
}

function filesOf(media: StoredMedia): StoredAudioFile[] {
  return [...media.audioFiles, ...media.episodes.map((e) => e.audioFile)];
}

/**
 * Which file on disk an Audiobookshelf media URL names: an item's audio file by inode, its cover, or the
 * track of an open session. Every answer is a path the media store resolved (inside MEDIA_DIR after
 * following links), or null for 404.
 */
@Injectable()
export class LibraryMediaService {
  constructor(
    private readonly items: CatalogueService,
    private readonly sessions: PlaybackSessionsRepository,
    private readonly access: PlaybackSessionAccess,
    private readonly store: MediaStore,
  ) {}

  /** `GET /api/items/:id/file/:ino`: any signed-in user may read any item (every library is shared). */
  async itemFile(_auth: AuthUser, itemId: string, ino: string): Promise<string | null> {
    const item = await this.items.findItem(itemId);
    if (!item) return null;
    const file = filesOf(parseMedia(item)).find((f) => f.ino === ino);
    const path = file && storePathOf(item, file);
    return path ? this.store.resolveExisting(path) : null;
  }

  /** `GET /api/items/:id/cover`: the cover file of an item, if it has one on disk. */
  async cover(itemId: string): Promise<string | null> {
    const item = await this.items.findItem(itemId);
    const media = item && parseMedia(item);
    if (!media?.onDisk || !media.coverPath) return null;
    return this.store.resolveExisting(media.coverPath);
  }

  /**
   * `GET /public/session/:id/track/:index`, unauthenticated as upstream: the open session's id is the
   * capability. The track is matched by its index (1-based); a podcast episode's one track also answers
   * to 0. A closed or unknown session, or a track without a file, is null. A caller who does present a
   * credential (`caller`) is held to it: another user's session is null for them, as on every session route.
   */
  async sessionTrack(sessionId: string, index: number, caller: AuthUser | null): Promise<string | null> {
    if (!ABS_ID_PATTERN.test(sessionId)) return null;
    const visible = caller ? this.access.visibleTo(caller) : this.access.byCapability();
    const session = await this.sessions.findOpen(sessionId, visible);
    const item = session && (await this.items.findItem(session.libraryItemId));
    if (!session || !item) return null;
    const media = parseMedia(item);
    const tracks = sessionTracks(item, media, session.episodeId);
    const track =
      tracks.find((t) => t.index === index) ??
      (item.mediaType === 'podcast' && index === 0 ? tracks[0] : undefined);
    if (!track) return null;
    const episode = media.episodes.find((e) => e.id === session.episodeId);
    const file = episode ? episode.audioFile : media.audioFiles.find((f) => f.index === track.index);
    const path = file && storePathOf(item, file);
    return path ? this.store.resolveExisting(path) : null;
  }
}
