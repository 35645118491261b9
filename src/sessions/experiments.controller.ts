import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { DrfPage, toDrfPage } from '../common/pagination';
import { CreateExperimentDto, ExperimentDto } from './dto/experiment.dto';
import { ExperimentSessionsDto } from './dto/experiment-session.dto';
import { ExperimentSessionsService } from './experiment-sessions.service';
import { EXPERIMENT_SESSIONS_OF_EXPERIMENT_EXAMPLES } from './dto/seed-examples';
import { toExperiment } from './experiments.mapper';
import { ProjectsService } from './projects.service';

const VISIBILITY =
  "Users see the experiments they own; operators and admins see all (another user's answers 404).";
const NOT_FOUND = { status: 404, description: "No such experiment, or another user's" };

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
    description:
      'Creates a project owned by the caller. It is the `project_id` of Roundware sessions and the ' +
      '`experiment_id` of AERPAW sessions. `name` is required (1–255 characters); `description` defaults ' +
      'to empty, `geo_listen_enabled` and `demo_stream_enabled` to false.',
  })
  @ApiBody({
    type: CreateExperimentDto,
    examples: {
      walk: {
        summary: 'A sound walk',
        value: { name: 'Walking tour', description: 'Sound walk along the river', geo_listen_enabled: true },
      },
    },
  })
  @ApiCreatedResponse({ type: ExperimentDto, description: 'The new experiment' })
  @ApiDrfErrors({
    status: 400,
    description: 'A missing, blank or too long `name`, a wrong type, or an unknown field',
    example: { name: ['This field is required.'] },
  })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateExperimentDto): Promise<ExperimentDto> {
    return this.projects.create(auth, dto);
  }

  @Get()
  @ApiOperation({
    operationId: 'listExperiments',
    summary: 'Experiments, newest first (paginated)',
    description:
      "One page of experiments in DRF's envelope, newest first (by id), 100 per page by default " +
      `(\`page_size\` up to 500). ${VISIBILITY.split(' (')[0]}.`,
  })
  @ApiDrfPage(ExperimentDto)
  @ApiDrfErrors({
    status: 400,
    description: 'A page or page_size that cannot be read, or an unknown parameter',
    example: { page_size: ['Ensure this value is less than or equal to 500.'] },
  })
  async list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: PageQueryDto,
  ): Promise<DrfPage<ExperimentDto>> {
    const pr = query.toPageRequest(EXPERIMENTS_PAGE_SIZE);
    return toDrfPage(req, pr, await this.projects.list(auth, pr));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getExperiment', summary: 'One experiment', description: VISIBILITY })
  @ApiOkResponse({ type: ExperimentDto })
  @ApiDrfErrors(NOT_FOUND)
  async get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ExperimentDto> {
    return toExperiment(await this.projects.get(auth, id));
  }

  @Get(':id/sessions')
  @ApiOperation({
    operationId: 'listExperimentSessionsOfExperiment',
    summary: 'The sessions of one experiment',
    description:
      'All sessions of a visible experiment that the caller can see (operators and admins: all; others: ' +
      'their own), newest first, unpaginated, under `experiment_sessions`. An experiment the caller ' +
      'cannot see answers 404.',
  })
  @ApiOkResponse({ type: ExperimentSessionsDto, examples: EXPERIMENT_SESSIONS_OF_EXPERIMENT_EXAMPLES })
  @ApiDrfErrors(NOT_FOUND)
  sessionsOf(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ExperimentSessionsDto> {
    return this.sessions.ofExperiment(auth, id);
  }
}
