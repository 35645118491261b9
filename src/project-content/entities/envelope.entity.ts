import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Session } from '../../sessions/entities/session.entity';

/** A contribution bundle: a client opens one in its session, then uploads assets into it. */
@Entity('rw_envelopes')
export class Envelope {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('IDX_rw_envelopes_session_id')
  @Column({ name: 'session_id', type: 'integer' })
  sessionId: number;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_rw_envelopes_session_id' })
  session?: Session;

  /** The session's project (copied at creation, for scoping). */
  @Index('IDX_rw_envelopes_project_id')
  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  /** Microseconds since the epoch, UTC. */
  @Column({ type: 'bigint' })
  created: number;
}
