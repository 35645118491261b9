import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { DrfBoolean, DrfInt } from '../../sessions/dto/drf-fields';
import { RoundwareSessionDto } from '../../sessions/dto/roundware-session.dto';
import { CLIENT_TIME_FORMATS, ROUNDWARE_TIME } from '../../sessions/dto/time-formats';
import { coordinateText, isClientTime, MAX_EVENT_TYPE_LENGTH, parseTagIds } from '../event-input';
import { DRF_MESSAGES } from '../../common/validation';
import { ListenEventDto } from './listen-event.dto';

function IsCoordinate(limit: number, options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isCoordinate',
      validator: {
        validate: (value: unknown) => coordinateText(value, limit) !== undefined,
        defaultMessage: () => `A valid number between -${limit} and ${limit} is required.`,
      },
    },
    options,
  );
}

function IsTagIds(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isTagIds',
      validator: {
        validate: (value: unknown) => parseTagIds(value) !== undefined,
        defaultMessage: () => 'Enter tag ids as "3,8" or [3, 8]: positive integers, at most 100 of them.',
      },
    },
    options,
  );
}

function IsClientTime(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isClientTime',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isClientTime(value),
        defaultMessage: () => DRF_MESSAGES.datetimeFormat,
      },
    },
    options,
  );
}

/** Body of `POST /api/2/events/` and one item of `POST /api/2/events/batch/`. */
export class CreateEventDto {
  @ApiProperty({
    type: 'integer',
    example: 1,
    description:
      'A session the caller can see; any other answers 400 `Invalid pk "…" - object does not exist.`',
  })
  @IsDefined()
  @DrfInt()
  @IsInt()
  session_id: number;

  @ApiProperty({
    example: 'heartbeat',
    maxLength: MAX_EVENT_TYPE_LENGTH,
    description: 'Any non-blank name, e.g. `start_listen`, `upload_recording`, `heartbeat`',
  })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_EVENT_TYPE_LENGTH, { message: 'Ensure this field has no more than 50 characters.' })
  event_type: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2017-05-06T22:55:15.114568',
    description: `The client's clock, stored and returned exactly as sent (at most 64 characters). ${CLIENT_TIME_FORMATS}.`,
  })
  @IsOptional()
  @MaxLength(64, { message: 'Ensure this field has no more than 64 characters.' })
  @IsClientTime()
  client_time?: string | null;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'number', minimum: -90, maximum: 90 },
      { type: 'string', nullable: true },
    ],
    example: 1.2345,
    description:
      'Within ±90: a JSON number or a decimal string (at most 32 characters); returned as text, as given. Blank or null: none.',
  })
  @IsOptional()
  @IsCoordinate(90)
  latitude?: number | string | null;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'number', minimum: -180, maximum: 180 },
      { type: 'string', nullable: true },
    ],
    example: 2.3456,
    description:
      'Within ±180: a JSON number or a decimal string (at most 32 characters); returned as text, as given. Blank or null: none.',
  })
  @IsOptional()
  @IsCoordinate(180)
  longitude?: number | string | null;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', nullable: true, example: '3,8' },
      { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 100 },
      { type: 'integer', minimum: 1 },
    ],
    example: '3,8',
    description:
      'Tag ids as `"3,8"`, `[3, 8]` or `3`: positive integers, at most 100 (duplicates dropped). Blank, `[]` or null: no tags.',
  })
  @IsOptional()
  @IsTagIds()
  tag_ids?: string | number[] | null;

  @ApiPropertyOptional({
    oneOf: [
      { type: 'string', nullable: true, example: '3,8' },
      { type: 'array', items: { type: 'integer', minimum: 1 }, maxItems: 100 },
      { type: 'integer', minimum: 1 },
    ],
    description:
      "Upstream's other name for `tag_ids` (its `log_event` reads `tags` first): when both are given, `tags` wins. Answers name them `tag_ids`.",
  })
  @IsOptional()
  @IsTagIds()
  tags?: string | number[] | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'some random data',
    description:
      'Whatever the client wants to record: at most EVENT_DATA_MAX_BYTES (default 65,536) bytes of UTF-8, else 400',
  })
  @IsOptional()
  @IsString()
  data?: string | null;
}

/** A Roundware event, keys in the seed's order. */
export class EventDto {
  @ApiProperty({ type: 'integer', example: 10 }) id: number;
  @ApiProperty({
    ...ROUNDWARE_TIME,
    example: '2017-06-07T22:41:50.556694',
    description: `When the server stored the event. ${ROUNDWARE_TIME.description}`,
  })
  server_time: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2017-05-06T22:55:15.114568',
    description: "The client's clock, exactly as sent",
  })
  client_time: string | null;
  @ApiProperty({ example: 'heartbeat' }) event_type: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'some random data' })
  data: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '1.2345',
    description: 'Decimal text, as the client sent it',
  })
  latitude: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2.3456',
    description: 'Decimal text, as the client sent it',
  })
  longitude: string | null;
  @ApiProperty({ type: 'integer', example: 1 }) session_id: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    pattern: '^\\d+(,\\d+)*$',
    example: '3,8',
    description: 'Comma-separated tag ids in the order sent; null without tags',
  })
  tag_ids: string | null;
}

const FILTER_DOCS = {
  session_id: 'Exact session id',
  event_type: 'Case-insensitive substring: `start` matches `start_listen` and `start_upload`',
  server_time: 'Same second (e.g. `2017-04-15T16:35:57`)',
  server_time__gt: 'Strictly after; `2017-04-15T16:35:57`, `2017-04-15 16:35:57.295461` or `2017-04-15`',
  server_time__lt: 'Strictly before; same formats as server_time__gt',
  latitude: 'Prefix of the stored text (`40.75` matches `40.75921249389648`)',
  longitude: 'Prefix of the stored text',
  tag_ids: 'Comma-separated; the event carries every listed tag (whole tags: `1` never matches `10`)',
};

/** The filters of the events list and export (empty values are ignored, as django-filter does). */
export class EventFilterQueryDto {
  @ApiPropertyOptional({ description: FILTER_DOCS.session_id, example: '1' })
  @IsOptional()
  @IsString()
  session_id?: string;

  @ApiPropertyOptional({ description: FILTER_DOCS.event_type, example: 'start' })
  @IsOptional()
  @IsString()
  event_type?: string;

  @ApiPropertyOptional({ description: FILTER_DOCS.server_time })
  @IsOptional()
  @IsString()
  server_time?: string;

  @ApiPropertyOptional({ description: FILTER_DOCS.server_time__gt, example: '2017-04-15T16:35:57' })
  @IsOptional()
  @IsString()
  server_time__gt?: string;

  @ApiPropertyOptional({ description: FILTER_DOCS.server_time__lt })
  @IsOptional()
  @IsString()
  server_time__lt?: string;

  @ApiPropertyOptional({ description: FILTER_DOCS.latitude })
  @IsOptional()
  @IsString()
  latitude?: string;

  @ApiPropertyOptional({ description: FILTER_DOCS.longitude })
  @IsOptional()
  @IsString()
  longitude?: string;

  @ApiPropertyOptional({ description: FILTER_DOCS.tag_ids, example: '3,8' })
  @IsOptional()
  @IsString()
  tag_ids?: string;
}

/**
 * `GET /api/2/events/`: the filters, and optional DRF pagination (`page_size` and/or `page` switch the
 * answer to `{count, next, previous, results}`).
 */
export class EventListQueryDto extends IntersectionType(EventFilterQueryDto, PageQueryDto) {}

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `GET /api/2/events/export/`: the filters and the format. */
export class EventExportQueryDto extends EventFilterQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    enumName: 'EventExportFormat',
    default: 'csv',
    description: '`csv` (RFC 4180 with a header row) or `ndjson` (one JSON event per line)',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: 'Select a valid choice. Use csv or ndjson.' })
  format?: ExportFormat;
}

/** Answer of `POST /api/2/events/batch/`. */
export class EventBatchResultDto {
  @ApiProperty({ type: 'integer', example: 2, description: 'How many events were stored' })
  count: number;
  @ApiProperty({ type: [EventDto], description: 'The stored events, in the order sent' })
  results: EventDto[];
}

/** `POST /api/2/events/batch/?echo=false`: the lean answer. */
export class EventBatchIdsDto {
  @ApiProperty({ type: 'integer', example: 2, description: 'How many events were stored' })
  count: number;
  @ApiProperty({ type: [Number], example: [11, 12], description: 'Their ids, in the order sent' })
  ids: number[];
}

/** `POST /api/2/events/batch/`: `echo=false` answers `{count, ids}` instead of the stored events. */
export class EventBatchQueryDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: true,
    description:
      '`false`: answer `{count, ids}` only (faster for large batches); `true`/`false`/`1`/`0` in any case',
  })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  echo?: boolean;
}

/** `GET /api/2/sessions/:id/history/`: the session and its events in order. */
export class SessionHistoryDto {
  @ApiProperty({ type: RoundwareSessionDto }) session: RoundwareSessionDto;
  @ApiProperty({ type: [EventDto], description: 'All events of the session, in id order' })
  events: EventDto[];
  @ApiProperty({
    type: [ListenEventDto],
    description: 'All listen events (asset plays) of the session, in id order',
  })
  listen_events: ListenEventDto[];
}
