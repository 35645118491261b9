import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { AudiobookshelfAuthController } from './audiobookshelf-auth.controller';
import { AudiobookshelfAuthService } from './audiobookshelf-auth.service';
import { CatalogueController } from './catalogue.controller';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import { Library } from './entities/library.entity';
import { LibraryItem } from './entities/library-item.entity';
import { MediaProgress } from './entities/media-progress.entity';
import { PlaybackSession } from './entities/playback-session.entity';
import { MetricsService } from '../metrics/metrics.service';
import { IdleSessionsSweeper } from './idle-sessions.sweeper';
import { PlaybackSessionAccess } from './playback-session.access';
import { PlaybackSessionsController } from './playback-sessions.controller';
import { PlaybackSessionsRepository } from './playback-sessions.repository';
import { PlaybackSessionsService } from './playback-sessions.service';

/** Audiobookshelf: the media catalogue, playback sessions (open ones in the database), media progress, stats. */
@Module({
  imports: [TypeOrmModule.forFeature([Library, LibraryItem, PlaybackSession, MediaProgress]), AuthModule],
  controllers: [AudiobookshelfAuthController, CatalogueController, PlaybackSessionsController],
  providers: [
    CatalogueRepository,
    CatalogueService,
    PlaybackSessionsRepository,
    PlaybackSessionAccess,
    PlaybackSessionsService,
    IdleSessionsSweeper,
    AudiobookshelfAuthService,
  ],
})
export class PlaybackSessionsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly sessions: PlaybackSessionsRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge('abs_playback_sessions_open', 'Open Audiobookshelf playback sessions', () =>
      this.sessions.countOpen(),
    );
  }
}
