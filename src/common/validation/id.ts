import { Injectable, NotFoundException, PipeTransform } from '@nestjs/common';

/** Largest value of a 32-bit `integer` column, the id type on both databases. */
export const MAX_INT_ID = 2_147_483_647;

/**
 * True when `value` is the canonical text of an id: `^[1-9][0-9]*$` within 32 bits. `01`, `1.0`, `1e1`,
 * `0x1`, ` 1` and `+1` are not ids.
 */
export function isIntId(value: string): boolean {
  return /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= MAX_INT_ID;
}

/** The id in `value` (a canonical id text or an integer in range), else `undefined`. */
export function parseIntId(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 1 && value <= MAX_INT_ID ? value : undefined;
  return typeof value === 'string' && isIntId(value) ? Number(value) : undefined;
}

/**
 * The one pipe of `:id` path parameters: a canonical 32-bit id, else 404 (an id that cannot exist names
 * no resource, and never reaches PostgreSQL as an out-of-range integer). It receives the raw path text:
 * the global validation pipe leaves path parameters unconverted (see `createValidationPipe`).
 */
@Injectable()
export class IdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    const id = typeof value === 'string' ? parseIntId(value) : undefined;
    if (id === undefined) throw new NotFoundException();
    return id;
  }
}
