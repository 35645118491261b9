import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsIdValue } from '../../sessions/dto/drf-fields';
import { ROUNDWARE_TIME } from '../../sessions/dto/time-formats';
import { IsIdList, IsMultiPolygon, QueryBoolean, QueryId, QueryNumber } from './fields';
import { MULTIPOLYGON_SCHEMA, MultiPolygon } from './speaker.dto';

export const MEDIA_TYPES = ['audio', 'video', 'photo', 'text'] as const;
const NUM = { allowNaN: false, allowInfinity: false };

/** The contributor of an asset (upstream's UserInfoSerializer). */
export class AssetUserDto {
  @ApiProperty({ type: 'integer', example: 7 }) id: number;
  @ApiProperty({ example: 'device-00000000000000' }) username: string;
  @ApiProperty({ example: '' }) first_name: string;
  @ApiProperty({ example: '' }) last_name: string;
  @ApiProperty({ example: '' }) email: string;
  @ApiPropertyOptional({ type: String, nullable: true }) device_id: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) client_type: string | null;
}

/** An asset, in upstream's keys and order. */
export class AssetDto {
  @ApiProperty({ type: 'integer', example: 5 }) id: number;
  @ApiProperty({ example: '' }) description: string;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 40.7 }) latitude: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: -73.9 }) longitude: number | null;
  @ApiProperty(MULTIPOLYGON_SCHEMA) shape: MultiPolygon | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'recording.wav' }) filename: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'uri',
    example: 'https://hub.example.org/media/roundware/q3h2Jk9sXb1m0fWcT5yZpA.wav',
    description:
      'Absolute URL of the audio in the media store, playable by a browser without credentials (as upstream serves media); null before a file is uploaded',
  })
  file: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 1 }) volume: number | null;
  @ApiProperty() submitted: boolean;
  @ApiProperty({ ...ROUNDWARE_TIME, example: '2026-12-02T05:30:00.000000' }) created: string;
  @ApiProperty({ ...ROUNDWARE_TIME, example: '2026-12-02T05:30:00.000000' }) updated: string;
  @ApiProperty({ type: 'integer', example: 50 }) weight: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) start_time: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) end_time: number | null;
  @ApiProperty({ enum: MEDIA_TYPES, enumName: 'AssetMediaType' }) media_type: string;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 1.5,
    description: 'Read from the audio file',
  })
  audio_length_in_seconds: number | null;
  @ApiProperty({ type: [Number], example: [3, 8] }) tag_ids: number[];
  @ApiPropertyOptional({ type: 'integer', nullable: true }) session_id: number | null;
  @ApiProperty({ type: 'integer', example: 1 }) project_id: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) language_id: number | null;
  @ApiProperty({ type: [Number], example: [2] }) envelope_ids: number[];
  @ApiProperty({ type: [Number], example: [] }) description_loc_ids: number[];
  @ApiProperty({ type: [Number], example: [] }) alt_text_loc_ids: number[];
  @ApiPropertyOptional({ type: AssetUserDto, nullable: true }) user: AssetUserDto | null;
}

/** Body of `POST /api/2/assets/` (admin): an asset's metadata (audio arrives through an envelope upload). */
export class CreateAssetDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsDefined() @IsInt() @IsIdValue() project_id: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'A session of the project' })
  @IsOptional()
  @IsInt()
  @IsIdValue()
  session_id?: number | null;

  @ApiPropertyOptional({ maxLength: 2048, description: "Default: ''" })
  @IsOptional()
  @IsString()
  @MaxLength(2048, { message: 'Ensure this field has no more than 2048 characters.' })
  description?: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -90, maximum: 90 })
  @IsOptional()
  @IsNumber(NUM)
  @Min(-90, { message: 'Ensure this value is greater than or equal to -90.' })
  @Max(90, { message: 'Ensure this value is less than or equal to 90.' })
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: -180, maximum: 180 })
  @IsOptional()
  @IsNumber(NUM)
  @Min(-180, { message: 'Ensure this value is greater than or equal to -180.' })
  @Max(180, { message: 'Ensure this value is less than or equal to 180.' })
  longitude?: number | null;

  @ApiPropertyOptional(MULTIPOLYGON_SCHEMA) @IsOptional() @IsMultiPolygon() shape?: MultiPolygon | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Default: 1' })
  @IsOptional()
  @IsNumber(NUM)
  volume?: number | null;
  @ApiPropertyOptional({ description: 'Default: true' }) @IsOptional() @IsBoolean() submitted?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 99, description: 'Default: 50' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'Ensure this value is greater than or equal to 0.' })
  @Max(99, { message: 'Ensure this value is less than or equal to 99.' })
  weight?: number;

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber(NUM) start_time?:
    number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber(NUM) end_time?:
    number | null;

  @ApiPropertyOptional({ enum: MEDIA_TYPES, enumName: 'AssetMediaType', description: 'Default: audio' })
  @IsOptional()
  @IsIn(MEDIA_TYPES, { message: 'Select a valid choice. Use audio, video, photo or text.' })
  media_type?: string;

  @ApiPropertyOptional({ type: [Number], example: [3, 8], description: 'Tags of the project (also `"3,8"`)' })
  @IsOptional()
  @IsIdList()
  tag_ids?: number[] | string;

  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @IsIdValue() language_id?:
    number | null;
}

export class UpdateAssetDto extends PartialType(CreateAssetDto) {}

/** Filters of `GET /api/2/assets/` (upstream's AssetFilterSet, the ones that have a meaning here). */
export class ListAssetsQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exact project id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  project_id?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Exact session id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  session_id?: number;
  @ApiPropertyOptional({ description: 'Comma-separated: the asset carries every one', example: '3,8' })
  @IsOptional()
  @IsIdList()
  tag_ids?: string;
  @ApiPropertyOptional({ description: 'Comma-separated: the asset carries at least one', example: '3,8' })
  @IsOptional()
  @IsIdList()
  tag_ids_or?: string;
  @ApiPropertyOptional({ description: 'Comma-separated envelope ids (all of them)' })
  @IsOptional()
  @IsIdList()
  envelope_id?: string;
  @ApiPropertyOptional({ enum: MEDIA_TYPES, enumName: 'AssetMediaType', description: 'Exact media type' })
  @IsOptional()
  @IsIn(MEDIA_TYPES, { message: 'Select a valid choice. Use audio, video, photo or text.' })
  media_type?: string;
  @ApiPropertyOptional({ type: 'boolean', description: 'Exact value' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  submitted?: boolean;
  @ApiPropertyOptional({ type: 'number', description: 'Seconds' })
  @IsOptional()
  @QueryNumber()
  @IsNumber(NUM)
  audiolength__lte?: number;
  @ApiPropertyOptional({ type: 'number', description: 'Seconds' })
  @IsOptional()
  @QueryNumber()
  @IsNumber(NUM)
  audiolength__gte?: number;
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00', description: 'Created at or after (naive = UTC)' })
  @IsOptional()
  @IsString()
  created__gte?: string;
  @ApiPropertyOptional({ description: 'Created at or before' })
  @IsOptional()
  @IsString()
  created__lte?: string;
  @ApiPropertyOptional({ description: 'Updated at or after' })
  @IsOptional()
  @IsString()
  updated__gte?: string;
  @ApiPropertyOptional({ description: 'Updated at or before' })
  @IsOptional()
  @IsString()
  updated__lte?: string;
  @ApiPropertyOptional({ description: 'Case-insensitive substring' })
  @IsOptional()
  @IsString()
  description?: string;
  @ApiPropertyOptional({ description: 'Case-insensitive substring' })
  @IsOptional()
  @IsString()
  filename?: string;
}

/** `GET /api/2/assets/:id/?session_id=` (the client sends its session; accepted). */
export class AssetDetailQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exact session id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  session_id?: number;
}
