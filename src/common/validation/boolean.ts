/**
 * DRF's `BooleanField` spellings (rest_framework/fields.py `TRUE_VALUES` / `FALSE_VALUES`), the one
 * boolean parser of every DRF surface: query strings, form bodies and JSON alike.
 */
const TRUE_VALUES = new Set([
  't',
  'T',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'true',
  'True',
  'TRUE',
  'on',
  'On',
  'ON',
  '1',
]);
const FALSE_VALUES = new Set([
  'f',
  'F',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'false',
  'False',
  'FALSE',
  'off',
  'Off',
  'OFF',
  '0',
]);

/** `true`/`false` for a DRF boolean spelling (or a JSON boolean, 1 or 0); `undefined` for anything else. */
export function parseDrfBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1) return true;
  if (value === 0) return false;
  if (typeof value !== 'string') return undefined;
  if (TRUE_VALUES.has(value)) return true;
  if (FALSE_VALUES.has(value)) return false;
  return undefined;
}

/** For class-transformer: the boolean when the value is a DRF spelling, else the value unchanged (so the validator refuses it). */
export function toDrfBoolean(value: unknown): unknown {
  const parsed = parseDrfBoolean(value);
  return parsed === undefined ? value : parsed;
}
