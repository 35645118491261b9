import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiArray, ApiDrfErrors } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/dto/id-param';
import {
  CreateRoundwareSessionDto,
  RoundwareCountDto,
  RoundwareSessionDto,
  RoundwareSessionFiltersDto,
  UpdateRoundwareSessionDto,
} from './dto/roundware-session.dto';
import { RoundwareSessionsService } from './roundware-sessions.service';

/** Roundware API v2 client sessions. Paths work with and without the trailing slash. */
@ApiTags('roundware')
@Controller('api/2/sessions')
@Auth()
export class RoundwareSessionsController {
  constructor(private readonly sessions: RoundwareSessionsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listRoundwareSessions',
    summary: 'Sessions matching the filters (plain array)',
  })
  @ApiArray(RoundwareSessionDto)
  @ApiDrfErrors(400)
  list(
    @CurrentUser() auth: AuthUser,
    @Query() filters: RoundwareSessionFiltersDto,
  ): Promise<RoundwareSessionDto[]> {
    return this.sessions.list(auth, filters);
  }

  @Get('count')
  @ApiOperation({ operationId: 'countRoundwareSessions', summary: 'How many sessions match the filters' })
  @ApiOkResponse({ type: RoundwareCountDto })
  @ApiDrfErrors(400)
  count(
    @CurrentUser() auth: AuthUser,
    @Query() filters: RoundwareSessionFiltersDto,
  ): Promise<RoundwareCountDto> {
    return this.sessions.count(auth, filters);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getRoundwareSession', summary: 'One session' })
  @ApiOkResponse({ type: RoundwareSessionDto })
  @ApiDrfErrors(404)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<RoundwareSessionDto> {
    return this.sessions.get(auth, id);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'createRoundwareSession',
    summary: 'Start a session (answers 200, as Roundware does); emits a start_session event',
  })
  @ApiOkResponse({ type: RoundwareSessionDto, description: 'The new session' })
  @ApiDrfErrors(400)
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
  })
  @ApiOkResponse({ type: RoundwareSessionDto })
  @ApiDrfErrors(400, 404, 409)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateRoundwareSessionDto,
  ): Promise<RoundwareSessionDto> {
    return this.sessions.update(auth, id, dto);
  }
}
