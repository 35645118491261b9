import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { parseDateTimeMicros } from '../../common/time';
import { DRF_MESSAGES } from '../../common/validation';
import {
  AUDIO_STREAM_BITRATES,
  PROJECT_ORDERINGS,
  PROJECT_VISIBILITIES,
  REPEAT_MODES,
} from '../entities/project.entity';
import type { ProjectVisibility } from '../entities/project.entity';
import { DrfBoolean, DrfInt, IsIdValue, MAX_LENGTH_MESSAGE } from './drf-fields';
import { ROUNDWARE_TIME } from './time-formats';

/** At most this many characters in one localized string (upstream's TextField has no bound). */
export const MAX_LOCALIZED_LENGTH = 20000;
/** At most this many languages on one project. */
export const MAX_PROJECT_LANGUAGES = 200;

const CHOICE = (value: unknown) => `"${String(value)}" is not a valid choice.`;

/** A float sent as a JSON number or as decimal text (form bodies). */
function DrfNumber() {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*-?\d{1,12}(\.\d{1,15})?\s*$/.test(value) ? Number(value) : value,
  );
}

/** A localized string as written: one text (stored as `en`) or `{"<ISO 639-1 code>": text, …}`. */
export type LocalizedInput = string | Record<string, string> | null;

function IsLocalizedInput() {
  return ValidateBy({
    name: 'isLocalizedInput',
    validator: {
      validate: (value: unknown) => {
        if (value === null || typeof value === 'string') return (value ?? '').length <= MAX_LOCALIZED_LENGTH;
        if (typeof value !== 'object' || Array.isArray(value)) return false;
        const entries = Object.entries(value as Record<string, unknown>);
        return (
          entries.length <= MAX_PROJECT_LANGUAGES &&
          entries.every(
            ([code, text]) =>
              /^[a-z]{2}$/.test(code) && typeof text === 'string' && text.length <= MAX_LOCALIZED_LENGTH,
          )
        );
      },
      defaultMessage: () =>
        `Expected a string or an object of ISO 639-1 codes to strings (at most ${MAX_LOCALIZED_LENGTH} characters each).`,
    },
  });
}

function IsDrfDateTime() {
  return ValidateBy({
    name: 'isDrfDateTime',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseDateTimeMicros(value) !== null,
      defaultMessage: () => DRF_MESSAGES.datetimeFormat,
    },
  });
}

const LOCALIZED_DOC: ApiPropertyOptions = {
  // null is allowed through the string variant (OpenAPI 3.0: `nullable` needs a `type` beside it)
  oneOf: [
    { type: 'string', nullable: true },
    { type: 'object', additionalProperties: { type: 'string' } },
  ],
  description:
    "One text (stored as the `en` text) or an object of ISO 639-1 codes to texts; null clears it. Read back in the session's language, else `en`.",
};

/**
 * `POST /api/2/projects/` (admin): upstream's Project fields. Only `name` is required; every other field
 * takes upstream's default (see the migration for the values where upstream has none).
 */
export class CreateRoundwareProjectDto {
  @ApiProperty({ example: 'Walking tour', maxLength: 255 })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255, { message: MAX_LENGTH_MESSAGE(255) })
  name: string;

  @ApiPropertyOptional({
    enum: PROJECT_VISIBILITIES,
    enumName: 'ProjectVisibility',
    description:
      '`public` (default: every authenticated user reads it and starts sessions in it) or `private`',
  })
  @IsOptional()
  @IsIn(PROJECT_VISIBILITIES, { message: ({ value }) => CHOICE(value) })
  visibility?: ProjectVisibility;

  @ApiPropertyOptional({ example: 'Roundware', maxLength: 128, description: "Upstream's free-text owner" })
  @IsOptional()
  @IsString()
  @MaxLength(128, { message: MAX_LENGTH_MESSAGE(128) })
  owner?: string;

  @ApiPropertyOptional({ example: 42.4928, minimum: -90, maximum: 90, description: 'Defaults to 0' })
  @IsOptional()
  @DrfNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'A valid number is required.' })
  @Min(-90)
  @Max(90)
  latitude?: number;

  @ApiPropertyOptional({ example: -71.0585, minimum: -180, maximum: 180, description: 'Defaults to 0' })
  @IsOptional()
  @DrfNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'A valid number is required.' })
  @Min(-180)
  @Max(180)
  longitude?: number;

  @ApiPropertyOptional({ ...ROUNDWARE_TIME, description: 'Defaults to the creation time' })
  @IsOptional()
  @IsDrfDateTime()
  pub_date?: string;

  @ApiPropertyOptional({ example: 'mp3', maxLength: 50, description: 'Defaults to `mp3`' })
  @IsOptional()
  @IsString()
  @MaxLength(50, { message: MAX_LENGTH_MESSAGE(50) })
  audio_format?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Defaults to false' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  auto_submit?: boolean;

  @ApiPropertyOptional({ type: 'integer', example: 30, minimum: 0, description: 'Seconds; defaults to 30' })
  @IsOptional()
  @DrfInt()
  @IsInt({ message: DRF_MESSAGES.invalidInteger })
  @Min(0)
  @Max(86400)
  max_recording_length?: number;

  @ApiPropertyOptional({ type: Boolean, description: 'Defaults to false' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  listen_questions_dynamic?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Defaults to false' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  speak_questions_dynamic?: boolean;

  @ApiPropertyOptional({ maxLength: 512, description: 'Defaults to empty' })
  @IsOptional()
  @IsString()
  @MaxLength(512, { message: MAX_LENGTH_MESSAGE(512) })
  sharing_url?: string;

  @ApiPropertyOptional({ maxLength: 512, description: 'Defaults to empty' })
  @IsOptional()
  @IsString()
  @MaxLength(512, { message: MAX_LENGTH_MESSAGE(512) })
  out_of_range_url?: string;

  @ApiPropertyOptional({
    type: 'integer',
    example: 2000,
    minimum: 0,
    description: 'Metres; defaults to 2000',
  })
  @IsOptional()
  @DrfInt()
  @IsInt({ message: DRF_MESSAGES.invalidInteger })
  @Min(0)
  @Max(100_000_000)
  recording_radius?: number;

  @ApiPropertyOptional({ type: Boolean, description: 'Defaults to false' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  listen_enabled?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: "Default of a new session's; defaults to false" })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  geo_listen_enabled?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Defaults to false' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  speak_enabled?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Defaults to false' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  geo_speak_enabled?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Defaults to false' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  reset_tag_defaults_on_startup?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Defaults to true' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  timed_asset_priority?: boolean;

  @ApiPropertyOptional({
    enum: REPEAT_MODES,
    enumName: 'RoundwareRepeatMode',
    description: 'Defaults to `stop`',
  })
  @IsOptional()
  @IsIn(REPEAT_MODES, { message: ({ value }) => CHOICE(value) })
  repeat_mode?: string;

  @ApiPropertyOptional({ maxLength: 512, description: 'Defaults to empty' })
  @IsOptional()
  @IsString()
  @MaxLength(512, { message: MAX_LENGTH_MESSAGE(512) })
  files_url?: string;

  @ApiPropertyOptional({ maxLength: 16, description: 'Defaults to empty' })
  @IsOptional()
  @IsString()
  @MaxLength(16, { message: MAX_LENGTH_MESSAGE(16) })
  files_version?: string;

  @ApiPropertyOptional({
    enum: AUDIO_STREAM_BITRATES,
    enumName: 'RoundwareAudioStreamBitrate',
    description: 'Defaults to `128`',
  })
  @IsOptional()
  @IsIn(AUDIO_STREAM_BITRATES, { message: ({ value }) => CHOICE(value) })
  audio_stream_bitrate?: string;

  @ApiPropertyOptional({
    enum: PROJECT_ORDERINGS,
    enumName: 'RoundwareProjectOrdering',
    description: 'Defaults to `random`',
  })
  @IsOptional()
  @IsIn(PROJECT_ORDERINGS, { message: ({ value }) => CHOICE(value) })
  ordering?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Defaults to false' })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  demo_stream_enabled?: boolean;

  @ApiPropertyOptional({ maxLength: 512, description: 'Defaults to empty' })
  @IsOptional()
  @IsString()
  @MaxLength(512, { message: MAX_LENGTH_MESSAGE(512) })
  demo_stream_url?: string;

  @ApiPropertyOptional({ example: 1000, minimum: 0, description: 'Metres; defaults to 1000' })
  @IsOptional()
  @DrfNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'A valid number is required.' })
  @Min(0)
  @Max(100_000_000)
  out_of_range_distance?: number;

  @ApiPropertyOptional({
    type: 'integer',
    isArray: true,
    example: [1],
    description: 'Language ids (each must exist); defaults to `[1]` (en)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'This list may not be empty.' })
  @ArrayMaxSize(MAX_PROJECT_LANGUAGES)
  @IsIdValue({ each: true })
  language_ids?: number[];

  @ApiPropertyOptional(LOCALIZED_DOC)
  @IsOptional()
  @IsLocalizedInput()
  legal_agreement?: LocalizedInput;

  @ApiPropertyOptional(LOCALIZED_DOC)
  @IsOptional()
  @IsLocalizedInput()
  description?: LocalizedInput;

  @ApiPropertyOptional(LOCALIZED_DOC)
  @IsOptional()
  @IsLocalizedInput()
  sharing_message?: LocalizedInput;

  @ApiPropertyOptional(LOCALIZED_DOC)
  @IsOptional()
  @IsLocalizedInput()
  out_of_range_message?: LocalizedInput;

  @ApiPropertyOptional(LOCALIZED_DOC)
  @IsOptional()
  @IsLocalizedInput()
  demo_stream_message?: LocalizedInput;
}

/** `PATCH /api/2/projects/:id/` (admin): any of the create fields; only the fields given change. */
export class UpdateRoundwareProjectDto extends PartialType(CreateRoundwareProjectDto) {}

/** `GET /api/2/projects/:id/`: the session whose language localizes the answer. */
export class RoundwareProjectQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    description:
      "Required (400 `session_id parameter is required` without it, as upstream). A session the caller can see (their own; operators and admins any); another user's or an unknown one answers 404.",
  })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  session_id?: number;
}

/** `GET /api/2/projects/`: the whole list, or one page when `page`/`page_size` is given. */
/** Upstream's `BOOLEAN_CHOICES` of its project filters (api2/filters.py). */
export const PROJECT_FILTER_BOOLEANS = ['true', 'false', '1', '0'] as const;

function ProjectBooleanFilter(what: string) {
  return applyDecorators(
    ApiPropertyOptional({
      enum: PROJECT_FILTER_BOOLEANS,
      enumName: 'RoundwareBooleanChoice',
      description: `Projects whose \`${what}\` is true (\`true\`, \`1\`) or false (\`false\`, \`0\`), as upstream`,
    }),
    IsOptional(),
    IsIn(PROJECT_FILTER_BOOLEANS, {
      message: ({ value }) => `Select a valid choice. ${String(value)} is not one of the available choices.`,
    }),
  );
}

/** `GET /api/2/projects/`: upstream's ProjectFilterSet filters, and pages on request. */
export class RoundwareProjectListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Name contains this text (case-insensitive)', example: 'walk' })
  @IsOptional()
  @IsString()
  @MaxLength(255, { message: MAX_LENGTH_MESSAGE(255) })
  name?: string;

  @ProjectBooleanFilter('listen_enabled') listen_enabled?: string;
  @ProjectBooleanFilter('geo_listen_enabled') geo_listen_enabled?: string;
  @ProjectBooleanFilter('speak_enabled') speak_enabled?: string;
  @ProjectBooleanFilter('geo_speak_enabled') geo_speak_enabled?: string;
}

/** A project in upstream's field set (roundware-server `api2/serializers.py` ProjectSerializer). */
export class RoundwareProjectDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: 'Walking tour' }) name: string;
  @ApiProperty({ example: '', description: "Upstream's free-text owner" }) owner: string;
  @ApiProperty({ example: 42.4928 }) latitude: number;
  @ApiProperty({ example: -71.0585 }) longitude: number;
  @ApiProperty({ ...ROUNDWARE_TIME, example: '2017-09-06T15:43:35.947761' }) pub_date: string;
  @ApiProperty({ example: 'mp3' }) audio_format: string;
  @ApiProperty() auto_submit: boolean;
  @ApiProperty({ type: 'integer', example: 30 }) max_recording_length: number;
  @ApiProperty() listen_questions_dynamic: boolean;
  @ApiProperty() speak_questions_dynamic: boolean;
  @ApiProperty({ example: '' }) sharing_url: string;
  @ApiProperty({ example: '' }) out_of_range_url: string;
  @ApiProperty({ type: 'integer', example: 2000 }) recording_radius: number;
  @ApiProperty() listen_enabled: boolean;
  @ApiProperty() geo_listen_enabled: boolean;
  @ApiProperty() speak_enabled: boolean;
  @ApiProperty() geo_speak_enabled: boolean;
  @ApiProperty() reset_tag_defaults_on_startup: boolean;
  @ApiProperty() timed_asset_priority: boolean;
  @ApiProperty({ enum: REPEAT_MODES, enumName: 'RoundwareRepeatMode' }) repeat_mode: string;
  @ApiProperty({ example: '' }) files_url: string;
  @ApiProperty({ example: '' }) files_version: string;
  @ApiProperty({ enum: AUDIO_STREAM_BITRATES, enumName: 'RoundwareAudioStreamBitrate' })
  audio_stream_bitrate: string;
  @ApiProperty({ enum: PROJECT_ORDERINGS, enumName: 'RoundwareProjectOrdering' }) ordering: string;
  @ApiProperty() demo_stream_enabled: boolean;
  @ApiProperty({ example: '' }) demo_stream_url: string;
  @ApiProperty({ example: 1000 }) out_of_range_distance: number;
  @ApiProperty({ type: 'integer', isArray: true, example: [1] }) language_ids: number[];
  @ApiProperty({ type: String, nullable: true }) legal_agreement: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) sharing_message: string | null;
  @ApiProperty({ type: String, nullable: true }) out_of_range_message: string | null;
  @ApiProperty({ type: String, nullable: true }) demo_stream_message: string | null;
  @ApiProperty({
    enum: PROJECT_VISIBILITIES,
    enumName: 'ProjectVisibility',
    description: "Ours (not upstream's): who reads the project",
  })
  visibility: ProjectVisibility;
}
