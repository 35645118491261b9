import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { LoginDto } from './dto/auth.dto';
import { AccessTokenDto, RefreshDto, TokenPairDto, VerifyTokenDto } from './dto/surface-auth.dto';
import { SurfaceAuthService } from './surface-auth.service';
import { ObtainTokenPairDocs, RefreshTokenDocs, VerifyTokenDocs } from './auth.openapi';

/** AERPAW-style token pair (djangorestframework-simplejwt's shape). */
@ApiTags('experiments')
@Controller('api/token')
export class AerpawTokenController {
  constructor(private readonly surfaces: SurfaceAuthService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ObtainTokenPairDocs()
  obtain(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<TokenPairDto> {
    return this.surfaces.tokenPair(dto, ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @RefreshTokenDocs()
  refresh(@Body() dto: RefreshDto): Promise<AccessTokenDto> {
    return this.surfaces.refresh(dto.refresh);
  }

  @Post('verify')
  @Public()
  @HttpCode(200)
  @VerifyTokenDocs()
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
