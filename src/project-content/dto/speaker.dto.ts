import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsIdValue } from '../../sessions/dto/drf-fields';
import { IsMultiPolygon, QueryBoolean, QueryId } from './fields';

const MULTIPOLYGON_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  description: 'GeoJSON MultiPolygon (longitude, latitude)',
  required: ['type', 'coordinates'],
  properties: {
    type: { type: 'string', example: 'MultiPolygon', description: 'Always `MultiPolygon`' },
    coordinates: {
      type: 'array',
      items: { type: 'array', items: { type: 'array', items: { type: 'array', items: { type: 'number' } } } },
    },
  },
  example: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [-73.99, 40.73],
          [-73.98, 40.73],
          [-73.98, 40.74],
          [-73.99, 40.73],
        ],
      ],
    ],
  },
};

const MULTILINE_SCHEMA: ApiPropertyOptions = {
  type: 'object',
  nullable: true,
  description: 'GeoJSON MultiLineString: the rings of `shape`',
  properties: {
    type: { type: 'string', example: 'MultiLineString', description: 'Always `MultiLineString`' },
    coordinates: {
      type: 'array',
      items: { type: 'array', items: { type: 'array', items: { type: 'number' } } },
    },
  },
};

export { MULTIPOLYGON_SCHEMA };

export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

export interface MultiLineString {
  type: 'MultiLineString';
  coordinates: number[][][];
}

/** A speaker, in upstream's keys. */
export class SpeakerDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: true }) activeyn: boolean;
  @ApiProperty({ example: 'main', maxLength: 10 }) code: string;
  @ApiProperty({ example: 0.8 }) maxvolume: number;
  @ApiProperty({ example: 0 }) minvolume: number;
  @ApiProperty({ example: 'https://stream.example.org/main.mp3' }) uri: string;
  @ApiProperty({ example: '' }) backupuri: string;
  @ApiProperty(MULTIPOLYGON_SCHEMA) shape: MultiPolygon | null;
  @ApiProperty(MULTILINE_SCHEMA) boundary: MultiLineString | null;
  @ApiProperty({ type: 'integer', example: 40, description: 'Metres' }) attenuation_distance: number;
  @ApiProperty({
    ...MULTILINE_SCHEMA,
    description:
      'GeoJSON MultiLineString where attenuation starts: the rings of `shape` here (no inner buffer)',
  })
  attenuation_border: MultiLineString | null;
  @ApiProperty({ type: 'integer', example: 1 }) project_id: number;
}

/** Body of `POST /api/2/speakers/` (admin). */
export class CreateSpeakerDto {
  @ApiProperty({ type: 'integer', example: 1 })
  @IsDefined()
  @IsInt()
  @IsIdValue()
  project_id: number;

  @ApiPropertyOptional({ description: 'Default: false' })
  @IsOptional()
  @IsBoolean()
  activeyn?: boolean;

  @ApiProperty({ maxLength: 10, example: 'main' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10, { message: 'Ensure this field has no more than 10 characters.' })
  code: string;

  @ApiProperty({ example: 0.8 })
  @IsDefined()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  maxvolume: number;

  @ApiProperty({ example: 0 })
  @IsDefined()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  minvolume: number;

  @ApiProperty({ maxLength: 1024, example: 'https://stream.example.org/main.mp3' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024, { message: 'Ensure this field has no more than 1024 characters.' })
  uri: string;

  @ApiPropertyOptional({ maxLength: 1024, description: "Default: ''" })
  @IsOptional()
  @IsString()
  @MaxLength(1024, { message: 'Ensure this field has no more than 1024 characters.' })
  backupuri?: string;

  @ApiPropertyOptional(MULTIPOLYGON_SCHEMA)
  @IsOptional()
  @IsMultiPolygon()
  shape?: MultiPolygon | null;

  @ApiProperty({ type: 'integer', example: 40 })
  @IsDefined()
  @IsInt()
  @Min(0, { message: 'Ensure this value is greater than or equal to 0.' })
  @Max(2_147_483_647, { message: 'Ensure this value is less than or equal to 2147483647.' })
  attenuation_distance: number;
}

/** Body of `PATCH /api/2/speakers/:id/` (admin): the fields sent change. */
export class UpdateSpeakerDto extends PartialType(CreateSpeakerDto) {}

/** Filters of `GET /api/2/speakers/`. */
export class ListSpeakersQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exact project id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  project_id?: number;

  @ApiPropertyOptional({ type: 'boolean', description: 'Active speakers (true) or inactive ones (false)' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  activeyn?: boolean;
}
