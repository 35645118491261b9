import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ScheduleSession } from './schedule-session.entity';
import { ScheduleTrack } from './schedule-track.entity';

/** Membership of a schedule session in a schedule track of the same guide. */
@Entity('schedule_session_tracks')
export class ScheduleSessionTrack {
  @PrimaryColumn({ name: 'session_id', type: 'integer' })
  sessionId: number;

  @Index('IDX_schedule_session_tracks_track_id')
  @PrimaryColumn({ name: 'track_id', type: 'integer' })
  trackId: number;

  @ManyToOne(() => ScheduleSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_schedule_session_tracks_session_id' })
  session?: ScheduleSession;

  @ManyToOne(() => ScheduleTrack, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'track_id', foreignKeyConstraintName: 'FK_schedule_session_tracks_track_id' })
  track?: ScheduleTrack;
}
