import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { Guide } from './entities/guide.entity';
import { ScheduleSessionTrack } from './entities/schedule-session-track.entity';
import { ScheduleSession } from './entities/schedule-session.entity';
import { ScheduleTrack } from './entities/schedule-track.entity';
import { GuideAccess } from './guide-access.service';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { GuidesController } from './guides.controller';
import { GuidesRepository } from './guides.repository';
import { GuidesService } from './guides.service';
import { ScheduleSessionsController } from './schedule-sessions.controller';
import { ScheduleSessionsRepository } from './schedule-sessions.repository';
import { ScheduleSessionsService } from './schedule-sessions.service';
import { ScheduleTracksController } from './schedule-tracks.controller';
import { ScheduleTracksRepository } from './schedule-tracks.repository';
import { ScheduleTracksService } from './schedule-tracks.service';

/** Guidebook Open API v1: guides, schedule tracks and schedule sessions under `/open-api/v1/`. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Guide, ScheduleTrack, ScheduleSession, ScheduleSessionTrack]),
    RateLimitModule,
  ],
  controllers: [GuidesController, ScheduleTracksController, ScheduleSessionsController],
  providers: [
    GuidesRepository,
    ScheduleTracksRepository,
    ScheduleSessionsRepository,
    GuideAccess,
    GuidesService,
    ScheduleTracksService,
    ScheduleSessionsService,
    GuidebookDailyLimitGuard,
  ],
})
export class GuidesModule {}
