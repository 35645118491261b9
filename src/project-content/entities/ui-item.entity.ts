import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tag } from './tag.entity';
import { UiGroup } from './ui-group.entity';

/** One tag shown in a UI group. */
@Entity('rw_ui_items')
@Index('IDX_rw_ui_items_ui_group_id_index', ['uiGroupId', 'index'])
export class UiItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'ui_group_id', type: 'integer' })
  uiGroupId: number;

  @ManyToOne(() => UiGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ui_group_id', foreignKeyConstraintName: 'FK_rw_ui_items_ui_group_id' })
  uiGroup?: UiGroup;

  @Column({ type: 'integer' })
  index: number;

  @Index('IDX_rw_ui_items_tag_id')
  @Column({ name: 'tag_id', type: 'integer' })
  tagId: number;

  @ManyToOne(() => Tag, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tag_id', foreignKeyConstraintName: 'FK_rw_ui_items_tag_id' })
  tag?: Tag;

  @Column({ name: 'default_state', type: 'boolean', default: false })
  defaultState: boolean;

  @Column({ type: 'boolean', default: false })
  active: boolean;

  /** Another item of the same group (a tiered UI), or null. */
  @Column({ name: 'parent_id', type: 'integer', nullable: true })
  parentId: number | null;
}
