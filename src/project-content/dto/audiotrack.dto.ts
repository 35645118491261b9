import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { IsIdValue } from '../../sessions/dto/drf-fields';
import { IsIdList, QueryBoolean, QueryId } from './fields';

export const TIMED_ASSET_PRIORITIES = ['highest', 'normal', 'lowest', 'discard'] as const;

/** The 14 number fields of a track (volumes 0–1ish, pan positions, and times in seconds). */
export const TRACK_NUMBERS = [
  'minvolume',
  'maxvolume',
  'minduration',
  'maxduration',
  'mindeadair',
  'maxdeadair',
  'minfadeintime',
  'maxfadeintime',
  'minfadeouttime',
  'maxfadeouttime',
  'minpanpos',
  'maxpanpos',
  'minpanduration',
  'maxpanduration',
] as const;
export type TrackNumber = (typeof TRACK_NUMBERS)[number];

const NUM = { allowNaN: false, allowInfinity: false };

/** An audio track, in upstream's keys; durations in seconds (upstream converts its nanoseconds). */
export class AudiotrackDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: 0.5 }) minvolume: number;
  @ApiProperty({ example: 1 }) maxvolume: number;
  @ApiProperty({ example: 5, description: 'Seconds' }) minduration: number;
  @ApiProperty({ example: 30, description: 'Seconds' }) maxduration: number;
  @ApiProperty({ example: 1, description: 'Seconds' }) mindeadair: number;
  @ApiProperty({ example: 3, description: 'Seconds' }) maxdeadair: number;
  @ApiProperty({ example: 0.5, description: 'Seconds' }) minfadeintime: number;
  @ApiProperty({ example: 1, description: 'Seconds' }) maxfadeintime: number;
  @ApiProperty({ example: 0.5, description: 'Seconds' }) minfadeouttime: number;
  @ApiProperty({ example: 1, description: 'Seconds' }) maxfadeouttime: number;
  @ApiProperty({ example: -1 }) minpanpos: number;
  @ApiProperty({ example: 1 }) maxpanpos: number;
  @ApiProperty({ example: 5, description: 'Seconds' }) minpanduration: number;
  @ApiProperty({ example: 10, description: 'Seconds' }) maxpanduration: number;
  @ApiProperty() repeatrecordings: boolean;
  @ApiProperty() active: boolean;
  @ApiProperty() start_with_silence: boolean;
  @ApiProperty({ type: 'integer', example: 0 }) banned_duration: number;
  @ApiProperty() fadeout_when_filtered: boolean;
  @ApiProperty({ enum: TIMED_ASSET_PRIORITIES, enumName: 'TimedAssetPriority' }) timed_asset_priority: string;
  @ApiProperty({ type: 'integer', example: 1 }) project_id: number;
  @ApiProperty({ type: [Number], example: [3, 8], description: 'Tag ids' }) tag_filters: number[];
}

/** Body of `POST /api/2/audiotracks/` (admin). Times in seconds. */
export class CreateAudiotrackDto {
  @ApiProperty({ type: 'integer', example: 1 })
  @IsDefined()
  @IsInt()
  @IsIdValue()
  project_id: number;

  @ApiProperty({ example: 0.5 }) @IsDefined() @IsNumber(NUM) minvolume: number;
  @ApiProperty({ example: 1 }) @IsDefined() @IsNumber(NUM) maxvolume: number;
  @ApiProperty({ example: 5 }) @IsDefined() @IsNumber(NUM) minduration: number;
  @ApiProperty({ example: 30 }) @IsDefined() @IsNumber(NUM) maxduration: number;
  @ApiProperty({ example: 1 }) @IsDefined() @IsNumber(NUM) mindeadair: number;
  @ApiProperty({ example: 3 }) @IsDefined() @IsNumber(NUM) maxdeadair: number;
  @ApiProperty({ example: 0.5 }) @IsDefined() @IsNumber(NUM) minfadeintime: number;
  @ApiProperty({ example: 1 }) @IsDefined() @IsNumber(NUM) maxfadeintime: number;
  @ApiProperty({ example: 0.5 }) @IsDefined() @IsNumber(NUM) minfadeouttime: number;
  @ApiProperty({ example: 1 }) @IsDefined() @IsNumber(NUM) maxfadeouttime: number;
  @ApiProperty({ example: -1 }) @IsDefined() @IsNumber(NUM) minpanpos: number;
  @ApiProperty({ example: 1 }) @IsDefined() @IsNumber(NUM) maxpanpos: number;
  @ApiProperty({ example: 5 }) @IsDefined() @IsNumber(NUM) minpanduration: number;
  @ApiProperty({ example: 10 }) @IsDefined() @IsNumber(NUM) maxpanduration: number;

  @ApiPropertyOptional({ description: 'Default: false' })
  @IsOptional()
  @IsBoolean()
  repeatrecordings?: boolean;
  @ApiPropertyOptional({ description: 'Default: true' }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ description: 'Default: false' })
  @IsOptional()
  @IsBoolean()
  start_with_silence?: boolean;

  @ApiPropertyOptional({ type: 'integer', description: 'Default: 0' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'Ensure this value is greater than or equal to 0.' })
  @Max(2_147_483_647, { message: 'Ensure this value is less than or equal to 2147483647.' })
  banned_duration?: number;

  @ApiPropertyOptional({ description: 'Default: false' })
  @IsOptional()
  @IsBoolean()
  fadeout_when_filtered?: boolean;

  @ApiPropertyOptional({
    enum: TIMED_ASSET_PRIORITIES,
    enumName: 'TimedAssetPriority',
    description: 'Default: normal',
  })
  @IsOptional()
  @IsIn(TIMED_ASSET_PRIORITIES, { message: 'Select a valid choice. Use highest, normal, lowest or discard.' })
  timed_asset_priority?: string;

  @ApiPropertyOptional({
    type: [Number],
    example: [3, 8],
    description: 'Tag ids of the project (also `"3,8"`)',
  })
  @IsOptional()
  @IsIdList()
  tag_filters?: number[] | string;
}

export class UpdateAudiotrackDto extends PartialType(CreateAudiotrackDto) {}

/** Filters of `GET /api/2/audiotracks/`. */
export class ListAudiotracksQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exact project id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  project_id?: number;
  @ApiPropertyOptional({ type: 'boolean', description: 'Active (true) or inactive (false) only' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional({ type: 'boolean', description: 'Exact value' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  repeatrecordings?: boolean;
  @ApiPropertyOptional({ type: 'boolean', description: 'Exact value' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  start_with_silence?: boolean;
  @ApiPropertyOptional({ type: 'boolean', description: 'Exact value' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  fadeout_when_filtered?: boolean;
}
