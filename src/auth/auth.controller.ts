import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser, Public } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { IdPipe } from '../common/validation';
import { AuthService } from './auth.service';
import {
  ApiKeyDto,
  CreateApiKeyDto,
  CreatedApiKeyDto,
  LoginDto,
  LoginResponseDto,
  MeDto,
} from './dto/auth.dto';
import {
  CreateApiKeyDocs,
  ListApiKeysDocs,
  LoginDocs,
  LogoutDocs,
  MeDocs,
  RevokeApiKeyDocs,
} from './auth.openapi';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @LoginDocs()
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<LoginResponseDto> {
    return this.auth.login(dto.username, dto.password, ip);
  }

  @Post('logout')
  @Auth()
  @HttpCode(204)
  @LogoutDocs()
  logout(@CurrentUser() auth: AuthUser): Promise<void> {
    return this.auth.revokeTokens(auth.id);
  }

  @Get('me')
  @Auth()
  @MeDocs()
  me(@CurrentUser() auth: AuthUser): Promise<MeDto> {
    return this.auth.me(auth);
  }

  @Post('api-keys')
  @Auth()
  @CreateApiKeyDocs()
  createApiKey(@CurrentUser() auth: AuthUser, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.auth.createApiKey(auth, dto.name);
  }

  @Get('api-keys')
  @Auth()
  @ListApiKeysDocs()
  listApiKeys(@CurrentUser() auth: AuthUser): Promise<ApiKeyDto[]> {
    return this.auth.listApiKeys(auth);
  }

  @Delete('api-keys/:id')
  @Auth()
  @HttpCode(204)
  @RevokeApiKeyDocs()
  revokeApiKey(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.auth.revokeApiKey(auth, id);
  }
}
