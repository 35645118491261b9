import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { DrfBoolean, DrfInt, IsIdValue, MAX_LENGTH_MESSAGE } from './drf-fields';
import { CLIENT_TIME_FORMATS, ROUNDWARE_TIME } from './time-formats';

const PK_TYPE = 'Incorrect type. Expected pk value, received a non-integer.';
export const TIMEZONE_PATTERN = /^[+-]?\d{4}$/;

/** `POST /api/2/sessions/`: the seed's required and optional parameters. */
export class CreateRoundwareSessionDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'A project the caller can see' })
  @IsDefined()
  @DrfInt()
  @IsInt({ message: PK_TYPE })
  project_id: number;

  @ApiProperty({ example: 'iOS 8.1', maxLength: 128 })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128, { message: MAX_LENGTH_MESSAGE(128) })
  client_system: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'iPhone',
    maxLength: 128,
    description: "Defaults to the client type the caller's device registered with",
  })
  @IsOptional()
  @IsString()
  @MaxLength(128, { message: MAX_LENGTH_MESSAGE(128) })
  client_type?: string | null;

  @ApiPropertyOptional({ type: Boolean, example: false, description: 'Defaults to false' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  demo_stream_enabled?: boolean | null;

  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    description: "Defaults to the project's geo_listen_enabled",
  })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  geo_listen_enabled?: boolean | null;

  @ApiPropertyOptional({
    type: String,
    example: 'fr',
    description: 'ISO 639-1 code (a regional code such as `en-US` names its base language); defaults to `en`',
  })
  @IsOptional()
  @IsString()
  @MaxLength(35, { message: MAX_LENGTH_MESSAGE(35) })
  language?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    example: 1,
    description: 'Used only when `language` is not given',
  })
  @IsOptional()
  @DrfInt()
  @IsInt({ message: PK_TYPE })
  language_id?: number | null;

  @ApiPropertyOptional({
    type: String,
    example: '-8000',
    pattern: '^[+-]?\\d{4}$',
    description: 'Defaults to "0000"',
  })
  @IsOptional()
  @IsString()
  @Matches(TIMEZONE_PATTERN, {
    message: 'Enter a valid timezone: an optional sign and four digits, e.g. "-0500".',
  })
  timezone?: string | null;
}

/** `PATCH /api/2/sessions/:id/`: ends the session. */
export class UpdateRoundwareSessionDto {
  @ApiPropertyOptional({
    type: String,
    example: '2017-09-06T16:24:32.647751',
    description: `When the session ended; defaults to now. ${CLIENT_TIME_FORMATS}. Must not be before \`starttime\`; null is refused.`,
  })
  @IsOptional()
  @IsString()
  stoptime?: string | null;
}

/** Optional filters of `GET /api/2/sessions/` and `GET /api/2/sessions/count/`. */
export class RoundwareSessionFiltersDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 1,
    description: 'Only sessions of this project (1…2147483647; an unknown project gives an empty result)',
  })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  project_id?: number;

  @ApiPropertyOptional({
    type: 'integer',
    example: 2,
    description: 'Only sessions in this language id (1…2147483647)',
  })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  language_id?: number;

  @ApiPropertyOptional({
    type: String,
    example: 'en',
    description:
      'Only sessions in this language: a 2-char ISO 639-1 code (a regional code such as `en-US` names its base language); an unknown code answers 400. With `language_id` both apply.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(35, { message: MAX_LENGTH_MESSAGE(35) })
  language?: string;

  @ApiPropertyOptional({
    type: Boolean,
    example: false,
    description: '`true`/`false`/`1`/`0` in any case; anything else answers 400',
  })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  geo_listen_enabled?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    description: '`true`/`false`/`1`/`0` in any case; anything else answers 400',
  })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  demo_stream_enabled?: boolean;
}

/** `GET /api/2/sessions/`: the filters, and optional DRF pagination (`page`/`page_size`). */
export class RoundwareSessionListQueryDto extends IntersectionType(
  RoundwareSessionFiltersDto,
  PageQueryDto,
) {}

/** A session as Roundware's v2 serializer renders it (key order of the seed's GET examples). */
export class RoundwareSessionDto {
  @ApiProperty({ type: 'integer', example: 109 }) id: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '12891038109281',
    description: "The caller's registered device (`POST /api/2/users/`); null for users without one",
  })
  device_id: string | null;
  @ApiProperty({ ...ROUNDWARE_TIME, example: '2017-09-06T15:43:35.947761' }) starttime: string;
  @ApiPropertyOptional({
    ...ROUNDWARE_TIME,
    nullable: true,
    example: null,
    description: `${ROUNDWARE_TIME.description}; null while the session runs`,
  })
  stoptime: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'iPhone' }) client_type: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'iOS 8.1' }) client_system: string | null;
  @ApiProperty({ example: true }) demo_stream_enabled: boolean;
  @ApiProperty({ example: false }) geo_listen_enabled: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: '-8000' }) timezone: string | null;
  @ApiProperty({ type: 'integer', example: 1 }) project_id: number;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 2,
    description: 'null for sessions started through the experiment view',
  })
  language_id: number | null;
}

/** `GET /api/2/sessions/count/`. */
export class RoundwareCountDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 2,
    description: 'Visible sessions matching the filters',
  })
  count: number;
}
