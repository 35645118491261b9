import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/dto/id-param';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { DrfPage } from '../common/pagination';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/auth.dto';
import { toUserDto, UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@Auth({ roles: [Role.Admin] })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user (admin)' })
  async create(@CurrentUser() auth: AuthUser, @Body() dto: CreateUserDto): Promise<UserDto> {
    return toUserDto(await this.users.createFromDto(auth, dto));
  }

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'List users (admin)' })
  list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: PageQueryDto,
  ): Promise<DrfPage<UserDto>> {
    return this.users.list(auth, req, query.toPageRequest(50));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'One user (admin)' })
  async get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<UserDto> {
    return toUserDto(await this.users.get(auth, id));
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateUser', summary: "Change a user's role or password (admin)" })
  async update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return toUserDto(await this.users.update(auth, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteUser', summary: 'Delete a user and everything they own (admin)' })
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.users.remove(auth, id);
  }
}
