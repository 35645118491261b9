import { ApiKey } from '../auth/entities/api-key.entity';
import { User } from '../auth/entities/user.entity';
import { RateCounter } from '../common/rate-limit/rate-counter.entity';
import { Language } from '../sessions/entities/language.entity';
import { Project } from '../sessions/entities/project.entity';
import { Session } from '../sessions/entities/session.entity';
import { Library } from '../playback-sessions/entities/library.entity';
import { LibraryItem } from '../playback-sessions/entities/library-item.entity';
import { MediaProgress } from '../playback-sessions/entities/media-progress.entity';
import { PlaybackSession } from '../playback-sessions/entities/playback-session.entity';

/** Every entity, listed once for the app, the TypeORM CLI (ormconfig.ts) and the drift check. */
export const ENTITIES = [
  User,
  ApiKey,
  RateCounter,
  Project,
  Language,
  Session,
  Library,
  LibraryItem,
  PlaybackSession,
  MediaProgress,
];
