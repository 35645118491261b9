import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Logger,
  Param,
  Post,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { type DrfPage, requestedPage, toDrfPage } from '../common/pagination';
import {
  CreateEventDto,
  EventBatchIdsDto,
  EventBatchQueryDto,
  EventBatchResultDto,
  EventDto,
  EventExportQueryDto,
  EventListQueryDto,
} from './dto/event.dto';
import {
  CreateEventBatchDocs,
  CreateEventDocs,
  DeleteEventDocs,
  ExportEventsDocs,
  GetEventDocs,
  ListEventsDocs,
} from './events.openapi';
import { EventsService } from './events.service';

/** Roundware API v2 events (`/api/2/events/`), DRF dialect. */
@ApiTags('roundware')
@ApiExtraModels(EventDto)
@Controller('api/2/events')
export class EventsController {
  private readonly logger = new Logger(EventsController.name);

  constructor(private readonly events: EventsService) {}

  @Get()
  @Auth()
  @ListEventsDocs()
  list(
    @CurrentUser() auth: AuthUser,
    @Query() query: EventListQueryDto,
    @Req() req: Request,
  ): Promise<EventDto[] | DrfPage<EventDto>> {
    const pr = requestedPage(query, 50);
    if (!pr) return this.events.list(auth, query);
    return this.events.page(auth, query, pr).then((page) => toDrfPage(req, pr, page));
  }

  @Post()
  @HttpCode(200)
  @Auth()
  @CreateEventDocs()
  create(@CurrentUser() auth: AuthUser, @Body() body: CreateEventDto): Promise<EventDto> {
    return this.events.create(auth, body);
  }

  @Post('batch')
  @Auth()
  @CreateEventBatchDocs()
  createBatch(
    @CurrentUser() auth: AuthUser,
    @Body() body: unknown,
    @Query() query: EventBatchQueryDto,
  ): Promise<EventBatchResultDto | EventBatchIdsDto> {
    return this.events.createBatch(auth, body, query.echo ?? true);
  }

  @Get('export')
  @Auth()
  @ExportEventsDocs()
  async export(@CurrentUser() auth: AuthUser, @Query() query: EventExportQueryDto): Promise<StreamableFile> {
    const file = await this.events.export(auth, query);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    }).setErrorHandler((err, res) => {
      // After the first byte the status is sent: the only honest signal left is an aborted response
      // (the socket is destroyed, so a chunked body never gets its terminating chunk).
      this.logger.error(
        { err, route: 'exportEvents' },
        'Event export failed while streaming; response aborted',
      );
      res.destroy?.(err);
    });
  }

  @Get(':id')
  @Auth()
  @GetEventDocs()
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<EventDto> {
    return this.events.get(auth, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ roles: [Role.Admin] })
  @DeleteEventDocs()
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.events.remove(auth, id);
  }
}
