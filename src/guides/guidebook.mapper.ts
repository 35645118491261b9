import { toGuidebookTime } from '../common/time';
import { GuideDto } from './dto/guide.dto';
import { ScheduleSessionDto } from './dto/schedule-session.dto';
import { ScheduleTrackDto } from './dto/schedule-track.dto';
import { Guide } from './entities/guide.entity';
import { ScheduleSession } from './entities/schedule-session.entity';
import { ScheduleTrack } from './entities/schedule-track.entity';

/** Guidebook Open API v1 shapes: UTC times as `2017-09-18T16:00:00.000000+0000`, related objects as ids. */

export function toGuidebookGuide(guide: Guide): GuideDto {
  return {
    id: guide.id,
    created_at: toGuidebookTime(guide.createdAt),
    owner: guide.ownerId,
    name: guide.name,
    start_date: toGuidebookTime(guide.startDate),
    end_date: toGuidebookTime(guide.endDate),
    timezone: guide.timezone,
    description_html: guide.descriptionHtml,
  };
}

export function toGuidebookTrack(track: ScheduleTrack): ScheduleTrackDto {
  return {
    id: track.id,
    created_at: toGuidebookTime(track.createdAt),
    guide: track.guideId,
    name: track.name,
    color: track.color,
    import_id: track.importId,
  };
}

/** The seed's 13 keys, in the seed's order; `trackIds` ascending. */
export function toGuidebookSession(session: ScheduleSession, trackIds: number[]): ScheduleSessionDto {
  return {
    id: session.id,
    created_at: toGuidebookTime(session.createdAt),
    last_updated: toGuidebookTime(session.lastUpdated),
    start_time: toGuidebookTime(session.startTime),
    end_time: toGuidebookTime(session.endTime),
    all_day: Boolean(session.allDay),
    name: session.name,
    description_html: session.descriptionHtml,
    import_id: session.importId,
    allow_rating: Boolean(session.allowRating),
    add_to_schedule: Boolean(session.addToSchedule),
    guide: session.guideId,
    schedule_tracks: trackIds,
  };
}
