import { Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { offsetOf, Page, PageRequest } from '../common/pagination';
import { nowMicros, toGuidebookTime } from '../common/time';
import { AppConfig } from '../config/app-config';
import { CreatedWebhookDto, CreateWebhookDto, WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';
import { GuideWebhook } from './entities/guide-webhook.entity';
import { GuideAccess } from './guide-access.service';
import { WEBHOOK_EVENTS } from './webhook-events.service';
import { webhookUrlProblem } from './webhook-url';
import { WebhooksRepository } from './webhooks.repository';

const toWebhook = (w: GuideWebhook): WebhookDto => ({
  id: w.id,
  guide: w.guideId,
  url: w.url,
  events: w.events.split(','),
  created_at: toGuidebookTime(w.createdAt),
});

/** Webhooks of a guide: its owner (or an admin) registers and removes them; whoever reads the guide reads them and their log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly access: GuideAccess,
    private readonly config: AppConfig,
  ) {}

  async create(auth: AuthUser, guideId: number, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const guide = await this.access.writable(auth, guideId);
    const problem = webhookUrlProblem(dto.url, this.config.webhooks.allowPrivate);
    if (problem) throw FieldErrorsException.of('url', problem);
    const events = WEBHOOK_EVENTS.filter((e) => (dto.events ?? WEBHOOK_EVENTS).includes(e));
    const secret = `whsec_${randomBytes(24).toString('hex')}`;
    const webhook = await this.webhooks.insertWebhook({
      guideId: guide.id,
      url: dto.url,
      secret,
      events: events.join(','),
      createdAt: nowMicros(),
    });
    return { ...toWebhook(webhook), secret };
  }

  async list(auth: AuthUser, guideId: number, page: PageRequest): Promise<Page<WebhookDto>> {
    const guide = await this.access.readable(auth, guideId);
    const all = (await this.webhooks.webhooksOfGuide(guide.id)).map(toWebhook);
    const offset = offsetOf(page);
    return { count: all.length, items: all.slice(offset, offset + page.pageSize) };
  }

  async remove(auth: AuthUser, guideId: number, id: number): Promise<void> {
    const guide = await this.access.writable(auth, guideId);
    const webhook = await this.webhooks.findWebhook(guide.id, id);
    if (!webhook) throw new NotFoundException();
    await this.webhooks.deleteWebhook(webhook.id);
  }

  async deliveries(
    auth: AuthUser,
    guideId: number,
    id: number,
    page: PageRequest,
  ): Promise<Page<WebhookDeliveryDto>> {
    const guide = await this.access.readable(auth, guideId);
    const webhook = await this.webhooks.findWebhook(guide.id, id);
    if (!webhook) throw new NotFoundException();
    const [count, rows] = await this.webhooks.pageOfDeliveries(webhook.id, offsetOf(page), page.pageSize);
    const attempts = await this.webhooks.attemptsOf(rows.map((r) => r.id));
    return {
      count,
      items: rows.map((d) => ({
        id: d.id,
        event: d.event,
        idempotency_key: d.idempotencyKey,
        status: d.status,
        attempts: d.attempts,
        next_attempt_at: d.status === 'pending' ? toGuidebookTime(d.nextAttemptAt) : null,
        created_at: toGuidebookTime(d.createdAt),
        delivered_at: toGuidebookTime(d.deliveredAt),
        payload: JSON.parse(d.payload) as Record<string, unknown>,
        log: (attempts.get(d.id) ?? []).map((a) => ({
          attempt: a.attempt,
          status_code: a.statusCode,
          error: a.error,
          duration_ms: a.durationMs,
          attempted_at: toGuidebookTime(a.attemptedAt),
        })),
      })),
    };
  }
}
