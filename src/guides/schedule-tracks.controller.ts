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
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { DrfPage, toDrfPage } from '../common/pagination';
import {
  CreateScheduleTrackDto,
  ListScheduleTracksQueryDto,
  ScheduleTrackDto,
  UpdateScheduleTrackDto,
} from './dto/schedule-track.dto';
import { FormBodyInterceptor } from './form-body.interceptor';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { GuidebookVersion, named } from './guidebook-version';
import {
  ApiCreateScheduleTrack,
  ApiDeleteScheduleTrack,
  ApiGetScheduleTrack,
  ApiListScheduleTracks,
  ApiUpdateScheduleTrack,
} from './schedule-tracks.openapi';
import { ScheduleTracksService } from './schedule-tracks.service';

/** Guidebook Open API schedule tracks (`/open-api/v1/schedule-tracks/`, `/open-api/v1.1/…`), one class per version. */
function scheduleTracksController(version: GuidebookVersion): Type<unknown> {
  @ApiTags('guidebook')
  @Controller(`open-api/${version}/schedule-tracks`)
  @Auth()
  @UseGuards(GuidebookDailyLimitGuard)
  @UseInterceptors(FormBodyInterceptor)
  class ScheduleTracksController {
    constructor(readonly tracks: ScheduleTracksService) {}

    @Post()
    @ApiCreateScheduleTrack(version)
    create(@CurrentUser() auth: AuthUser, @Body() dto: CreateScheduleTrackDto): Promise<ScheduleTrackDto> {
      return this.tracks.create(auth, dto);
    }

    @Get()
    @ApiListScheduleTracks(version)
    async list(
      @CurrentUser() auth: AuthUser,
      @Req() req: Request,
      @Query() query: ListScheduleTracksQueryDto,
    ): Promise<DrfPage<ScheduleTrackDto>> {
      const pr = query.toPageRequest(50);
      return toDrfPage(req, pr, await this.tracks.list(auth, version, pr, query));
    }

    @Get(':id')
    @ApiGetScheduleTrack(version)
    get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ScheduleTrackDto> {
      return this.tracks.get(auth, id);
    }

    @Patch(':id')
    @ApiUpdateScheduleTrack(version)
    update(
      @CurrentUser() auth: AuthUser,
      @Param('id', IdPipe) id: number,
      @Body() dto: UpdateScheduleTrackDto,
    ): Promise<ScheduleTrackDto> {
      return this.tracks.update(auth, id, dto);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiDeleteScheduleTrack(version)
    remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
      return this.tracks.remove(auth, id);
    }
  }
  return named(
    ScheduleTracksController,
    version === 'v1' ? 'ScheduleTracksController' : 'ScheduleTracksV11Controller',
  );
}

export const ScheduleTracksController = scheduleTracksController('v1');
export const ScheduleTracksV11Controller = scheduleTracksController('v1.1');
