import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Location } from './location.entity';
import { ScheduleSession } from './schedule-session.entity';

/** A schedule session takes place in a location of the same guide. */
@Entity('schedule_session_locations')
export class ScheduleSessionLocation {
  @PrimaryColumn({ name: 'session_id', type: 'integer' })
  sessionId: number;

  @Index('IDX_schedule_session_locations_location_id')
  @PrimaryColumn({ name: 'location_id', type: 'integer' })
  locationId: number;

  @ManyToOne(() => ScheduleSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_schedule_session_locations_session_id' })
  session?: ScheduleSession;

  @ManyToOne(() => Location, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'FK_schedule_session_locations_location_id' })
  location?: Location;
}
