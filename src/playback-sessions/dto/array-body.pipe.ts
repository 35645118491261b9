import { BadRequestException } from '@nestjs/common';
import type { PipeTransform, Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldErrors, FieldErrorsException, toFieldErrors } from '../../common/errors';
import { stripPrototypeKeys } from '../../common/prototype-keys';

/**
 * A body that is a JSON array of `type` (Audiobookshelf's batch progress update), validated as strictly as
 * the global pipe validates objects (unknown fields refused). A missing, non-array or empty body is
 * `emptyMessage` (upstream's wording); over `max` entries, or an invalid entry, is a 400 naming each entry.
 */
export class ArrayBodyPipe<T extends object> implements PipeTransform<unknown, T[]> {
  constructor(
    private readonly type: Type<T>,
    private readonly max: number,
    private readonly emptyMessage: string,
  ) {}

  transform(body: unknown): T[] {
    if (!Array.isArray(body) || body.length === 0) throw new BadRequestException(this.emptyMessage);
    if (body.length > this.max) throw new BadRequestException(`At most ${this.max} entries.`);
    const errors: FieldErrors[] = [];
    const items = body.map((item: unknown, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        errors[i] = { non_field_errors: ['Must be a JSON object.'] };
        return undefined;
      }
      stripPrototypeKeys(item);
      const instance = plainToInstance(this.type, item);
      const problems = validateSync(instance, {
        whitelist: true,
        forbidNonWhitelisted: true,
        validationError: { target: false, value: false },
      });
      errors[i] = problems.length ? toFieldErrors(problems) : {};
      return instance;
    });
    if (errors.some((e) => Object.keys(e).length)) throw new FieldErrorsException(errors);
    return items as T[];
  }
}
