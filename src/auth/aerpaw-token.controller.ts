import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiDrfErrors, ApiJsonOrFormBody } from '../common/api-responses';
import { Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { LoginDto } from './dto/auth.dto';
import { AccessTokenDto, RefreshDto, TokenPairDto, VerifyTokenDto } from './dto/surface-auth.dto';
import { SurfaceAuthService } from './surface-auth.service';

/** AERPAW-style token pair (djangorestframework-simplejwt's shape). */
@ApiTags('experiments')
@Controller('api/token')
export class AerpawTokenController {
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

  @Post('verify')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'verifyToken',
    summary: 'Check that a JWT (access or refresh) is valid',
    description:
      "djangorestframework-simplejwt's verify: `{}` for a token of ours that is unexpired and not revoked " +
      '(by a logout, a password change or an admin), else 401 with `code: token_not_valid`.',
  })
  @ApiJsonOrFormBody(VerifyTokenDto)
  @ApiOkResponse({
    description: 'The token is valid',
    schema: { type: 'object', additionalProperties: false, example: {} },
  })
  @ApiResponse({
    status: 401,
    description: 'Not a valid token (expired, foreign, revoked, or not a JWT)',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['detail', 'code'],
          properties: {
            detail: { type: 'string', example: 'Token is invalid or expired' },
            code: { type: 'string', example: 'token_not_valid' },
          },
        },
        example: { detail: 'Token is invalid or expired', code: 'token_not_valid' },
      },
    },
  })
  async verify(
    @Body() dto: VerifyTokenDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, string>> {
    try {
      return await this.surfaces.verify(dto.token);
    } catch {
      // simplejwt's body carries a `code` beside `detail`, which the shared error filter does not write
      res.status(401);
      return { detail: 'Token is invalid or expired', code: 'token_not_valid' };
    }
  }
}
