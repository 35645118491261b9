import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';
import { MAX_INT_ID, toDrfBoolean } from '../../common/validation';
import { Transform } from 'class-transformer';

/**
 * DRF's boolean parsing for query strings and form bodies (the toolkit's `toDrfBoolean`): DRF's
 * spellings become booleans; anything else is left as it is, so `@IsBoolean()` refuses it ("Must be a
 * valid boolean.") instead of the filter being silently ignored.
 */
export function DrfBoolean() {
  return Transform(({ value }: { value: unknown }) => toDrfBoolean(value));
}

/**
 * An integer sent as a JSON number or as decimal text (query strings, form bodies). Other text is left
 * as it is, so `@IsInt()` refuses it; an empty string is not silently read as 0.
 */
export function DrfInt() {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value) ? Number(value) : value,
  );
}

export const MAX_LENGTH_MESSAGE = (n: number) => `Ensure this field has no more than ${n} characters.`;

/**
 * An integer id filter in one check with one message (class-validator would otherwise report every
 * failing constraint): a positive 32-bit integer, the range of the id columns on both databases.
 */
export function IsIdValue(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isIdValue',
      validator: {
        validate: (value: unknown) =>
          Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_INT_ID,
        defaultMessage: (args?: ValidationArguments) =>
          Number.isInteger(args?.value)
            ? (args?.value as number) < 1
              ? 'Ensure this value is greater than or equal to 1.'
              : `Ensure this value is less than or equal to ${MAX_INT_ID}.`
            : 'Enter a whole number.',
      },
    },
    options,
  );
}
