import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import type { Request } from 'express';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { DrfPage, toDrfPage } from '../common/pagination';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/auth.dto';
import { AuthService } from './auth.service';
import { toUserDto, UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Auth({ roles: [Role.Admin] })
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Create a user (admin)',
    description: 'Creates a user who can then log in. A taken username answers 400 on `username`.',
  })
  @ApiCreatedResponse({ type: UserDto, description: 'The new user' })
  async create(@CurrentUser() auth: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.createFromDto(auth, dto));
  }

  @Get()
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'List users (admin)',
    description: 'Every user, by id, 50 per page unless `page_size` says otherwise.',
  })
  @ApiDrfPage(UserDto, 'Users')
  async list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: PageQueryDto,
  ): Promise<DrfPage<UserDto>> {
    const pr = query.toPageRequest(50);
    return toDrfPage(req, pr, await this.users.list(auth, pr));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'One user (admin)', description: 'One user by id.' })
  @ApiOkResponse({ type: UserDto, description: 'The user' })
  async get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<UserDto> {
    return toUserDto(await this.users.get(auth, id));
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateUser',
    summary: "Change a user's username, role or password (admin)",
    description:
      'Changes the given fields only. An admin cannot take the admin role away from themselves (400). ' +
      'Usernames are unique regardless of case (400 on `username`). A device user stays a plain `user` ' +
      'without a password (400 on `role` / `password`). A new password or a lower role refuses the ' +
      "user's earlier JWTs.",
  })
  @ApiOkResponse({ type: UserDto, description: 'The updated user' })
  async update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return toUserDto(await this.users.update(auth, id, dto));
  }

  @Post(':id/revoke-tokens')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'revokeUserTokens',
    summary: 'Refuse every JWT of a user issued until now (admin)',
    description:
      "Revokes the user's access and refresh JWTs on every surface; they log in again for new ones. " +
      'API keys are not affected.',
  })
  @ApiNoContentResponse({ description: 'Revoked' })
  revokeTokens(@Param('id', IdPipe) id: number): Promise<void> {
    return this.auth.revokeTokens(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteUser',
    summary: 'Delete a user and everything they own (admin)',
    description:
      'Deletes the user, their API keys and their data; their credentials stop working at once. An admin cannot delete themselves (400).',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiDrfErrors({
    status: 400,
    description: 'An admin tried to delete themselves',
    example: { detail: 'You cannot delete yourself.' },
  })
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.users.remove(auth, id);
  }
}
