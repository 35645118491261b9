import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { RegisterDeviceDto, RegisteredDeviceDto } from './dto/surface-auth.dto';
import { SurfaceAuthService } from './surface-auth.service';
import { RegisterRoundwareDeviceDocs } from './auth.openapi';

/** Roundware v2 device registration: `POST /api/2/users/`. */
@ApiTags('roundware')
@Controller('api/2/users')
export class RoundwareUsersController {
  constructor(private readonly surfaces: SurfaceAuthService) {}

  @Post()
  @Public()
  @HttpCode(200)
  @RegisterRoundwareDeviceDocs()
  register(@Body() dto: RegisterDeviceDto, @ClientIp() ip: string): Promise<RegisteredDeviceDto> {
    return this.surfaces.registerDevice(dto, ip);
  }
}
