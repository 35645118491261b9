import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from '../../sessions/entities/project.entity';

/** A Roundware tag: metadata describing assets, shown to listeners and contributors through the UI config. */
@Entity('rw_tags')
@Index('IDX_rw_tags_project_id_id', ['projectId', 'id'])
export class Tag {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_rw_tags_project_id' })
  project?: Project;

  @Column({ name: 'tag_category_id', type: 'integer', nullable: true })
  tagCategoryId: number | null;

  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The text shown for the tag (upstream's localized `loc_msg`, one language here). */
  @Column({ type: 'text', nullable: true })
  msg: string | null;

  @Column({ type: 'text', nullable: true })
  data: string | null;

  @Column({ type: 'varchar', length: 255, default: '' })
  filter: string;

  /** GeoJSON MultiPolygon as JSON text, or null. */
  @Column({ type: 'text', nullable: true })
  location: string | null;
}
