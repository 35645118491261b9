import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAbsErrors, ApiDrfErrors, ApiJsonOrFormBody } from '../common/api-responses';
import { Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { LoginDto } from './dto/auth.dto';
import {
  AbsLoginResponseDto,
  AccessTokenDto,
  RefreshDto,
  RegisterDeviceDto,
  RegisteredDeviceDto,
  TokenPairDto,
} from './dto/surface-auth.dto';
import { SurfaceAuthService } from './surface-auth.service';

/** Roundware v2 device registration: `POST /api/2/users/`. */
@ApiTags('roundware')
@Controller('api/2/users')
export class RoundwareUsersController {
  constructor(private readonly surfaces: SurfaceAuthService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'registerRoundwareDevice',
    summary: 'Register a device; the same device_id gets the same user back, with a fresh token',
    description:
      "Roundware's anonymous device registration. The answer's `token` is an API key for " +
      '`Authorization: token <token>`; it replaces the previous key of the same device. Answers 403 when ' +
      'DEVICE_REGISTRATION_ENABLED=false.',
  })
  @ApiJsonOrFormBody(RegisterDeviceDto)
  @ApiOkResponse({ type: RegisteredDeviceDto, description: 'The device user and its new token' })
  @ApiDrfErrors({
    status: 403,
    description: 'Device registration is switched off (DEVICE_REGISTRATION_ENABLED=false)',
    example: { detail: 'Device registration is disabled.' },
  })
  register(@Body() dto: RegisterDeviceDto): Promise<RegisteredDeviceDto> {
    return this.surfaces.registerDevice(dto);
  }
}

/** AERPAW-style token pair (djangorestframework-simplejwt's shape). */
@ApiTags('experiments')
@Controller('api/token')
export class TokenController {
  constructor(private readonly surfaces: SurfaceAuthService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'obtainTokenPair',
    summary: 'Obtain an access and a refresh JWT',
    description:
      "djangorestframework-simplejwt's token pair, as AERPAW clients use it: `access` for " +
      '`Authorization: Bearer <access>`, `refresh` for `POST /api/token/refresh/`. Failed logins count ' +
      'toward the same 429 limit as `POST /auth/login`.',
  })
  @ApiJsonOrFormBody(LoginDto)
  @ApiOkResponse({ type: TokenPairDto, description: 'The token pair' })
  @ApiDrfErrors(
    {
      status: 401,
      description: 'Wrong username or password (the same body for both)',
      example: { detail: 'No active account found with the given credentials' },
    },
    429,
  )
  obtain(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<TokenPairDto> {
    return this.surfaces.tokenPair(dto, ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refreshToken',
    summary: 'Exchange a refresh JWT for a new access JWT',
    description: 'An expired, foreign or non-refresh token (an access JWT, an API key) answers 401.',
  })
  @ApiJsonOrFormBody(RefreshDto)
  @ApiOkResponse({ type: AccessTokenDto, description: 'A new access JWT' })
  @ApiDrfErrors({
    status: 401,
    description: 'Not a valid refresh JWT',
    example: { detail: 'Token is invalid or expired' },
  })
  refresh(@Body() dto: RefreshDto): Promise<AccessTokenDto> {
    return this.surfaces.refresh(dto.refresh);
  }
}

/** Audiobookshelf login: `POST /audiobookshelf/login`. */
@ApiTags('audiobookshelf')
@Controller('audiobookshelf')
export class AudiobookshelfLoginController {
  constructor(private readonly surfaces: SurfaceAuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'audiobookshelfLogin',
    summary: 'Audiobookshelf-style login',
    description:
      "Audiobookshelf's `POST /login`: the user's `token` (and `accessToken`, the same JWT) go in " +
      '`Authorization: Bearer <token>`. Errors are plain text; failed logins share the 429 limit of the other logins.',
  })
  @ApiJsonOrFormBody(LoginDto)
  @ApiOkResponse({ type: AbsLoginResponseDto, description: 'The user and its token' })
  @ApiAbsErrors(
    {
      status: 401,
      description: 'Wrong username or password (the same body for both)',
      example: 'No active account found with the given credentials',
    },
    429,
  )
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<AbsLoginResponseDto> {
    return this.surfaces.audiobookshelfLogin(dto, ip);
  }
}
