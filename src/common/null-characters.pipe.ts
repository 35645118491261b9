import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldErrors, FieldErrorsException } from './errors';

/** DRF's wording (its CharField refuses NUL with ProhibitNullCharactersValidator). */
export const NULL_CHARACTERS_MESSAGE = 'Null characters are not allowed.';

/** Paths (`a.b.0`) of every string under `value` that contains a NUL character. */
export function nullCharacterPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [prefix || 'non_field_errors'] : [];
  if (!value || typeof value !== 'object') return [];
  const paths: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    paths.push(...nullCharacterPaths(child, prefix ? `${prefix}.${key}` : key));
  }
  return paths;
}

/**
 * Refuses NUL characters in bodies, query strings and path parameters with 400 field errors, before
 * validation. PostgreSQL cannot store NUL in text (the insert fails: a 500), and no client of any surface
 * has a reason to send one; refusing it on both engines keeps them answering the same.
 */
@Injectable()
export class NullCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const paths = nullCharacterPaths(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (paths.length) {
      // fromEntries defines own keys, so a field named `__proto__` stays a field, not a prototype
      const errors: FieldErrors = Object.fromEntries(paths.map((path) => [path, [NULL_CHARACTERS_MESSAGE]]));
      throw new FieldErrorsException(errors);
    }
    return value;
  }
}
