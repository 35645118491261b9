import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { IdPipe } from '../common/validation';
import { ArrayBodyPipe } from './dto/array-body.pipe';
import type { AbsUserDto } from './dto/abs-auth.dto';
import { LenientBody } from './dto/lenient-body.decorator';
import {
  AbsPageQueryDto,
  BatchDeleteSessionsDto,
  BatchProgressUpdateDto,
  CloseSessionDto,
  ItemsInProgressDto,
  ItemsInProgressQueryDto,
  ListeningStatsDto,
  ListeningStatsItemDto,
  ListSessionsQueryDto,
  LocalSessionDto,
  LocalSessionsDto,
  LocalSyncResultDto,
  LocalSyncResultsDto,
  MAX_BATCH_PROGRESS,
  MediaProgressDto,
  OpenSessionsQueryDto,
  PlaybackSessionDto,
  PlaybackSessionExpandedDto,
  PlayItemDto,
  ProgressUpdateDto,
  SessionListDto,
  OpenSessionsDto,
  SessionPageDto,
  SyncSessionDto,
} from './dto/sessions.dto';
import { PlaybackSessionsService } from './playback-sessions.service';
import {
  OK_TEXT,
  PlayDocs,
  PlayEpisodeDocs,
  SyncLocalDocs,
  SyncLocalAllDocs,
  GetOpenDocs,
  SyncDocs,
  CloseDocs,
  ListDocs,
  ListOpenDocs,
  RemoveManyDocs,
  RemoveDocs,
  ListOwnDocs,
  StatsDocs,
  ProgressDocs,
  EpisodeProgressDocs,
  UpdateProgressDocs,
  UpdateEpisodeProgressDocs,
  UpdateProgressBatchDocs,
  RemoveProgressDocs,
  HideProgressDocs,
  ItemsInProgressDocs,
  ListOwnItemSessionsDocs,
  ListOwnEpisodeSessionsDocs,
  ListUserSessionsDocs,
  UserStatsDocs,
} from './playback-sessions.openapi';

/** Audiobookshelf listening sessions: open, sync, close, local uploads, lists, stats and progress. */
@ApiTags('audiobookshelf')
@ApiExtraModels(ListeningStatsItemDto)
@Controller('audiobookshelf/api')
export class PlaybackSessionsController {
  constructor(private readonly sessions: PlaybackSessionsService) {}

  @Post('items/:id/play')
  @Auth()
  @HttpCode(200)
  @PlayDocs()
  play(
    @CurrentUser() auth: AuthUser,
    @Param('id') itemId: string,
    @LenientBody(PlayItemDto, { optional: true }) dto: PlayItemDto,
    @ClientIp() ip: string,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<PlaybackSessionExpandedDto> {
    return this.sessions.play(auth, itemId, null, dto, { ip, userAgent });
  }

  @Post('items/:id/play/:episodeId')
  @Auth()
  @HttpCode(200)
  @PlayEpisodeDocs()
  playEpisode(
    @CurrentUser() auth: AuthUser,
    @Param('id') itemId: string,
    @Param('episodeId') episodeId: string,
    @LenientBody(PlayItemDto, { optional: true }) dto: PlayItemDto,
    @ClientIp() ip: string,
    @Headers('user-agent') userAgent: string | undefined,
  ): Promise<PlaybackSessionExpandedDto> {
    return this.sessions.play(auth, itemId, episodeId, dto, { ip, userAgent });
  }

  @Post('session/local')
  @Auth()
  @HttpCode(200)
  @SyncLocalDocs()
  syncLocal(
    @CurrentUser() auth: AuthUser,
    @LenientBody(LocalSessionDto) dto: LocalSessionDto,
  ): Promise<LocalSyncResultDto> {
    return this.sessions.syncLocal(auth, dto);
  }

  @Post('session/local-all')
  @Auth()
  @HttpCode(200)
  @SyncLocalAllDocs()
  syncLocalAll(
    @CurrentUser() auth: AuthUser,
    @LenientBody(LocalSessionsDto) dto: LocalSessionsDto,
  ): Promise<LocalSyncResultsDto> {
    return this.sessions.syncLocalAll(auth, dto.sessions);
  }

  @Get('session/:id')
  @Auth()
  @GetOpenDocs()
  getOpen(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<PlaybackSessionExpandedDto> {
    return this.sessions.getOpen(auth, id);
  }

  @Post('session/:id/sync')
  @Auth()
  @HttpCode(200)
  @SyncDocs()
  sync(
    @CurrentUser() auth: AuthUser,
    @Param('id') id: string,
    @Body() dto: SyncSessionDto,
  ): Promise<PlaybackSessionDto> {
    return this.sessions.sync(auth, id, dto);
  }

  @Post('session/:id/close')
  @Auth()
  @HttpCode(200)
  @CloseDocs()
  close(
    @CurrentUser() auth: AuthUser,
    @Param('id') id: string,
    @Body() dto: CloseSessionDto,
  ): Promise<PlaybackSessionDto> {
    return this.sessions.close(auth, id, dto);
  }

  @Get('sessions')
  @Auth({ roles: [Role.Admin, Role.Operator], denyAs: 404 })
  @ListDocs()
  list(@CurrentUser() auth: AuthUser, @Query() query: ListSessionsQueryDto): Promise<SessionListDto> {
    return this.sessions.list(auth, query);
  }

  @Get('sessions/open')
  @Auth({ roles: [Role.Admin, Role.Operator], denyAs: 404 })
  @ListOpenDocs()
  listOpen(@CurrentUser() auth: AuthUser, @Query() query: OpenSessionsQueryDto): Promise<OpenSessionsDto> {
    return this.sessions.listOpen(auth, query);
  }

  @Post('sessions/batch/delete')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @RemoveManyDocs()
  async removeMany(@CurrentUser() auth: AuthUser, @Body() dto: BatchDeleteSessionsDto): Promise<string> {
    await this.sessions.removeMany(auth, dto.sessions);
    return OK_TEXT;
  }

  @Delete('sessions/:id')
  @Auth({ roles: [Role.Admin] })
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @RemoveDocs()
  async remove(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<string> {
    await this.sessions.remove(auth, id);
    return OK_TEXT;
  }

  @Get('me/listening-sessions')
  @Auth()
  @ListOwnDocs()
  listOwn(@CurrentUser() auth: AuthUser, @Query() query: AbsPageQueryDto): Promise<SessionPageDto> {
    return this.sessions.listOwn(auth, query);
  }

  @Get('me/listening-stats')
  @Auth()
  @StatsDocs()
  stats(@CurrentUser() auth: AuthUser): Promise<ListeningStatsDto> {
    return this.sessions.stats(auth);
  }

  @Get('me/item/listening-sessions/:libraryItemId')
  @Auth()
  @ListOwnItemSessionsDocs()
  listOwnOfItem(
    @CurrentUser() auth: AuthUser,
    @Param('libraryItemId') libraryItemId: string,
    @Query() query: AbsPageQueryDto,
  ): Promise<SessionPageDto> {
    return this.sessions.listOwnOfItem(auth, libraryItemId, null, query);
  }

  @Get('me/item/listening-sessions/:libraryItemId/:episodeId')
  @Auth()
  @ListOwnEpisodeSessionsDocs()
  listOwnOfEpisode(
    @CurrentUser() auth: AuthUser,
    @Param('libraryItemId') libraryItemId: string,
    @Param('episodeId') episodeId: string,
    @Query() query: AbsPageQueryDto,
  ): Promise<SessionPageDto> {
    return this.sessions.listOwnOfItem(auth, libraryItemId, episodeId, query);
  }

  @Get('users/:id/listening-sessions')
  @Auth({ roles: [Role.Admin, Role.Operator], denyAs: 404 })
  @ListUserSessionsDocs()
  listOfUser(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) userId: number,
    @Query() query: AbsPageQueryDto,
  ): Promise<SessionPageDto> {
    return this.sessions.listOfUser(auth, userId, query);
  }

  @Get('users/:id/listening-stats')
  @Auth({ roles: [Role.Admin, Role.Operator], denyAs: 404 })
  @UserStatsDocs()
  statsOfUser(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) userId: number,
  ): Promise<ListeningStatsDto> {
    return this.sessions.statsOfUser(auth, userId);
  }

  @Get('me/items-in-progress')
  @Auth()
  @ItemsInProgressDocs()
  itemsInProgress(
    @CurrentUser() auth: AuthUser,
    @Query() query: ItemsInProgressQueryDto,
  ): Promise<ItemsInProgressDto> {
    return this.sessions.itemsInProgress(auth, query);
  }

  // before `me/progress/:libraryItemId/:episodeId`, which would otherwise take this path
  @Get('me/progress/:id/remove-from-continue-listening')
  @Auth()
  @HideProgressDocs()
  hideFromContinueListening(
    @CurrentUser() auth: AuthUser,
    @Param('id') progressId: string,
  ): Promise<AbsUserDto> {
    return this.sessions.hideFromContinueListening(auth, progressId);
  }

  @Get('me/progress/:id')
  @Auth()
  @ProgressDocs()
  progress(@CurrentUser() auth: AuthUser, @Param('id') libraryItemId: string): Promise<MediaProgressDto> {
    return this.sessions.getProgress(auth, libraryItemId, null);
  }

  @Get('me/progress/:libraryItemId/:episodeId')
  @Auth()
  @EpisodeProgressDocs()
  episodeProgress(
    @CurrentUser() auth: AuthUser,
    @Param('libraryItemId') libraryItemId: string,
    @Param('episodeId') episodeId: string,
  ): Promise<MediaProgressDto> {
    return this.sessions.getProgress(auth, libraryItemId, episodeId);
  }

  // before `me/progress/:libraryItemId/:episodeId`, which would otherwise take this path
  @Patch('me/progress/batch/update')
  @Auth()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @UpdateProgressBatchDocs()
  async updateProgressBatch(
    @CurrentUser() auth: AuthUser,
    @Body(new ArrayBodyPipe(BatchProgressUpdateDto, MAX_BATCH_PROGRESS, 'Missing request payload'))
    updates: BatchProgressUpdateDto[],
  ): Promise<string> {
    await this.sessions.updateProgressBatch(auth, updates);
    return OK_TEXT;
  }

  @Patch('me/progress/:id')
  @Auth()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @UpdateProgressDocs()
  async updateProgress(
    @CurrentUser() auth: AuthUser,
    @Param('id') libraryItemId: string,
    @Body() dto: ProgressUpdateDto,
  ): Promise<string> {
    await this.sessions.updateProgress(auth, libraryItemId, null, dto);
    return OK_TEXT;
  }

  @Patch('me/progress/:libraryItemId/:episodeId')
  @Auth()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @UpdateEpisodeProgressDocs()
  async updateEpisodeProgress(
    @CurrentUser() auth: AuthUser,
    @Param('libraryItemId') libraryItemId: string,
    @Param('episodeId') episodeId: string,
    @Body() dto: ProgressUpdateDto,
  ): Promise<string> {
    await this.sessions.updateProgress(auth, libraryItemId, episodeId, dto);
    return OK_TEXT;
  }

  @Delete('me/progress/:id')
  @Auth()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @RemoveProgressDocs()
  async removeProgress(@CurrentUser() auth: AuthUser, @Param('id') progressId: string): Promise<string> {
    await this.sessions.removeProgress(auth, progressId);
    return OK_TEXT;
  }
}
