import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { AuthUser, Role } from '../auth-user';

export const IS_PUBLIC_KEY = 'sessionsHub:public';
export const AUTH_KEY = 'sessionsHub:auth';

export interface AuthOptions {
  /** Roles allowed to call the route; omitted means any authenticated caller. */
  roles?: Role[];
  /**
   * How an authenticated caller without one of `roles` is refused: 403 (the default) or 404, for routes
   * whose upstream hides that they exist (Audiobookshelf's admin lists answer 404 to a plain user).
   */
  denyAs?: 403 | 404;
  /**
   * The credential may also come as `?token=<jwt>` (media URLs that players fetch without headers, as
   * Audiobookshelf accepts); a header credential wins. Only routes that declare it accept it.
   */
  queryToken?: boolean;
}

/** Security scheme names declared in the OpenAPI document (see swagger.ts). */
export const SECURITY_SCHEMES = ['bearer', 'jwt', 'token'] as const;

/** Marks a route reachable without a credential. Everything else is denied by default. */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC_KEY, true), ApiExtension('x-auth', { public: true }));

/**
 * Declares that a route needs a credential (any of the header schemes) and, optionally, one of `roles`
 * (refused with `denyAs`, 403 unless said otherwise). The same declaration is written into the OpenAPI
 * document, so the spec and the guard cannot disagree.
 */
export function Auth(options: AuthOptions = {}) {
  const roles = options.roles ?? [];
  const denyAs = options.denyAs ?? 403;
  const queryToken = options.queryToken ?? false;
  const xAuth = {
    roles: roles.length ? roles : ['admin', 'operator', 'user'],
    ...(roles.length && denyAs !== 403 ? { denyAs } : {}),
    ...(queryToken ? { queryToken } : {}),
  };
  return applyDecorators(
    SetMetadata(AUTH_KEY, { roles, denyAs, queryToken } satisfies Required<AuthOptions>),
    ApiBearerAuth('bearer'),
    ApiSecurity('jwt'),
    ApiSecurity('token'),
    ApiExtension('x-auth', xAuth),
    ApiResponse({ status: 401, description: 'Missing or invalid credential' }),
    ...(roles.length
      ? [
          ApiResponse({
            status: denyAs,
            description:
              denyAs === 404
                ? `Not found for a caller who is not ${roles.join(' or ')}`
                : `Needs role: ${roles.join(' or ')}`,
          }),
        ]
      : []),
  );
}

/** The authenticated caller of the current request. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
