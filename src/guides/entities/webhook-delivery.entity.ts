import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { GuideWebhook } from './guide-webhook.entity';

/**
 * The outbox: one row per event and webhook, written in the transaction of the change that caused it,
 * delivered by the poller (`pending` → `delivered`, or `failed` after the last attempt).
 */
@Entity('webhook_deliveries')
@Index('IDX_webhook_deliveries_due', ['status', 'nextAttemptAt'])
@Index('IDX_webhook_deliveries_webhook_id_id', ['webhookId', 'id'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'webhook_id', type: 'integer' })
  webhookId: number;

  @ManyToOne(() => GuideWebhook, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'FK_webhook_deliveries_webhook_id' })
  webhook?: GuideWebhook;

  @Column({ type: 'varchar', length: 64 })
  event: string;

  /** The exact JSON body sent (signed as is). */
  @Column({ type: 'text' })
  payload: string;

  /** The `Idempotency-Key` header and the body's `weid`. */
  @Index('UQ_webhook_deliveries_idempotency_key', { unique: true })
  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey: string;

  /** `pending`, `delivered` or `failed`. */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Microseconds UTC. */
  @Column({ name: 'next_attempt_at', type: 'bigint' })
  nextAttemptAt: number;

  /** The instance's claim token while an attempt is under way, and until when it holds. */
  @Column({ name: 'lease_owner', type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'bigint', nullable: true })
  leaseUntil: number | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'delivered_at', type: 'bigint', nullable: true })
  deliveredAt: number | null;
}
