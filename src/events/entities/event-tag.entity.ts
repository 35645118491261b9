import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Event } from './event.entity';

/**
 * One tag of one event, so `tag_ids=3,8` matches whole tags through an index on `(tag_id, event_id)`
 * (a substring match on `"3,8"` would let `1` match `10`, and could not use an index).
 */
@Entity('event_tags')
@Index('IDX_event_tags_tag_id_event_id', ['tagId', 'eventId'])
export class EventTag {
  @PrimaryColumn({ name: 'event_id', type: 'integer' })
  eventId: number;

  @PrimaryColumn({ name: 'tag_id', type: 'integer' })
  tagId: number;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'FK_event_tags_event_id' })
  event?: Event;
}
