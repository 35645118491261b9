import { BadRequestException, createParamDecorator, ExecutionContext, Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request } from 'express';
import { FieldErrorsException, toFieldErrors } from '../../common/errors';
import { NULL_CHARACTERS_MESSAGE, nullCharacterPaths } from '../../common/null-characters.pipe';
import { stripPrototypeKeys } from '../../common/prototype-keys';

/** Validates `body` as `type`: declared fields are type-checked, undeclared ones are dropped. */
export function validateLenient<T extends object>(type: Type<T>, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestException('The request body must be a JSON object.');
  }
  // what the global pipes do, which custom decorators bypass: NUL is refused (PostgreSQL cannot store
  // it), and own `constructor` / `__proto__` keys are dropped (class-transformer crashes on them)
  const nulls = nullCharacterPaths(body);
  if (nulls.length) {
    throw new FieldErrorsException(
      Object.fromEntries(nulls.map((path) => [path, [NULL_CHARACTERS_MESSAGE]])),
    );
  }
  stripPrototypeKeys(body);
  const instance = plainToInstance(type, body);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: false,
    validationError: { target: false, value: false },
  });
  if (errors.length) throw new FieldErrorsException(toFieldErrors(errors));
  return instance;
}

interface LenientBodyOptions {
  type: Type<object>;
  /** A missing body counts as `{}`. */
  optional: boolean;
}

const lenientBody = createParamDecorator((options: LenientBodyOptions, ctx: ExecutionContext) => {
  const body = ctx.switchToHttp().getRequest<Request>().body as unknown;
  return validateLenient(options.type, body === undefined && options.optional ? {} : body);
});

/**
 * The body as `type`, validated leniently: unknown fields are ignored rather than refused. Used where
 * Audiobookshelf clients send app-specific extras (a whole Playback Session, their own deviceInfo
 * keys) of which we read a few fields. Custom decorators bypass the strict global ValidationPipe, so
 * this is the only check.
 */
export function LenientBody(type: Type<object>, options: { optional?: boolean } = {}): ParameterDecorator {
  return lenientBody({ type, optional: options.optional ?? false });
}
