import { ExecutionContext, ForbiddenException, NotFoundException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { AuthUser, Role } from '../common/auth-user';
import { Auth } from '../common/decorators/auth.decorator';
import { AccessGuard } from './access.guard';

class Routes {
  @Auth({ roles: [Role.Admin], denyAs: 404 })
  hidden() {}

  @Auth({ roles: [Role.Admin] })
  forbidden() {}
}

function contextFor(handler: () => void, user: AuthUser): ExecutionContext {
  const req = { headers: { authorization: 'Bearer x' }, user };
  return {
    getHandler: () => handler,
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

function guardAccepting(): AccessGuard {
  const guard = new AccessGuard(new Reflector());
  // the credential itself is passport's business (tested over HTTP); here it is taken as valid
  Object.assign(guard, { jwt: { canActivate: () => Promise.resolve(true) } });
  return guard;
}

describe('AccessGuard roles', () => {
  const user: AuthUser = { id: 2, username: 'u', role: Role.User };
  const admin: AuthUser = { id: 1, username: 'a', role: Role.Admin };

  it('answers 404 to a caller without the role when the route says denyAs: 404', async () => {
    await expect(guardAccepting().canActivate(contextFor(Routes.prototype.hidden, user))).rejects.toThrow(
      NotFoundException,
    );
    await expect(guardAccepting().canActivate(contextFor(Routes.prototype.hidden, admin))).resolves.toBe(
      true,
    );
  });

  it('answers 403 by default', async () => {
    await expect(guardAccepting().canActivate(contextFor(Routes.prototype.forbidden, user))).rejects.toThrow(
      ForbiddenException,
    );
  });

  it('writes denyAs into x-auth only when it is not the default', () => {
    const ext = (handler: () => void) =>
      (Reflect.getMetadata('swagger/apiExtension', handler) as Record<string, unknown>)['x-auth'];
    expect(ext(Routes.prototype.hidden)).toEqual({ roles: ['admin'], denyAs: 404 });
    expect(ext(Routes.prototype.forbidden)).toEqual({ roles: ['admin'] });
  });
});
