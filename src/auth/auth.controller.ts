import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser, Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { IdPipe } from '../common/dto/id-param';
import { AuthService } from './auth.service';
import {
  ApiKeyDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
} from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Log in with username and password; returns an access JWT' })
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<LoginResponseDto> {
    return this.auth.login(dto.username, dto.password, ip);
  }

  @Get('me')
  @Auth()
  @ApiOperation({ operationId: 'getMe', summary: 'The caller' })
  me(@CurrentUser() auth: AuthUser): Promise<MeDto> {
    return this.auth.me(auth);
  }

  @Post('api-keys')
  @Auth()
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key (shown once)' })
  createApiKey(@CurrentUser() auth: AuthUser, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.auth.createApiKey(auth, dto.name);
  }

  @Get('api-keys')
  @Auth()
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: "The caller's API keys (without the keys themselves)",
  })
  listApiKeys(@CurrentUser() auth: AuthUser): Promise<ApiKeyDto[]> {
    return this.auth.listApiKeys(auth);
  }

  @Delete('api-keys/:id')
  @Auth()
  @HttpCode(204)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke one of your API keys (refused at once)' })
  revokeApiKey(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.auth.revokeApiKey(auth, id);
  }
}
