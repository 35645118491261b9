import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { LoginDto } from './dto/auth.dto';
import { AbsLoginResponseDto } from './dto/surface-auth.dto';
import { SurfaceAuthService } from './surface-auth.service';
import { AudiobookshelfLoginDocs } from './auth.openapi';

/** Audiobookshelf login: `POST /audiobookshelf/login`. */
@ApiTags('audiobookshelf')
@Controller('audiobookshelf')
export class AudiobookshelfLoginController {
  constructor(private readonly surfaces: SurfaceAuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @AudiobookshelfLoginDocs()
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<AbsLoginResponseDto> {
    return this.surfaces.audiobookshelfLogin(dto, ip);
  }
}
