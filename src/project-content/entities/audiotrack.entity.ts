import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from '../../sessions/entities/project.entity';

/** A Roundware audio track: one linear stream of assets and silence in a project's mix (times in seconds). */
@Entity('rw_audiotracks')
@Index('IDX_rw_audiotracks_project_id_id', ['projectId', 'id'])
export class Audiotrack {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_rw_audiotracks_project_id' })
  project?: Project;

  @Column({ type: 'double precision' }) minvolume: number;
  @Column({ type: 'double precision' }) maxvolume: number;
  @Column({ type: 'double precision' }) minduration: number;
  @Column({ type: 'double precision' }) maxduration: number;
  @Column({ type: 'double precision' }) mindeadair: number;
  @Column({ type: 'double precision' }) maxdeadair: number;
  @Column({ type: 'double precision' }) minfadeintime: number;
  @Column({ type: 'double precision' }) maxfadeintime: number;
  @Column({ type: 'double precision' }) minfadeouttime: number;
  @Column({ type: 'double precision' }) maxfadeouttime: number;
  @Column({ type: 'double precision' }) minpanpos: number;
  @Column({ type: 'double precision' }) maxpanpos: number;
  @Column({ type: 'double precision' }) minpanduration: number;
  @Column({ type: 'double precision' }) maxpanduration: number;

  @Column({ type: 'boolean', default: false })
  repeatrecordings: boolean;

  /** Tag ids as `3,8`, or null. */
  @Column({ name: 'tag_filters', type: 'text', nullable: true })
  tagFilters: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'start_with_silence', type: 'boolean', default: false })
  startWithSilence: boolean;

  @Column({ name: 'banned_duration', type: 'integer', default: 0 })
  bannedDuration: number;

  @Column({ name: 'fadeout_when_filtered', type: 'boolean', default: false })
  fadeoutWhenFiltered: boolean;

  @Column({ name: 'timed_asset_priority', type: 'varchar', length: 10, default: 'normal' })
  timedAssetPriority: string;
}
