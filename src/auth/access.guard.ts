import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, IAuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AuthUser } from '../common/auth-user';
import { CREDENTIALS_INVALID, CREDENTIALS_MISSING } from '../common/errors';
import { AUTH_KEY, AuthOptions, IS_PUBLIC_KEY } from '../common/decorators/auth.decorator';
import { API_KEY_PREFIX, credentialFromRequest, QUERY_CREDENTIAL } from './credentials';

/** Passport's guard for one strategy, answering a refused or missing credential in our wording. */
function strategyGuard(strategy: 'api-key' | 'jwt'): IAuthGuard {
  class StrategyGuard extends AuthGuard(strategy) {
    override handleRequest<T>(err: unknown, user: T, _info: unknown, context: ExecutionContext): T {
      if (err || !user) {
        const req = context.switchToHttp().getRequest<Request>();
        throw new UnauthorizedException(
          credentialFromRequest(req) ? CREDENTIALS_INVALID : CREDENTIALS_MISSING,
        );
      }
      return user;
    }
  }
  return new StrategyGuard();
}

/**
 * The one global guard. Deny by default: a route without `@Public()` needs a valid credential (an API
 * key or an access JWT, in any header scheme), and a route with `@Auth({ roles })` also needs one of
 * those roles. Authentication and authorisation happen here together, so they cannot be misordered.
 *
 * The credential's shape picks its one passport strategy (API keys start with `shk_`; anything else is
 * verified as a JWT), instead of passport trying the API-key strategy and then the JWT one on every request.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly apiKey = strategyGuard('api-key');
  private readonly jwt = strategyGuard('jwt');

  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const req = context
      .switchToHttp()
      .getRequest<Request & { user: AuthUser; [QUERY_CREDENTIAL]?: string }>();
    const options = this.reflector.getAllAndOverride<Required<AuthOptions> | undefined>(AUTH_KEY, targets);
    const token = req.query?.token;
    if (options?.queryToken && typeof token === 'string' && !credentialFromRequest(req)) {
      req[QUERY_CREDENTIAL] = token;
    }
    const byKey = credentialFromRequest(req)?.startsWith(API_KEY_PREFIX) ?? false;
    await (byKey ? this.apiKey : this.jwt).canActivate(context);
    const roles = options?.roles ?? [];
    if (roles.length && !roles.includes(req.user.role)) {
      throw options?.denyAs === 404 ? new NotFoundException() : new ForbiddenException();
    }
    return true;
  }
}
