import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from '../../sessions/entities/project.entity';
import { Asset } from './asset.entity';

/** An asset played at a fixed time of the stream (seconds from its start). */
@Entity('rw_timed_assets')
@Index('IDX_rw_timed_assets_project_id_id', ['projectId', 'id'])
export class TimedAsset {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_rw_timed_assets_project_id' })
  project?: Project;

  @Index('IDX_rw_timed_assets_asset_id')
  @Column({ name: 'asset_id', type: 'integer' })
  assetId: number;

  @ManyToOne(() => Asset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_rw_timed_assets_asset_id' })
  asset?: Asset;

  @Column({ name: 'start_seconds', type: 'double precision' })
  start: number;

  @Column({ name: 'end_seconds', type: 'double precision' })
  end: number;
}
