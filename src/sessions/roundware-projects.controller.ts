import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDrfErrors } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { RoundwareProjectDto } from './dto/roundware-project.dto';
import { ProjectsService } from './projects.service';
import { toRoundwareProject } from './roundware.mapper';

/** Roundware API v2 view of a project (the same row the experiment view calls an experiment). */
@ApiTags('roundware')
@Controller('api/2/projects')
@Auth()
export class RoundwareProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get(':id')
  @ApiOperation({
    operationId: 'getRoundwareProject',
    summary: 'One project',
    description:
      'The project fields the session rules read (`geo_listen_enabled` is the default of a new ' +
      "session's), in Roundware's names. Projects are created as AERPAW experiments " +
      '(`POST /api/experiments`); `project_id` here is their `experiment_id`. Users see the projects they ' +
      "own; operators and admins see all; another user's project answers 404.",
  })
  @ApiOkResponse({ type: RoundwareProjectDto })
  @ApiDrfErrors({ status: 404, description: "No such project, or another user's" })
  async get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<RoundwareProjectDto> {
    return toRoundwareProject(await this.projects.get(auth, id));
  }
}
