import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthService, SessionTokens } from '../auth/auth.service';
import { User } from '../auth/entities/user.entity';
import { UsersService } from '../auth/users.service';
import { AuthUser } from '../common/auth-user';
import { AppConfig } from '../config/app-config';
import { ABS_SERVER_VERSION, absServerSettings, toAbsUser } from './audiobookshelf.mapper';
import { CatalogueRepository } from './catalogue.repository';
import { AbsLoginResponseDto, AbsStatusDto, AbsUserDto } from './dto/abs-auth.dto';
import { PlaybackSessionsRepository } from './playback-sessions.repository';

/** A sign-in's tokens as the Audiobookshelf routes hand them out. */
export interface AbsSignIn {
  payload: AbsLoginResponseDto;
  /** The refresh JWT, for the `refresh_token` cookie when it is not in the payload. */
  refreshToken: string;
}

/**
 * Audiobookshelf's connect flow over the one AuthService: `/status`, `/login` and `/auth/refresh` (an access
 * JWT and a rotating refresh JWT of a refresh session), `/logout`, `/api/authorize`, `/api/me`.
 */
@Injectable()
export class AudiobookshelfAuthService {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly sessions: PlaybackSessionsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly config: AppConfig,
  ) {}

  status(): AbsStatusDto {
    return {
      app: 'audiobookshelf',
      serverVersion: ABS_SERVER_VERSION,
      isInit: true,
      language: 'en-us',
      authMethods: ['local'],
      authFormData: {
        authLoginCustomMessage: null,
        authOpenIDButtonText: 'Login with OpenId',
        authOpenIDAutoLaunch: false,
      },
    };
  }

  /** A password login; `returnTokens` (`x-return-tokens: true`) puts the refresh JWT in the payload. */
  async login(username: string, password: string, ip: string, returnTokens: boolean): Promise<AbsSignIn> {
    const user = await this.auth.checkPassword(username, password, ip);
    return this.signIn(user, await this.auth.openSession(user), returnTokens);
  }

  /** Trades a refresh JWT for a new pair; `returnTokens` when it came in `x-refresh-token`. */
  async refresh(refreshToken: string | undefined, returnTokens: boolean): Promise<AbsSignIn> {
    if (!refreshToken) throw new UnauthorizedException('No refresh token provided');
    const tokens = await this.auth.rotateSession(refreshToken);
    const user = await this.users.findById(tokens.owner.id);
    if (!user) throw new UnauthorizedException();
    return this.signIn(user, tokens, returnTokens);
  }

  logout(refreshToken: string | undefined): Promise<void> {
    return this.auth.closeSession(refreshToken);
  }

  /** The payload for a credential the caller already holds (no tokens in it). */
  async authorize(auth: AuthUser): Promise<AbsLoginResponseDto> {
    return this.payload(await this.user(auth));
  }

  async me(auth: AuthUser): Promise<AbsUserDto> {
    const user = await this.user(auth);
    return toAbsUser(user, await this.sessions.progressOf(user.id));
  }

  private async user(auth: AuthUser): Promise<User> {
    const user = await this.users.findById(auth.id);
    if (!user) throw new UnauthorizedException();
    return user;
  }

  private async signIn(user: User, tokens: SessionTokens, returnTokens: boolean): Promise<AbsSignIn> {
    const payload = await this.payload(user);
    payload.user.accessToken = tokens.accessToken;
    payload.user.refreshToken = returnTokens ? tokens.refreshToken : null;
    return { payload, refreshToken: tokens.refreshToken };
  }

  private async payload(user: User): Promise<AbsLoginResponseDto> {
    const [progress, defaultLibrary] = await Promise.all([
      this.sessions.progressOf(user.id),
      this.catalogue.firstLibraryId(),
    ]);
    return {
      user: toAbsUser(user, progress),
      userDefaultLibraryId: defaultLibrary,
      serverSettings: absServerSettings(this.config.timezone),
      ereaderDevices: [],
      Source: 'sessions-hub',
    };
  }
}
