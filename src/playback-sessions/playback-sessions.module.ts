import { Module, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AudiobookshelfAuthController } from './audiobookshelf-auth.controller';
import { AudiobookshelfAuthService } from './audiobookshelf-auth.service';
import { AudiobookshelfGateway } from './audiobookshelf.gateway';
import { CatalogueController } from './catalogue.controller';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import { Library } from './entities/library.entity';
import { LibraryItem } from './entities/library-item.entity';
import { MediaProgress } from './entities/media-progress.entity';
import { PlaybackSession } from './entities/playback-session.entity';
import { MetricsService } from '../metrics/metrics.service';
import { IdleSessionsSweeper } from './idle-sessions.sweeper';
import { LibraryBrowseService } from './library-browse.service';
import { LibraryMediaController } from './library-media.controller';
import { LibraryMediaService } from './library-media.service';
import { LibraryScannerService } from './library-scanner.service';
import { MediaModule } from '../media/media.module';
import { PlaybackSessionAccess } from './playback-session.access';
import { PlaybackSessionsController } from './playback-sessions.controller';
import { PlaybackSessionsRepository } from './playback-sessions.repository';
import { PlaybackSessionsService } from './playback-sessions.service';

/** Audiobookshelf: the media catalogue, playback sessions (open ones in the database), media progress, stats. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Library, LibraryItem, PlaybackSession, MediaProgress]),
    AuthModule,
    MediaModule,
  ],
  controllers: [
    AudiobookshelfAuthController,
    CatalogueController,
    LibraryMediaController,
    PlaybackSessionsController,
  ],
  providers: [
    CatalogueRepository,
    CatalogueService,
    LibraryScannerService,
    LibraryBrowseService,
    LibraryMediaService,
    PlaybackSessionsRepository,
    PlaybackSessionAccess,
    PlaybackSessionsService,
    IdleSessionsSweeper,
    AudiobookshelfAuthService,
    AudiobookshelfGateway,
  ],
})
export class PlaybackSessionsModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly metrics: MetricsService,
    private readonly sessions: PlaybackSessionsRepository,
    private readonly scanner: LibraryScannerService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge('abs_playback_sessions_open', 'Open Audiobookshelf playback sessions', () =>
      this.sessions.countOpen(),
    );
  }

  /** Libraries with folders are scanned at start, in the background (the app answers meanwhile). */
  onApplicationBootstrap(): void {
    if (this.config.media.scanOnStart) void this.scanner.scanAll();
  }
}
