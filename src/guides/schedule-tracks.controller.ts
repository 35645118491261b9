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
  UseGuards,
} from '@nestjs/common';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/dto/id-param';
import { DrfPage } from '../common/pagination';
import {
  CreateScheduleTrackDto,
  ListScheduleTracksQueryDto,
  ScheduleTrackDto,
  UpdateScheduleTrackDto,
} from './dto/schedule-track.dto';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { ScheduleTracksService } from './schedule-tracks.service';

/** Guidebook Open API v1 schedule tracks (`/open-api/v1/schedule-tracks/`). */
@ApiTags('guidebook')
@Controller('open-api/v1/schedule-tracks')
@Auth()
@UseGuards(GuidebookDailyLimitGuard)
export class ScheduleTracksController {
  constructor(private readonly tracks: ScheduleTracksService) {}

  @Post()
  @ApiOperation({ operationId: 'createScheduleTrack', summary: 'Create a schedule track in a guide you own' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiCreatedResponse({ type: ScheduleTrackDto })
  @ApiDrfErrors(400, 403, 429)
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateScheduleTrackDto): Promise<ScheduleTrackDto> {
    return this.tracks.create(auth, dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listScheduleTracks', summary: 'Schedule tracks of the guides you can see' })
  @ApiDrfPage(ScheduleTrackDto)
  @ApiDrfErrors(400, 404, 429)
  list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: ListScheduleTracksQueryDto,
  ): Promise<DrfPage<ScheduleTrackDto>> {
    return this.tracks.list(auth, req, query.toPageRequest(50), query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getScheduleTrack', summary: 'One schedule track' })
  @ApiOkResponse({ type: ScheduleTrackDto })
  @ApiDrfErrors(404, 429)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ScheduleTrackDto> {
    return this.tracks.get(auth, id);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateScheduleTrack', summary: 'Change the sent fields of a schedule track' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOkResponse({ type: ScheduleTrackDto })
  @ApiDrfErrors(400, 403, 404, 429)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateScheduleTrackDto,
  ): Promise<ScheduleTrackDto> {
    return this.tracks.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOperation({
    operationId: 'deleteScheduleTrack',
    summary: "Delete a schedule track (the guide's owner or an admin: content editing)",
  })
  @ApiDrfErrors(403, 404, 429)
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.tracks.remove(auth, id);
  }
}
