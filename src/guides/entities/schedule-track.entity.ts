import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Guide } from './guide.entity';

/** A schedule track of a guide (a coloured grouping of sessions). */
@Entity('schedule_tracks')
@Index('IDX_schedule_tracks_guide_id_id', ['guideId', 'id'])
export class ScheduleTrack {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'guide_id', type: 'integer' })
  guideId: number;

  @ManyToOne(() => Guide, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'guide_id', foreignKeyConstraintName: 'FK_schedule_tracks_guide_id' })
  guide?: Guide;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** `#rrggbb`, or null when none was given. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  color: string | null;

  @Index('IDX_schedule_tracks_import_id')
  @Column({ name: 'import_id', type: 'varchar', length: 255, nullable: true })
  importId: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'last_updated', type: 'bigint' })
  lastUpdated: number;
}
