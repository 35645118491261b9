import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiArray, ApiDrfErrors, ApiJsonOrFormBody } from '../common/api-responses';
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

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'login',
    summary: 'Log in with username and password; returns an access JWT',
    description:
      'Exchanges a username and password for a short-lived access JWT, usable with every header scheme of ' +
      'every surface. A wrong password and an unknown user answer the same 401; after LOGIN_MAX_FAILURES ' +
      'failures from one client address in LOGIN_WINDOW_SECONDS the address gets 429 (other addresses are ' +
      'not affected), and so does a login beyond the queue of password checks (LOGIN_HASH_QUEUE).',
  })
  @ApiJsonOrFormBody(LoginDto)
  @ApiOkResponse({ type: LoginResponseDto, description: 'The access JWT and the user' })
  @ApiDrfErrors(
    {
      status: 401,
      description: 'Wrong username or password (the same body for both)',
      example: { detail: 'No active account found with the given credentials' },
    },
    429,
  )
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<LoginResponseDto> {
    return this.auth.login(dto.username, dto.password, ip);
  }

  @Post('logout')
  @Auth()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'logoutEverywhere',
    summary: 'Log out everywhere: refuse every JWT of the caller issued until now',
    description:
      "Revokes all the caller's access and refresh JWTs (every session, every surface), including the one " +
      'used for this call; log in again for a new one. API keys are not affected (revoke them one by one).',
  })
  @ApiNoContentResponse({ description: 'Logged out' })
  logout(@CurrentUser() auth: AuthUser): Promise<void> {
    return this.auth.revokeTokens(auth.id);
  }

  @Get('me')
  @Auth()
  @ApiOperation({
    operationId: 'getMe',
    summary: 'The caller',
    description: 'Who the credential belongs to, and whether it is an access JWT or an API key.',
  })
  @ApiOkResponse({ type: MeDto, description: 'The caller' })
  me(@CurrentUser() auth: AuthUser): Promise<MeDto> {
    return this.auth.me(auth);
  }

  @Post('api-keys')
  @Auth()
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key (shown once)',
    description:
      'A long-lived, revocable credential of the caller, usable with every header scheme. The key is in this ' +
      'answer only: the server stores its hash. A user holds at most MAX_API_KEYS_PER_USER keys (409 beyond).',
  })
  @ApiJsonOrFormBody(CreateApiKeyDto)
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The new key' })
  @ApiDrfErrors({
    status: 409,
    description: 'The caller already holds MAX_API_KEYS_PER_USER keys',
    example: { detail: 'You already have 50 API keys, the most allowed. Revoke one first.' },
  })
  createApiKey(@CurrentUser() auth: AuthUser, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.auth.createApiKey(auth, dto.name);
  }

  @Get('api-keys')
  @Auth()
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: "The caller's API keys (without the keys themselves)",
    description: "Every API key of the caller, oldest first, with the key's first characters only.",
  })
  @ApiArray(ApiKeyDto, "The caller's API keys")
  listApiKeys(@CurrentUser() auth: AuthUser): Promise<ApiKeyDto[]> {
    return this.auth.listApiKeys(auth);
  }

  @Delete('api-keys/:id')
  @Auth()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeApiKey',
    summary: 'Revoke one of your API keys (refused at once)',
    description: "Deletes one of the caller's API keys; another user's key answers 404.",
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  revokeApiKey(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.auth.revokeApiKey(auth, id);
  }
}
