import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ operationId: 'obtainTokenPair', summary: 'Obtain an access and a refresh JWT' })
  obtain(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<TokenPairDto> {
    return this.surfaces.tokenPair(dto, ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'refreshToken', summary: 'Exchange a refresh JWT for a new access JWT' })
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
  @ApiOperation({ operationId: 'audiobookshelfLogin', summary: 'Audiobookshelf-style login' })
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<AbsLoginResponseDto> {
    return this.surfaces.audiobookshelfLogin(dto, ip);
  }
}
