import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Guide } from './guide.entity';

/** A URL the guide's owner registered to receive the guide's Builder events. */
@Entity('guide_webhooks')
@Index('IDX_guide_webhooks_guide_id', ['guideId'])
export class GuideWebhook {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'guide_id', type: 'integer' })
  guideId: number;

  @ManyToOne(() => Guide, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'guide_id', foreignKeyConstraintName: 'FK_guide_webhooks_guide_id' })
  guide?: Guide;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  /** HMAC-SHA256 key of the signature header (shown to the owner once, on registration). */
  @Column({ type: 'varchar', length: 128 })
  secret: string;

  /** Comma-separated event names it receives. */
  @Column({ type: 'text' })
  events: string;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;
}
