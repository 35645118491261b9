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
import {
  TimedAssetDto,
  CreateTimedAssetDto,
  ListTimedAssetsQueryDto,
  UpdateTimedAssetDto,
} from './dto/timed-asset.dto';
import { TimedAssetsService } from './timed-assets.service';

/** Roundware API v2 `/api/2/timedassets/`: authenticated reads, admin writes. */
@ApiTags('roundware')
@Controller('api/2/timedassets')
export class TimedAssetsController {
  constructor(private readonly service: TimedAssetsService) {}

  @Get()
  @ListContentDocs(
    'listRoundwareTimedAssets',
    'timed assets',
    TimedAssetDto,
    '`project_id`, `asset_id`, `start__lte`, `start__gte`, `end__lte`, `end__gte` (seconds)',
  )
  list(@CurrentUser() auth: AuthUser, @Query() query: ListTimedAssetsQueryDto): Promise<TimedAssetDto[]> {
    return this.service.list(auth, query);
  }

  @Post()
  @CreateContentDocs('createRoundwareTimedAsset', 'timed asset', CreateTimedAssetDto, TimedAssetDto, {
    project_id: 1,
    asset_id: 5,
    start: 10,
    end: 20,
  })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateTimedAssetDto): Promise<TimedAssetDto> {
    return this.service.create(auth, dto);
  }

  @Get(':id')
  @GetContentDocs('getRoundwareTimedAsset', 'timed asset', TimedAssetDto)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<TimedAssetDto> {
    return this.service.get(auth, id);
  }

  @Patch(':id')
  @UpdateContentDocs('updateRoundwareTimedAsset', 'timed asset', UpdateTimedAssetDto, TimedAssetDto)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateTimedAssetDto,
  ): Promise<TimedAssetDto> {
    return this.service.update(auth, id, dto);
  }

  @Delete(':id')
  @DeleteContentDocs('deleteRoundwareTimedAsset', 'timed asset')
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.service.remove(auth, id);
  }
}
