import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { parseDrfBoolean } from '../../common/validation';

/** A GeoJSON MultiPolygon: `{"type": "MultiPolygon", "coordinates": [[[[lon, lat], …]]]}` (at most 10,000 positions). */
export function isMultiPolygon(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as { type?: unknown; coordinates?: unknown };
  if (v.type !== 'MultiPolygon' || !Array.isArray(v.coordinates) || Object.keys(v).length !== 2) return false;
  let positions = 0;
  for (const polygon of v.coordinates) {
    if (!Array.isArray(polygon) || !polygon.length) return false;
    for (const ring of polygon) {
      if (!Array.isArray(ring) || ring.length < 4) return false;
      for (const pos of ring) {
        if (!Array.isArray(pos) || pos.length !== 2) return false;
        const [lon, lat] = pos as unknown[];
        if (typeof lon !== 'number' || typeof lat !== 'number') return false;
        if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) return false;
        if (++positions > 10_000) return false;
      }
      const first = ring[0] as number[];
      const last = ring[ring.length - 1] as number[];
      if (first[0] !== last[0] || first[1] !== last[1]) return false;
    }
  }
  return true;
}

export const MULTIPOLYGON_MESSAGE =
  'Enter a GeoJSON MultiPolygon: {"type": "MultiPolygon", "coordinates": [[[[lon, lat], …]]]} with closed rings.';

export function IsMultiPolygon(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isMultiPolygon',
      validator: {
        validate: (value: unknown) => isMultiPolygon(value),
        defaultMessage: () => MULTIPOLYGON_MESSAGE,
      },
    },
    options,
  );
}

/** Tag ids as `"3,8"`, `[3, 8]` or `3` → a list of distinct positive ids, or undefined when unreadable. */
export function parseIdList(value: unknown): number[] | undefined {
  let parts: unknown[];
  if (value === null || value === '') return [];
  if (typeof value === 'number') parts = [value];
  else if (typeof value === 'string') parts = value.split(',').map((p) => p.trim());
  else if (Array.isArray(value)) parts = value;
  else return undefined;
  if (parts.length > 100) return undefined;
  const ids: number[] = [];
  for (const part of parts) {
    const n = typeof part === 'string' && /^[1-9]\d{0,9}$/.test(part) ? Number(part) : part;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 2_147_483_647) return undefined;
    if (!ids.includes(n)) ids.push(n);
  }
  return ids;
}

export const ID_LIST_MESSAGE = 'Enter ids as "3,8" or [3, 8]: positive integers, at most 100 of them.';

export function IsIdList(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isIdList',
      validator: {
        validate: (value: unknown) => parseIdList(value) !== undefined,
        defaultMessage: () => ID_LIST_MESSAGE,
      },
    },
    options,
  );
}

/** A DRF boolean query value (`true`, `1`, `yes`, `False`…) becomes a boolean; anything else stays, for `@IsBoolean()` to refuse. */
export function QueryBoolean() {
  return Transform(({ value }: { value: unknown }) => {
    const parsed = parseDrfBoolean(value);
    return parsed === undefined ? value : parsed;
  });
}

/** A decimal number in a query string becomes a number; anything else stays, for `@IsNumber()` to refuse. */
export function QueryNumber() {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*-?\d{1,15}(\.\d{1,15})?\s*$/.test(value) ? Number(value) : value,
  );
}

/** A positive id in a query string becomes a number; anything else stays, for `@IsIdValue()` to refuse. */
export function QueryId() {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : value,
  );
}
