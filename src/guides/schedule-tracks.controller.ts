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
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
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
import { IdPipe } from '../common/validation';
import { DrfPage, toDrfPage } from '../common/pagination';
import {
  CreateScheduleTrackDto,
  ListScheduleTracksQueryDto,
  ScheduleTrackDto,
  UpdateScheduleTrackDto,
} from './dto/schedule-track.dto';
import { GUIDE_WRITE_403, GUIDEBOOK_429, GUIDEBOOK_DESCRIPTION_NOTE } from './dto/seed-examples';
import { FormBodyInterceptor } from './form-body.interceptor';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { ScheduleTracksService } from './schedule-tracks.service';

const NOT_FOUND = { status: 404, description: "No such schedule track, or one of another user's guide" };
const TRACK_EXAMPLE = { guide: 1, name: 'Keynotes', color: '#000080' };

/** Guidebook Open API v1 schedule tracks (`/open-api/v1/schedule-tracks/`). */
@ApiTags('guidebook')
@Controller('open-api/v1/schedule-tracks')
@Auth()
@UseGuards(GuidebookDailyLimitGuard)
@UseInterceptors(FormBodyInterceptor)
export class ScheduleTracksController {
  constructor(private readonly tracks: ScheduleTracksService) {}

  @Post()
  @ApiOperation({
    operationId: 'createScheduleTrack',
    summary: 'Create a schedule track in a guide you own',
    description:
      'Creates a track (a colour-coded group of sessions) in a guide. Required: `guide`, `name`; `color` ' +
      '(`#rrggbb`) is optional and answers `null` when absent. A guide the caller cannot see answers 400 on `guide`; one they can only read (an ' +
      `operator's view of another owner's guide) answers 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({
    type: CreateScheduleTrackDto,
    examples: { keynotes: { summary: 'A track', value: TRACK_EXAMPLE } },
  })
  @ApiCreatedResponse({ type: ScheduleTrackDto, description: 'The new track' })
  @ApiDrfErrors(
    {
      status: 400,
      description: 'A missing or invalid field, or a guide the caller cannot see',
      example: { guide: ['Invalid pk "9" - object does not exist.'], name: ['This field is required.'] },
    },
    GUIDE_WRITE_403,
    GUIDEBOOK_429,
  )
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateScheduleTrackDto): Promise<ScheduleTrackDto> {
    return this.tracks.create(auth, dto);
  }

  @Get()
  @ApiOperation({
    operationId: 'listScheduleTracks',
    summary: 'Schedule tracks of the guides you can see',
    description:
      "One page of tracks in DRF's envelope, by id, 50 per page by default (`page_size` up to 500). " +
      'Filters: `guide`, `id`, `import_id` (exact). A filter value that cannot match anything (not an ' +
      `id, given twice) answers 400. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
  })
  @ApiDrfPage(ScheduleTrackDto)
  @ApiDrfErrors(
    {
      status: 400,
      description: 'A filter, page or page_size that cannot be read, or an unknown parameter',
      example: { guide: ['A valid integer is required.'] },
    },
    GUIDEBOOK_429,
  )
  async list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: ListScheduleTracksQueryDto,
  ): Promise<DrfPage<ScheduleTrackDto>> {
    const pr = query.toPageRequest(50);
    return toDrfPage(req, pr, await this.tracks.list(auth, pr, query));
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getScheduleTrack',
    summary: 'One schedule track',
    description: GUIDEBOOK_DESCRIPTION_NOTE,
  })
  @ApiOkResponse({ type: ScheduleTrackDto })
  @ApiDrfErrors(NOT_FOUND, GUIDEBOOK_429)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ScheduleTrackDto> {
    return this.tracks.get(auth, id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateScheduleTrack',
    summary: 'Change the sent fields of a schedule track',
    description:
      "Changes only the fields sent. `guide` cannot change (it may be sent unchanged). The guide's " +
      `owner or an admin may change it; an operator who can read it gets 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({
    type: UpdateScheduleTrackDto,
    examples: { recolor: { summary: 'A new colour', value: { color: '#008000' } } },
  })
  @ApiOkResponse({ type: ScheduleTrackDto, description: 'The changed track' })
  @ApiDrfErrors(
    {
      status: 400,
      description: 'An invalid field, or a different `guide`',
      example: { guide: ['The guide of a schedule track cannot be changed.'] },
    },
    GUIDE_WRITE_403,
    NOT_FOUND,
    GUIDEBOOK_429,
  )
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
    description:
      "Deletes the track; its sessions stay, without it. The guide's owner or an admin may delete it " +
      `(content editing, so not admin-only); an operator who can read it gets 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
  })
  @ApiDrfErrors(GUIDE_WRITE_403, NOT_FOUND, GUIDEBOOK_429)
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.tracks.remove(auth, id);
  }
}
