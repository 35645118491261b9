import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';

/** A Guidebook guide (one event's app content), owned by the user who created it. */
@Entity('guides')
@Index('IDX_guides_owner_id_id', ['ownerId', 'id'])
export class Guide {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'owner_id', type: 'integer' })
  ownerId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'FK_guides_owner_id' })
  owner?: User;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'description_html', type: 'text', nullable: true })
  descriptionHtml: string | null;

  /** Microseconds since the epoch, UTC. */
  @Column({ name: 'start_date', type: 'bigint', nullable: true })
  startDate: number | null;

  @Column({ name: 'end_date', type: 'bigint', nullable: true })
  endDate: number | null;

  /** IANA zone the event takes place in (times are still stored and returned in UTC). */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'last_updated', type: 'bigint' })
  lastUpdated: number;
}
