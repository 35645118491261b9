import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthService } from '../auth/auth.service';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser, Public } from '../common/decorators/auth.decorator';
import { sendMedia } from '../media/media.module';
import { CoverDocs, ItemFileDocs, SessionTrackDocs } from './catalogue.openapi';
import { CoverQueryDto, MediaTokenQueryDto } from './dto/catalogue.dto';
import { LibraryMediaService } from './library-media.service';

/** Audiobookshelf's media URLs: audio files, covers and session tracks, over HTTP with Range. */
@ApiTags('audiobookshelf')
@Controller('audiobookshelf')
export class LibraryMediaController {
  constructor(
    private readonly media: LibraryMediaService,
    private readonly auth: AuthService,
  ) {}

  @Get('api/items/:id/file/:ino')
  @Auth({ queryToken: true })
  @ItemFileDocs()
  async file(
    @CurrentUser() auth: AuthUser,
    @Param('id') id: string,
    @Param('ino') ino: string,
    @Query() _query: MediaTokenQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    await sendMedia(res, await this.media.itemFile(auth, id, ino), 'text');
  }

  @Get('api/items/:id/cover')
  @Public()
  @CoverDocs()
  async cover(@Param('id') id: string, @Query() _query: CoverQueryDto, @Res() res: Response): Promise<void> {
    await sendMedia(res, await this.media.cover(id), 'text');
  }

  @Get('public/session/:id/track/:index')
  @Public()
  @SessionTrackDocs()
  async track(
    @Param('id') id: string,
    @Param('index') index: string,
    @Headers('authorization') authorization: string | undefined,
    @Query() query: MediaTokenQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const caller = await this.auth.userFromCredentials(authorization, query.token);
    if (caller === false) {
      res.status(401).type('text/plain').send('Unauthorized');
      return;
    }
    const n = /^\d{1,4}$/.test(index) ? Number(index) : -1;
    await sendMedia(res, n < 0 ? null : await this.media.sessionTrack(id, n, caller), 'text');
  }
}
