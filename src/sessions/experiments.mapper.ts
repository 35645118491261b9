import { toOffsetIso } from '../common/time';
import { ExperimentDto } from './dto/experiment.dto';
import { ExperimentSessionDetailDto, ExperimentSessionDto } from './dto/experiment-session.dto';
import { Project } from './entities/project.entity';
import { Session } from './entities/session.entity';

/** The columns an experiment-session list item renders (lists select only these). */
export const EXPERIMENT_SESSION_COLUMNS = [
  'id',
  'projectId',
  'ownerId',
  'endedById',
  'startTime',
  'stopTime',
  'isActive',
  'sessionType',
] as const satisfies readonly (keyof Session)[];

export type ExperimentSessionRow = Pick<Session, (typeof EXPERIMENT_SESSION_COLUMNS)[number]>;

/** A list item in the key order of the seed's `GET /sessions` output. */
export function toExperimentSession(s: ExperimentSessionRow): ExperimentSessionDto {
  return {
    end_date_time: toOffsetIso(s.stopTime),
    ended_by: s.endedById,
    experiment_id: s.projectId,
    is_active: s.isActive,
    session_id: s.id,
    session_type: s.sessionType,
    start_date_time: toOffsetIso(s.startTime),
    started_by: s.ownerId,
  };
}

/** The detail in the key order of the seed's `GET /sessions/23` output. */
export function toExperimentSessionDetail(s: Session): ExperimentSessionDetailDto {
  return {
    created_by: s.createdById,
    created_time: toOffsetIso(s.createdAt),
    end_date_time: toOffsetIso(s.stopTime),
    ended_by: s.endedById,
    experiment_id: s.projectId,
    is_active: s.isActive,
    modified_by: s.modifiedById,
    modified_time: toOffsetIso(s.modifiedAt),
    session_id: s.id,
    session_type: s.sessionType,
    start_date_time: toOffsetIso(s.startTime),
    started_by: s.ownerId,
  };
}

export function toExperiment(p: Project): ExperimentDto {
  return {
    created_time: toOffsetIso(p.createdAt),
    demo_stream_enabled: p.demoStreamEnabled,
    description: p.description,
    experiment_id: p.id,
    geo_listen_enabled: p.geoListenEnabled,
    modified_time: toOffsetIso(p.updatedAt),
    name: p.name,
    owner: p.ownerId,
  };
}
