import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import { AuthService, JwtPayload } from '../auth.service';
import { credentialFromRequest } from '../credentials';

/**
 * Access JWTs in any of the header schemes; HS256 only (an `alg: none` token is refused).
 * The secret is handed over as a KeyObject: given a string, jsonwebtoken first tries to parse it as a PEM
 * public key on every verification and catches the failure — a quarter of the CPU of an authenticated
 * request in the benchmark.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: credentialFromRequest,
      secretOrKey: createSecretKey(Buffer.from(config.jwt.secret)) as unknown as string,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: JwtPayload) {
    return (await this.auth.userFromJwt(payload)) ?? false;
  }
}
