import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import {
  GbBool,
  GbDateTime,
  GbFloat,
  GbHtml,
  GbInt,
  GbNoImage,
  GbPk,
  GbPkList,
  GbString,
  Required,
} from './form-fields';
import { IdFilter, IdListFilter, OrderingFilter, TextFilter } from './query-filters';
import { CLIENT_DATE_TIME, GUIDEBOOK_TIME } from './time-formats';

const TIME_NOTE = `${CLIENT_DATE_TIME} Returned as \`2017-09-18T16:00:00.000000+0000\`.`;

/**
 * Optional fields of a schedule session as clients send them, as JSON or as form data. The read-only
 * fields of a response (`id`, `created_at`, `last_updated`) are accepted and ignored, as DRF does, so a
 * client may send back what it read.
 */
class ScheduleSessionOptionalFields {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2017-09-18T17:00:00',
    description: `${TIME_NOTE} Blank or null: an all-day session. Must not be before \`start_time\`.`,
  })
  @GbDateTime({ nullable: true })
  end_time?: string | null;

  @ApiPropertyOptional({
    description: 'Runs for the entire day. Defaults to true when `end_time` is blank, else false.',
  })
  @GbBool()
  all_day?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'End-users can rate this session. Defaults to false.' })
  @GbBool()
  allow_rating?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'End-users can add it to their personal schedule. Defaults to false.',
  })
  @GbBool()
  add_to_schedule?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 255,
    description: 'Your own identifier (blank means none).',
  })
  @GbString({ max: 255, nullable: true, allowBlank: true })
  import_id?: string | null;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'integer' },
    example: [3, 42, 47, 101],
    description:
      'Ids of schedule tracks of the same guide. JSON: an array. Form data: repeated keys, a JSON array string `[3,42]` or `3,42`; blank means none.',
  })
  @GbPkList()
  schedule_tracks?: number[];

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'integer' },
    example: [12],
    description:
      'Ids of locations of the same guide. JSON: an array. Form data: repeated keys, a JSON array string `[12,13]` or `12,13`; blank means none.',
  })
  @GbPkList()
  locations?: number[];

  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    nullable: true,
    example: null,
    description:
      'The image shown above the session (Guidebook: ideally 640×240): in a multipart body the PNG or JPEG file ' +
      '(its content decides, not its name; anything else is 400, over UPLOAD_MAX_BYTES 413). In JSON or a form ' +
      'only null or blank, which removes the image (on PATCH).',
  })
  @GbNoImage()
  image?: null;

  @ApiPropertyOptional({ type: Number, example: 0, description: 'Display order (a float). Defaults to 0.' })
  @GbFloat({ min: -1e9, max: 1e9 })
  rank?: number;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Attendees must log in to add it to their schedule; requires `add_to_schedule` true. Defaults to false.',
  })
  @GbBool()
  require_login?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2017-09-01T00:00:00',
    description: `When registration opens; requires \`require_login\` true. ${TIME_NOTE} Blank or null: none.`,
  })
  @GbDateTime({ nullable: true })
  registration_start_date?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2017-09-17T00:00:00',
    description: `When registration closes, not before it opens; requires \`require_login\` true. ${TIME_NOTE} Blank or null: none.`,
  })
  @GbDateTime({ nullable: true })
  registration_end_date?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    example: 100,
    description: 'How many may register; requires `require_login` true. Blank or null: no limit.',
  })
  @GbInt({ nullable: true, min: 1, max: 2_147_483_647 })
  max_capacity?: number | null;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Registrations beyond `max_capacity` go on a waitlist; requires `max_capacity`. Defaults to false.',
  })
  @GbBool()
  waitlist?: boolean;

  @ApiHideProperty() @Allow() id?: unknown;
  @ApiHideProperty() @Allow() created_at?: unknown;
  @ApiHideProperty() @Allow() last_updated?: unknown;
}

const HTML_NOTE =
  "Basic HTML, sanitised on write to Guidebook's documented allow-list: headings h1–h8, p, div, blockquote, pre, inline tags (span, b, u, i, strong, em, tt, code, ins, del, sup, sub, kbd, samp, q, var), lists, tables, br, hr, ruby/rt/rp, `a[href]` (http, https, mailto), `img[src]` (http, https), `div[itemscope][itemtype]` and the documented common attributes are kept; scripts, styles, event handlers and `javascript:`/`data:` URLs are removed.";

/**
 * POST body (JSON or form data). `description_html` is required as the seed documents, but may be empty
 * or null (the seed's own list examples show null).
 */
export class CreateScheduleSessionDto extends ScheduleSessionOptionalFields {
  @ApiProperty({ type: 'integer', example: 1, description: 'The guide the session belongs to.' })
  @Required()
  @GbPk()
  guide: number;

  @ApiProperty({ maxLength: 255, example: 'Test Session Created via the Open API' })
  @Required()
  @GbString({ max: 255 })
  name: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '<p>This is a description field that supports basic HTML</p>',
    description: `${HTML_NOTE} Required; may be empty or null.`,
  })
  @Required()
  @GbHtml()
  description_html: string | null;

  @ApiProperty({ type: String, example: '2017-09-18T16:00:00', description: TIME_NOTE })
  @Required()
  @GbDateTime()
  start_time: string;
}

/**
 * v1.1 POST body: today's docs make `description_html` optional (absent means none), and `allow_rating`
 * and `add_to_schedule` default to true there.
 */
export class CreateScheduleSessionV11Dto extends ScheduleSessionOptionalFields {
  @ApiProperty({ type: 'integer', example: 1, description: 'The guide the session belongs to.' })
  @Required()
  @GbPk()
  guide: number;

  @ApiProperty({ maxLength: 255, example: 'Test Session Created via the Open API' })
  @Required()
  @GbString({ max: 255 })
  name: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '<p>This is a description field that supports basic HTML</p>',
    description: `${HTML_NOTE} Optional (today's docs).`,
  })
  @GbHtml()
  description_html?: string | null;

  @ApiProperty({ type: String, example: '2017-09-18T16:00:00', description: TIME_NOTE })
  @Required()
  @GbDateTime()
  start_time: string;
}

/** PATCH body: any subset of the fields. */
export class UpdateScheduleSessionDto extends ScheduleSessionOptionalFields {
  @ApiPropertyOptional({ type: 'integer', example: 1, description: 'Cannot change; may be sent unchanged.' })
  @GbPk()
  guide?: number;

  @ApiPropertyOptional({ maxLength: 255, example: 'Test Session Created via the Open API' })
  @GbString({ max: 255 })
  name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '<p>This is a description field that supports basic HTML</p>',
    description: HTML_NOTE,
  })
  @GbHtml()
  description_html?: string | null;

  @ApiPropertyOptional({ type: String, example: '2017-09-18T16:00:00', description: TIME_NOTE })
  @GbDateTime()
  start_time?: string;
}

export class ScheduleSessionDto {
  @ApiProperty({ type: 'integer', example: 106 }) id: number;
  @ApiProperty({ ...GUIDEBOOK_TIME, example: '2017-09-18T22:13:25.766623+0000' }) created_at: string;
  @ApiProperty({ ...GUIDEBOOK_TIME, example: '2017-09-18T22:13:25.766653+0000' }) last_updated: string;
  @ApiProperty({ ...GUIDEBOOK_TIME, example: '2017-09-18T16:00:00.000000+0000' }) start_time: string;
  @ApiPropertyOptional({
    ...GUIDEBOOK_TIME,
    nullable: true,
    example: '2017-09-18T17:00:00.000000+0000',
    description: `${GUIDEBOOK_TIME.description}; null for an all-day session without an end`,
  })
  end_time: string | null;
  @ApiProperty({ example: false }) all_day: boolean;
  @ApiProperty({ example: 'Test Session Created via the Open API' }) name: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '<p>This is a description field that supports basic HTML</p>',
  })
  description_html: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) import_id: string | null;
  @ApiProperty({ example: false }) allow_rating: boolean;
  @ApiProperty({ example: false }) add_to_schedule: boolean;
  @ApiProperty({ type: 'integer', example: 1 }) guide: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'integer' },
    example: [3, 42, 47, 101],
    description: 'Ids of its schedule tracks, ascending',
  })
  schedule_tracks: number[];
  @ApiProperty({
    type: 'array',
    items: { type: 'integer' },
    example: [12],
    description: 'Ids of its locations, ascending',
  })
  locations: number[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://hub.example.org/media/guidebook/q3h2Jk9sXb1m0fWcT5yZpA.png',
    description: "The session's image, an absolute URL (served without credentials), or null without one",
  })
  image: string | null;
  @ApiProperty({ type: Number, example: 0 }) rank: number;
  @ApiProperty({ example: false }) waitlist: boolean;
  @ApiProperty({ example: false }) require_login: boolean;
  @ApiProperty({ type: 'integer', nullable: true, example: null }) max_capacity: number | null;
  @ApiProperty({ ...GUIDEBOOK_TIME, nullable: true, example: null }) registration_start_date: string | null;
  @ApiProperty({ ...GUIDEBOOK_TIME, nullable: true, example: null }) registration_end_date: string | null;
}

export const SESSION_ORDERING_FIELDS = ['id', 'start_time', 'end_time'] as const;

/** `GET /open-api/v1/sessions/` query: page, filters, ordering. */
export class ListScheduleSessionsQueryDto extends PageQueryDto {
  @IdFilter('Only sessions of this guide.')
  guide?: number;

  @IdListFilter('Only sessions in any of these tracks (repeat the key or separate ids with commas).')
  schedule_tracks?: number[];

  @TextFilter('Only sessions with this `import_id`.')
  import_id?: string;

  @IdFilter('Only the session with this id.')
  id?: number;

  @OrderingFilter(SESSION_ORDERING_FIELDS)
  ordering?: string;
}
