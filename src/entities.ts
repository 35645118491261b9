import { ApiKey } from './auth/entities/api-key.entity';
import { RefreshSession } from './auth/entities/refresh-session.entity';
import { User } from './auth/entities/user.entity';
import { RateCounter } from './common/rate-limit/rate-counter.entity';
import { EventTag } from './events/entities/event-tag.entity';
import { EventType } from './events/entities/event-type.entity';
import { Event } from './events/entities/event.entity';
import { ListenEvent } from './events/entities/listen-event.entity';
import { Guide } from './guides/entities/guide.entity';
import { ScheduleSessionTrack } from './guides/entities/schedule-session-track.entity';
import { ScheduleSession } from './guides/entities/schedule-session.entity';
import { ScheduleTrack } from './guides/entities/schedule-track.entity';
import { Location } from './guides/entities/location.entity';
import { ScheduleSessionLocation } from './guides/entities/schedule-session-location.entity';
import { GuideWebhook } from './guides/entities/guide-webhook.entity';
import { WebhookDelivery } from './guides/entities/webhook-delivery.entity';
import { WebhookAttempt } from './guides/entities/webhook-attempt.entity';
import { Language } from './sessions/entities/language.entity';
import { Project } from './sessions/entities/project.entity';
import { Session } from './sessions/entities/session.entity';
import { Library } from './playback-sessions/entities/library.entity';
import { LibraryItem } from './playback-sessions/entities/library-item.entity';
import { MediaProgress } from './playback-sessions/entities/media-progress.entity';
import { PlaybackSession } from './playback-sessions/entities/playback-session.entity';
import { Asset } from './project-content/entities/asset.entity';
import { Audiotrack } from './project-content/entities/audiotrack.entity';
import { Envelope } from './project-content/entities/envelope.entity';
import { Speaker } from './project-content/entities/speaker.entity';
import { Tag } from './project-content/entities/tag.entity';
import { TimedAsset } from './project-content/entities/timed-asset.entity';
import { UiGroup } from './project-content/entities/ui-group.entity';
import { UiItem } from './project-content/entities/ui-item.entity';
import { Vote } from './project-content/entities/vote.entity';

/**
 * Every entity, for DataSources built outside Nest: the TypeORM CLI (ormconfig.ts), the drift check and
 * tests. The app itself registers them per feature module (`TypeOrmModule.forFeature`); a test checks the
 * two agree.
 */
export const ENTITIES = [
  User,
  ApiKey,
  RefreshSession,
  RateCounter,
  Project,
  Language,
  Session,
  EventType,
  Event,
  EventTag,
  ListenEvent,
  Guide,
  ScheduleTrack,
  ScheduleSession,
  ScheduleSessionTrack,
  Location,
  ScheduleSessionLocation,
  GuideWebhook,
  WebhookDelivery,
  WebhookAttempt,
  Library,
  LibraryItem,
  PlaybackSession,
  MediaProgress,
  Speaker,
  Audiotrack,
  Tag,
  UiGroup,
  UiItem,
  Envelope,
  Asset,
  TimedAsset,
  Vote,
];
