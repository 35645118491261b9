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

/** Marks a body parsed from `application/x-www-form-urlencoded` (set by `FormBodyInterceptor`). */
export const FORM_BODY = Symbol('guidebook form body');

/** Whether `body` came from a form (its repeated keys are arrays of strings). */
export function isFormBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as Record<symbol, unknown>)[FORM_BODY] === true;
}

/**
 * The last of repeated form keys (`a=1&a=2` → "2"), as Django's `QueryDict.get` reads it. In a JSON body
 * (`form` false) an array is a value of its own, which the field's check refuses (`"name": ["a"]` → 400).
 */
function single(value: unknown, form = true): unknown {
  return form && Array.isArray(value) && value.every((v) => typeof v === 'string')
    ? value[value.length - 1]
    : value;
}

export function toBool(value: unknown, form = true): unknown {
  return toDrfBoolean(single(value, form));
}

export function toInt(value: unknown, form = true): unknown {
  const v = single(value, form);
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
export function blankToNull(value: unknown, form = true): unknown {
  const v = single(value, form);
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
    Transform(({ value, obj }) =>
      options.nullable ? blankToNull(value, isFormBody(obj)) : single(value, isFormBody(obj)),
    ),
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
    Transform(({ value, obj }) => single(value, isFormBody(obj))),
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
    Transform(({ value, obj }) => toBool(value, isFormBody(obj))),
    check('gbBool', (value) =>
      value === null ? NOT_NULL : typeof value === 'boolean' ? null : DRF_MESSAGES.invalidBoolean,
    ),
  );
}

/** A primary key of a related object (DRF's PrimaryKeyRelatedField wording). */
export function GbPk() {
  return applyDecorators(
    Transform(({ value, obj }) => toInt(value, isFormBody(obj))),
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
    Transform(({ value, obj }) =>
      options.nullable ? blankToNull(value, isFormBody(obj)) : single(value, isFormBody(obj)),
    ),
    check('gbDateTime', (value) => {
      if (value === null) return options.nullable ? null : NOT_NULL;
      if (typeof value !== 'string' || parseDateTimeMicros(value) === null) return DATE_TIME_FORMAT_MESSAGE;
      return null;
    }),
  );
}

/** An optional `#rrggbb` colour: null or blank means none. */
export function GbHexColor() {
  return applyDecorators(
    Transform(({ value, obj }) => blankToNull(value, isFormBody(obj))),
    check('gbHexColor', (value) => {
      if (value === null) return null;
      if (typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value)) return null;
      return 'Enter a valid hex color of the form #rrggbb, e.g. #000080.';
    }),
  );
}

export function GbTimeZone() {
  return applyDecorators(
    Transform(({ value, obj }) => single(value, isFormBody(obj))),
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

/** A float (DRF FloatField): a JSON number, or a form/JSON string that reads as one; null/blank when `nullable`. */
export function GbFloat(options: { nullable?: boolean; min?: number; max?: number } = {}) {
  return applyDecorators(
    Transform(({ value, obj }) => {
      const v = options.nullable ? blankToNull(value, isFormBody(obj)) : single(value, isFormBody(obj));
      return typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : v;
    }),
    check('gbFloat', (value) => {
      if (value === null) return options.nullable ? null : NOT_NULL;
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'A valid number is required.';
      if (options.min !== undefined && value < options.min)
        return `Ensure this value is greater than or equal to ${options.min}.`;
      if (options.max !== undefined && value > options.max)
        return `Ensure this value is less than or equal to ${options.max}.`;
      return null;
    }),
  );
}

/** An integer (DRF IntegerField) within `min`..`max`; null/blank when `nullable`. */
export function GbInt(options: { nullable?: boolean; min: number; max: number }) {
  return applyDecorators(
    Transform(({ value, obj }) =>
      toInt(options.nullable ? blankToNull(value, isFormBody(obj)) : value, isFormBody(obj)),
    ),
    check('gbInt', (value) => {
      if (value === null) return options.nullable ? null : NOT_NULL;
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'A valid integer is required.';
      if (value < options.min) return `Ensure this value is greater than or equal to ${options.min}.`;
      if (value > options.max) return `Ensure this value is less than or equal to ${options.max}.`;
      return null;
    }),
  );
}

/** One of a few integer choices (DRF ChoiceField wording). */
export function GbIntChoice(choices: readonly number[]) {
  return applyDecorators(
    Transform(({ value, obj }) => toInt(value, isFormBody(obj))),
    check('gbIntChoice', (value) => {
      if (value === null) return NOT_NULL;
      if (typeof value === 'number' && choices.includes(value)) return null;
      const shown = typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 64) : '';
      return `"${shown}" is not a valid choice.`;
    }),
  );
}

/** The keys of a location's `address` object (Guidebook's Main Venue address). */
export const ADDRESS_KEYS = ['address', 'city', 'country', 'state', 'street', 'zipcode'] as const;

/**
 * A location's `address`: a JSON object with string values under ADDRESS_KEYS, sent as an object in JSON
 * bodies and as a JSON string in form posts (as Guidebook's docs do); null/blank means none.
 */
export function GbAddress() {
  return applyDecorators(
    Transform(({ value, obj }) => {
      const v = blankToNull(value, isFormBody(obj));
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    }),
    check('gbAddress', (value) => {
      if (value === null) return null;
      if (typeof value !== 'object' || Array.isArray(value)) return 'Value must be valid JSON.';
      for (const [key, text] of Object.entries(value as Record<string, unknown>)) {
        if (!(ADDRESS_KEYS as readonly string[]).includes(key))
          return `Unknown address key "${key.slice(0, 64)}"; allowed: ${ADDRESS_KEYS.join(', ')}.`;
        if (text !== null && (typeof text !== 'string' || text.length > 255))
          return `Address "${key}" must be a string of at most 255 characters.`;
      }
      return null;
    }),
  );
}

/**
 * Guidebook's `image` field as a text value (JSON, form, a multipart text part): only null or blank (no image);
 * the image itself comes as a multipart file part, which the controller takes (`FileInterceptor('image')`).
 */
export function GbNoImage() {
  return applyDecorators(
    Transform(({ value, obj }) => blankToNull(value, isFormBody(obj))),
    check('gbNoImage', (value) =>
      value === null
        ? null
        : 'Upload the image as a multipart file part (PNG or JPEG); as a value only null or blank is accepted.',
    ),
  );
}
