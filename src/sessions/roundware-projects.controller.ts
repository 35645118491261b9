import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDrfErrors } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/dto/id-param';
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
  @ApiOperation({ operationId: 'getRoundwareProject', summary: 'One project' })
  @ApiOkResponse({ type: RoundwareProjectDto })
  @ApiDrfErrors(404)
  async get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<RoundwareProjectDto> {
    return toRoundwareProject(await this.projects.get(auth, id));
  }
}
