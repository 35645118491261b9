import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { MAX_INT_ID } from '../../common/validation';
import { toIntList } from './form-fields';

/**
 * Query-string filters of the Guidebook lists. Values arrive as strings (repeated keys as arrays); a value
 * that cannot match anything is a 400 naming the parameter, never silently ignored.
 */

const isId = (v: unknown): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_INT_ID;

function validated(name: string, problem: (value: unknown) => string | null) {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => value === undefined || problem(value) === null,
      defaultMessage: (args) => (args ? (problem(args.value) ?? '') : ''),
    },
  });
}

export function IdFilter(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, description }),
    Transform(({ value }) => (typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value)),
    validated('idFilter', (value) =>
      isId(value) ? null : Array.isArray(value) ? 'Give this filter once.' : 'A valid integer is required.',
    ),
  );
}

export function IdListFilter(description: string) {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'array',
      items: { type: 'integer', minimum: 1 },
      description,
      // parameter serialization (kept on the query parameter by @nestjs/swagger, not in ApiPropertyOptions'
      // type): a repeated key (`?t=3&t=42`), as generated clients send arrays; `?t=3,42` is accepted too
      ...{ style: 'form', explode: true },
    }),
    Transform(({ value }) => toIntList(value)),
    validated('idListFilter', (value) =>
      Array.isArray(value) && value.length > 0 && value.every(isId)
        ? null
        : 'Enter one or more valid integers separated by commas.',
    ),
  );
}

export function TextFilter(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, maxLength: 255, description }),
    validated('textFilter', (value) =>
      typeof value === 'string' && value.length <= 255
        ? null
        : 'Give this filter once, at most 255 characters.',
    ),
  );
}

export function OrderingFilter(fields: readonly string[]) {
  return applyDecorators(
    ApiPropertyOptional({
      type: String,
      example: '-start_time,id',
      description: `Comma-separated keys among ${fields.join(', ')}; prefix \`-\` for descending. Default \`id\`.`,
    }),
    validated('ordering', (value) => {
      if (typeof value !== 'string') return 'Give this parameter once.';
      const bad = value
        .split(',')
        .map((key) => key.trim().replace(/^-/, ''))
        .filter((key) => key !== '' && !fields.includes(key));
      return bad.length
        ? `Invalid ordering field(s): ${bad.map((b) => `"${b}"`).join(', ')}. Allowed: ${fields.join(', ')}.`
        : null;
    }),
  );
}

/** `"-start_time,id"` → `[['start_time', 'DESC'], ['id', 'ASC']]` (already validated). */
export function parseOrdering(text: string | undefined): Array<[string, 'ASC' | 'DESC']> {
  if (!text) return [];
  return text
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '' && key !== '-')
    .map((key): [string, 'ASC' | 'DESC'] => (key.startsWith('-') ? [key.slice(1), 'DESC'] : [key, 'ASC']));
}

export function IntChoiceFilter(choices: readonly number[], enumName: string, description: string) {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', enum: [...choices], enumName, description }),
    Transform(({ value }) => (typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : value)),
    validated('intChoiceFilter', (value) =>
      typeof value === 'number' && choices.includes(value)
        ? null
        : `Select a valid choice. Allowed: ${choices.join(', ')}.`,
    ),
  );
}
