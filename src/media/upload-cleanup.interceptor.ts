import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, concatMap, from, map, Observable, throwError } from 'rxjs';
import { MediaStore } from './media-store.service';

/**
 * Removes the request's upload from the store's `.incoming/` once the request is answered, whatever the
 * answer: a body the validation pipe refuses, a 4xx of the service or a 500 leave no file behind, and a
 * file the service kept was already moved to its final name (removing its old temporary name is a no-op).
 * Place it after the route's `FileInterceptor`.
 */
@Injectable()
export class UploadCleanupInterceptor implements NestInterceptor {
  constructor(private readonly store: MediaStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { file?: { path?: string } }>();
    // awaited before the answer is sent, so the client never sees a stray file (pipe errors pass here too)
    const discard = () => from(this.store.discard(request.file?.path));
    return next.handle().pipe(
      concatMap((value) => discard().pipe(map(() => value))),
      catchError((error: unknown) => discard().pipe(concatMap(() => throwError(() => error)))),
    );
  }
}
