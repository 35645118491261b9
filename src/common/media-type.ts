import type { NextFunction, Request, Response } from 'express';
import { dialectOf } from './filters/dialect-exception.filter';

/** Body media types every route reads (DRF's default parsers: JSONParser, FormParser). */
const READ_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);

/** `METHOD path` patterns that also read multipart bodies (none today; Roundware uploads register here). */
const multipartRoutes: Array<{ method: string; path: RegExp }> = [];

/**
 * Opts a route into `multipart/form-data` (e.g. Roundware's envelope upload): call it from the module that
 * serves the route, at import time, before the app starts; its handler parses the parts itself.
 */
export function acceptMultipart(method: string, path: RegExp): void {
  multipartRoutes.push({ method: method.toUpperCase(), path });
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

/**
 * A request body in a media type the route cannot read (`text/plain`, XML, multipart, or none named) is
 * a 415 in the surface's dialect instead of being silently ignored: DRF's
 * `{"detail": "Unsupported media type \"text/plain\" in request."}`, Audiobookshelf plain text. A request
 * without a body (or with an empty one) is not concerned.
 */
export function unsupportedMediaType(req: Request, res: Response, next: NextFunction): void {
  if (!hasBody(req)) return next();
  const raw = req.headers['content-type'] ?? '';
  const type = raw.split(';')[0].trim().toLowerCase();
  if (READ_TYPES.has(type)) return next();
  if (
    type === 'multipart/form-data' &&
    multipartRoutes.some((r) => r.method === req.method && r.path.test(req.path))
  )
    return next();
  const message = `Unsupported media type "${raw}" in request.`;
  if (dialectOf(req.path) === 'audiobookshelf')
    res.status(415).type('text/plain; charset=utf-8').send(message);
  else res.status(415).json({ detail: message });
}
