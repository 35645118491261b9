import type { ApiPropertyOptions } from '@nestjs/swagger';

/**
 * OpenAPI metadata of the timestamps each surface renders (src/common/time.ts). Roundware's naive UTC
 * timestamps carry no offset, so they are not RFC 3339 `date-time`s: they are documented by a pattern,
 * never by `format: date-time`. AERPAW's are RFC 3339 (always `+00:00`).
 */
export const ROUNDWARE_TIME = {
  type: String,
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}$',
  description: 'Naive UTC with microseconds and no offset (`2017-09-06T15:43:35.947761`)',
} satisfies ApiPropertyOptions;

export const AERPAW_TIME = {
  type: String,
  format: 'date-time',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00$',
  description: 'UTC, RFC 3339 with microseconds and `+00:00` (`2022-09-16T13:55:56.143000+00:00`)',
} satisfies ApiPropertyOptions;

/** The date-times the server reads from clients (`parseDateTimeMicros`), for descriptions. */
export const CLIENT_TIME_FORMATS =
  'ISO 8601 date or date-time: `2017-09-06`, `2017-09-06T16:24:32`, `2017-09-06 16:24:32.647751`, with an optional `Z`, `+hh:mm` or `+hhmm` offset (converted to UTC; without one the time is taken as UTC)';
