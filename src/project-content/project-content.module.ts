import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { acceptMultipart } from '../common/media-type';
import { AppConfig } from '../config/app-config';
import { MediaModule, mediaUploadOptions } from '../media/media.module';
import { MediaStore } from '../media/media-store.service';
import { SessionsModule } from '../sessions/sessions.module';
import { AssetsController } from './assets.controller';
import { AssetsService } from './assets.service';
import { AudiotracksController } from './audiotracks.controller';
import { AudiotracksService } from './audiotracks.service';
import { ContentAccess } from './content-access.service';
import {
  AssetsRepository,
  AudiotracksRepository,
  EnvelopesRepository,
  SpeakersRepository,
  TagsRepository,
  TimedAssetsRepository,
  UiGroupsRepository,
  UiItemsRepository,
  VotesRepository,
} from './content.repository';
import { Asset } from './entities/asset.entity';
import { Audiotrack } from './entities/audiotrack.entity';
import { Envelope } from './entities/envelope.entity';
import { Speaker } from './entities/speaker.entity';
import { Tag } from './entities/tag.entity';
import { TimedAsset } from './entities/timed-asset.entity';
import { UiGroup } from './entities/ui-group.entity';
import { UiItem } from './entities/ui-item.entity';
import { Vote } from './entities/vote.entity';
import { EnvelopesController } from './envelopes.controller';
import { EnvelopesService } from './envelopes.service';
import { ProjectUiConfigController } from './project-uiconfig.controller';
import { SpeakersController } from './speakers.controller';
import { SpeakersService } from './speakers.service';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';
import { TimedAssetsController } from './timed-assets.controller';
import { TimedAssetsService } from './timed-assets.service';
import { UiGroupsController } from './ui-groups.controller';
import { UiItemsController } from './ui-items.controller';
import { UiService } from './ui.service';
import { VotesService } from './votes.service';

// The envelope upload is the one Roundware route that reads multipart/form-data (src/common/media-type.ts).
acceptMultipart('PATCH', /^\/api\/2\/envelopes\/[^/]+\/?$/);

/**
 * A Roundware project's content (issue 14): speakers, audio tracks, tags, UI groups and items (and the
 * UI configuration), assets, timed assets and envelopes under `/api/2/`. Visibility is the project's
 * (the sessions module's `ProjectAccess`); envelopes follow their session (`SessionAccess`).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Speaker, Audiotrack, Tag, UiGroup, UiItem, Envelope, Asset, TimedAsset, Vote]),
    SessionsModule,
    AuthModule,
    MediaModule,
    MulterModule.registerAsync({
      imports: [MediaModule],
      inject: [MediaStore, AppConfig],
      useFactory: mediaUploadOptions,
    }),
  ],
  controllers: [
    SpeakersController,
    AudiotracksController,
    TagsController,
    UiGroupsController,
    UiItemsController,
    ProjectUiConfigController,
    TimedAssetsController,
    AssetsController,
    EnvelopesController,
  ],
  providers: [
    ContentAccess,
    SpeakersRepository,
    AudiotracksRepository,
    TagsRepository,
    UiGroupsRepository,
    UiItemsRepository,
    TimedAssetsRepository,
    AssetsRepository,
    EnvelopesRepository,
    VotesRepository,
    SpeakersService,
    AudiotracksService,
    TagsService,
    UiService,
    TimedAssetsService,
    AssetsService,
    EnvelopesService,
    VotesService,
  ],
})
export class ProjectContentModule {}
