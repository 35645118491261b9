import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDrfErrors } from '../common/api-responses';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/dto/id-param';
import type { DrfPage } from '../common/pagination';
import {
  CreateEventDto,
  EventBatchResultDto,
  EventDto,
  EventExportQueryDto,
  EventListQueryDto,
} from './dto/event.dto';
import { EventsService } from './events.service';

const SEED_EVENT: EventDto = {
  id: 10,
  server_time: '2017-06-07T22:41:50.556694',
  client_time: '2017-05-06T22:55:15.114568',
  event_type: 'heartbeat',
  data: 'some random data',
  latitude: '1.2345',
  longitude: '2.3456',
  session_id: 1,
  tag_ids: '3,8',
};

/** Roundware API v2 events (`/api/2/events/`), DRF dialect. */
@ApiTags('roundware')
@ApiExtraModels(EventDto)
@Controller('api/2/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @Auth()
  @ApiOperation({
    operationId: 'listEvents',
    summary: 'List events (plain array; one DRF page with page_size/page)',
    description:
      'Events of the sessions the caller can see, in id order. Without page_size a result larger than ' +
      'EVENTS_LIST_MAX_ROWS (default 10,000) answers 400: paginate or use the export.',
  })
  @ApiOkResponse({
    description: 'A plain array of events, or `{count, next, previous, results}` when paginated',
    schema: {
      oneOf: [
        { type: 'array', items: { $ref: getSchemaPath(EventDto) } },
        {
          type: 'object',
          properties: {
            count: { type: 'integer' },
            next: { type: 'string', format: 'uri', nullable: true },
            previous: { type: 'string', format: 'uri', nullable: true },
            results: { type: 'array', items: { $ref: getSchemaPath(EventDto) } },
          },
        },
      ],
    },
  })
  @ApiDrfErrors(400, 404)
  list(
    @CurrentUser() auth: AuthUser,
    @Query() query: EventListQueryDto,
    @Req() req: Request,
  ): Promise<EventDto[] | DrfPage<EventDto>> {
    return this.events.list(auth, query, req);
  }

  @Post()
  @HttpCode(200)
  @Auth()
  @ApiOperation({
    operationId: 'createEvent',
    summary: 'Record an event in a session the caller can see (200, as upstream)',
  })
  @ApiOkResponse({ type: EventDto, description: 'The stored event', example: SEED_EVENT })
  @ApiDrfErrors(400)
  create(@CurrentUser() auth: AuthUser, @Body() body: CreateEventDto): Promise<EventDto> {
    return this.events.create(auth, body);
  }

  @Post('batch')
  @Auth()
  @ApiOperation({
    operationId: 'createEventBatch',
    summary: 'Record up to 1,000 events in one transaction (all or nothing)',
    description:
      'A JSON array of event bodies. If any item is invalid nothing is stored and the 400 body is a ' +
      'list with one entry per item: `{}` for good items, field errors for bad ones.',
  })
  @ApiBody({ type: [CreateEventDto] })
  @ApiResponse({ status: 201, type: EventBatchResultDto, description: 'All events were stored' })
  @ApiDrfErrors(400, 413)
  createBatch(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<EventBatchResultDto> {
    return this.events.createBatch(auth, body);
  }

  @Get('export')
  @Auth()
  @ApiOperation({
    operationId: 'exportEvents',
    summary: 'Stream the filtered events as CSV or NDJSON',
    description: 'Same filters as the list; streamed from the database in chunks, no size limit.',
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiOkResponse({
    description: 'CSV with a header row (RFC 4180), or one JSON event per line',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { type: 'string' } },
    },
  })
  @ApiDrfErrors(400)
  export(@CurrentUser() auth: AuthUser, @Query() query: EventExportQueryDto): StreamableFile {
    const file = this.events.export(auth, query);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ operationId: 'getEvent', summary: 'One event of a session the caller can see' })
  @ApiOkResponse({ type: EventDto, example: { ...SEED_EVENT, id: 1, tag_ids: '3,22,8' } })
  @ApiDrfErrors(404)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<EventDto> {
    return this.events.get(auth, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ roles: [Role.Admin] })
  @ApiOperation({ operationId: 'deleteEvent', summary: 'Delete an event (admin)' })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiDrfErrors(404)
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.events.remove(auth, id);
  }
}
