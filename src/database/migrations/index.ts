import { Foundation1763800000000 } from './1763800000000-Foundation';
import { Sessions1763800000100 } from './1763800000100-Sessions';
import { Events1763800002000 } from './1763800002000-Events';
import { Guides1763800003000 } from './1763800003000-Guides';
import { PlaybackSessions1763800004000 } from './1763800004000-PlaybackSessions';
import { PlaybackListeningDays1763800004100 } from './1763800004100-PlaybackListeningDays';
import { AuthHardening1763800005500 } from './1763800005500-AuthHardening';
import { TrackColorOptional1763800006000 } from './1763800006000-TrackColorOptional';
import { GuidebookLocations1763800007000 } from './1763800007000-GuidebookLocations';
import { GuideWebhooks1763800007100 } from './1763800007100-GuideWebhooks';
import { RoundwareProjects1763800008000 } from './1763800008000-RoundwareProjects';
import { ProjectContent1763800009000 } from './1763800009000-ProjectContent';
import { RefreshSessions1763800010000 } from './1763800010000-RefreshSessions';
import { AssetVotes1763800011000 } from './1763800011000-AssetVotes';
import { ListenEventAssetFk1763800012000 } from './1763800012000-ListenEventAssetFk';
import { MainVenueUnique1763800013000 } from './1763800013000-MainVenueUnique';
import { SessionImages1763800014000 } from './1763800014000-SessionImages';
import { ProgressHide1763800020000 } from './1763800020000-ProgressHide';
import { LibraryFolders1763800030000 } from './1763800030000-LibraryFolders';
import { SocketIoAttachments1763800040000 } from './1763800040000-SocketIoAttachments';
import { PlaybackSessionCounts1763800050000 } from './1763800050000-PlaybackSessionCounts';

/** Every migration in order; append new ones here (the TypeORM CLI and the app both read this list). */
export const MIGRATIONS = [
  Foundation1763800000000,
  Sessions1763800000100,
  Events1763800002000,
  Guides1763800003000,
  PlaybackSessions1763800004000,
  PlaybackListeningDays1763800004100,
  AuthHardening1763800005500,
  TrackColorOptional1763800006000,
  GuidebookLocations1763800007000,
  GuideWebhooks1763800007100,
  RoundwareProjects1763800008000,
  ProjectContent1763800009000,
  RefreshSessions1763800010000,
  AssetVotes1763800011000,
  ListenEventAssetFk1763800012000,
  MainVenueUnique1763800013000,
  SessionImages1763800014000,
  ProgressHide1763800020000,
  LibraryFolders1763800030000,
  SocketIoAttachments1763800040000,
  PlaybackSessionCounts1763800050000,
];
