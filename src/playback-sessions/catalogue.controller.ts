import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import {
  CreateItemDocs,
  CreateLibraryDocs,
  GetItemDocs,
  GetLibraryDocs,
  ListItemsDocs,
  ListLibrariesDocs,
  PersonalizedDocs,
  ScanDocs,
} from './catalogue.openapi';
import { CatalogueService } from './catalogue.service';
import {
  CreateLibraryDto,
  CreateLibraryItemDto,
  ItemQueryDto,
  LibrariesDto,
  LibrariesQueryDto,
  LibraryDto,
  LibraryItemDto,
  LibraryItemExpandedDto,
  LibraryItemsPageDto,
  LibraryItemsQueryDto,
  LibraryQueryDto,
  LibraryWithFilterDataDto,
  PersonalizedQueryDto,
  ScanQueryDto,
  ScanReportDto,
  ShelfDto,
} from './dto/catalogue.dto';
import { LibraryBrowseService } from './library-browse.service';

/** The Audiobookshelf media catalogue: libraries (scanned from folders, or of JSON items) and their items. */
@ApiTags('audiobookshelf')
@Controller('audiobookshelf/api')
export class CatalogueController {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly browse: LibraryBrowseService,
  ) {}

  @Post('libraries')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(200)
  @CreateLibraryDocs()
  createLibrary(@CurrentUser() auth: AuthUser, @Body() dto: CreateLibraryDto): Promise<LibraryDto> {
    return this.catalogue.createLibrary(auth, dto);
  }

  @Get('libraries')
  @Auth()
  @ListLibrariesDocs()
  libraries(@CurrentUser() auth: AuthUser, @Query() query: LibrariesQueryDto): Promise<LibrariesDto> {
    return this.browse.libraries(auth, query);
  }

  @Get('libraries/:id')
  @Auth()
  @GetLibraryDocs()
  library(
    @CurrentUser() auth: AuthUser,
    @Param('id') id: string,
    @Query() query: LibraryQueryDto,
  ): Promise<LibraryDto | LibraryWithFilterDataDto> {
    return this.browse.library(auth, id, query);
  }

  @Post('libraries/:id/scan')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(200)
  @ScanDocs()
  scan(
    @CurrentUser() auth: AuthUser,
    @Param('id') id: string,
    @Query() _query: ScanQueryDto,
  ): Promise<ScanReportDto> {
    return this.catalogue.scan(auth, id);
  }

  @Get('libraries/:id/items')
  @Auth()
  @ListItemsDocs()
  items(
    @CurrentUser() auth: AuthUser,
    @Param('id') id: string,
    @Query() query: LibraryItemsQueryDto,
  ): Promise<LibraryItemsPageDto> {
    return this.browse.page(auth, id, query);
  }

  @Post('libraries/:id/items')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(200)
  @CreateItemDocs()
  createItem(
    @CurrentUser() auth: AuthUser,
    @Param('id') libraryId: string,
    @Body() dto: CreateLibraryItemDto,
  ): Promise<LibraryItemDto> {
    return this.catalogue.createItem(auth, libraryId, dto);
  }

  @Get('libraries/:id/personalized')
  @Auth()
  @PersonalizedDocs()
  personalized(
    @CurrentUser() auth: AuthUser,
    @Param('id') id: string,
    @Query() query: PersonalizedQueryDto,
  ): Promise<ShelfDto[]> {
    return this.browse.personalized(auth, id, query);
  }

  @Get('items/:id')
  @Auth()
  @GetItemDocs()
  getItem(
    @CurrentUser() auth: AuthUser,
    @Param('id') id: string,
    @Query() query: ItemQueryDto,
  ): Promise<LibraryItemExpandedDto> {
    return this.browse.item(auth, id, query);
  }
}
