import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { Language } from './language.entity';
import { Project } from './project.entity';

export const SESSION_TYPES = ['development', 'emulation', 'sandbox', 'testbed'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/**
 * One period of activity by one user inside one project. Roundware calls it a client session, AERPAW an
 * experiment session; both surfaces read and write the same row.
 */
@Entity('sessions')
@Index('IDX_sessions_owner_id_id', ['ownerId', 'id'])
@Index('IDX_sessions_project_id_id', ['projectId', 'id'])
@Index('IDX_sessions_is_active_id', ['isActive', 'id'])
@Index('IDX_sessions_language_id_id', ['languageId', 'id'])
@Index('IDX_sessions_geo_listen_enabled_id', ['geoListenEnabled', 'id'])
@Index('IDX_sessions_demo_stream_enabled_id', ['demoStreamEnabled', 'id'])
export class Session {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_sessions_project_id' })
  project?: Project;

  /** The user the session belongs to (AERPAW `started_by`). */
  @Column({ name: 'owner_id', type: 'integer' })
  ownerId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'FK_sessions_owner_id' })
  owner?: User;

  @Column({ name: 'ended_by_id', type: 'integer', nullable: true })
  endedById: number | null;

  @Column({ name: 'start_time', type: 'bigint' })
  startTime: number;

  @Column({ name: 'stop_time', type: 'bigint', nullable: true })
  stopTime: number | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'session_type', type: 'varchar', length: 16, default: 'development' })
  sessionType: SessionType;

  @Column({ name: 'device_id', type: 'varchar', length: 255, nullable: true })
  deviceId: string | null;

  @Column({ name: 'client_type', type: 'varchar', length: 128, nullable: true })
  clientType: string | null;

  @Column({ name: 'client_system', type: 'varchar', length: 128, nullable: true })
  clientSystem: string | null;

  @Column({ name: 'language_id', type: 'integer', nullable: true })
  languageId: number | null;

  @ManyToOne(() => Language)
  @JoinColumn({ name: 'language_id', foreignKeyConstraintName: 'FK_sessions_language_id' })
  language?: Language;

  @Column({ type: 'varchar', length: 8, nullable: true })
  timezone: string | null;

  @Column({ name: 'geo_listen_enabled', type: 'boolean', default: false })
  geoListenEnabled: boolean;

  @Column({ name: 'demo_stream_enabled', type: 'boolean', default: false })
  demoStreamEnabled: boolean;

  @Column({ name: 'created_by_id', type: 'integer' })
  createdById: number;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'modified_by_id', type: 'integer' })
  modifiedById: number;

  @Column({ name: 'modified_at', type: 'bigint' })
  modifiedAt: number;
}
