import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { FORM_BODY, isFormBody } from './dto/form-fields';

/**
 * Marks a form-encoded (or multipart) Guidebook body before validation, so the field decorators take the last of
 * repeated keys only there (Python `requests` `data=` sends lists as repeated keys), while a JSON array
 * given to a text, boolean or id field stays an array and is refused with DRF's field error. A multipart
 * body exists only once multer has read it, so routes that take uploads apply this again after their
 * `FileInterceptor`.
 */
@Injectable()
export class FormBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const body: unknown = request.body;
    const form = request.is('application/x-www-form-urlencoded') || request.is('multipart/form-data');
    if (typeof body === 'object' && body !== null && form && !isFormBody(body)) {
      Object.defineProperty(body, FORM_BODY, { value: true, enumerable: false });
    }
    return next.handle();
  }
}
