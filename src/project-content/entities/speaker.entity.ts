import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from '../../sessions/entities/project.entity';

/** A Roundware speaker: a geographic area (GeoJSON MultiPolygon) where one audio stream is heard. */
@Entity('rw_speakers')
@Index('IDX_rw_speakers_project_id_id', ['projectId', 'id'])
export class Speaker {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_rw_speakers_project_id' })
  project?: Project;

  @Column({ type: 'boolean', default: false })
  activeyn: boolean;

  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Column({ type: 'double precision' })
  maxvolume: number;

  @Column({ type: 'double precision' })
  minvolume: number;

  @Column({ type: 'varchar', length: 1024 })
  uri: string;

  @Column({ type: 'varchar', length: 1024, default: '' })
  backupuri: string;

  /** GeoJSON MultiPolygon as JSON text, or null. */
  @Column({ type: 'text', nullable: true })
  shape: string | null;

  @Column({ name: 'attenuation_distance', type: 'integer' })
  attenuationDistance: number;
}
