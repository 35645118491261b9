import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/dto/id-param';
import { DrfPage } from '../common/pagination';
import {
  ExperimentSessionDetailDto,
  ExperimentSessionDto,
  ExperimentSessionQueryDto,
  StartExperimentSessionDto,
} from './dto/experiment-session.dto';
import { ExperimentSessionsService } from './experiment-sessions.service';

/** Default page size of `GET /api/sessions`. */
export const EXPERIMENT_SESSIONS_PAGE_SIZE = 100;

/** AERPAW experiment sessions: operators and admins see all, everyone else their own. */
@ApiTags('experiments')
@Controller('api/sessions')
export class ExperimentSessionsController {
  constructor(private readonly sessions: ExperimentSessionsService) {}

  @Get()
  @Auth()
  @ApiOperation({ operationId: 'listExperimentSessions', summary: 'Sessions, newest first (paginated)' })
  @ApiDrfPage(ExperimentSessionDto)
  @ApiDrfErrors(400, 404)
  list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: ExperimentSessionQueryDto,
  ): Promise<DrfPage<ExperimentSessionDto>> {
    return this.sessions.list(auth, req, query.toPageRequest(EXPERIMENT_SESSIONS_PAGE_SIZE), {
      experimentId: query.experiment_id,
      active: query.active,
    });
  }

  @Post()
  @Auth()
  @ApiOperation({
    operationId: 'startExperimentSession',
    summary: 'Start a session in an experiment; emits a start_session event',
  })
  @ApiCreatedResponse({ type: ExperimentSessionDetailDto })
  @ApiDrfErrors(400)
  start(
    @CurrentUser() auth: AuthUser,
    @Body() dto: StartExperimentSessionDto,
  ): Promise<ExperimentSessionDetailDto> {
    return this.sessions.start(auth, dto);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({
    operationId: 'getExperimentSession',
    summary: 'One session, with who created and modified it',
  })
  @ApiOkResponse({ type: ExperimentSessionDetailDto })
  @ApiDrfErrors(404)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ExperimentSessionDetailDto> {
    return this.sessions.get(auth, id);
  }

  @Post(':id/stop')
  @Auth()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'stopExperimentSession',
    summary: 'End a session; emits a stop_session event',
  })
  @ApiOkResponse({ type: ExperimentSessionDetailDto })
  @ApiDrfErrors(404, 409)
  stop(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ExperimentSessionDetailDto> {
    return this.sessions.stop(auth, id);
  }

  @Delete(':id')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteExperimentSession', summary: 'Delete a session (admin)' })
  @ApiNoContentResponse({ description: 'Deleted, with its events' })
  @ApiDrfErrors(404)
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.sessions.remove(auth, id);
  }
}
