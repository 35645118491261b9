import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDrfErrors } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { UiConfigDto, UiConfigQueryDto } from './dto/ui.dto';
import { UiService } from './ui.service';

/** `GET /api/2/projects/:id/uiconfig/`: what `Roundware.connect()` awaits first. */
@ApiTags('roundware')
@Controller('api/2/projects')
export class ProjectUiConfigController {
  constructor(private readonly ui: UiService) {}

  @Get(':id/uiconfig')
  @Auth()
  @ApiOperation({
    operationId: 'getRoundwareUiConfig',
    summary: "A project's UI configuration",
    description:
      "Upstream's `{listen: [group], speak: [group]}`: the project's active UI groups of each mode by index, " +
      'each with its active items by index. In `listen`, one item per tag and `parent_id` always null. A project ' +
      'without groups answers `{"listen": [], "speak": []}` (which the client accepts). `session_id` is accepted ' +
      '(the client always sends it); texts are stored in one language and not localised. A project the caller ' +
      'cannot see answers 404.',
  })
  @ApiOkResponse({ type: UiConfigDto })
  @ApiDrfErrors(
    { status: 400, description: 'A `session_id` that is not an id, or an unknown parameter' },
    { status: 404, description: 'No such project, or one the caller cannot see' },
  )
  get(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Query() _query: UiConfigQueryDto,
  ): Promise<UiConfigDto> {
    return this.ui.uiconfig(auth, id);
  }
}
