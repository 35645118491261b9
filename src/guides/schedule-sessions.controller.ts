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
  CreateScheduleSessionDto,
  ListScheduleSessionsQueryDto,
  ScheduleSessionDto,
  UpdateScheduleSessionDto,
} from './dto/schedule-session.dto';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { ScheduleSessionsService } from './schedule-sessions.service';

/** Guidebook Open API v1 schedule sessions (`/open-api/v1/sessions/`). */
@ApiTags('guidebook')
@Controller('open-api/v1/sessions')
@Auth()
@UseGuards(GuidebookDailyLimitGuard)
export class ScheduleSessionsController {
  constructor(private readonly sessions: ScheduleSessionsService) {}

  @Post()
  @ApiOperation({ operationId: 'createScheduleSession', summary: 'Create a session in a guide you own' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiCreatedResponse({ type: ScheduleSessionDto })
  @ApiDrfErrors(400, 403, 429)
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateScheduleSessionDto): Promise<ScheduleSessionDto> {
    return this.sessions.create(auth, dto);
  }

  @Get()
  @ApiOperation({
    operationId: 'listScheduleSessions',
    summary: 'Sessions of the guides you can see (filters, ordering, pages)',
  })
  @ApiDrfPage(ScheduleSessionDto)
  @ApiDrfErrors(400, 404, 429)
  list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: ListScheduleSessionsQueryDto,
  ): Promise<DrfPage<ScheduleSessionDto>> {
    return this.sessions.list(auth, req, query.toPageRequest(50), query);
  }

  /**
   * The seed's own example fetches `'{}guide=47'.format(session_url)`, i.e. `/open-api/v1/sessions/guide=47`
   * without a `?`. Clients copied from it get the list of that guide instead of a 404.
   */
  @Get('guide=:guide')
  @ApiOperation({
    operationId: 'listScheduleSessionsOfGuide',
    summary: "The seed's literal `/sessions/guide=N` form of `/sessions/?guide=N`",
    description:
      "Guidebook's own example builds this URL without a `?`; it answers the same list as `?guide=N` so such clients work.",
  })
  @ApiDrfPage(ScheduleSessionDto)
  @ApiDrfErrors(400, 404, 429)
  listOfGuideSeedPath(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Param('guide', IdPipe) guide: number,
    @Query() query: ListScheduleSessionsQueryDto,
  ): Promise<DrfPage<ScheduleSessionDto>> {
    return this.sessions.list(auth, req, query.toPageRequest(50), Object.assign(query, { guide }));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getScheduleSession', summary: 'One session' })
  @ApiOkResponse({ type: ScheduleSessionDto })
  @ApiDrfErrors(404, 429)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ScheduleSessionDto> {
    return this.sessions.get(auth, id);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateScheduleSession', summary: 'Change the sent fields of a session' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOkResponse({ type: ScheduleSessionDto })
  @ApiDrfErrors(400, 403, 404, 429)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateScheduleSessionDto,
  ): Promise<ScheduleSessionDto> {
    return this.sessions.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOperation({
    operationId: 'deleteScheduleSession',
    summary: "Delete a session (the guide's owner or an admin: content editing)",
  })
  @ApiDrfErrors(403, 404, 429)
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.sessions.remove(auth, id);
  }
}
