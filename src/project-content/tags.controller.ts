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
import { TagDto, CreateTagDto, ListTagsQueryDto, UpdateTagDto } from './dto/tag.dto';
import { TagsService } from './tags.service';

/** Roundware API v2 `/api/2/tags/`: authenticated reads, admin writes. */
@ApiTags('roundware')
@Controller('api/2/tags')
export class TagsController {
  constructor(private readonly service: TagsService) {}

  @Get()
  @ListContentDocs('listRoundwareTags', 'tags', TagDto, '`project_id`, `description` and `data` (substrings)')
  list(@CurrentUser() auth: AuthUser, @Query() query: ListTagsQueryDto): Promise<TagDto[]> {
    return this.service.list(auth, query);
  }

  @Post()
  @CreateContentDocs('createRoundwareTag', 'tag', CreateTagDto, TagDto, {
    project_id: 1,
    value: 'birds',
    msg: 'Birds',
  })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateTagDto): Promise<TagDto> {
    return this.service.create(auth, dto);
  }

  @Get(':id')
  @GetContentDocs('getRoundwareTag', 'tag', TagDto)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<TagDto> {
    return this.service.get(auth, id);
  }

  @Patch(':id')
  @UpdateContentDocs('updateRoundwareTag', 'tag', UpdateTagDto, TagDto)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateTagDto,
  ): Promise<TagDto> {
    return this.service.update(auth, id, dto);
  }

  @Delete(':id')
  @DeleteContentDocs('deleteRoundwareTag', 'tag')
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.service.remove(auth, id);
  }
}
