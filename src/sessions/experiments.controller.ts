import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/dto/id-param';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { DrfPage } from '../common/pagination';
import { CreateExperimentDto, ExperimentDto } from './dto/experiment.dto';
import { ExperimentSessionsDto } from './dto/experiment-session.dto';
import { ExperimentSessionsService } from './experiment-sessions.service';
import { toExperiment } from './experiments.mapper';
import { ProjectsService } from './projects.service';

/** Default page size of `GET /api/experiments`. */
export const EXPERIMENTS_PAGE_SIZE = 100;

/** AERPAW experiments: the projects of the Roundware view, read with the same visibility as sessions. */
@ApiTags('experiments')
@Controller('api/experiments')
@Auth()
export class ExperimentsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly sessions: ExperimentSessionsService,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createExperiment',
    summary: 'Create an experiment (a project) owned by the caller',
  })
  @ApiCreatedResponse({ type: ExperimentDto })
  @ApiDrfErrors(400)
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateExperimentDto): Promise<ExperimentDto> {
    return this.projects.create(auth, dto);
  }

  @Get()
  @ApiOperation({ operationId: 'listExperiments', summary: 'Experiments, newest first (paginated)' })
  @ApiDrfPage(ExperimentDto)
  @ApiDrfErrors(400, 404)
  list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: PageQueryDto,
  ): Promise<DrfPage<ExperimentDto>> {
    return this.projects.list(auth, req, query.toPageRequest(EXPERIMENTS_PAGE_SIZE));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getExperiment', summary: 'One experiment' })
  @ApiOkResponse({ type: ExperimentDto })
  @ApiDrfErrors(404)
  async get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ExperimentDto> {
    return toExperiment(await this.projects.get(auth, id));
  }

  @Get(':id/sessions')
  @ApiOperation({
    operationId: 'listExperimentSessionsOfExperiment',
    summary: 'The sessions of one experiment',
  })
  @ApiOkResponse({ type: ExperimentSessionsDto })
  @ApiDrfErrors(404)
  sessionsOf(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ExperimentSessionsDto> {
    return this.sessions.ofExperiment(auth, id);
  }
}
