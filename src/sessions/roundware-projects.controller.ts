import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { type DrfPage, requestedPage, toDrfPage } from '../common/pagination';
import { IdPipe } from '../common/validation';
import {
  CreateRoundwareProjectDto,
  RoundwareProjectDto,
  RoundwareProjectListQueryDto,
  RoundwareProjectQueryDto,
  UpdateRoundwareProjectDto,
} from './dto/roundware-project.dto';
import {
  CreateRoundwareProjectDocs,
  DeleteRoundwareProjectDocs,
  GetRoundwareProjectDocs,
  ListRoundwareProjectsDocs,
  UpdateRoundwareProjectDocs,
} from './roundware-projects.openapi';
import { RoundwareProjectsService } from './roundware-projects.service';

/**
 * Roundware API v2 projects (`/api/2/projects/`): the same rows the experiment view calls experiments.
 * Authenticated users read; admins write (upstream's AuthenticatedReadAdminWrite).
 */
@ApiTags('roundware')
@Controller('api/2/projects')
export class RoundwareProjectsController {
  constructor(private readonly projects: RoundwareProjectsService) {}

  @Get()
  @Auth()
  @ListRoundwareProjectsDocs()
  list(
    @CurrentUser() auth: AuthUser,
    @Query() query: RoundwareProjectListQueryDto,
    @Req() req: Request,
  ): Promise<RoundwareProjectDto[] | DrfPage<RoundwareProjectDto>> {
    const pr = requestedPage(query, 50);
    if (!pr) return this.projects.list(auth, query);
    return this.projects.page(auth, query, pr).then((page) => toDrfPage(req, pr, page));
  }

  @Post()
  @HttpCode(200)
  @Auth({ roles: [Role.Admin] })
  @CreateRoundwareProjectDocs()
  create(
    @CurrentUser() auth: AuthUser,
    @Body() dto: CreateRoundwareProjectDto,
  ): Promise<RoundwareProjectDto> {
    return this.projects.create(auth, dto);
  }

  @Get(':id')
  @Auth()
  @GetRoundwareProjectDocs()
  get(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Query() query: RoundwareProjectQueryDto,
  ): Promise<RoundwareProjectDto> {
    return this.projects.get(auth, id, query.session_id);
  }

  @Patch(':id')
  @Auth({ roles: [Role.Admin] })
  @UpdateRoundwareProjectDocs()
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateRoundwareProjectDto,
  ): Promise<RoundwareProjectDto> {
    return this.projects.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ roles: [Role.Admin] })
  @DeleteRoundwareProjectDocs()
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.projects.remove(auth, id);
  }
}
