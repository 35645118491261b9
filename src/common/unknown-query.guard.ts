import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { FieldErrors, FieldErrorsException } from './errors';

/** The validation pipe's wording for a field a DTO does not declare. */
export const UNKNOWN_FIELD_MESSAGE = 'This field is not allowed.';

/**
 * Unknown query parameters are refused on every route (400 naming them), not only on routes with a query
 * DTO, where the validation pipe (`forbidNonWhitelisted`) does it: a route that takes no query parameters
 * answers `?anything=1` with `{"anything": ["This field is not allowed."]}` in its dialect instead of
 * silently ignoring it. Whether a handler reads the query is read once from Nest's own parameter metadata.
 *
 * A global guard registered right after AccessGuard (auth.module.ts), so a bad credential still answers 401
 * first. It used to be the app's one global interceptor, which made Nest wrap every request's handler in an
 * rxjs pipeline and an `AsyncResource.bind` (whose deprecation getters Node builds on every call).
 */
@Injectable()
export class UnknownQueryGuard implements CanActivate {
  private readonly readsQuery = new WeakMap<object, boolean>();

  canActivate(context: ExecutionContext): boolean {
    const query = context.switchToHttp().getRequest<Request>().query;
    if (query && Object.keys(query).length && !this.handlerReadsQuery(context)) {
      const errors: FieldErrors = Object.fromEntries(
        Object.keys(query).map((name) => [name, [UNKNOWN_FIELD_MESSAGE]]),
      );
      throw new FieldErrorsException(errors);
    }
    return true;
  }

  private handlerReadsQuery(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let reads = this.readsQuery.get(handler);
    if (reads === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ??
        {}) as object;
      reads = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
      this.readsQuery.set(handler, reads);
    }
    return reads;
  }
}
