import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../common/auth-user';
import { nowMicros, toGuidebookTime } from '../common/time';
import type { Guide } from './entities/guide.entity';
import type { GuidebookVersion } from './guidebook-version';
import { WebhooksRepository } from './webhooks.repository';

/** The Builder events of Guidebook's webhook docs that the Open API causes here. */
export const WEBHOOK_EVENTS = [
  'Builder-SessionCreated',
  'Builder-SessionUpdated',
  'Builder-SessionDeleted',
  'Builder-AllSessionsInGuideDeleted',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/**
 * Writes webhook events to the outbox. `emit` must run inside the `Sql.transaction` of the change that
 * causes the event (the repositories take it as their `inTransaction` callback), so the event exists
 * exactly when the change does. The body is Guidebook's: `{weid, event, properties, extra_metadata}` with
 * the standard properties (ids as strings, as in Guidebook's example) and the session's.
 */
@Injectable()
export class WebhookEvents {
  constructor(private readonly webhooks: WebhooksRepository) {}

  async emit(
    auth: AuthUser,
    version: GuidebookVersion,
    guide: Pick<Guide, 'id' | 'name'>,
    event: WebhookEvent,
    extra: Record<string, string> = {},
  ): Promise<void> {
    const subscribers = await this.webhooks.subscribers(guide.id, event);
    if (!subscribers.length) return;
    const now = nowMicros();
    const rows = subscribers.map((webhook) => {
      const weid = randomUUID();
      const body = {
        weid,
        event,
        properties: {
          time: toGuidebookTime(now),
          guide_id: String(guide.id),
          guide_name: guide.name,
          user_id: String(auth.id),
          first_name: '',
          last_name: '',
          company: '',
          position: '',
          email: '',
          open_api_version: version,
          ...extra,
        },
        extra_metadata: {},
      };
      return { webhookId: webhook.id, event, payload: JSON.stringify(body), idempotencyKey: weid };
    });
    await this.webhooks.enqueue(rows, now);
  }
}
