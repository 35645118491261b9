import { Body, Controller, Get, Headers, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { LoginDto } from '../auth/dto/auth.dto';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser, Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { AppConfig } from '../config/app-config';
import {
  AbsAuthorizeDocs,
  AbsLoginDocs,
  AbsLogoutDocs,
  AbsMeDocs,
  AbsPingDocs,
  AbsRefreshDocs,
  AbsStatusDocs,
} from './audiobookshelf-auth.openapi';
import { AbsSignIn, AudiobookshelfAuthService } from './audiobookshelf-auth.service';
import { AbsLoginResponseDto, AbsLogoutDto, AbsPingDto, AbsStatusDto, AbsUserDto } from './dto/abs-auth.dto';

const REFRESH_COOKIE = 'refresh_token';
const COOKIE_PATH = '/audiobookshelf';

/** The `refresh_token` cookie of a request (no cookie parser is installed; this is the one cookie read). */
function refreshCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Audiobookshelf's connect flow: `/status`, `/ping`, `/login`, `/auth/refresh`, `/logout`, `/api/authorize`, `/api/me`. */
@ApiTags('audiobookshelf')
@Controller('audiobookshelf')
export class AudiobookshelfAuthController {
  constructor(
    private readonly abs: AudiobookshelfAuthService,
    private readonly config: AppConfig,
  ) {}

  @Get('status')
  @Public()
  @AbsStatusDocs()
  status(): AbsStatusDto {
    return this.abs.status();
  }

  @Get('ping')
  @Public()
  @AbsPingDocs()
  ping(): AbsPingDto {
    return { success: true };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @AbsLoginDocs()
  async login(
    @Body() dto: LoginDto,
    @ClientIp() ip: string,
    @Headers('x-return-tokens') returnTokens: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AbsLoginResponseDto> {
    const wantTokens = returnTokens === 'true';
    return this.answer(
      await this.abs.login(dto.username, dto.password, ip, wantTokens),
      wantTokens,
      req,
      res,
    );
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @AbsRefreshDocs()
  async refresh(
    @Headers('x-refresh-token') header: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AbsLoginResponseDto> {
    const fromHeader = !!header;
    return this.answer(
      await this.abs.refresh(header || refreshCookie(req), fromHeader),
      fromHeader,
      req,
      res,
    );
  }

  @Post('logout')
  @Public()
  @HttpCode(200)
  @AbsLogoutDocs()
  async logout(
    @Headers('x-refresh-token') header: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AbsLogoutDto> {
    await this.abs.logout(refreshCookie(req) || header);
    res.clearCookie(REFRESH_COOKIE, this.cookieOptions(req));
    return { redirect_url: null };
  }

  @Post('api/authorize')
  @Auth()
  @HttpCode(200)
  @AbsAuthorizeDocs()
  authorize(@CurrentUser() auth: AuthUser): Promise<AbsLoginResponseDto> {
    return this.abs.authorize(auth);
  }

  @Get('api/me')
  @Auth()
  @AbsMeDocs()
  me(@CurrentUser() auth: AuthUser): Promise<AbsUserDto> {
    return this.abs.me(auth);
  }

  /** The payload; the refresh JWT goes in a cookie when the client did not ask for it in the body. */
  private answer(signIn: AbsSignIn, inBody: boolean, req: Request, res: Response): AbsLoginResponseDto {
    if (!inBody) {
      res.cookie(REFRESH_COOKIE, signIn.refreshToken, {
        ...this.cookieOptions(req),
        maxAge: this.config.jwt.refreshExpiresInSeconds * 1000,
      });
    }
    return signIn.payload;
  }

  private cookieOptions(req: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: COOKIE_PATH };
  }
}
