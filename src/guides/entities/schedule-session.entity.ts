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

  /** Display order (Guidebook's `rank`, a float). */
  @Column({ type: 'double precision', default: 0 })
  rank: number;

  /** Attendees must log in to add it to their schedule (needs `add_to_schedule`). */
  @Column({ name: 'require_login', type: 'boolean', default: false })
  requireLogin: boolean;

  /** Registrations beyond `max_capacity` go on a waitlist (needs `max_capacity`). */
  @Column({ type: 'boolean', default: false })
  waitlist: boolean;

  /** How many may register (needs `require_login`). */
  @Column({ name: 'max_capacity', type: 'integer', nullable: true })
  maxCapacity: number | null;

  /** When registration opens and closes, microseconds UTC (need `require_login`). */
  @Column({ name: 'registration_start_date', type: 'bigint', nullable: true })
  registrationStartDate: number | null;

  @Column({ name: 'registration_end_date', type: 'bigint', nullable: true })
  registrationEndDate: number | null;

  /** The image's name in the media store (`guidebook/<random>.png|jpg`), null without one. */
  @Column({ name: 'image_path', type: 'varchar', length: 255, nullable: true })
  imagePath: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'last_updated', type: 'bigint' })
  lastUpdated: number;
}
