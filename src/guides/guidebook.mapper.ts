import { toGuidebookTime } from '../common/time';
import { GuideDto } from './dto/guide.dto';
import { ScheduleSessionDto } from './dto/schedule-session.dto';
import { LocationDto } from './dto/location.dto';
import { ScheduleTrackDto } from './dto/schedule-track.dto';
import { Guide } from './entities/guide.entity';
import { Location } from './entities/location.entity';
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

export function toGuidebookLocation(location: Location): LocationDto {
  return {
    id: location.id,
    guide: location.guideId,
    name: location.name,
    description: location.description,
    location_type: location.locationType,
    latitude: location.latitude === null ? null : Number(location.latitude),
    longitude: location.longitude === null ? null : Number(location.longitude),
    import_id: location.importId,
    address: location.address ? (JSON.parse(location.address) as Record<string, string | null>) : null,
    created_at: toGuidebookTime(location.createdAt),
  };
}

/** A session's links: track and location ids, ascending. */
export interface SessionLinks {
  tracks: number[];
  locations: number[];
}

/**
 * The seed's 13 keys in the seed's order, then the keys of today's docs (Guidebook adds response keys
 * without a version bump, so both versions answer all of them); ids ascending. `mediaBase` is where media
 * links point (`mediaUrlBase`): the image is an absolute URL, as Guidebook answers its CDN's.
 */
export function toGuidebookSession(
  session: ScheduleSession,
  links: SessionLinks,
  mediaBase: string,
): ScheduleSessionDto {
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
    schedule_tracks: links.tracks,
    locations: links.locations,
    image: session.imagePath ? `${mediaBase}/media/${session.imagePath}` : null,
    rank: Number(session.rank ?? 0),
    waitlist: Boolean(session.waitlist),
    require_login: Boolean(session.requireLogin),
    max_capacity: session.maxCapacity ?? null,
    registration_start_date: toGuidebookTime(session.registrationStartDate ?? null),
    registration_end_date: toGuidebookTime(session.registrationEndDate ?? null),
  };
}
