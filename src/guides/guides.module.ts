import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { acceptMultipart } from '../common/media-type';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module';
import { AppConfig } from '../config/app-config';
import { MediaModule, mediaUploadOptions } from '../media/media.module';
import { MediaStore } from '../media/media-store.service';
import { Guide } from './entities/guide.entity';
import { GuideWebhook } from './entities/guide-webhook.entity';
import { Location } from './entities/location.entity';
import { WebhookAttempt } from './entities/webhook-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { ScheduleSessionLocation } from './entities/schedule-session-location.entity';
import { ScheduleSessionTrack } from './entities/schedule-session-track.entity';
import { ScheduleSession } from './entities/schedule-session.entity';
import { ScheduleTrack } from './entities/schedule-track.entity';
import { GuideAccess } from './guide-access.service';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { GuidesController, GuidesV11Controller } from './guides.controller';
import { GuidesRepository } from './guides.repository';
import { GuidesService } from './guides.service';
import { LocationsController, LocationsV11Controller } from './locations.controller';
import { LocationsRepository } from './locations.repository';
import { LocationsService } from './locations.service';
import { ScheduleSessionsController, ScheduleSessionsV11Controller } from './schedule-sessions.controller';
import { ScheduleSessionsRepository } from './schedule-sessions.repository';
import { ScheduleSessionsService } from './schedule-sessions.service';
import { ScheduleTracksController, ScheduleTracksV11Controller } from './schedule-tracks.controller';
import { ScheduleTracksRepository } from './schedule-tracks.repository';
import { ScheduleTracksService } from './schedule-tracks.service';
import { WebhookEvents } from './webhook-events.service';
import { WebhookPoller } from './webhook-poller.service';
import { WebhooksController, WebhooksV11Controller } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

// session images are multipart uploads (Guidebook's "Images" page): POST and PATCH of sessions, both versions
acceptMultipart('POST', /^\/open-api\/v1(\.1)?\/sessions\/?$/);
acceptMultipart('PATCH', /^\/open-api\/v1(\.1)?\/sessions\/[^/]+\/?$/);

/**
 * Guidebook Open API: guides, schedule tracks, locations and schedule sessions under `/open-api/v1/` and
 * `/open-api/v1.1/` (one implementation; each controller is made once per version).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Guide,
      ScheduleTrack,
      ScheduleSession,
      ScheduleSessionTrack,
      Location,
      ScheduleSessionLocation,
      GuideWebhook,
      WebhookDelivery,
      WebhookAttempt,
    ]),
    RateLimitModule,
    MediaModule,
    MulterModule.registerAsync({
      imports: [MediaModule],
      inject: [MediaStore, AppConfig],
      useFactory: mediaUploadOptions,
    }),
  ],
  controllers: [
    GuidesController,
    ScheduleTracksController,
    LocationsController,
    ScheduleSessionsController,
    GuidesV11Controller,
    ScheduleTracksV11Controller,
    LocationsV11Controller,
    ScheduleSessionsV11Controller,
    WebhooksController,
    WebhooksV11Controller,
  ],
  providers: [
    GuidesRepository,
    ScheduleTracksRepository,
    LocationsRepository,
    ScheduleSessionsRepository,
    GuideAccess,
    GuidesService,
    ScheduleTracksService,
    LocationsService,
    ScheduleSessionsService,
    GuidebookDailyLimitGuard,
    WebhooksRepository,
    WebhookEvents,
    WebhookPoller,
    WebhooksService,
  ],
})
export class GuidesModule {}
