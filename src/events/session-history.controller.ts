import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDrfErrors } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/dto/id-param';
import { SessionHistoryDto } from './dto/event.dto';
import { EventsService } from './events.service';

/** `GET /api/2/sessions/:id/history/` — lives with the events it reads. */
@ApiTags('roundware')
@Controller('api/2/sessions')
export class SessionHistoryController {
  constructor(private readonly events: EventsService) {}

  @Get(':id/history')
  @Auth()
  @ApiOperation({ operationId: 'getSessionHistory', summary: 'A session and its events, in order' })
  @ApiOkResponse({ type: SessionHistoryDto })
  @ApiDrfErrors(400, 404)
  history(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<SessionHistoryDto> {
    return this.events.history(auth, id);
  }
}
