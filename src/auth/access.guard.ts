import { ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AuthUser } from '../common/auth-user';
import { CREDENTIALS_INVALID, CREDENTIALS_MISSING } from '../common/errors';
import { AUTH_KEY, AuthOptions, IS_PUBLIC_KEY } from '../common/decorators/auth.decorator';
import { credentialFromRequest } from './credentials';

/**
 * The one global guard. Deny by default: a route without `@Public()` needs a valid credential (an API
 * key or an access JWT, in any header scheme), and a route with `@Auth({ roles })` also needs one of
 * those roles. Authentication and authorisation happen here together, so they cannot be misordered.
 */
@Injectable()
export class AccessGuard extends AuthGuard(['api-key', 'jwt']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    await super.canActivate(context);
    const roles =
      this.reflector.getAllAndOverride<Required<AuthOptions> | undefined>(AUTH_KEY, targets)?.roles ?? [];
    const user = context.switchToHttp().getRequest<{ user: AuthUser }>().user;
    if (roles.length && !roles.includes(user.role)) throw new ForbiddenException();
    return true;
  }

  override handleRequest<T>(err: unknown, user: T, _info: unknown, context: ExecutionContext): T {
    if (err || !user) {
      const req = context.switchToHttp().getRequest<Request>();
      throw new UnauthorizedException(credentialFromRequest(req) ? CREDENTIALS_INVALID : CREDENTIALS_MISSING);
    }
    return user;
  }
}
