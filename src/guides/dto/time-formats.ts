import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Guidebook's timestamps (`toGuidebookTime`): UTC with microseconds and `+0000`. The offset has no colon,
 * so they are not RFC 3339 `date-time`s: documented by a pattern, never by `format: date-time`.
 */
export const GUIDEBOOK_TIME = {
  type: String,
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+0000$',
  description: 'UTC with microseconds and `+0000` (`2017-09-18T16:00:00.000000+0000`)',
} satisfies ApiPropertyOptions;

/** The date-times the server reads from clients (`parseDateTimeMicros`), for descriptions. */
export const CLIENT_DATE_TIME =
  'ISO 8601 date or date-time (`2017-09-18`, `2017-09-18T16:00:00`, `2017-09-18 16:00:00.123456`); with a `Z`, `+hh:mm` or `+hhmm` offset it is converted to UTC, without one it is taken as UTC.';
