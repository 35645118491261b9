import { Column, Entity, PrimaryColumn } from 'typeorm';

export const MEDIA_TYPES = ['book', 'podcast'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

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

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'updated_at', type: 'bigint' })
  updatedAt: number;
}
