import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { isValidTimeZone } from '../../config/app-config';
import { parseDateTimeMicros } from '../../common/time';
import { DRF_MESSAGES, toDrfBoolean } from '../../common/validation';

/**
 * Field decorators for Guidebook request bodies, which arrive either as JSON (real booleans, numbers,
 * arrays) or as `application/x-www-form-urlencoded` (every value a string, repeated keys as arrays).
 * Each decorator converts the form spellings to the JSON ones, then validates with DRF's wording. Every
 * check lets `undefined` through (absent field); `@Required()` is what makes a field mandatory.
 */

/** The last of repeated form keys (`a=1&a=2` → "2"), as Django's `QueryDict.get` reads it. */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value[value.length - 1] : value;
}

export function toBool(value: unknown): unknown {
  return toDrfBoolean(single(value));
}

export function toInt(value: unknown): unknown {
  const v = single(value);
  return typeof v === 'string' && /^\s*\d{1,10}\s*$/.test(v) ? Number(v) : v;
}

/**
 * A list of ids from JSON (`[3, 42]`) or a form: repeated keys (`t=3&t=42`), one JSON array string
 * (`t=[3,42]`), comma-separated (`t=3,42`) or blank (no ids).
 */
export function toIntList(value: unknown): unknown {
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return [];
    if (text.startsWith('[')) {
      try {
        return toIntList(JSON.parse(text));
      } catch {
        return value;
      }
    }
    return text.split(',').map((part) => toInt(part.trim()));
  }
  if (Array.isArray(value))
    return value.flatMap((v) => (typeof v === 'string' && v.includes(',') ? toIntList(v) : [toInt(v)]));
  return value;
}

/** A blank form value of a nullable field means null (`end_time=` → no end time). */
export function blankToNull(value: unknown): unknown {
  const v = single(value);
  return typeof v === 'string' && v.trim() === '' ? null : v;
}

/** One validation with a message that depends on the value (null means valid). */
function check(name: string, problem: (value: unknown) => string | null, options?: ValidationOptions) {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => value === undefined || problem(value) === null,
        defaultMessage: (args) => (args ? (problem(args.value) ?? '') : ''),
      },
    },
    options,
  );
}

const NOT_NULL = 'This field may not be null.';

/** A required field: absent → "This field is required." (null is judged by the field's own check). */
export function Required() {
  return ValidateBy({
    name: 'isDefined',
    validator: {
      validate: (value: unknown) => value !== undefined,
      defaultMessage: () => 'This field is required.',
    },
  });
}

export function GbString(options: { max: number; nullable?: boolean; allowBlank?: boolean }) {
  return applyDecorators(
    Transform(({ value }) => (options.nullable ? blankToNull(value) : single(value))),
    check('gbString', (value) => {
      if (value === null) return options.nullable ? null : NOT_NULL;
      if (typeof value !== 'string') return 'Not a valid string.';
      if (!options.allowBlank && value.trim() === '') return 'This field may not be blank.';
      if (value.length > options.max) return `Ensure this field has no more than ${options.max} characters.`;
      return null;
    }),
  );
}

/** HTML text: may be null or blank; sanitised later by the service. */
export function GbHtml(max = 100_000) {
  return applyDecorators(
    Transform(({ value }) => single(value)),
    check('gbHtml', (value) => {
      if (value === null) return null;
      if (typeof value !== 'string') return 'Not a valid string.';
      if (value.length > max) return `Ensure this field has no more than ${max} characters.`;
      return null;
    }),
  );
}

export function GbBool() {
  return applyDecorators(
    Transform(({ value }) => toBool(value)),
    check('gbBool', (value) =>
      value === null ? NOT_NULL : typeof value === 'boolean' ? null : DRF_MESSAGES.invalidBoolean,
    ),
  );
}

/** A primary key of a related object (DRF's PrimaryKeyRelatedField wording). */
export function GbPk() {
  return applyDecorators(
    Transform(({ value }) => toInt(value)),
    check('gbPk', (value) => {
      if (value === null) return NOT_NULL;
      if (typeof value === 'number' && Number.isInteger(value)) return null;
      return `Incorrect type. Expected pk value, received ${typeName(value)}.`;
    }),
  );
}

export function GbPkList() {
  return applyDecorators(
    Transform(({ value }) => toIntList(value)),
    check('gbPkList', (value) => {
      if (value === null) return NOT_NULL;
      if (!Array.isArray(value)) return `Expected a list of items but got type "${typeName(value)}".`;
      const bad = value.find((v) => typeof v !== 'number' || !Number.isInteger(v));
      return bad === undefined ? null : `Incorrect type. Expected pk value, received ${typeName(bad)}.`;
    }),
  );
}

export const DATE_TIME_FORMAT_MESSAGE = DRF_MESSAGES.datetimeFormat;

/** A date-time string (naive = UTC, offsets converted); blank means null when `nullable`. */
export function GbDateTime(options: { nullable?: boolean } = {}) {
  return applyDecorators(
    Transform(({ value }) => (options.nullable ? blankToNull(value) : single(value))),
    check('gbDateTime', (value) => {
      if (value === null) return options.nullable ? null : NOT_NULL;
      if (typeof value !== 'string' || parseDateTimeMicros(value) === null) return DATE_TIME_FORMAT_MESSAGE;
      return null;
    }),
  );
}

export function GbHexColor() {
  return applyDecorators(
    Transform(({ value }) => single(value)),
    check('gbHexColor', (value) => {
      if (value === null) return NOT_NULL;
      if (typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value)) return null;
      return 'Enter a valid hex color of the form #rrggbb, e.g. #000080.';
    }),
  );
}

export function GbTimeZone() {
  return applyDecorators(
    Transform(({ value }) => single(value)),
    check('gbTimeZone', (value) => {
      if (value === null) return NOT_NULL;
      if (typeof value === 'string' && value.length <= 64 && isValidTimeZone(value)) return null;
      return typeof value === 'string'
        ? `"${value.slice(0, 64)}" is not a valid time zone.`
        : 'Not a valid string.';
    }),
  );
}

function typeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}
