import { ForbiddenException, Injectable } from '@nestjs/common';
import { Role } from '../common/auth-user';
import { microsToMillis } from '../common/time';
import { AppConfig } from '../config/app-config';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/auth.dto';
import {
  AbsLoginResponseDto,
  AccessTokenDto,
  RegisterDeviceDto,
  RegisteredDeviceDto,
  TokenPairDto,
} from './dto/surface-auth.dto';
import { toAuthUser, UsersService } from './users.service';

/** The login shapes of the Roundware, AERPAW and Audiobookshelf surfaces, over the one AuthService. */
@Injectable()
export class SurfaceAuthService {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async registerDevice(dto: RegisterDeviceDto): Promise<RegisteredDeviceDto> {
    if (!this.config.deviceRegistrationEnabled)
      throw new ForbiddenException('Device registration is disabled.');
    const user = await this.users.findOrCreateDeviceUser(dto.device_id, dto.client_type ?? null);
    const key = await this.auth.replaceApiKey(toAuthUser(user), `device:${dto.device_id}`.slice(0, 100));
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

  async audiobookshelfLogin(dto: LoginDto, ip: string): Promise<AbsLoginResponseDto> {
    const user = await this.auth.checkPassword(dto.username, dto.password, ip);
    const token = this.auth.signToken(user);
    const admin = user.role === Role.Admin;
    return {
      user: {
        id: String(user.id),
        username: user.username,
        type: admin ? 'admin' : 'user',
        token,
        accessToken: token,
        isActive: true,
        isLocked: false,
        createdAt: microsToMillis(user.createdAt),
        librariesAccessible: [],
        permissions: {
          download: true,
          update: admin,
          delete: admin,
          upload: admin,
          accessAllLibraries: true,
          accessAllTags: true,
          accessExplicitContent: true,
        },
      },
      userDefaultLibraryId: null,
    };
  }
}
