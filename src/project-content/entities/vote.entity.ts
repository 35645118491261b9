import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { Session } from '../../sessions/entities/session.entity';
import { Asset } from './asset.entity';

/**
 * A listener's vote on an asset (upstream's Vote: `like`, `flag`, `rate`, `block_asset`, `block_user`),
 * cast in a session. `projectId` is the asset's, copied when the vote is written, for scoping.
 */
@Entity('rw_votes')
@Index('IDX_rw_votes_asset_id_type', ['assetId', 'type'])
export class Vote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'asset_id', type: 'integer' })
  assetId: number;

  @ManyToOne(() => Asset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_rw_votes_asset_id' })
  asset?: Asset;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @Index('IDX_rw_votes_session_id')
  @Column({ name: 'session_id', type: 'integer' })
  sessionId: number;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_rw_votes_session_id' })
  session?: Session;

  @Column({ name: 'voter_id', type: 'integer', nullable: true })
  voterId: number | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'voter_id', foreignKeyConstraintName: 'FK_rw_votes_voter_id' })
  voter?: User;

  @Column({ type: 'varchar', length: 16 })
  type: string;

  @Column({ type: 'integer', nullable: true })
  value: number | null;
}
