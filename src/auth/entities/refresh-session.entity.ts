import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * One signed-in device of a user that refreshes its access JWTs (Audiobookshelf's session model): the
 * refresh JWT names its row by `sid`. A refresh replaces the row (the old refresh JWT stops working), a
 * logout deletes it, and deleting the user deletes them all.
 */
@Entity('refresh_sessions')
export class RefreshSession {
  /** 32 random hex characters, the refresh JWT's `sid`. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Index('IDX_refresh_sessions_user_id')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_refresh_sessions_user_id' })
  user?: User;

  /** Microseconds since the epoch. */
  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  /** Milliseconds since the epoch, when the refresh JWT expires (expired rows are swept on write). */
  @Column({ name: 'expires_at', type: 'bigint' })
  expiresAt: number;
}
