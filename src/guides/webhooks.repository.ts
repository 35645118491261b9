import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Sql } from '../database/sql';
import { GuideWebhook } from './entities/guide-webhook.entity';
import { WebhookAttempt } from './entities/webhook-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';

/** A claimed delivery with where and how to send it. */
export interface ClaimedDelivery {
  id: number;
  event: string;
  payload: string;
  idempotencyKey: string;
  attempts: number;
  url: string;
  secret: string;
}

/** What one attempt came to. */
export interface AttemptOutcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** `delivered`, `failed` (no attempts left) or `pending` (retry at `nextAttemptAt`). */
  status: 'delivered' | 'failed' | 'pending';
  nextAttemptAt: number;
  at: number;
}

/** One outbox row to write for an event (per subscribed webhook). */
export interface OutboxRow {
  webhookId: number;
  event: string;
  payload: string;
  idempotencyKey: string;
}

/**
 * Every statement on `guide_webhooks`, `webhook_deliveries` (the outbox) and `webhook_attempts` (the log).
 * `enqueue` joins the caller's open `Sql.transaction`, so an event is written with the change or not at
 * all; `claim` leases due rows to one instance (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: one
 * conditional UPDATE, SQLite having a single writer).
 */
@Injectable()
export class WebhooksRepository {
  constructor(
    @InjectRepository(GuideWebhook) private readonly webhooks: Repository<GuideWebhook>,
    @InjectRepository(WebhookDelivery) private readonly deliveries: Repository<WebhookDelivery>,
    @InjectRepository(WebhookAttempt) private readonly attempts: Repository<WebhookAttempt>,
    private readonly sql: Sql,
  ) {}

  async insertWebhook(fields: Omit<GuideWebhook, 'id' | 'guide'>): Promise<GuideWebhook> {
    return this.webhooks.save(this.webhooks.create(fields));
  }

  async webhooksOfGuide(guideId: number): Promise<GuideWebhook[]> {
    return this.webhooks.find({ where: { guideId }, order: { id: 'ASC' } });
  }

  async findWebhook(guideId: number, id: number): Promise<GuideWebhook | null> {
    return this.webhooks.findOneBy({ guideId, id });
  }

  async deleteWebhook(id: number): Promise<void> {
    await this.webhooks.delete({ id });
  }

  /** The webhooks of `guideId` subscribed to `event` (inside the caller's transaction when one is open). */
  async subscribers(guideId: number, event: string): Promise<Array<{ id: number }>> {
    const rows = await this.sql.all<{ id: number; events: string }>(
      'SELECT id, events FROM guide_webhooks WHERE guide_id = ? ORDER BY id',
      [guideId],
    );
    return rows.filter((row) => row.events.split(',').includes(event)).map((row) => ({ id: Number(row.id) }));
  }

  /** Writes outbox rows, due at `now` (joins the caller's open transaction). */
  async enqueue(rows: OutboxRow[], now: number): Promise<void> {
    for (const row of rows) {
      await this.sql.run(
        `INSERT INTO webhook_deliveries (webhook_id, event, payload, idempotency_key, status, attempts, next_attempt_at, created_at)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
        [row.webhookId, row.event, row.payload, row.idempotencyKey, now, now],
      );
    }
  }

  /** Leases up to `limit` due deliveries to `owner` until `leaseUntil` and returns them. */
  async claim(owner: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedDelivery[]> {
    const due =
      "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? " +
      'AND (lease_until IS NULL OR lease_until < ?) ORDER BY id LIMIT ?';
    await this.sql.run(
      `UPDATE webhook_deliveries SET lease_owner = ?, lease_until = ?
       WHERE id IN (${due}${this.sql.postgres ? ' FOR UPDATE SKIP LOCKED' : ''})
       AND status = 'pending' AND (lease_until IS NULL OR lease_until < ?)`,
      [owner, leaseUntil, now, now, limit, now],
    );
    const rows = await this.sql.all<Record<string, unknown>>(
      `SELECT d.id, d.event, d.payload, d.idempotency_key, d.attempts, w.url, w.secret
       FROM webhook_deliveries d JOIN guide_webhooks w ON w.id = d.webhook_id
       WHERE d.lease_owner = ? ORDER BY d.id`,
      [owner],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      event: String(r.event),
      payload: String(r.payload),
      idempotencyKey: String(r.idempotency_key),
      attempts: Number(r.attempts),
      url: String(r.url),
      secret: String(r.secret),
    }));
  }

  /** Logs an attempt and settles the delivery, if `owner` still holds its lease (one transaction). */
  async settle(deliveryId: number, owner: string, attempt: number, outcome: AttemptOutcome): Promise<void> {
    await this.sql.transaction(async () => {
      const { changes } = await this.sql.run(
        `UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?, delivered_at = ?,
         lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?`,
        [
          outcome.status,
          attempt,
          outcome.nextAttemptAt,
          outcome.status === 'delivered' ? outcome.at : null,
          deliveryId,
          owner,
        ],
      );
      if (!changes) return;
      await this.sql.run(
        `INSERT INTO webhook_attempts (delivery_id, attempt, status_code, error, duration_ms, attempted_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [deliveryId, attempt, outcome.statusCode, outcome.error, outcome.durationMs, outcome.at],
      );
    });
  }

  /** How many deliveries `webhookId` has, and those of the page, newest first. */
  async pageOfDeliveries(
    webhookId: number,
    offset: number,
    limit: number,
  ): Promise<[number, WebhookDelivery[]]> {
    const [rows, count] = await this.deliveries.findAndCount({
      where: { webhookId },
      order: { id: 'DESC' },
      skip: offset,
      take: limit,
    });
    return [count, rows];
  }

  /** The attempts of each delivery, in order. */
  async attemptsOf(deliveryIds: number[]): Promise<Map<number, WebhookAttempt[]>> {
    const out = new Map<number, WebhookAttempt[]>(deliveryIds.map((id) => [id, []]));
    if (!deliveryIds.length) return out;
    const rows = await this.attempts
      .createQueryBuilder('a')
      .where('a.delivery_id IN (:...ids)', { ids: deliveryIds })
      .orderBy('a.delivery_id')
      .addOrderBy('a.attempt')
      .getMany();
    for (const row of rows) out.get(row.deliveryId)?.push(row);
    return out;
  }
}
