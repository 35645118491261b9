import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import { AppConfig } from '../../config/app-config';
import { AuthService, JwtPayload } from '../auth.service';
import { credentialFromRequest } from '../credentials';

/** Access JWTs in any of the header schemes; HS256 only (an `alg: none` token is refused). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: credentialFromRequest,
      secretOrKey: config.jwt.secret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(payload: JwtPayload) {
    return (await this.auth.userFromJwt(payload)) ?? false;
  }
}
