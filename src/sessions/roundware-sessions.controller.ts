import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDrfErrors } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { type DrfPage, requestedPage, toDrfPage } from '../common/pagination';
import { IdPipe } from '../common/validation';
import {
  CreateRoundwareSessionDto,
  RoundwareCountDto,
  RoundwareSessionDto,
  RoundwareSessionFiltersDto,
  RoundwareSessionListQueryDto,
  UpdateRoundwareSessionDto,
} from './dto/roundware-session.dto';
import {
  CREATE_ROUNDWARE_SESSION_EXAMPLES,
  CREATED_ROUNDWARE_SESSION_EXAMPLES,
  ENDED_ROUNDWARE_SESSION_EXAMPLES,
  ROUNDWARE_SESSION_EXAMPLES,
  UPDATE_ROUNDWARE_SESSION_EXAMPLES,
} from './dto/seed-examples';
import { ListRoundwareSessionsDocs } from './roundware-sessions.openapi';
import { RoundwareSessionsService } from './roundware-sessions.service';

const FILTERS_400 = {
  status: 400,
  description:
    'A filter value that cannot be read (not an id, not a boolean, unknown language) or an unknown parameter',
  example: { geo_listen_enabled: ['Must be a valid boolean.'] },
};

const VISIBILITY =
  "Users see the sessions they started; operators and admins see all. Another user's session answers 404.";

/**
 * Roundware API v2 client sessions. Paths work with and without the trailing slash.
 * `GET /api/2/sessions/{id}/history/` is in `src/events/roundware-session-history.controller.ts`.
 */
@ApiTags('roundware')
@Controller('api/2/sessions')
@Auth()
export class RoundwareSessionsController {
  constructor(private readonly sessions: RoundwareSessionsService) {}

  @Get()
  @ListRoundwareSessionsDocs(FILTERS_400)
  list(
    @CurrentUser() auth: AuthUser,
    @Query() query: RoundwareSessionListQueryDto,
    @Req() req: Request,
  ): Promise<RoundwareSessionDto[] | DrfPage<RoundwareSessionDto>> {
    const pr = requestedPage(query, 50);
    if (!pr) return this.sessions.list(auth, query);
    return this.sessions.page(auth, query, pr).then((page) => toDrfPage(req, pr, page));
  }

  @Get('count')
  @ApiOperation({
    operationId: 'countRoundwareSessions',
    summary: 'How many sessions match the filters',
    description:
      'The number of sessions `GET /api/2/sessions/` would list for the same filters (counted in SQL, ' +
      'same visibility: users count their own sessions, operators and admins all).',
  })
  @ApiOkResponse({ type: RoundwareCountDto })
  @ApiDrfErrors(FILTERS_400)
  count(
    @CurrentUser() auth: AuthUser,
    @Query() filters: RoundwareSessionFiltersDto,
  ): Promise<RoundwareCountDto> {
    return this.sessions.count(auth, filters);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getRoundwareSession',
    summary: 'One session',
    description: `One session in Roundware's v2 shape (11 keys). ${VISIBILITY}`,
  })
  @ApiOkResponse({ type: RoundwareSessionDto, examples: ROUNDWARE_SESSION_EXAMPLES })
  @ApiDrfErrors({ status: 404, description: "No such session, or another user's" })
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<RoundwareSessionDto> {
    return this.sessions.get(auth, id);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'createRoundwareSession',
    summary: 'Start a session (answers 200, as Roundware does); emits a start_session event',
    description:
      'Starts a session owned by the caller in a project they can see, and records a `start_session` ' +
      "event. Required: `project_id`, `client_system`. `device_id` is the caller's registered device " +
      "(never taken from the body); `client_type` defaults to the device registration's; " +
      '`geo_listen_enabled` to the project\'s; `demo_stream_enabled` to false; `timezone` to `"0000"`. ' +
      'Language: `language` (a code; `en-US` names `en`) wins over `language_id`; neither → `en` (id 1). ' +
      "`starttime` is the server's clock. All field errors are reported together.",
  })
  @ApiBody({ type: CreateRoundwareSessionDto, examples: CREATE_ROUNDWARE_SESSION_EXAMPLES })
  @ApiOkResponse({
    type: RoundwareSessionDto,
    description: "The new session (keys in the order of the seed's POST answer)",
    examples: CREATED_ROUNDWARE_SESSION_EXAMPLES,
  })
  @ApiDrfErrors({
    status: 400,
    description:
      'A missing or invalid field; a project the caller cannot see; an unknown language or language_id; a `device_id` or `starttime` in the body',
    example: {
      project_id: ['Invalid pk "9" - object does not exist.'],
      language: ['"xx" is not a known ISO 639-1 language code.'],
    },
  })
  create(
    @CurrentUser() auth: AuthUser,
    @Body() dto: CreateRoundwareSessionDto,
  ): Promise<RoundwareSessionDto> {
    return this.sessions.create(auth, dto);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateRoundwareSession',
    summary: 'End a session: set its stoptime (default now); emits a stop_session event',
    description:
      'Ends a running session at `stoptime` (default now; naive = UTC, offsets converted) and records a ' +
      '`stop_session` event. `stoptime` is the only field accepted; it must not be before `starttime`. ' +
      'The owner, operators and admins may end a session. A session that has already ended answers 409 ' +
      '(of concurrent stops exactly one wins). ' +
      VISIBILITY,
  })
  @ApiBody({ type: UpdateRoundwareSessionDto, examples: UPDATE_ROUNDWARE_SESSION_EXAMPLES })
  @ApiOkResponse({
    type: RoundwareSessionDto,
    description: 'The ended session',
    examples: ENDED_ROUNDWARE_SESSION_EXAMPLES,
  })
  @ApiDrfErrors(
    {
      status: 400,
      description: '`stoptime` unreadable, null or before `starttime`; any other field',
      example: { stoptime: ['stoptime must not be before starttime.'] },
    },
    { status: 404, description: "No such session, or another user's" },
    {
      status: 409,
      description: 'The session has already ended',
      example: { detail: 'This session has already been stopped.' },
    },
  )
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateRoundwareSessionDto,
  ): Promise<RoundwareSessionDto> {
    return this.sessions.update(auth, id, dto);
  }
}
