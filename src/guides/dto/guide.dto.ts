import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { GbDateTime, GbHtml, GbString, GbTimeZone, Required } from './form-fields';
import { CLIENT_DATE_TIME, GUIDEBOOK_TIME } from './time-formats';

/** Optional fields of a guide (JSON or form data); read-only response fields are ignored. */
class GuideOptionalFields {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2017-09-18',
    description: `First day. ${CLIENT_DATE_TIME} Blank or null: none.`,
  })
  @GbDateTime({ nullable: true })
  start_date?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2017-09-20',
    description: `Last day; not before \`start_date\`. ${CLIENT_DATE_TIME} Blank or null: none.`,
  })
  @GbDateTime({ nullable: true })
  end_date?: string | null;

  @ApiPropertyOptional({
    example: 'America/New_York',
    description:
      'IANA time zone of the event (any case; answered in its canonical spelling). Defaults to `UTC`.',
  })
  @GbTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '<p>Welcome!</p>',
    description: 'Basic HTML, sanitised on write (scripts, styles, event handlers and unsafe URLs removed).',
  })
  @GbHtml()
  description_html?: string | null;

  @ApiHideProperty() @Allow() id?: unknown;
  @ApiHideProperty() @Allow() created_at?: unknown;
  @ApiHideProperty() @Allow() owner?: unknown;
}

export class CreateGuideDto extends GuideOptionalFields {
  @ApiProperty({ maxLength: 255, example: 'Open API Conference 2017' })
  @Required()
  @GbString({ max: 255 })
  name: string;
}

/** PATCH body: any subset of the fields. */
export class UpdateGuideDto extends GuideOptionalFields {
  @ApiPropertyOptional({ maxLength: 255, example: 'Open API Conference 2017' })
  @GbString({ max: 255 })
  name?: string;
}

export class GuideDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ ...GUIDEBOOK_TIME, example: '2017-09-01T12:00:00.000000+0000' }) created_at: string;
  @ApiProperty({ type: 'integer', example: 7, description: 'Id of the owning user' }) owner: number;
  @ApiProperty({ example: 'Open API Conference 2017' }) name: string;
  @ApiPropertyOptional({ ...GUIDEBOOK_TIME, nullable: true, example: '2017-09-18T00:00:00.000000+0000' })
  start_date: string | null;
  @ApiPropertyOptional({ ...GUIDEBOOK_TIME, nullable: true, example: '2017-09-20T00:00:00.000000+0000' })
  end_date: string | null;
  @ApiProperty({ example: 'America/New_York' }) timezone: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '<p>Welcome!</p>' })
  description_html: string | null;
}
