import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import {
  CreateContentDocs,
  DeleteContentDocs,
  GetContentDocs,
  ListContentDocs,
  UpdateContentDocs,
} from './content.openapi';
import { CreateUiItemDto, ListUiItemsQueryDto, UiItemDto, UpdateUiItemDto } from './dto/ui.dto';
import { UiService } from './ui.service';

/** Roundware API v2 `/api/2/uiitems/`: the tags shown in a UI group. */
@ApiTags('roundware')
@Controller('api/2/uiitems')
export class UiItemsController {
  constructor(private readonly ui: UiService) {}

  @Get()
  @ListContentDocs(
    'listRoundwareUiItems',
    'UI items',
    UiItemDto,
    '`project_id`, `ui_group_id`, `tag_id`, `active`',
  )
  list(@CurrentUser() auth: AuthUser, @Query() query: ListUiItemsQueryDto): Promise<UiItemDto[]> {
    return this.ui.listItems(auth, query);
  }

  @Post()
  @CreateContentDocs('createRoundwareUiItem', 'UI item', CreateUiItemDto, UiItemDto, {
    ui_group_id: 1,
    tag_id: 3,
    index: 1,
    default: true,
    active: true,
  })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateUiItemDto): Promise<UiItemDto> {
    return this.ui.createItem(auth, dto);
  }

  @Get(':id')
  @GetContentDocs('getRoundwareUiItem', 'UI item', UiItemDto)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<UiItemDto> {
    return this.ui.getItem(auth, id);
  }

  @Patch(':id')
  @UpdateContentDocs('updateRoundwareUiItem', 'UI item', UpdateUiItemDto, UiItemDto)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateUiItemDto,
  ): Promise<UiItemDto> {
    return this.ui.updateItem(auth, id, dto);
  }

  @Delete(':id')
  @DeleteContentDocs('deleteRoundwareUiItem', 'UI item')
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.ui.removeItem(auth, id);
  }
}
