import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @ApiOperation({ operationId: 'createAbsLibrary', summary: 'Create a library of books or podcasts (admin)' })
  @ApiOkResponse({ type: LibraryDto })
  @ApiAbsErrors(400)
  createLibrary(@CurrentUser() auth: AuthUser, @Body() dto: CreateLibraryDto): Promise<LibraryDto> {
    return this.catalogue.createLibrary(auth, dto);
  }

  @Post('libraries/:id/items')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(200)
  @ApiOperation({
    operationId: 'createAbsLibraryItem',
    summary: 'Add a book (with audio files) or a podcast (with episodes) to a library (admin)',
  })
  @ApiOkResponse({ type: LibraryItemDto })
  @ApiAbsErrors(400, 404)
  createItem(
    @CurrentUser() auth: AuthUser,
    @Param('id') libraryId: string,
    @Body() dto: CreateLibraryItemDto,
  ): Promise<LibraryItemDto> {
    return this.catalogue.createItem(auth, libraryId, dto);
  }

  @Get('items/:id')
  @Auth()
  @ApiOperation({ operationId: 'getAbsLibraryItem', summary: 'A library item' })
  @ApiOkResponse({ type: LibraryItemDto })
  @ApiAbsErrors(404)
  getItem(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<LibraryItemDto> {
    return this.catalogue.getItem(auth, id);
  }
}
