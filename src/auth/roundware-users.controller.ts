import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDrfErrors, ApiJsonOrFormBody } from '../common/api-responses';
import { Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { RegisterDeviceDto, RegisteredDeviceDto } from './dto/surface-auth.dto';
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
      '`Authorization: token <token>`. The device keeps its earlier keys working (its newest ' +
      'DEVICE_KEYS_KEPT, 5 by default), so a second tab or a reload does not sign the first out. A device ' +
      'user is always a plain `user` without a password. At most DEVICE_REGISTRATIONS_PER_MINUTE (60) ' +
      'registrations a minute from one client address (then 429). Answers 403 when ' +
      'DEVICE_REGISTRATION_ENABLED=false.',
  })
  @ApiJsonOrFormBody(RegisterDeviceDto)
  @ApiOkResponse({ type: RegisteredDeviceDto, description: 'The device user and its new token' })
  @ApiDrfErrors(
    {
      status: 403,
      description:
        'Device registration is switched off (DEVICE_REGISTRATION_ENABLED=false), or the device belongs to a ' +
        'user that is not a plain device user',
      example: { detail: 'Device registration is disabled.' },
    },
    {
      status: 429,
      description: 'Too many registrations from this address (DEVICE_REGISTRATIONS_PER_MINUTE)',
      example: { detail: 'Request was throttled. Expected available in 42 seconds.' },
    },
  )
  register(@Body() dto: RegisterDeviceDto, @ClientIp() ip: string): Promise<RegisteredDeviceDto> {
    return this.surfaces.registerDevice(dto, ip);
  }
}
