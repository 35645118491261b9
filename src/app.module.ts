import { DynamicModule, Module } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { GuidesModule } from './guides/guides.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { PlaybackSessionsModule } from './playback-sessions/playback-sessions.module';
import { ProjectContentModule } from './project-content/project-content.module';
import { MediaModule } from './media/media.module';
import { SessionsModule } from './sessions/sessions.module';

@Module({})
export class AppModule {
  /** The whole application for one validated configuration (tests pass their own). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot(config),
        EventEmitterModule.forRoot(),
        ScheduleModule.forRoot(),
        AuthModule,
        HealthModule,
        SessionsModule,
        EventsModule,
        GuidesModule,
        PlaybackSessionsModule,
        MediaModule,
        ProjectContentModule,
        MetricsModule.forRoot(config.http.metricsEnabled),
      ],
    };
  }
}
