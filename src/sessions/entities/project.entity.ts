import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';

/** A Roundware project, read by the AERPAW surface as an experiment. */
@Entity('projects')
@Index('IDX_projects_owner_id_id', ['ownerId', 'id'])
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
}
