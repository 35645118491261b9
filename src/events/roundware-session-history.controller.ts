import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDrfErrors } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { SessionHistoryDto } from './dto/event.dto';
import { EventsService } from './events.service';

/**
 * `GET /api/2/sessions/{id}/history/` (Roundware). It lives in the events module, beside the events it
 * reads; the rest of `/api/2/sessions/` is in `src/sessions/roundware-sessions.controller.ts`.
 */
@ApiTags('roundware')
@Controller('api/2/sessions')
export class SessionHistoryController {
  constructor(private readonly events: EventsService) {}

  @Get(':id/history')
  @Auth()
  @ApiOperation({
    operationId: 'getSessionHistory',
    summary: 'A session and its events, in order',
    description:
      'A session in the shape of `GET /api/2/sessions/{id}/` and all of its events in id order (the ' +
      'server records `start_session` and `stop_session` itself). Users see the sessions they started; ' +
      "operators and admins see all; another user's session answers 404. Without pagination, a session " +
      'with more than EVENTS_LIST_MAX_ROWS events answers 400: use `GET /api/2/events/?session_id=…&page_size=…`.',
  })
  @ApiOkResponse({ type: SessionHistoryDto })
  @ApiDrfErrors(
    {
      status: 400,
      description:
        'The session has more than EVENTS_LIST_MAX_ROWS events (page through `GET /api/2/events/` instead)',
      example: {
        detail:
          'More than 10000 events match. Ask for pages with page_size (and page), narrow the filters, or download them all from /api/2/events/export/.',
      },
    },
    { status: 404, description: "No such session, or another user's" },
  )
  history(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<SessionHistoryDto> {
    return this.events.history(auth, id);
  }
}
