import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Guide } from './guide.entity';

/**
 * A session on a guide's schedule (a talk, a workshop). Not the `sessions` table: that one holds
 * client and experiment sessions of users; this is event-programme content.
 */
@Entity('schedule_sessions')
@Index('IDX_schedule_sessions_guide_id_id', ['guideId', 'id'])
export class ScheduleSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'guide_id', type: 'integer' })
  guideId: number;

  @ManyToOne(() => Guide, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'guide_id', foreignKeyConstraintName: 'FK_schedule_sessions_guide_id' })
  guide?: Guide;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'description_html', type: 'text', nullable: true })
  descriptionHtml: string | null;

  /** Microseconds since the epoch, UTC. */
  @Index('IDX_schedule_sessions_start_time')
  @Column({ name: 'start_time', type: 'bigint' })
  startTime: number;

  @Index('IDX_schedule_sessions_end_time')
  @Column({ name: 'end_time', type: 'bigint', nullable: true })
  endTime: number | null;

  @Column({ name: 'all_day', type: 'boolean', default: false })
  allDay: boolean;

  @Column({ name: 'allow_rating', type: 'boolean', default: false })
  allowRating: boolean;

  @Column({ name: 'add_to_schedule', type: 'boolean', default: false })
  addToSchedule: boolean;

  @Index('IDX_schedule_sessions_import_id')
  @Column({ name: 'import_id', type: 'varchar', length: 255, nullable: true })
  importId: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'last_updated', type: 'bigint' })
  lastUpdated: number;
}
