import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import { CreatedWebhookDto, CreateWebhookDto, WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';
import { GUIDE_WRITE_403, GUIDEBOOK_429 } from './dto/seed-examples';
import { GuidebookVersion, operationIdOf } from './guidebook-version';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER } from './webhook-poller.service';

/* The OpenAPI prose of `/open-api/v1(.1)/guides/{id}/webhooks/` (webhooksController). */

const NOT_FOUND = { status: 404, description: "No such guide or webhook, or another user's guide" };
const DELIVERY =
  "Guidebook configures webhooks in its Builder, not through the API; here the guide's owner registers them. " +
  'Each change made through the Open API writes its event to an outbox in the same transaction; a poller ' +
  "POSTs Guidebook's body `{weid, event, properties, extra_metadata}` (JSON) with " +
  `\`${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the raw body keyed with the webhook's secret>\` and ` +
  `\`${IDEMPOTENCY_HEADER}: <weid>\` (the same on every retry). A 2xx answer delivers it; anything else ` +
  '(redirects are not followed) is retried with exponential backoff. Events: Builder-SessionCreated, ' +
  'Builder-SessionUpdated, Builder-SessionDeleted (with `session_id`, `session_name`), ' +
  'Builder-AllSessionsInGuideDeleted (standard properties only; sent by the session delete that leaves the guide ' +
  "with no sessions, after its Builder-SessionDeleted). The webhooks are the guide's: `/open-api/v1/` and " +
  '`/open-api/v1.1/` list the same ones.';

export const ApiCreateWebhook = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('createGuideWebhook', version),
      summary: "Register a webhook for a guide's events (owner or admin)",
      description: `${DELIVERY} The answer carries the signing \`secret\`, shown only once.`,
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded'),
    ApiBody({
      type: CreateWebhookDto,
      examples: { all: { summary: 'Every event', value: { url: 'https://hooks.example.org/guidebook' } } },
    }),
    ApiCreatedResponse({ type: CreatedWebhookDto, description: 'The webhook and its secret' }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'A URL that is not http(s), points at a private address, or an unknown event',
        example: { url: ['Only http and https URLs are allowed.'] },
      },
      GUIDE_WRITE_403,
      NOT_FOUND,
      GUIDEBOOK_429,
    ),
  );

export const ApiListWebhooks = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('listGuideWebhooks', version),
      summary: "A guide's webhooks (without their secrets)",
      description: DELIVERY,
    }),
    ApiDrfPage(WebhookDto),
    ApiDrfErrors(NOT_FOUND, GUIDEBOOK_429),
  );

export const ApiDeleteWebhook = (version: GuidebookVersion) =>
  applyDecorators(
    ApiNoContentResponse({ description: 'Removed, with its pending deliveries and log' }),
    ApiOperation({
      operationId: operationIdOf('deleteGuideWebhook', version),
      summary: 'Remove a webhook (owner or admin)',
      description: 'Removes the webhook; its undelivered events are dropped with it.',
    }),
    ApiDrfErrors(GUIDE_WRITE_403, NOT_FOUND, GUIDEBOOK_429),
  );

export const ApiListWebhookDeliveries = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('listGuideWebhookDeliveries', version),
      summary: "A webhook's delivery log, newest first",
      description:
        'Every event written for the webhook: its body, status (`pending`, `delivered`, `failed`), and each attempt with the status code or the error.',
    }),
    ApiDrfPage(WebhookDeliveryDto),
    ApiDrfErrors(NOT_FOUND, GUIDEBOOK_429),
  );
