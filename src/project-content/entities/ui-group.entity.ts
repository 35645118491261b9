import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from '../../sessions/entities/project.entity';

/** How a project's tags are grouped in the client UI, per mode (listen, speak, browse). */
@Entity('rw_ui_groups')
@Index('IDX_rw_ui_groups_project_id_index', ['projectId', 'index'])
export class UiGroup {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_rw_ui_groups_project_id' })
  project?: Project;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** Upstream derives it from the tag category's name; stored on the group here. */
  @Column({ name: 'group_short_name', type: 'varchar', length: 50 })
  groupShortName: string;

  @Column({ name: 'header_text', type: 'text', nullable: true })
  headerText: string | null;

  @Column({ name: 'ui_mode', type: 'varchar', length: 6, default: 'listen' })
  uiMode: string;

  @Column({ name: 'select_method', type: 'varchar', length: 7, default: 'single' })
  select: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'integer' })
  index: number;

  @Column({ name: 'tag_category_id', type: 'integer', nullable: true })
  tagCategoryId: number | null;
}
