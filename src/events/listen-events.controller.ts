import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { type DrfPage, requestedPage, toDrfPage } from '../common/pagination';
import { IdPipe } from '../common/validation';
import {
  CreateListenEventDto,
  ListenEventCountDto,
  ListenEventDto,
  ListenEventFiltersDto,
  ListenEventListQueryDto,
  UpdateListenEventDto,
} from './dto/listen-event.dto';
import {
  CountListenEventsDocs,
  CreateListenEventDocs,
  DeleteListenEventDocs,
  GetListenEventDocs,
  ListListenEventsDocs,
  UpdateListenEventDocs,
} from './listen-events.openapi';
import { ListenEventsService } from './listen-events.service';

/** Roundware API v2 listen events (`/api/2/listenevents/`, upstream's ListenEventViewSet), DRF dialect. */
@ApiTags('roundware')
@Controller('api/2/listenevents')
export class ListenEventsController {
  constructor(private readonly listenEvents: ListenEventsService) {}

  @Get()
  @Auth()
  @ListListenEventsDocs()
  list(
    @CurrentUser() auth: AuthUser,
    @Query() query: ListenEventListQueryDto,
    @Req() req: Request,
  ): Promise<ListenEventDto[] | DrfPage<ListenEventDto>> {
    const pr = requestedPage(query, 50);
    if (!pr) return this.listenEvents.list(auth, query);
    return this.listenEvents.page(auth, query, pr).then((page) => toDrfPage(req, pr, page));
  }

  @Get('count')
  @Auth()
  @CountListenEventsDocs()
  count(
    @CurrentUser() auth: AuthUser,
    @Query() filters: ListenEventFiltersDto,
  ): Promise<ListenEventCountDto> {
    return this.listenEvents.count(auth, filters);
  }

  @Get(':id')
  @Auth()
  @GetListenEventDocs()
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<ListenEventDto> {
    return this.listenEvents.get(auth, id);
  }

  @Post()
  @HttpCode(200)
  @Auth()
  @CreateListenEventDocs()
  create(@CurrentUser() auth: AuthUser, @Body() body: CreateListenEventDto): Promise<ListenEventDto> {
    return this.listenEvents.create(auth, body);
  }

  @Patch(':id')
  @Auth()
  @UpdateListenEventDocs()
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateListenEventDto,
  ): Promise<ListenEventDto> {
    return this.listenEvents.update(auth, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ roles: [Role.Admin] })
  @DeleteListenEventDocs()
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.listenEvents.remove(auth, id);
  }
}
