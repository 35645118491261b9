import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The distinct `event_type` names, stored once. Events point at them by id, so the case-insensitive
 * substring filter (`event_type=start`) scans this small table and then uses the events' index on
 * `(event_type_id, id)` instead of reading every event.
 */
@Entity('event_types')
export class EventType {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('IDX_event_types_name', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  name: string;
}
