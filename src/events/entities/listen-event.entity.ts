import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Asset } from '../../project-content/entities/asset.entity';
import { Session } from '../../sessions/entities/session.entity';

/**
 * One asset play inside a session (upstream's ListeningHistoryItem, `/api/2/listenevents/`). `projectId`
 * is the session's, copied when the row is written (a session never changes project), so the
 * `project_id` filter and field need no join. `assetId` names an asset of the project content (foreign key
 * `FK_listen_events_asset_id`, cascading: migration 1763800012000).
 */
@Entity('listen_events')
@Index('IDX_listen_events_session_id_id', ['sessionId', 'id'])
@Index('IDX_listen_events_project_id_id', ['projectId', 'id'])
@Index('IDX_listen_events_asset_id_id', ['assetId', 'id'])
export class ListenEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'session_id', type: 'integer' })
  sessionId: number;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_listen_events_session_id' })
  session?: Session;

  @Column({ name: 'project_id', type: 'integer' })
  projectId: number;

  @Column({ name: 'asset_id', type: 'integer' })
  assetId: number;

  @ManyToOne(() => Asset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'asset_id', foreignKeyConstraintName: 'FK_listen_events_asset_id' })
  asset?: Asset;

  /** When the asset started playing, microseconds since the epoch (UTC). */
  @Index('IDX_listen_events_start_time')
  @Column({ name: 'start_time', type: 'bigint' })
  startTime: number;

  /** How long it played, in nanoseconds as upstream stores it; null until the client reports it. */
  @Column({ name: 'duration_ns', type: 'bigint', nullable: true })
  durationNs: number | null;
}
