import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { parseDateTimeMicros } from '../../common/time';
import { DRF_MESSAGES } from '../../common/validation';
import { DrfInt, IsIdValue } from '../../sessions/dto/drf-fields';
import { ROUNDWARE_TIME } from '../../sessions/dto/time-formats';

/** A play lasts at most this long (a week, in seconds): a bound keeps nanoseconds inside a bigint. */
export const MAX_LISTEN_SECONDS = 7 * 24 * 3600;
const MAX_LISTEN_NS = MAX_LISTEN_SECONDS * 1e9;

function IsDateTimeText(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isDateTimeText',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && value.length <= 64 && parseDateTimeMicros(value) !== null,
        defaultMessage: () => DRF_MESSAGES.datetimeFormat,
      },
    },
    options,
  );
}

/** A float sent as a JSON number or as decimal text (form bodies, query strings). */
function DrfFloat() {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*-?\d{1,15}(\.\d{1,15})?\s*$/.test(value) ? Number(value) : value,
  );
}

const NUMBER = { message: 'A valid number is required.' };
const INTEGER = { message: DRF_MESSAGES.invalidInteger };

/** The writable fields, under upstream's names and the `_id` names its answers use. */
class ListenEventFieldsDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 12,
    description: 'The asset played (upstream `asset`; `asset_id` is accepted too)',
  })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  asset?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Alias of `asset`' })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  asset_id?: number;

  @ApiPropertyOptional({
    ...ROUNDWARE_TIME,
    description: 'When the asset started (upstream `starttime`; `start_time` is accepted too); naive = UTC',
  })
  @IsOptional()
  @IsDateTimeText()
  starttime?: string;

  @ApiPropertyOptional({ ...ROUNDWARE_TIME, description: 'Alias of `starttime`' })
  @IsOptional()
  @IsDateTimeText()
  start_time?: string;

  @ApiPropertyOptional({
    type: Number,
    example: 12.5,
    minimum: 0,
    maximum: MAX_LISTEN_SECONDS,
    description: 'How long it played, in seconds (stored as nanoseconds, as upstream does)',
  })
  @IsOptional()
  @DrfFloat()
  @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER)
  @Min(0)
  @Max(MAX_LISTEN_SECONDS)
  duration_in_seconds?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_LISTEN_NS,
    description: "The same in nanoseconds (upstream's stored `duration`); `duration_in_seconds` wins",
  })
  @IsOptional()
  @DrfInt()
  @IsInt(INTEGER)
  @Min(0)
  @Max(MAX_LISTEN_NS)
  duration?: number;
}

/**
 * `POST /api/2/listenevents/`: what the web framework sends (`{"starttime", "session", "asset"}`),
 * JSON or form-encoded. Required: the session (`session` or `session_id`), the asset, the start.
 */
export class CreateListenEventDto extends ListenEventFieldsDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 7,
    description: 'A session the caller can see (upstream `session`; `session_id` is accepted too)',
  })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  session?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Alias of `session`' })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  session_id?: number;
}

/** `PATCH /api/2/listenevents/:id`: the client reports `duration_in_seconds` when the asset ends. */
export class UpdateListenEventDto extends ListenEventFieldsDto {}

/** A listen event in upstream's shape (ListenEventSerializer). */
export class ListenEventDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12.5,
    description: 'Seconds, rounded to 2 decimals as upstream renders them; null until reported',
  })
  duration_in_seconds: number | null;
  @ApiProperty({ ...ROUNDWARE_TIME, example: '2017-09-06T15:43:35.947761' }) start_time: string;
  @ApiProperty({ type: 'integer', example: 7 }) session_id: number;
  @ApiProperty({ type: 'integer', example: 12 }) asset_id: number;
  @ApiProperty({ type: 'integer', example: 1 }) project_id: number;
}

/** `GET /api/2/listenevents/` and `count/`: upstream's ListeningHistoryItemFilterSet. */
/** The choices of upstream's `start_time__range` (django-filter's `DateRangeFilter`). */
export const START_TIME_RANGES = ['today', 'yesterday', 'week', 'month', 'year'] as const;
export type StartTimeRange = (typeof START_TIME_RANGES)[number];

export class ListenEventFiltersDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Listen events of this session' })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  session_id?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Alias of `session_id` (upstream)' })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  session?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Plays of this asset' })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  asset_id?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Alias of `asset_id` (upstream)' })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  asset?: number;

  @ApiPropertyOptional({ type: 'integer', description: "Listen events in this project's sessions" })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  project_id?: number;

  @ApiPropertyOptional({ description: 'Started exactly then (naive = UTC)' })
  @IsOptional()
  @IsDateTimeText()
  starttime?: string;

  @ApiPropertyOptional({ description: 'Started at or after (naive = UTC)', example: '2017-04-15T16:35:57' })
  @IsOptional()
  @IsDateTimeText()
  start_time__gte?: string;

  @ApiPropertyOptional({ description: 'Started at or before (naive = UTC)' })
  @IsOptional()
  @IsDateTimeText()
  start_time__lte?: string;

  @ApiPropertyOptional({
    enum: START_TIME_RANGES,
    enumName: 'RoundwareDateRange',
    description:
      "Upstream's `DateRangeFilter` on the start (UTC calendar): `today`, `yesterday`, `week` (the past 7 " +
      'days and today), `month` (this month), `year` (this year). Combines with `start_time__gte`/`__lte`.',
  })
  @IsOptional()
  @IsIn(START_TIME_RANGES, {
    message: ({ value }) => `Select a valid choice. ${String(value)} is not one of the available choices.`,
  })
  start_time__range?: StartTimeRange;

  @ApiPropertyOptional({ type: 'integer', description: 'Duration exactly this many nanoseconds (upstream)' })
  @IsOptional()
  @DrfInt()
  @IsInt(INTEGER)
  duration?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Duration at least this many nanoseconds (upstream)' })
  @IsOptional()
  @DrfInt()
  @IsInt(INTEGER)
  duration__gte?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Duration at most this many nanoseconds (upstream)' })
  @IsOptional()
  @DrfInt()
  @IsInt(INTEGER)
  duration__lte?: number;
}

export class ListenEventListQueryDto extends IntersectionType(ListenEventFiltersDto, PageQueryDto) {}

/** `GET /api/2/listenevents/count/`. */
export class ListenEventCountDto {
  @ApiProperty({ type: 'integer', example: 3 }) count: number;
}
