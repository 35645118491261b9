import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';

/**
 * A user's position in one item (or one podcast episode). `episode_id` is '' for books, so the unique
 * index works alike on SQLite and PostgreSQL (NULLs would never collide).
 */
@Entity('abs_media_progress')
@Index('IDX_abs_media_progress_user_item', ['userId', 'libraryItemId', 'episodeId'], { unique: true })
@Index('IDX_abs_media_progress_user_updated', ['userId', 'lastUpdate'])
export class MediaProgress {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_abs_media_progress_user_id' })
  user?: User;

  @Column({ name: 'library_item_id', type: 'varchar', length: 64 })
  libraryItemId: string;

  @Column({ name: 'episode_id', type: 'varchar', length: 64 })
  episodeId: string;

  @Column({ type: 'double precision' })
  duration: number;

  @Column({ type: 'double precision' })
  progress: number;

  @Column({ name: 'current_position', type: 'double precision' })
  currentPosition: number;

  @Column({ name: 'is_finished', type: 'boolean', default: false })
  isFinished: boolean;

  /** Hidden from continue-listening until the position moves again (Audiobookshelf's `hideFromContinueListening`). */
  @Column({ name: 'hide_from_continue_listening', type: 'boolean', default: false })
  hideFromContinueListening: boolean;

  @Column({ name: 'finished_at', type: 'bigint', nullable: true })
  finishedAt: number | null;

  @Column({ name: 'started_at', type: 'bigint' })
  startedAt: number;

  @Column({ name: 'last_update', type: 'bigint' })
  lastUpdate: number;
}
