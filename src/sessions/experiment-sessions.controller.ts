import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { DrfPage, toDrfPage } from '../common/pagination';
import {
  ExperimentSessionDetailDto,
  ExperimentSessionDto,
  ExperimentSessionQueryDto,
  StartExperimentSessionDto,
} from './dto/experiment-session.dto';
import { ExperimentSessionsService } from './experiment-sessions.service';
import {
  EXPERIMENT_SESSION_DETAIL_EXAMPLES,
  EXPERIMENT_SESSION_PAGE_EXAMPLES,
  START_EXPERIMENT_SESSION_EXAMPLES,
  STARTED_EXPERIMENT_SESSION_EXAMPLES,
  STOPPED_EXPERIMENT_SESSION_EXAMPLES,
} from './dto/seed-examples';

const VISIBILITY =
  "Operators and admins see every session; other users only the sessions they started (another user's answers 404).";
const NOT_FOUND = { status: 404, description: "No such session, or another user's" };

/** Default page size of `GET /api/sessions`. */
export const EXPERIMENT_SESSIONS_PAGE_SIZE = 100;

/** AERPAW experiment sessions: operators and admins see all, everyone else their own. */
@ApiTags('experiments')
@Controller('api/sessions')
export class ExperimentSessionsController {
  constructor(private readonly sessions: ExperimentSessionsService) {}

  @Get()
  @Auth()
  @ApiOperation({
    operationId: 'listExperimentSessions',
    summary: 'Sessions, newest first (paginated)',
    description:
      "One page of sessions in DRF's envelope, newest first (by id), 100 per page by default " +
      '(`page_size` up to 500). Filters: `experiment_id` (an unknown one is an empty page) and `active`. ' +
      `${VISIBILITY.split(' (')[0]}.`,
  })
  @ApiDrfPage(ExperimentSessionDto)
  @ApiResponse({ status: 200, examples: EXPERIMENT_SESSION_PAGE_EXAMPLES })
  @ApiDrfErrors({
    status: 400,
    description:
      'A page, page_size, experiment_id or active value that cannot be read, or an unknown parameter',
    example: { experiment_id: ['Enter a whole number.'] },
  })
  async list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: ExperimentSessionQueryDto,
  ): Promise<DrfPage<ExperimentSessionDto>> {
    const pr = query.toPageRequest(EXPERIMENT_SESSIONS_PAGE_SIZE);
    const filters = { experimentId: query.experiment_id, active: query.active };
    return toDrfPage(req, pr, await this.sessions.list(auth, pr, filters));
  }

  @Post()
  @Auth()
  @ApiOperation({
    operationId: 'startExperimentSession',
    summary: 'Start a session in an experiment; emits a start_session event',
    description:
      'Starts a running session owned by the caller (`started_by`, `created_by`) in an experiment they ' +
      'can see, of `session_type` (default `development`), and records a `start_session` event. The ' +
      'same session appears in the Roundware view (`GET /api/2/sessions/{id}/`) without language, ' +
      'client system or timezone.',
  })
  @ApiBody({ type: StartExperimentSessionDto, examples: START_EXPERIMENT_SESSION_EXAMPLES })
  @ApiCreatedResponse({
    type: ExperimentSessionDetailDto,
    description: 'The new session, running',
    examples: STARTED_EXPERIMENT_SESSION_EXAMPLES,
  })
  @ApiDrfErrors({
    status: 400,
    description:
      'A missing or non-integer `experiment_id`, an experiment the caller cannot see, an unknown `session_type`, or another field',
    example: { experiment_id: ['Invalid pk "9" - object does not exist.'] },
  })
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
    description: `The list item plus \`created_by\`/\`created_time\` and the last start or stop (\`modified_by\`/\`modified_time\`). ${VISIBILITY}`,
  })
  @ApiOkResponse({ type: ExperimentSessionDetailDto, examples: EXPERIMENT_SESSION_DETAIL_EXAMPLES })
  @ApiDrfErrors(NOT_FOUND)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ExperimentSessionDetailDto> {
    return this.sessions.get(auth, id);
  }

  @Post(':id/stop')
  @Auth()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'stopExperimentSession',
    summary: 'End a session; emits a stop_session event',
    description:
      'Ends a running session now (`ended_by` = the caller) and records a `stop_session` event. The ' +
      'owner, operators and admins may stop it; a session that has already ended answers 409 (of ' +
      `concurrent stops exactly one wins). ${VISIBILITY}`,
  })
  @ApiOkResponse({
    type: ExperimentSessionDetailDto,
    description: 'The ended session',
    examples: STOPPED_EXPERIMENT_SESSION_EXAMPLES,
  })
  @ApiDrfErrors(NOT_FOUND, {
    status: 409,
    description: 'The session has already ended',
    example: { detail: 'This session has already been stopped.' },
  })
  stop(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ExperimentSessionDetailDto> {
    return this.sessions.stop(auth, id);
  }

  @Delete(':id')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteExperimentSession',
    summary: 'Delete a session (admin)',
    description:
      'Deletes the session from both views (AERPAW and Roundware) together with its events. Admins only.',
  })
  @ApiNoContentResponse({ description: 'Deleted, with its events' })
  @ApiDrfErrors({ status: 404, description: 'No such session' })
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.sessions.remove(auth, id);
  }
}
