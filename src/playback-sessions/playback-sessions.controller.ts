import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAbsErrors } from '../common/api-responses';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { ClientIp } from '../common/decorators/client-ip.decorator';
import { LenientBody } from './dto/lenient-body.decorator';
import {
  AbsPageQueryDto,
  BatchDeleteSessionsDto,
  CloseSessionDto,
  ListeningStatsDto,
  ListeningStatsItemDto,
  ListSessionsQueryDto,
  LocalSessionDto,
  LocalSessionsDto,
  LocalSyncResultDto,
  LocalSyncResultsDto,
  MediaProgressDto,
  PlaybackSessionDto,
  PlaybackSessionExpandedDto,
  PlayItemDto,
  SessionListDto,
  SessionPageDto,
  SyncSessionDto,
} from './dto/sessions.dto';
import { PlaybackSessionsService } from './playback-sessions.service';

/** Audiobookshelf listening sessions: open, sync, close, local uploads, lists, stats and progress. */
@ApiTags('audiobookshelf')
@ApiExtraModels(ListeningStatsItemDto)
@Controller('audiobookshelf/api')
export class PlaybackSessionsController {
  constructor(private readonly sessions: PlaybackSessionsService) {}

  @Post('items/:id/play')
  @Auth()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'playAbsItem',
    summary: 'Open a listening session on a book; unknown body fields are ignored',
  })
  @ApiBody({ type: PlayItemDto, required: false })
  @ApiOkResponse({ type: PlaybackSessionExpandedDto })
  @ApiAbsErrors(400, 404)
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
  @ApiOperation({
    operationId: 'playAbsEpisode',
    summary: 'Open a listening session on a podcast episode; unknown body fields are ignored',
  })
  @ApiBody({ type: PlayItemDto, required: false })
  @ApiOkResponse({ type: PlaybackSessionExpandedDto })
  @ApiAbsErrors(400, 404)
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
  @ApiOperation({
    operationId: 'syncAbsLocalSession',
    summary: 'Upload a local (offline) session; unknown Playback Session fields are ignored',
  })
  @ApiBody({ type: LocalSessionDto })
  @ApiOkResponse({ type: LocalSyncResultDto })
  @ApiAbsErrors(400, 404, 409)
  syncLocal(
    @CurrentUser() auth: AuthUser,
    @LenientBody(LocalSessionDto) dto: LocalSessionDto,
  ): Promise<LocalSyncResultDto> {
    return this.sessions.syncLocal(auth, dto);
  }

  @Post('session/local-all')
  @Auth()
  @HttpCode(200)
  @ApiOperation({ operationId: 'syncAbsLocalSessions', summary: 'Upload several local sessions' })
  @ApiBody({ type: LocalSessionsDto })
  @ApiOkResponse({ type: LocalSyncResultsDto })
  @ApiAbsErrors(400)
  syncLocalAll(
    @CurrentUser() auth: AuthUser,
    @LenientBody(LocalSessionsDto) dto: LocalSessionsDto,
  ): Promise<LocalSyncResultsDto> {
    return this.sessions.syncLocalAll(auth, dto.sessions);
  }

  @Get('session/:id')
  @Auth()
  @ApiOperation({ operationId: 'getAbsOpenSession', summary: 'An open session, with its tracks and item' })
  @ApiOkResponse({ type: PlaybackSessionExpandedDto })
  @ApiAbsErrors(404)
  getOpen(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<PlaybackSessionExpandedDto> {
    return this.sessions.getOpen(auth, id);
  }

  @Post('session/:id/sync')
  @Auth()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'syncAbsSession',
    summary: 'Sync the position and listening time of an open session',
  })
  @ApiOkResponse({ type: PlaybackSessionDto })
  @ApiAbsErrors(400, 404)
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
  @ApiOperation({
    operationId: 'closeAbsSession',
    summary: 'Close an open session, optionally syncing it first',
  })
  @ApiOkResponse({ type: PlaybackSessionDto })
  @ApiAbsErrors(400, 404)
  close(
    @CurrentUser() auth: AuthUser,
    @Param('id') id: string,
    @Body() dto: CloseSessionDto,
  ): Promise<PlaybackSessionDto> {
    return this.sessions.close(auth, id, dto);
  }

  @Get('sessions')
  @Auth()
  @ApiOperation({
    operationId: 'listAbsSessions',
    summary: 'All listening sessions (operators and admins; 404 for users, as upstream)',
  })
  @ApiOkResponse({ type: SessionListDto })
  @ApiAbsErrors(400, 404)
  list(@CurrentUser() auth: AuthUser, @Query() query: ListSessionsQueryDto): Promise<SessionListDto> {
    return this.sessions.list(auth, query);
  }

  @Get('sessions/open')
  @Auth()
  @ApiOperation({
    operationId: 'listAbsOpenSessions',
    summary: 'Open sessions of everyone (operators and admins)',
  })
  @ApiOkResponse({ type: SessionPageDto })
  @ApiAbsErrors(400, 404)
  listOpen(@CurrentUser() auth: AuthUser, @Query() query: AbsPageQueryDto): Promise<SessionPageDto> {
    return this.sessions.listOpen(auth, query);
  }

  @Post('sessions/batch/delete')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(200)
  @ApiOperation({ operationId: 'deleteAbsSessions', summary: 'Delete several sessions (admin)' })
  @ApiOkResponse({ description: 'Deleted (ids that did not exist are skipped)' })
  @ApiAbsErrors(400, 404)
  removeMany(@CurrentUser() auth: AuthUser, @Body() dto: BatchDeleteSessionsDto): Promise<void> {
    return this.sessions.removeMany(auth, dto.sessions);
  }

  @Delete('sessions/:id')
  @Auth({ roles: [Role.Admin] })
  @ApiOperation({ operationId: 'deleteAbsSession', summary: 'Delete a session (admin)' })
  @ApiOkResponse({ description: 'Deleted' })
  @ApiAbsErrors(404)
  remove(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<void> {
    return this.sessions.remove(auth, id);
  }

  @Get('me/listening-sessions')
  @Auth()
  @ApiOperation({ operationId: 'listAbsOwnSessions', summary: "The caller's sessions, newest first" })
  @ApiOkResponse({ type: SessionPageDto })
  @ApiAbsErrors(400)
  listOwn(@CurrentUser() auth: AuthUser, @Query() query: AbsPageQueryDto): Promise<SessionPageDto> {
    return this.sessions.listOwn(auth, query);
  }

  @Get('me/listening-stats')
  @Auth()
  @ApiOperation({ operationId: 'getAbsListeningStats', summary: "The caller's listening totals" })
  @ApiOkResponse({ type: ListeningStatsDto })
  stats(@CurrentUser() auth: AuthUser): Promise<ListeningStatsDto> {
    return this.sessions.stats(auth);
  }

  @Get('me/progress/:libraryItemId')
  @Auth()
  @ApiOperation({ operationId: 'getAbsItemProgress', summary: "The caller's progress in a book" })
  @ApiOkResponse({ type: MediaProgressDto })
  @ApiAbsErrors(404)
  progress(
    @CurrentUser() auth: AuthUser,
    @Param('libraryItemId') libraryItemId: string,
  ): Promise<MediaProgressDto> {
    return this.sessions.getProgress(auth, libraryItemId, null);
  }

  @Get('me/progress/:libraryItemId/:episodeId')
  @Auth()
  @ApiOperation({
    operationId: 'getAbsEpisodeProgress',
    summary: "The caller's progress in a podcast episode",
  })
  @ApiOkResponse({ type: MediaProgressDto })
  @ApiAbsErrors(404)
  episodeProgress(
    @CurrentUser() auth: AuthUser,
    @Param('libraryItemId') libraryItemId: string,
    @Param('episodeId') episodeId: string,
  ): Promise<MediaProgressDto> {
    return this.sessions.getProgress(auth, libraryItemId, episodeId);
  }
}
