import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { FORM_BODY } from './dto/form-fields';

/**
 * Marks a form-encoded Guidebook body before validation, so the field decorators take the last of
 * repeated keys only there (Python `requests` `data=` sends lists as repeated keys), while a JSON array
 * given to a text, boolean or id field stays an array and is refused with DRF's field error.
 */
@Injectable()
export class FormBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const body: unknown = request.body;
    if (typeof body === 'object' && body !== null && request.is('application/x-www-form-urlencoded')) {
      Object.defineProperty(body, FORM_BODY, { value: true, enumerable: false });
    }
    return next.handle();
  }
}
