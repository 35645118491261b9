import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
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
import {
  CreateUserDocs,
  DeleteUserDocs,
  GetUserDocs,
  ListUsersDocs,
  RevokeUserTokensDocs,
  UpdateUserDocs,
} from './auth.openapi';

@ApiTags('users')
@Controller('users')
@Auth({ roles: [Role.Admin] })
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Post()
  @CreateUserDocs()
  async create(@CurrentUser() auth: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.createFromDto(auth, dto));
  }

  @Get()
  @ListUsersDocs()
  async list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: PageQueryDto,
  ): Promise<DrfPage<UserDto>> {
    const pr = query.toPageRequest(50);
    return toDrfPage(req, pr, await this.users.list(auth, pr));
  }

  @Get(':id')
  @GetUserDocs()
  async get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<UserDto> {
    return toUserDto(await this.users.get(auth, id));
  }

  @Patch(':id')
  @UpdateUserDocs()
  async update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return toUserDto(await this.users.update(auth, id, dto));
  }

  @Post(':id/revoke-tokens')
  @HttpCode(204)
  @RevokeUserTokensDocs()
  revokeTokens(@Param('id', IdPipe) id: number): Promise<void> {
    return this.auth.revokeTokens(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @DeleteUserDocs()
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.users.remove(auth, id);
  }
}
