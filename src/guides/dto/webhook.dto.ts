import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, ValidateBy } from 'class-validator';
import { WEBHOOK_EVENTS } from '../webhook-events.service';
import { isFormBody } from './form-fields';
import { GUIDEBOOK_TIME } from './time-formats';

/** `events`: a JSON array of event names, or in a form repeated keys / comma-separated. */
function WebhookEventList() {
  return ValidateBy({
    name: 'webhookEvents',
    validator: {
      validate: (value: unknown) =>
        value === undefined ||
        (Array.isArray(value) &&
          value.length > 0 &&
          value.every((v) => typeof v === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(v))),
      defaultMessage: () => `A non-empty list of events among ${WEBHOOK_EVENTS.join(', ')}.`,
    },
  });
}

function WebhookUrlText() {
  return ValidateBy({
    name: 'webhookUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= 2048,
      defaultMessage: (args) =>
        args?.value === undefined
          ? 'This field is required.'
          : 'Enter a valid URL (at most 2048 characters).',
    },
  });
}

export class CreateWebhookDto {
  @ApiProperty({
    maxLength: 2048,
    example: 'https://hooks.example.org/guidebook',
    description:
      'Where events are POSTed: http or https only; private, loopback and link-local addresses are refused unless the server sets WEBHOOK_ALLOW_PRIVATE=true.',
  })
  @Transform(({ value, obj }) =>
    isFormBody(obj) && Array.isArray(value) ? (value[value.length - 1] as unknown) : value,
  )
  @WebhookUrlText()
  url: string;

  @ApiPropertyOptional({
    enum: [...WEBHOOK_EVENTS],
    enumName: 'WebhookEventName',
    isArray: true,
    description: 'The events to receive; all of them when absent.',
  })
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean)
      : value,
  )
  @WebhookEventList()
  events?: string[];

  @ApiHideProperty() @Allow() id?: unknown;
}

export class WebhookDto {
  @ApiProperty({ type: 'integer', example: 4 }) id: number;
  @ApiProperty({ type: 'integer', example: 1 }) guide: number;
  @ApiProperty({ example: 'https://hooks.example.org/guidebook' }) url: string;
  @ApiProperty({ enum: [...WEBHOOK_EVENTS], enumName: 'WebhookEventName', isArray: true })
  events: string[];
  @ApiProperty({ ...GUIDEBOOK_TIME, example: '2017-09-18T22:13:25.766623+0000' }) created_at: string;
}

/** The registration answer: the only time the signing secret is shown. */
export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({
    example: 'whsec_3b1f…',
    description:
      'The HMAC-SHA256 key of the `X-Hub-Signature-256: sha256=<hex>` header (of the raw body). Shown only here.',
  })
  secret: string;
}

export class WebhookAttemptDto {
  @ApiProperty({ type: 'integer', example: 1 }) attempt: number;
  @ApiProperty({ type: 'integer', nullable: true, example: 200 }) status_code: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why there was no answer (timeout, refused…)',
  })
  error: string | null;
  @ApiProperty({ type: 'integer', example: 12 }) duration_ms: number;
  @ApiProperty({ ...GUIDEBOOK_TIME, example: '2017-09-18T22:13:25.766623+0000' }) attempted_at: string;
}

export class WebhookDeliveryDto {
  @ApiProperty({ type: 'integer', example: 17 }) id: number;
  @ApiProperty({ enum: [...WEBHOOK_EVENTS], enumName: 'WebhookEventName', example: 'Builder-SessionCreated' })
  event: string;
  @ApiProperty({ example: '7d0c…', description: 'The `Idempotency-Key` header and the body `weid`' })
  idempotency_key: string;
  @ApiProperty({
    enum: ['pending', 'delivered', 'failed'],
    enumName: 'WebhookDeliveryStatus',
    example: 'delivered',
  })
  status: string;
  @ApiProperty({ type: 'integer', example: 1 }) attempts: number;
  @ApiProperty({
    ...GUIDEBOOK_TIME,
    nullable: true,
    description: 'When the next attempt is due (null once settled)',
  })
  next_attempt_at: string | null;
  @ApiProperty({ ...GUIDEBOOK_TIME }) created_at: string;
  @ApiProperty({ ...GUIDEBOOK_TIME, nullable: true }) delivered_at: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The body sent: `{weid, event, properties, extra_metadata}`',
  })
  payload: Record<string, unknown>;
  @ApiProperty({ type: [WebhookAttemptDto] }) log: WebhookAttemptDto[];
}
