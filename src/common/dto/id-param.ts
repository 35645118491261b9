import { Injectable, NotFoundException, PipeTransform } from '@nestjs/common';

/** Largest value of a 32-bit `integer` column, the id type on both databases. */
export const MAX_INT_ID = 2_147_483_647;

/** True when `value` is the text of a positive integer id that fits the id columns. */
export function isIntId(value: string): boolean {
  return /^\d{1,10}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_INT_ID;
}

/**
 * `:id` path parameters: a positive 32-bit integer, else 404 — an id that cannot exist names no
 * resource (and never reaches PostgreSQL as an out-of-range integer).
 */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!isIntId(value)) throw new NotFoundException();
    return Number(value);
  }
}
