import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';

/** Who sees a project: `public` (every authenticated user), `private` (its owner, operators, admins). */
export const PROJECT_VISIBILITIES = ['public', 'private'] as const;
export type ProjectVisibility = (typeof PROJECT_VISIBILITIES)[number];

export const REPEAT_MODES = ['stop', 'continuous'] as const;
export const PROJECT_ORDERINGS = ['by_like', 'by_weight', 'random'] as const;
export const AUDIO_STREAM_BITRATES = ['64', '96', '112', '128', '160', '192', '256', '320'] as const;
/** Upstream's five localized project strings (each `<field>_loc` there). */
export const LOCALIZED_PROJECT_FIELDS = [
  'legal_agreement',
  'description',
  'sharing_message',
  'out_of_range_message',
  'demo_stream_message',
] as const;
export type LocalizedProjectField = (typeof LOCALIZED_PROJECT_FIELDS)[number];
/** Per field, language code → text (stored as JSON in `localized_texts`). */
export type LocalizedTexts = Partial<Record<LocalizedProjectField, Record<string, string>>>;

/**
 * A Roundware project, read by the AERPAW surface as an experiment. The columns after `updatedAt` are
 * upstream's Project model fields (roundware-server `rw/models.py`), with its defaults.
 */
@Entity('projects')
@Index('IDX_projects_owner_id_id', ['ownerId', 'id'])
@Index('IDX_projects_visibility_id', ['visibility', 'id'])
export class Project {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'owner_id', type: 'integer', nullable: true })
  ownerId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'FK_projects_owner_id' })
  owner?: User;

  @Column({ name: 'geo_listen_enabled', type: 'boolean', default: false })
  geoListenEnabled: boolean;

  @Column({ name: 'demo_stream_enabled', type: 'boolean', default: false })
  demoStreamEnabled: boolean;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'updated_at', type: 'bigint' })
  updatedAt: number;

  @Column({ type: 'varchar', length: 16, default: 'private' })
  visibility: ProjectVisibility;

  /** Upstream's free-text `owner` (not the owning user, which is `ownerId`). */
  @Column({ name: 'owner_label', type: 'varchar', length: 128, default: '' })
  ownerLabel: string;

  @Column({ type: 'double precision', default: 0 })
  latitude: number;

  @Column({ type: 'double precision', default: 0 })
  longitude: number;

  /** Microseconds; null renders `createdAt`. */
  @Column({ name: 'pub_date', type: 'bigint', nullable: true })
  pubDate: number | null;

  @Column({ name: 'audio_format', type: 'varchar', length: 50, default: 'mp3' })
  audioFormat: string;

  @Column({ name: 'auto_submit', type: 'boolean', default: false })
  autoSubmit: boolean;

  @Column({ name: 'max_recording_length', type: 'integer', default: 30 })
  maxRecordingLength: number;

  @Column({ name: 'listen_questions_dynamic', type: 'boolean', default: false })
  listenQuestionsDynamic: boolean;

  @Column({ name: 'speak_questions_dynamic', type: 'boolean', default: false })
  speakQuestionsDynamic: boolean;

  @Column({ name: 'sharing_url', type: 'varchar', length: 512, default: '' })
  sharingUrl: string;

  @Column({ name: 'out_of_range_url', type: 'varchar', length: 512, default: '' })
  outOfRangeUrl: string;

  @Column({ name: 'recording_radius', type: 'integer', default: 2000 })
  recordingRadius: number;

  @Column({ name: 'listen_enabled', type: 'boolean', default: false })
  listenEnabled: boolean;

  @Column({ name: 'speak_enabled', type: 'boolean', default: false })
  speakEnabled: boolean;

  @Column({ name: 'geo_speak_enabled', type: 'boolean', default: false })
  geoSpeakEnabled: boolean;

  @Column({ name: 'reset_tag_defaults_on_startup', type: 'boolean', default: false })
  resetTagDefaultsOnStartup: boolean;

  @Column({ name: 'timed_asset_priority', type: 'boolean', default: true })
  timedAssetPriority: boolean;

  @Column({ name: 'repeat_mode', type: 'varchar', length: 10, default: 'stop' })
  repeatMode: string;

  @Column({ name: 'files_url', type: 'varchar', length: 512, default: '' })
  filesUrl: string;

  @Column({ name: 'files_version', type: 'varchar', length: 16, default: '' })
  filesVersion: string;

  @Column({ name: 'audio_stream_bitrate', type: 'varchar', length: 3, default: '128' })
  audioStreamBitrate: string;

  @Column({ type: 'varchar', length: 16, default: 'random' })
  ordering: string;

  @Column({ name: 'demo_stream_url', type: 'varchar', length: 512, default: '' })
  demoStreamUrl: string;

  @Column({ name: 'out_of_range_distance', type: 'double precision', default: 1000 })
  outOfRangeDistance: number;

  /** The project's languages as ids, `"1,40"` (upstream's `languages` many-to-many). */
  @Column({ name: 'language_ids', type: 'text', default: '1' })
  languageIds: string;

  /** JSON `LocalizedTexts`. */
  @Column({ name: 'localized_texts', type: 'text', default: '{}' })
  localizedTexts: string;
}
