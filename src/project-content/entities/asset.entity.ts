import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { Project } from '../../sessions/entities/project.entity';
import { Session } from '../../sessions/entities/session.entity';
import { Envelope } from './envelope.entity';

/** A piece of a project's content (a recording, usually): its file lives in the media store. */
@Entity('rw_assets')
@Index('IDX_rw_assets_project_id_id', ['projectId', 'id'])
@Index('IDX_rw_assets_project_id_created', ['projectId', 'created'])
export class Asset {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_rw_assets_project_id' })
  project?: Project;

  @Index('IDX_rw_assets_session_id')
  @Column({ name: 'session_id', type: 'integer', nullable: true })
  sessionId: number | null;

  @ManyToOne(() => Session, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_rw_assets_session_id' })
  session?: Session;

  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_rw_assets_user_id' })
  user?: User;

  /** The envelope it was contributed in, or null. */
  @Index('IDX_rw_assets_envelope_id')
  @Column({ name: 'envelope_id', type: 'integer', nullable: true })
  envelopeId: number | null;

  @ManyToOne(() => Envelope, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'envelope_id', foreignKeyConstraintName: 'FK_rw_assets_envelope_id' })
  envelope?: Envelope;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  /** GeoJSON MultiPolygon as JSON text, or null. */
  @Column({ type: 'text', nullable: true })
  shape: string | null;

  /** The name the file was uploaded with. */
  @Column({ type: 'varchar', length: 256, nullable: true })
  filename: string | null;

  /** The file's name in the media store (`roundware/<random>.<ext>`), or null. */
  @Column({ name: 'media_path', type: 'varchar', length: 256, nullable: true })
  mediaPath: string | null;

  @Column({ type: 'double precision', nullable: true, default: 1 })
  volume: number | null;

  @Column({ type: 'boolean', default: true })
  submitted: boolean;

  /** Microseconds since the epoch, UTC. */
  @Column({ type: 'bigint' })
  created: number;

  @Column({ type: 'bigint' })
  updated: number;

  /** Seconds. */
  @Column({ name: 'audio_length', type: 'double precision', nullable: true })
  audioLength: number | null;

  @Column({ name: 'start_time', type: 'double precision', nullable: true })
  startTime: number | null;

  @Column({ name: 'end_time', type: 'double precision', nullable: true })
  endTime: number | null;

  /** Tag ids as `3,8`, or null. */
  @Column({ name: 'tag_ids', type: 'text', nullable: true })
  tagIds: string | null;

  @Column({ name: 'language_id', type: 'integer', nullable: true })
  languageId: number | null;

  @Column({ type: 'integer', default: 50 })
  weight: number;

  @Column({ name: 'media_type', type: 'varchar', length: 16, default: 'audio' })
  mediaType: string;

  @Column({ type: 'text', default: '' })
  description: string;
}
