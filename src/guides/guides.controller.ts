import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Type,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { DrfPage, toDrfPage } from '../common/pagination';
import { CreateGuideDto, GuideDto, UpdateGuideDto } from './dto/guide.dto';
import { FormBodyInterceptor } from './form-body.interceptor';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { GuidebookVersion, named } from './guidebook-version';
import { ApiCreateGuide, ApiDeleteGuide, ApiGetGuide, ApiListGuides, ApiUpdateGuide } from './guides.openapi';
import { GuidesService } from './guides.service';

/** Guidebook Open API guides (`/open-api/v1/guides/` and `/open-api/v1.1/guides/`), one class per version. */
function guidesController(version: GuidebookVersion): Type<unknown> {
  @ApiTags('guidebook')
  @Controller(`open-api/${version}/guides`)
  @UseGuards(GuidebookDailyLimitGuard)
  @UseInterceptors(FormBodyInterceptor)
  class GuidesController {
    constructor(readonly guides: GuidesService) {}

    @Post()
    @Auth()
    @ApiCreateGuide(version)
    create(@CurrentUser() auth: AuthUser, @Body() dto: CreateGuideDto): Promise<GuideDto> {
      return this.guides.create(auth, dto);
    }

    @Get()
    @Auth()
    @ApiListGuides(version)
    async list(
      @CurrentUser() auth: AuthUser,
      @Req() req: Request,
      @Query() query: PageQueryDto,
    ): Promise<DrfPage<GuideDto>> {
      const pr = query.toPageRequest(50);
      return toDrfPage(req, pr, await this.guides.list(auth, pr));
    }

    @Get(':id')
    @Auth()
    @ApiGetGuide(version)
    get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<GuideDto> {
      return this.guides.get(auth, id);
    }

    @Patch(':id')
    @Auth()
    @ApiUpdateGuide(version)
    update(
      @CurrentUser() auth: AuthUser,
      @Param('id', IdPipe) id: number,
      @Body() dto: UpdateGuideDto,
    ): Promise<GuideDto> {
      return this.guides.update(auth, id, dto);
    }

    @Delete(':id')
    @Auth({ roles: [Role.Admin] })
    @HttpCode(204)
    @ApiDeleteGuide(version)
    remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
      return this.guides.remove(auth, id);
    }
  }
  return named(GuidesController, version === 'v1' ? 'GuidesController' : 'GuidesV11Controller');
}

export const GuidesController = guidesController('v1');
export const GuidesV11Controller = guidesController('v1.1');
