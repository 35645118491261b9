import { ApiHideProperty, ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import {
  ADDRESS_KEYS,
  GbAddress,
  GbFloat,
  GbHtml,
  GbIntChoice,
  GbPk,
  GbString,
  Required,
} from './form-fields';
import { IdFilter, IntChoiceFilter, TextFilter } from './query-filters';
import { GUIDEBOOK_TIME } from './time-formats';

export const LOCATION_TYPES = [1, 2, 3] as const;
const TYPE_NOTE =
  '1 Main Venue (one per guide), 2 Placeholder, 3 Google Maps (needs `latitude` and `longitude`).';

const ADDRESS_SCHEMA = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  properties: Object.fromEntries(
    ADDRESS_KEYS.map((k) => [k, { type: 'string', nullable: true, maxLength: 255 }]),
  ),
  example: { street: '1 Main St', city: 'Pasadena', state: 'CA', country: 'US', zipcode: '91101' },
} as unknown as ApiPropertyOptions;

/** Optional fields of a location (JSON or form data); read-only response fields are ignored. */
class LocationOptionalFields {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '<p>Second floor</p>',
    description: 'Basic HTML, sanitised as a session description.',
  })
  @GbHtml(20_000)
  description?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 34.1478, minimum: -90, maximum: 90 })
  @GbFloat({ nullable: true, min: -90, max: 90 })
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: -118.1445, minimum: -180, maximum: 180 })
  @GbFloat({ nullable: true, min: -180, max: 180 })
  longitude?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 255,
    example: 'room-101',
    description: 'Your own identifier (blank means none).',
  })
  @GbString({ max: 255, nullable: true, allowBlank: true })
  import_id?: string | null;

  @ApiPropertyOptional({
    ...ADDRESS_SCHEMA,
    description: `The Main Venue's address: an object with keys ${ADDRESS_KEYS.join(', ')}; in form posts a JSON string. Not geocoded.`,
  })
  @GbAddress()
  address?: Record<string, string | null> | null;

  @ApiHideProperty() @Allow() id?: unknown;
  @ApiHideProperty() @Allow() created_at?: unknown;
}

export class CreateLocationDto extends LocationOptionalFields {
  @ApiProperty({ type: 'integer', example: 1, description: 'The guide the location belongs to.' })
  @Required()
  @GbPk()
  guide: number;

  @ApiProperty({ maxLength: 255, example: 'Room 101' })
  @Required()
  @GbString({ max: 255 })
  name: string;

  @ApiProperty({
    type: 'integer',
    enum: LOCATION_TYPES,
    enumName: 'LocationType',
    example: 2,
    description: TYPE_NOTE,
  })
  @Required()
  @GbIntChoice(LOCATION_TYPES)
  location_type: number;
}

/** PATCH body: any subset of the fields. */
export class UpdateLocationDto extends LocationOptionalFields {
  @ApiPropertyOptional({ type: 'integer', example: 1, description: 'Cannot change; may be sent unchanged.' })
  @GbPk()
  guide?: number;

  @ApiPropertyOptional({ maxLength: 255, example: 'Room 101' })
  @GbString({ max: 255 })
  name?: string;

  @ApiPropertyOptional({
    type: 'integer',
    enum: LOCATION_TYPES,
    enumName: 'LocationType',
    example: 2,
    description: TYPE_NOTE,
  })
  @GbIntChoice(LOCATION_TYPES)
  location_type?: number;
}

export class LocationDto {
  @ApiProperty({ type: 'integer', example: 12 }) id: number;
  @ApiProperty({ type: 'integer', example: 1 }) guide: number;
  @ApiProperty({ example: 'Room 101' }) name: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) description: string | null;
  @ApiProperty({ type: 'integer', enum: LOCATION_TYPES, enumName: 'LocationType', example: 2 })
  location_type: number;
  @ApiPropertyOptional({ type: Number, nullable: true, example: null }) latitude: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: null }) longitude: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) import_id: string | null;
  @ApiPropertyOptional({ ...ADDRESS_SCHEMA, example: null }) address: Record<string, string | null> | null;
  @ApiProperty({ ...GUIDEBOOK_TIME, example: '2017-09-18T22:13:25.766623+0000' }) created_at: string;
}

export class ListLocationsQueryDto extends PageQueryDto {
  @IdFilter('Only locations of this guide.')
  guide?: number;

  @IdFilter("Only locations of this guide (the spelling of Guidebook's own lookup example).")
  guide_id?: number;

  @IntChoiceFilter(LOCATION_TYPES, 'LocationType', 'Only locations of this type.')
  location_type?: number;

  @IdFilter('Only the location with this id.')
  id?: number;

  @TextFilter('Only locations with this `import_id`.')
  import_id?: string;
}
