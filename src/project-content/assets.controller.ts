import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../common/auth-user';
import { CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { mediaUrlBase } from '../common/media-links';
import { AssetsService } from './assets.service';
import {
  CreateContentDocs,
  CreateVoteDocs,
  DeleteContentDocs,
  GetContentDocs,
  ListContentDocs,
  ListVotesDocs,
  UpdateContentDocs,
} from './content.openapi';
import { CreateVoteDto, VoteCountDto, VoteDto } from './dto/vote.dto';
import { VotesService } from './votes.service';
import {
  AssetDetailQueryDto,
  AssetDto,
  CreateAssetDto,
  ListAssetsQueryDto,
  UpdateAssetDto,
} from './dto/asset.dto';

/** Roundware API v2 `/api/2/assets/`: a project's recordings; each `file` is an absolute media URL. */
@ApiTags('roundware')
@Controller('api/2/assets')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly votes: VotesService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ListContentDocs(
    'listRoundwareAssets',
    'assets',
    AssetDto,
    '`project_id`, `session_id`, `tag_ids` (all of, `3,8`), `tag_ids_or` (any of), `envelope_id`, `media_type`, ' +
      '`submitted`, `audiolength__lte`/`__gte` (seconds), `created__gte`/`__lte`, `updated__gte`/`__lte` ' +
      '(date-times, naive = UTC), `description`, `filename` (substrings)',
  )
  list(
    @CurrentUser() auth: AuthUser,
    @Query() query: ListAssetsQueryDto,
    @Req() req: Request,
  ): Promise<AssetDto[]> {
    return this.assets.list(auth, query, mediaUrlBase(req, this.config.http.publicUrl));
  }

  @Post()
  @CreateContentDocs('createRoundwareAsset', 'asset', CreateAssetDto, AssetDto, {
    project_id: 1,
    description: 'Birdsong at dawn',
    latitude: 40.7,
    longitude: -73.9,
    tag_ids: [3],
  })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateAssetDto, @Req() req: Request): Promise<AssetDto> {
    return this.assets.create(auth, dto, mediaUrlBase(req, this.config.http.publicUrl));
  }

  @Get(':id')
  @GetContentDocs('getRoundwareAsset', 'asset', AssetDto)
  get(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Query() _query: AssetDetailQueryDto,
    @Req() req: Request,
  ): Promise<AssetDto> {
    return this.assets.get(auth, id, mediaUrlBase(req, this.config.http.publicUrl));
  }

  @Patch(':id')
  @UpdateContentDocs('updateRoundwareAsset', 'asset', UpdateAssetDto, AssetDto)
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateAssetDto,
    @Req() req: Request,
  ): Promise<AssetDto> {
    return this.assets.update(auth, id, dto, mediaUrlBase(req, this.config.http.publicUrl));
  }

  @Delete(':id')
  @DeleteContentDocs('deleteRoundwareAsset', 'asset')
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.assets.remove(auth, id);
  }

  @Get(':id/votes')
  @ListVotesDocs()
  listVotes(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<VoteCountDto[]> {
    return this.votes.counts(auth, id);
  }

  @Post(':id/votes')
  @CreateVoteDocs()
  vote(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: CreateVoteDto,
  ): Promise<VoteDto> {
    return this.votes.vote(auth, id, dto);
  }
}
