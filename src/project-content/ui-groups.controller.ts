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
import { CreateUiGroupDto, ListUiGroupsQueryDto, UiGroupDto, UpdateUiGroupDto } from './dto/ui.dto';
import { UiService } from './ui.service';

/** Roundware API v2 `/api/2/uigroups/`: how a project's tags are grouped in the client UI. */
@ApiTags('roundware')
@Controller('api/2/uigroups')
export class UiGroupsController {
  constructor(private readonly ui: UiService) {}

  @Get()
  @ListContentDocs('listRoundwareUiGroups', 'UI groups', UiGroupDto, '`project_id`, `ui_mode`, `active`')
  list(@CurrentUser() auth: AuthUser, @Query() query: ListUiGroupsQueryDto): Promise<UiGroupDto[]> {
    return this.ui.listGroups(auth, query);
  }

  @Post()
  @CreateContentDocs('createRoundwareUiGroup', 'UI group', CreateUiGroupDto, UiGroupDto, {
    project_id: 1,
    name: 'Listen to',
    group_short_name: 'Topics',
    header_text: 'What do you want to hear?',
    ui_mode: 'listen',
    select: 'multi',
    index: 1,
  })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateUiGroupDto): Promise<UiGroupDto> {
    return this.ui.createGroup(auth, dto);
  }

  @Get(':id')
  @GetContentDocs('getRoundwareUiGroup', 'UI group', UiGroupDto)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<UiGroupDto> {
    return this.ui.getGroup(auth, id);
  }

  @Patch(':id')
  @UpdateContentDocs('updateRoundwareUiGroup', 'UI group', UpdateUiGroupDto, UiGroupDto)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateUiGroupDto,
  ): Promise<UiGroupDto> {
    return this.ui.updateGroup(auth, id, dto);
  }

  @Delete(':id')
  @DeleteContentDocs('deleteRoundwareUiGroup', 'UI group')
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.ui.removeGroup(auth, id);
  }
}
