import { Micros, parseDateTimeMicros } from '../time';
import { DRF_MESSAGES } from './messages';

/** A DRF `DateTimeField` input: the instant, or DRF's "wrong format" message. */
export function parseDrfDateTime(value: unknown): { micros: Micros } | { error: string } {
  const micros = typeof value === 'string' ? parseDateTimeMicros(value) : null;
  return micros === null ? { error: DRF_MESSAGES.datetimeFormat } : { micros };
}
