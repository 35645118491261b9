import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiAbsErrors } from '../common/api-responses';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { CatalogueService } from './catalogue.service';
import { CreateLibraryDto, CreateLibraryItemDto, LibraryDto, LibraryItemDto } from './dto/catalogue.dto';

/** The small Audiobookshelf media catalogue that playback sessions play from. */
@ApiTags('audiobookshelf')
@Controller('audiobookshelf/api')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Post('libraries')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'createAbsLibrary',
    summary: 'Create a library of books or podcasts (admin)',
    description:
      'Our own endpoint (Audiobookshelf scans folders instead): creates an empty library of `book` or ' +
      '`podcast` items, with one virtual folder. Every user sees every library. Answers 200 like the rest ' +
      'of the surface.',
  })
  @ApiOkResponse({ type: LibraryDto, description: 'The new library' })
  @ApiAbsErrors({
    status: 400,
    description: '`name` missing, empty or over 255 characters, or an unknown `mediaType`',
  })
  createLibrary(@CurrentUser() auth: AuthUser, @Body() dto: CreateLibraryDto): Promise<LibraryDto> {
    return this.catalogue.createLibrary(auth, dto);
  }

  @Post('libraries/:id/items')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'createAbsLibraryItem',
    summary: 'Add a book (with audio files) or a podcast (with episodes) to a library (admin)',
    description:
      "Our own endpoint: adds an item to a library, in the library's media type. A book needs at least one " +
      'audio file (its tracks, in order) and no episodes; a podcast at least one episode (each with one audio ' +
      'file) and no audio files. Durations are seconds, more than 0 and at most 10 days. Ids, paths, ' +
      '`contentUrl`s and MIME types (from the file extension when not given) are assigned by the server; ' +
      'this server does not store or stream audio.',
  })
  @ApiParam({ name: 'id', description: 'Library id (`lib_…`)', example: 'lib_p9wkw2i85qy9oltijt' })
  @ApiOkResponse({ type: LibraryItemDto, description: 'The new library item' })
  @ApiAbsErrors(
    {
      status: 400,
      description:
        'A field that fails validation, audio files in a podcast library or episodes in a book library, or ' +
        'an item without any',
      example: 'media.audioFiles: A book needs at least one audio file.',
    },
    { status: 404, description: 'No library with this id', example: 'Library not found' },
  )
  createItem(
    @CurrentUser() auth: AuthUser,
    @Param('id') libraryId: string,
    @Body() dto: CreateLibraryItemDto,
  ): Promise<LibraryItemDto> {
    return this.catalogue.createItem(auth, libraryId, dto);
  }

  @Get('items/:id')
  @Auth()
  @ApiOperation({
    operationId: 'getAbsLibraryItem',
    summary: 'A library item',
    description:
      'A library item with its whole media (metadata, cover, audio files and tracks for a book, episodes for ' +
      'a podcast) and files. Every user sees every library, so any caller may read any item.',
  })
  @ApiParam({ name: 'id', description: 'Library item id (`li_…`)', example: 'li_bufnnmp4y5o2gbbxfm' })
  @ApiOkResponse({ type: LibraryItemDto, description: 'The library item' })
  @ApiAbsErrors({ status: 404, description: 'No library item with this id' })
  getItem(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<LibraryItemDto> {
    return this.catalogue.getItem(auth, id);
  }
}
