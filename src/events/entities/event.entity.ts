import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Session } from '../../sessions/entities/session.entity';
import { EventType } from './event-type.entity';

/**
 * One Roundware event: something a client did, or the server did for it, inside a session. Built to be
 * filtered at volume: every list filter has an index (see the migration for which serves which).
 */
@Entity('events')
@Index('IDX_events_session_id_id', ['sessionId', 'id'])
@Index('IDX_events_event_type_id_id', ['eventTypeId', 'id'])
export class Event {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'session_id', type: 'integer' })
  sessionId: number;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_events_session_id' })
  session?: Session;

  @Column({ name: 'event_type_id', type: 'integer' })
  eventTypeId: number;

  @ManyToOne(() => EventType)
  @JoinColumn({ name: 'event_type_id', foreignKeyConstraintName: 'FK_events_event_type_id' })
  eventType?: EventType;

  /** Set by the server, microseconds since the epoch (UTC). */
  @Index('IDX_events_server_time')
  @Column({ name: 'server_time', type: 'bigint' })
  serverTime: number;

  /** Exactly the text the client sent (validated as a date-time, never rewritten). */
  @Column({ name: 'client_time', type: 'varchar', length: 64, nullable: true })
  clientTime: string | null;

  @Column({ type: 'text', nullable: true })
  data: string | null;

  /** The coordinate as the client gave it (a JSON number is kept in its shortest decimal text). */
  @Index('IDX_events_latitude')
  @Column({ type: 'varchar', length: 32, nullable: true })
  latitude: string | null;

  @Index('IDX_events_longitude')
  @Column({ type: 'varchar', length: 32, nullable: true })
  longitude: string | null;

  /** The tags as rendered (`"3,8"`, in the client's order); `event_tags` holds them for filtering. */
  @Column({ name: 'tag_ids', type: 'text', nullable: true })
  tagIds: string | null;
}
