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
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { mediaUrlBase } from '../common/media-links';
import { UploadCleanupInterceptor } from '../media/media.module';
import { DrfPage, toDrfPage } from '../common/pagination';
import {
  CreateScheduleSessionDto,
  CreateScheduleSessionV11Dto,
  ListScheduleSessionsQueryDto,
  ScheduleSessionDto,
  UpdateScheduleSessionDto,
} from './dto/schedule-session.dto';
import { FormBodyInterceptor } from './form-body.interceptor';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { GuidebookVersion, named } from './guidebook-version';
import {
  ApiCreateScheduleSession,
  ApiDeleteScheduleSession,
  ApiGetScheduleSession,
  ApiListScheduleSessions,
  ApiListScheduleSessionsOfGuide,
  ApiUpdateScheduleSession,
} from './schedule-sessions.openapi';
import { ScheduleSessionsService, UploadedImage } from './schedule-sessions.service';

/** Guidebook Open API schedule sessions (`/open-api/v1/sessions/`, `/open-api/v1.1/…`), one class per version. */
function scheduleSessionsController(version: GuidebookVersion): Type<unknown> {
  @ApiTags('guidebook')
  @Controller(`open-api/${version}/sessions`)
  @Auth()
  @UseGuards(GuidebookDailyLimitGuard)
  @UseInterceptors(FormBodyInterceptor)
  class ScheduleSessionsController {
    constructor(
      readonly sessions: ScheduleSessionsService,
      readonly config: AppConfig,
    ) {}

    /** Where the answers' image URLs point. */
    mediaBase(req: Request): string {
      return mediaUrlBase(req, this.config.http.publicUrl);
    }

    @Post()
    @UseInterceptors(FileInterceptor('image'), UploadCleanupInterceptor, FormBodyInterceptor)
    @ApiCreateScheduleSession(version)
    create(
      @CurrentUser() auth: AuthUser,
      @Body() dto: CreateScheduleSessionDto | CreateScheduleSessionV11Dto,
      @Req() req: Request,
      @UploadedFile() image: UploadedImage | undefined,
    ): Promise<ScheduleSessionDto> {
      return this.sessions.create(auth, version, dto, this.mediaBase(req), image);
    }

    @Get()
    @ApiListScheduleSessions(version)
    async list(
      @CurrentUser() auth: AuthUser,
      @Req() req: Request,
      @Query() query: ListScheduleSessionsQueryDto,
    ): Promise<DrfPage<ScheduleSessionDto>> {
      const pr = query.toPageRequest(50);
      return toDrfPage(req, pr, await this.sessions.list(auth, version, pr, query, this.mediaBase(req)));
    }

    /**
     * The seed's own example fetches `'{}guide=47'.format(session_url)`, i.e. `/open-api/v1/sessions/guide=47`
     * without a `?`. Clients copied from it get the list of that guide instead of a 404.
     */
    @Get('guide=:guide')
    @ApiListScheduleSessionsOfGuide(version)
    async listOfGuideSeedPath(
      @CurrentUser() auth: AuthUser,
      @Req() req: Request,
      @Param('guide', IdPipe) guide: number,
      @Query() query: ListScheduleSessionsQueryDto,
    ): Promise<DrfPage<ScheduleSessionDto>> {
      const pr = query.toPageRequest(50);
      const filtered = Object.assign(query, { guide });
      return toDrfPage(req, pr, await this.sessions.list(auth, version, pr, filtered, this.mediaBase(req)));
    }

    @Get(':id')
    @ApiGetScheduleSession(version)
    get(
      @CurrentUser() auth: AuthUser,
      @Param('id', IdPipe) id: number,
      @Req() req: Request,
    ): Promise<ScheduleSessionDto> {
      return this.sessions.get(auth, id, this.mediaBase(req));
    }

    @Patch(':id')
    @UseInterceptors(FileInterceptor('image'), UploadCleanupInterceptor, FormBodyInterceptor)
    @ApiUpdateScheduleSession(version)
    update(
      @CurrentUser() auth: AuthUser,
      @Param('id', IdPipe) id: number,
      @Body() dto: UpdateScheduleSessionDto,
      @Req() req: Request,
      @UploadedFile() image: UploadedImage | undefined,
    ): Promise<ScheduleSessionDto> {
      return this.sessions.update(auth, version, id, dto, this.mediaBase(req), image);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiDeleteScheduleSession(version)
    remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
      return this.sessions.remove(auth, version, id);
    }
  }
  // The body class of `create` differs per version (v1.1 makes `description_html` optional): the global
  // validation pipe reads it from the parameter types, which a union annotation cannot carry.
  const bodyClass = version === 'v1' ? CreateScheduleSessionDto : CreateScheduleSessionV11Dto;
  const types = Reflect.getMetadata(
    'design:paramtypes',
    ScheduleSessionsController.prototype,
    'create',
  ) as unknown[];
  Reflect.defineMetadata(
    'design:paramtypes',
    types.map((type, i) => (i === 1 ? bodyClass : type)),
    ScheduleSessionsController.prototype,
    'create',
  );
  return named(
    ScheduleSessionsController,
    version === 'v1' ? 'ScheduleSessionsController' : 'ScheduleSessionsV11Controller',
  );
}

export const ScheduleSessionsController = scheduleSessionsController('v1');
export const ScheduleSessionsV11Controller = scheduleSessionsController('v1.1');
