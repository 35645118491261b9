import { toNaiveIso } from '../common/time';
import { RoundwareProjectDto } from './dto/roundware-project.dto';
import { RoundwareSessionDto } from './dto/roundware-session.dto';
import { Project } from './entities/project.entity';
import { Session } from './entities/session.entity';

/** The columns the Roundware session view renders (lists select only these). */
export const ROUNDWARE_SESSION_COLUMNS = [
  'id',
  'deviceId',
  'startTime',
  'stopTime',
  'clientType',
  'clientSystem',
  'demoStreamEnabled',
  'geoListenEnabled',
  'timezone',
  'projectId',
  'languageId',
] as const satisfies readonly (keyof Session)[];

export type RoundwareSessionRow = Pick<Session, (typeof ROUNDWARE_SESSION_COLUMNS)[number]>;

/** A session in the key order of the seed's `GET sessions/` examples. */
export function toRoundwareSession(s: RoundwareSessionRow): RoundwareSessionDto {
  return {
    id: s.id,
    device_id: s.deviceId,
    starttime: toNaiveIso(s.startTime),
    stoptime: toNaiveIso(s.stopTime),
    client_type: s.clientType,
    client_system: s.clientSystem,
    demo_stream_enabled: s.demoStreamEnabled,
    geo_listen_enabled: s.geoListenEnabled,
    timezone: s.timezone,
    project_id: s.projectId,
    language_id: s.languageId,
  };
}

/** The same 11 keys in the order of the seed's `POST sessions/` response. */
export function toRoundwareCreatedSession(s: RoundwareSessionRow): RoundwareSessionDto {
  return {
    client_system: s.clientSystem,
    client_type: s.clientType,
    demo_stream_enabled: s.demoStreamEnabled,
    device_id: s.deviceId,
    geo_listen_enabled: s.geoListenEnabled,
    language_id: s.languageId,
    project_id: s.projectId,
    starttime: toNaiveIso(s.startTime),
    stoptime: toNaiveIso(s.stopTime),
    timezone: s.timezone,
    id: s.id,
  };
}

export function toRoundwareProject(p: Project): RoundwareProjectDto {
  return {
    project_id: p.id,
    name: p.name,
    description: p.description,
    geo_listen_enabled: p.geoListenEnabled,
    demo_stream_enabled: p.demoStreamEnabled,
    created: toNaiveIso(p.createdAt),
  };
}
