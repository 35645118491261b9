import { Column, Entity, PrimaryColumn } from 'typeorm';

export const MEDIA_TYPES = ['book', 'podcast'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** A folder on disk that a library scans: `path` is relative to the media store (`MEDIA_DIR`). */
export interface StoredFolder {
  id: string;
  path: string;
  addedAt: number;
}

/** An Audiobookshelf library (`lib_…`): books or podcasts. */
@Entity('abs_libraries')
export class Library {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'media_type', type: 'varchar', length: 16 })
  mediaType: MediaType;

  /** The library's one folder (`fol_…`), as Audiobookshelf items name it. */
  @Column({ name: 'folder_id', type: 'varchar', length: 64 })
  folderId: string;

  /**
   * JSON of `StoredFolder[]`: the folders on disk the library is scanned from. Empty for a library whose
   * items are added as JSON (`POST /libraries/:id/items`), which keeps the one virtual folder `folderId`.
   */
  @Column({ type: 'text', default: '[]' })
  folders: string;

  /** When the last scan finished (microseconds), null if never scanned. */
  @Column({ name: 'last_scan', type: 'bigint', nullable: true })
  lastScan: number | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'updated_at', type: 'bigint' })
  updatedAt: number;
}
