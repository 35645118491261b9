import { RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { AUTH_KEY, AuthOptions, IS_PUBLIC_KEY } from '../../src/common/decorators/auth.decorator';

export interface RouteInfo {
  method: string;
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  /** undefined when the route declares no `@Auth()`; [] means any authenticated caller. */
  roles: string[] | undefined;
  /** How a caller without one of `roles` is refused (403 unless the route says 404). */
  denyAs: 403 | 404;
  /** The explicit `@ApiOperation({ operationId })`, if any. */
  operationId: string | undefined;
}

function joinPath(...parts: Array<string | string[] | undefined>): string {
  const segments = parts
    .map((p) => (Array.isArray(p) ? p[0] : p) ?? '')
    .flatMap((p) => p.split('/'))
    .filter(Boolean);
  return `/${segments.join('/')}`;
}

/** Every route the app registered, read from Nest's own metadata (not from a hand-kept list). */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const prototype = Object.getPrototypeOf(instance);
    const base = Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const targets = [handler, metatype];
      const auth = reflector.getAllAndOverride<Required<AuthOptions> | undefined>(AUTH_KEY, targets);
      routes.push({
        method: RequestMethod[method],
        path: joinPath(base, path),
        controller: metatype.name,
        handler: name,
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) ?? false,
        roles: auth?.roles,
        denyAs: auth?.denyAs ?? 403,
        operationId: (
          Reflect.getMetadata('swagger/apiOperation', handler) as { operationId?: string } | undefined
        )?.operationId,
      });
    }
  }
  return routes;
}
