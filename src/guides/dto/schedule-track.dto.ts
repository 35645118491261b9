import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { GbHexColor, GbPk, GbString, Required } from './form-fields';
import { IdFilter, TextFilter } from './query-filters';
import { GUIDEBOOK_TIME } from './time-formats';

const COLOR = {
  type: String,
  nullable: true,
  example: '#000080',
  pattern: '^#[0-9a-fA-F]{6}$',
  description: 'Hex color `#rrggbb`, optional (null or blank means none); returned exactly as sent.',
};

/** Optional fields of a schedule track (JSON or form data); read-only response fields are ignored. */
class ScheduleTrackOptionalFields {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 255,
    example: 'track-keynotes',
    description: 'Your own identifier (blank means none).',
  })
  @GbString({ max: 255, nullable: true, allowBlank: true })
  import_id?: string | null;

  @ApiHideProperty() @Allow() id?: unknown;
  @ApiHideProperty() @Allow() created_at?: unknown;
}

export class CreateScheduleTrackDto extends ScheduleTrackOptionalFields {
  @ApiProperty({ type: 'integer', example: 1, description: 'The guide the track belongs to.' })
  @Required()
  @GbPk()
  guide: number;

  @ApiProperty({ maxLength: 255, example: 'Keynotes' })
  @Required()
  @GbString({ max: 255 })
  name: string;

  @ApiPropertyOptional(COLOR)
  @GbHexColor()
  color?: string | null;
}

/** PATCH body: any subset of the fields. */
export class UpdateScheduleTrackDto extends ScheduleTrackOptionalFields {
  @ApiPropertyOptional({ type: 'integer', example: 1, description: 'Cannot change; may be sent unchanged.' })
  @GbPk()
  guide?: number;

  @ApiPropertyOptional({ maxLength: 255, example: 'Keynotes' })
  @GbString({ max: 255 })
  name?: string;

  @ApiPropertyOptional(COLOR)
  @GbHexColor()
  color?: string | null;
}

export class ScheduleTrackDto {
  @ApiProperty({ type: 'integer', example: 3 }) id: number;
  @ApiProperty({ ...GUIDEBOOK_TIME, example: '2017-09-18T22:13:25.766623+0000' }) created_at: string;
  @ApiProperty({ type: 'integer', example: 1 }) guide: number;
  @ApiProperty({ example: 'Keynotes' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: '#000080', pattern: '^#[0-9a-fA-F]{6}$' })
  color: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) import_id: string | null;
}

export class ListScheduleTracksQueryDto extends PageQueryDto {
  @IdFilter('Only tracks of this guide.')
  guide?: number;

  @IdFilter('Only the track with this id.')
  id?: number;

  @TextFilter('Only tracks with this `import_id`.')
  import_id?: string;
}
