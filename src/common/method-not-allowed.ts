import type { Request } from 'express';

/** An Express router layer, as Express 5's `router` package keeps them (`app.router.stack`). */
interface RouterLayer {
  route?: { methods: Record<string, boolean | undefined> };
  match(path: string): boolean;
}

/** DRF's order of `Allow` (APIView.http_method_names). */
const ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/**
 * The methods the app serves on the request's path, read from the live route table (so every route any
 * module adds is covered): what DRF puts in `Allow` when it answers 405. Empty when the path is unknown.
 * GET implies HEAD, as Express answers HEAD with the GET handler.
 */
export function allowedMethods(req: Request): string[] {
  const router = (req.app as unknown as { router?: { stack?: RouterLayer[] } } | undefined)?.router;
  const methods = new Set<string>();
  for (const layer of router?.stack ?? []) {
    if (!layer.route || !layer.match(req.path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  return ORDER.filter((m) => methods.has(m));
}

/** The method of Nest's own "no route" 404 (`Cannot DELETE /path`), if the exception is that one. */
export function unroutedMethod(message: string | undefined): string | undefined {
  return message ? /^Cannot ([A-Z]+) /.exec(message)?.[1] : undefined;
}
