import {
  ArgumentMetadata,
  BadRequestException,
  HttpException,
  HttpStatus,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { getMetadataStorage, ValidatorOptions } from 'class-validator';
import { DRF_MESSAGES } from './validation/messages';

/** Field errors in Django REST Framework's shape: `{"field": ["message", …]}`. */
export type FieldErrors = Record<string, string[]>;

/** A 400 carrying per-field messages; each surface's filter renders it in its own dialect. */
export class FieldErrorsException extends BadRequestException {
  constructor(public readonly errors: FieldErrors | unknown[]) {
    super(errors);
  }

  static of(field: string, message: string): FieldErrorsException {
    return new FieldErrorsException({ [field]: [message] });
  }
}

/** The global guard's 401 messages (DRF's wording); the Audiobookshelf dialect answers them `Unauthorized`. */
export const CREDENTIALS_MISSING = 'Authentication credentials were not provided.';
export const CREDENTIALS_INVALID = 'Invalid token.';

/** 409, e.g. stopping a session that has already stopped. */
export class ConflictError extends HttpException {
  constructor(message: string) {
    super(message, HttpStatus.CONFLICT);
  }
}

/** 429 with a Retry-After header (seconds). */
export class TooManyRequestsError extends HttpException {
  constructor(
    message: string,
    public readonly retryAfterSeconds: number,
  ) {
    super(message, HttpStatus.TOO_MANY_REQUESTS);
  }
}

const MESSAGES: Record<string, (e: ValidationError) => string> = {
  isDefined: () => DRF_MESSAGES.required,
  isNotEmpty: () => DRF_MESSAGES.blank,
  isInt: () => DRF_MESSAGES.invalidInteger,
  isNumber: () => 'A valid number is required.',
  isBoolean: () => DRF_MESSAGES.invalidBoolean,
  isString: () => 'Not a valid string.',
  whitelistValidation: () => 'This field is not allowed.',
};

/** Constraints that check a value's type: when one fails, the range/length checks say nothing useful. */
const TYPE_CONSTRAINTS = ['isInt', 'isNumber', 'isBoolean', 'isString'];

function messagesOf(error: ValidationError): string[] {
  let constraints = error.constraints ?? {};
  if (constraints.isDefined) return [MESSAGES.isDefined(error)];
  const typeFailure = TYPE_CONSTRAINTS.find((name) => name in constraints);
  if (typeFailure) constraints = { [typeFailure]: constraints[typeFailure] };
  return Object.entries(constraints).map(([name, text]) =>
    MESSAGES[name] && !text.includes('|') ? MESSAGES[name](error) : text,
  );
}

/** Flattens class-validator errors into `{ "a.b": [messages] }`. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const error of errors) {
    const key = prefix ? `${prefix}.${error.property}` : error.property;
    // defineProperty: a client's field named `__proto__` must stay an own key, not replace the prototype
    if (error.constraints)
      Object.defineProperty(out, key, {
        value: messagesOf(error),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    if (error.children?.length) Object.assign(out, toFieldErrors(error.children, key));
  }
  return out;
}

/**
 * The global pipe's class. Nest's ValidationPipe converts primitive route parameters by their declared
 * type before any parameter pipe runs (`+"1e1"` is 10, `+" 1"` is 1), so an id pipe would only see the
 * converted number. Path parameters are therefore passed on as the raw text the client sent; converting
 * them is each parameter pipe's job (`IdPipe`).
 */
class DrfValidationPipe extends ValidationPipe {
  /** Whether a DTO class declares any validation rule (rules are registered when classes load). */
  private readonly hasRules = new WeakMap<object, boolean>();

  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }

  /**
   * An empty value of a class without rules (the empty query DTOs of `/health`, `/auth/me`…) cannot fail,
   * so class-validator is not asked: it collects the rules of the whole metadata store on every call, 9%
   * of all allocation of a `/health` request.
   */
  protected override validate(object: object, options?: ValidatorOptions) {
    const target = object.constructor;
    let rules = this.hasRules.get(target);
    if (rules === undefined) {
      rules = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).length > 0;
      this.hasRules.set(target, rules);
    }
    if (!rules && Object.keys(object).length === 0) return [];
    return super.validate(object, options);
  }
}

/**
 * The global pipe: unknown properties are refused, payloads are transformed into their DTO classes, and
 * failures become a FieldErrorsException. Custom messages set with `{ message }` on a decorator are
 * kept; the common class-validator defaults are replaced by DRF's wording. Path parameters reach their
 * own pipes unconverted.
 */
export function createValidationPipe(): ValidationPipe {
  return new DrfValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new FieldErrorsException(toFieldErrors(errors)),
  });
}
