import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAbsErrors, ApiJsonOrFormBody } from '../common/api-responses';
import { Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { LoginDto } from './dto/auth.dto';
import { AbsLoginResponseDto } from './dto/surface-auth.dto';
import { SurfaceAuthService } from './surface-auth.service';

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
