import { ForbiddenException, Injectable } from '@nestjs/common';
import { Role } from '../common/auth-user';
import { AppConfig } from '../config/app-config';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/auth.dto';
import { AccessTokenDto, RegisterDeviceDto, RegisteredDeviceDto, TokenPairDto } from './dto/surface-auth.dto';
import { RegistrationLimiter } from './login-limiter.service';
import { toAuthUser, UsersService } from './users.service';

/** The login shapes of the Roundware, AERPAW and Audiobookshelf surfaces, over the one AuthService. */
@Injectable()
export class SurfaceAuthService {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly registrations: RegistrationLimiter,
  ) {}

  /**
   * A device's user and a new key. The device's earlier keys keep working (its newest DEVICE_KEYS_KEPT
   * are kept), so a second tab or a reload does not sign the first one out. The user is a plain `user`
   * without a password (an admin cannot promote it); a device whose user is anything else is refused.
   */
  async registerDevice(dto: RegisterDeviceDto, ip: string): Promise<RegisteredDeviceDto> {
    if (!this.config.deviceRegistrationEnabled)
      throw new ForbiddenException('Device registration is disabled.');
    await this.registrations.hit(ip);
    const user = await this.users.findOrCreateDeviceUser(dto.device_id, dto.client_type ?? null);
    if (user.role !== Role.User || user.passwordHash !== null) {
      throw new ForbiddenException('This device cannot be registered anonymously.');
    }
    const key = await this.auth.rotateApiKey(
      toAuthUser(user),
      `device:${dto.device_id}`.slice(0, 100),
      this.config.authLimits.deviceKeysKept,
    );
    return {
      id: user.id,
      username: user.username,
      token: key.key,
      device_id: dto.device_id,
      client_type: user.clientType,
    };
  }

  async tokenPair(dto: LoginDto, ip: string): Promise<TokenPairDto> {
    const user = await this.auth.checkPassword(dto.username, dto.password, ip);
    return { access: this.auth.signToken(user, 'access'), refresh: this.auth.signToken(user, 'refresh') };
  }

  async refresh(refreshToken: string): Promise<AccessTokenDto> {
    return { access: await this.auth.refresh(refreshToken) };
  }

  /** simplejwt's `POST /api/token/verify/`: `{}` for a live token. */
  async verify(token: string): Promise<Record<string, never>> {
    await this.auth.verify(token);
    return {};
  }
}
