import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Library } from './library.entity';
import type { MediaType } from './library.entity';

/** One audio file of a book, or the file of a podcast episode, as stored in `LibraryItem.media`. */
export interface StoredAudioFile {
  index: number;
  ino: string;
  filename: string;
  duration: number;
  mimeType: string;
  size: number;
  addedAt: number;
  /** For a scanned item: the file's path inside the item's folder (`Disc 1/01.mp3`); else absent. */
  relPath?: string;
  /** For a scanned item: tags read from the file (title, artist, album, track number). */
  tags?: { title?: string; artist?: string; album?: string; track?: number | null };
}

/** A chapter of a book, seconds from the start of the item (from the files' tags, or one per file). */
export interface StoredChapter {
  id: number;
  start: number;
  end: number;
  title: string;
}

export interface StoredEpisode {
  id: string;
  index: number;
  title: string;
  subtitle: string;
  description: string;
  pubDate: string;
  publishedAt: number | null;
  audioFile: StoredAudioFile;
  addedAt: number;
}

/**
 * What a session needs of an item's media: its metadata (title, author, …), cover, the audio files of
 * a book, or the episodes of a podcast. Kept as one JSON document: the catalogue is small and is
 * always read whole (the expanded session embeds the whole item).
 */
export interface StoredMedia {
  /** The library folder (`fol_…`) the item lives in. */
  folderId: string;
  metadata: Record<string, unknown> & { title: string; author?: string | null };
  coverPath: string | null;
  tags: string[];
  audioFiles: StoredAudioFile[];
  episodes: StoredEpisode[];
  /**
   * True for an item read from a library folder by the scanner: its files exist under
   * `MEDIA_DIR + item.path`, and `coverPath` names a file inside the media store. Absent for JSON items.
   */
  onDisk?: boolean;
  /** A scanned item whose folder was gone at the last scan. */
  missing?: boolean;
  chapters?: StoredChapter[];
}

/** A library item (`li_…`): a book with audio tracks, or a podcast with episodes (`ep_…`). */
@Entity('abs_library_items')
export class LibraryItem {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Index('IDX_abs_library_items_library_id')
  @Column({ name: 'library_id', type: 'varchar', length: 64 })
  libraryId: string;

  @ManyToOne(() => Library, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'library_id', foreignKeyConstraintName: 'FK_abs_library_items_library_id' })
  library?: Library;

  @Column({ name: 'media_type', type: 'varchar', length: 16 })
  mediaType: MediaType;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  author: string | null;

  @Column({ type: 'varchar', length: 1000 })
  path: string;

  @Column({ type: 'varchar', length: 32 })
  ino: string;

  /** JSON of `StoredMedia`. */
  @Column({ type: 'text' })
  media: string;

  @Column({ name: 'added_at', type: 'bigint' })
  addedAt: number;

  @Column({ name: 'updated_at', type: 'bigint' })
  updatedAt: number;
}
