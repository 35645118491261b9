import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import type { MediaType } from './library.entity';

/**
 * A listening session. Open sessions live here too (`is_open`), never in process memory, so any
 * instance on the same database can serve them and they survive restarts. Times are µs since the
 * epoch; positions and listening time are seconds.
 */
/** Every list sorts by one column then `id`; each sort column has an index on (column, id). */
@Entity('abs_playback_sessions')
@Index('IDX_abs_sessions_user_updated', ['userId', 'updatedAt', 'id'])
@Index('IDX_abs_sessions_user_item_updated', ['userId', 'libraryItemId', 'updatedAt', 'id'])
@Index('IDX_abs_sessions_user_device_open', ['userId', 'deviceKey', 'isOpen'])
@Index('IDX_abs_sessions_open_updated', ['isOpen', 'updatedAt'])
@Index('IDX_abs_sessions_updated_at', ['updatedAt', 'id'])
@Index('IDX_abs_sessions_started_at', ['startedAt', 'id'])
@Index('IDX_abs_sessions_display_title', ['displayTitle', 'id'])
@Index('IDX_abs_sessions_duration', ['duration', 'id'])
@Index('IDX_abs_sessions_time_listening', ['timeListening', 'id'])
@Index('IDX_abs_sessions_play_method', ['playMethod', 'id'])
@Index('IDX_abs_sessions_start_position', ['startPosition', 'id'])
@Index('IDX_abs_sessions_current_position', ['currentPosition', 'id'])
export class PlaybackSession {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_abs_sessions_user_id' })
  user?: User;

  @Column({ name: 'library_id', type: 'varchar', length: 64 })
  libraryId: string;

  /** No foreign key: a session is history and outlives its item. */
  @Column({ name: 'library_item_id', type: 'varchar', length: 64 })
  libraryItemId: string;

  @Column({ name: 'episode_id', type: 'varchar', length: 64, nullable: true })
  episodeId: string | null;

  @Column({ name: 'media_type', type: 'varchar', length: 16 })
  mediaType: MediaType;

  /** JSON object: the item's metadata when the session started. */
  @Column({ name: 'media_metadata', type: 'text' })
  mediaMetadata: string;

  /** JSON array. */
  @Column({ type: 'text' })
  chapters: string;

  @Column({ name: 'display_title', type: 'varchar', length: 500 })
  displayTitle: string;

  @Column({ name: 'display_author', type: 'varchar', length: 500, nullable: true })
  displayAuthor: string | null;

  @Column({ name: 'cover_path', type: 'varchar', length: 1000, nullable: true })
  coverPath: string | null;

  @Column({ type: 'double precision' })
  duration: number;

  @Column({ name: 'play_method', type: 'integer' })
  playMethod: number;

  @Column({ name: 'media_player', type: 'varchar', length: 100 })
  mediaPlayer: string;

  /** JSON object. */
  @Column({ name: 'device_info', type: 'text' })
  deviceInfo: string;

  /** Identifies the client device: opening a new session on it closes the user's previous one. */
  @Column({ name: 'device_key', type: 'varchar', length: 255, nullable: true })
  deviceKey: string | null;

  /** `YYYY-MM-DD` of `started_at` in APP_TIMEZONE. */
  @Column({ type: 'varchar', length: 10 })
  date: string;

  @Column({ name: 'day_of_week', type: 'varchar', length: 10 })
  dayOfWeek: string;

  @Column({ name: 'time_listening', type: 'double precision' })
  timeListening: number;

  /** Audiobookshelf `startTime` (seconds into the item). */
  @Column({ name: 'start_position', type: 'double precision' })
  startPosition: number;

  /** Audiobookshelf `currentTime` (seconds into the item). */
  @Column({ name: 'current_position', type: 'double precision' })
  currentPosition: number;

  @Column({ name: 'started_at', type: 'bigint' })
  startedAt: number;

  @Column({ name: 'updated_at', type: 'bigint' })
  updatedAt: number;

  /** Wall-clock watermark of credited listening (see the credit rule in playback-rules.ts). */
  @Column({ name: 'credited_until', type: 'bigint' })
  creditedUntil: number;

  @Column({ name: 'is_open', type: 'boolean', default: false })
  isOpen: boolean;

  /** Uploaded by a client through `session/local(-all)` rather than opened here. */
  @Column({ name: 'is_local', type: 'boolean', default: false })
  isLocal: boolean;

  @Column({ name: 'closed_at', type: 'bigint', nullable: true })
  closedAt: number | null;
}
