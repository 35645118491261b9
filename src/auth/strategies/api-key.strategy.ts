import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { AuthService } from '../auth.service';
import { API_KEY_PREFIX, credentialFromRequest } from '../credentials';

/**
 * Long-lived API keys in any of the header schemes. Each request looks the key up by its hash, so a
 * revoked key is refused at once, by every instance.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(Strategy, 'api-key') {
  constructor(private readonly auth: AuthService) {
    super();
  }

  async validate(req: Request) {
    const credential = credentialFromRequest(req);
    if (!credential?.startsWith(API_KEY_PREFIX)) return false;
    return (await this.auth.userFromApiKey(credential)) ?? false;
  }
}
