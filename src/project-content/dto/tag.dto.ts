import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIdValue } from '../../sessions/dto/drf-fields';
import { IsMultiPolygon, QueryId } from './fields';
import { MULTIPOLYGON_SCHEMA, MultiPolygon } from './speaker.dto';

export const TAG_FILTERS = ['', '_within_10km', '_ten_most_recent_days'] as const;

/** A tag, in upstream's keys (one language: `msg_loc` and `description_loc` are the stored texts). */
export class TagDto {
  @ApiProperty({ type: 'integer', example: 3 }) id: number;
  @ApiProperty({ example: 'birds' }) value: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) data: string | null;
  @ApiProperty({ enum: TAG_FILTERS, enumName: 'TagFilter', example: '' }) filter: string;
  @ApiProperty(MULTIPOLYGON_SCHEMA) location: MultiPolygon | null;
  @ApiProperty({ type: 'integer', example: 1 }) project_id: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) tag_category_id: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) description_loc: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Birds',
    description: 'The text shown for the tag',
  })
  msg_loc: string | null;
  @ApiProperty({ type: [Object], example: [], description: 'Tag relationships (none are stored: always [])' })
  relationships: object[];
}

/** Body of `POST /api/2/tags/` (admin). */
export class CreateTagDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsDefined() @IsInt() @IsIdValue() project_id: number;

  @ApiProperty({ example: 'birds', maxLength: 1024 })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024, { message: 'Ensure this field has no more than 1024 characters.' })
  value: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4096 })
  @IsOptional()
  @IsString()
  @MaxLength(4096, { message: 'Ensure this field has no more than 4096 characters.' })
  description?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1024, example: 'Birds' })
  @IsOptional()
  @IsString()
  @MaxLength(1024, { message: 'Ensure this field has no more than 1024 characters.' })
  msg?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4096 })
  @IsOptional()
  @IsString()
  @MaxLength(4096, { message: 'Ensure this field has no more than 4096 characters.' })
  data?: string | null;

  @ApiPropertyOptional({ enum: TAG_FILTERS, enumName: 'TagFilter', description: "Default: ''" })
  @IsOptional()
  @IsIn(TAG_FILTERS, { message: 'Select a valid choice.' })
  filter?: string;

  @ApiPropertyOptional(MULTIPOLYGON_SCHEMA)
  @IsOptional()
  @IsMultiPolygon()
  location?: MultiPolygon | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @IsIdValue()
  tag_category_id?: number | null;
}

export class UpdateTagDto extends PartialType(CreateTagDto) {}

/** Filters of `GET /api/2/tags/`. */
export class ListTagsQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exact project id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  project_id?: number;
  @ApiPropertyOptional({ description: 'Case-insensitive substring' })
  @IsOptional()
  @IsString()
  description?: string;
  @ApiPropertyOptional({ description: 'Case-insensitive substring' }) @IsOptional() @IsString() data?: string;
}
