/**
 * The seed documents' examples, as OpenAPI `examples` of the routes they describe: Roundware's
 * sessions/ (seed 000) and AERPAW's /api/sessions (seed 003). Where the server answers differently from
 * the seed (docs/decisions.md, "Sessions"), the example shows what this server answers and says so.
 */

const seedSession = (id: number, starttime: string) => ({
  id,
  device_id: null,
  starttime,
  stoptime: null,
  client_type: null,
  client_system: 'iOS 8.1',
  demo_stream_enabled: true,
  geo_listen_enabled: false,
  timezone: '-8000',
  project_id: 1,
  language_id: 2,
});

export const ROUNDWARE_SESSION_LIST_EXAMPLES = {
  seed: {
    summary:
      'The seed: ?project_id=1&language_id=2&language=en&geo_listen_enabled=false&demo_stream_enabled=true',
    value: [seedSession(109, '2017-09-06T15:43:35.947761'), seedSession(111, '2017-09-06T16:24:32.647751')],
  },
};

export const ROUNDWARE_SESSION_EXAMPLES = {
  seed: { summary: 'The seed: GET sessions/1/', value: seedSession(1, '2017-09-06T16:24:32.647751') },
};

export const CREATE_ROUNDWARE_SESSION_EXAMPLES = {
  seed: {
    summary: "The seed's request",
    value: {
      project_id: 1,
      client_system: 'iOS 8.1',
      geo_listen_enabled: true,
      demo_stream_enabled: false,
      language: 'fr',
      timezone: '-8000',
    },
  },
  minimal: { summary: 'Only the required fields', value: { project_id: 1, client_system: 'iOS 10.2' } },
};

export const CREATED_ROUNDWARE_SESSION_EXAMPLES = {
  seed: {
    summary: "The seed's request, as this server answers it",
    description:
      'The seed\'s own answer shows `"timezone": "0000"` and `"language_id": 1` although it sent `-8000` and `fr`; this server stores what was sent (`fr` is language 48).',
    value: {
      client_system: 'iOS 8.1',
      client_type: 'iPhone',
      demo_stream_enabled: false,
      device_id: '12891038109281',
      geo_listen_enabled: true,
      language_id: 48,
      project_id: 1,
      starttime: '2017-06-09T02:42:03.939255',
      stoptime: null,
      timezone: '-8000',
      id: 104,
    },
  },
};

export const UPDATE_ROUNDWARE_SESSION_EXAMPLES = {
  now: { summary: 'End it now', value: {} },
  at: { summary: 'End it at a given time (naive = UTC)', value: { stoptime: '2017-09-06T16:54:32.647751' } },
};

export const ENDED_ROUNDWARE_SESSION_EXAMPLES = {
  ended: {
    summary: 'The session, ended',
    value: { ...seedSession(1, '2017-09-06T16:24:32.647751'), stoptime: '2017-09-06T16:54:32.647751' },
  },
};

const seedExperimentSession = (
  session_id: number,
  experiment_id: number,
  user: number,
  start: string,
  end: string,
) => ({
  end_date_time: end,
  ended_by: user,
  experiment_id,
  is_active: false,
  session_id,
  session_type: 'development',
  start_date_time: start,
  started_by: user,
});

/** The seed's times are in US Eastern time; this server answers UTC (`+00:00`): the same instants. */
const SEED_23 = seedExperimentSession(
  23,
  100,
  32,
  '2022-09-16T13:55:56.143000+00:00',
  '2022-09-16T14:15:56.143000+00:00',
);

export const EXPERIMENT_SESSION_PAGE_EXAMPLES = {
  seed: {
    summary: 'The seed: GET /api/sessions (first items; times in UTC)',
    value: {
      count: 10,
      next: null,
      previous: null,
      results: [
        seedExperimentSession(
          22,
          106,
          54,
          '2022-11-28T13:23:49.268000+00:00',
          '2022-11-28T13:43:49.268000+00:00',
        ),
        seedExperimentSession(
          20,
          101,
          116,
          '2022-10-12T14:26:36.501000+00:00',
          '2022-10-12T14:46:56.501000+00:00',
        ),
      ],
    },
  },
  byExperiment: {
    summary: 'The seed: GET /api/sessions?experiment_id=100',
    value: { count: 1, next: null, previous: null, results: [SEED_23] },
  },
};

const SEED_23_DETAIL = {
  created_by: 32,
  created_time: '2022-09-02T19:47:00.958000+00:00',
  end_date_time: '2022-09-16T14:15:56.143000+00:00',
  ended_by: 32,
  experiment_id: 100,
  is_active: false,
  modified_by: 32,
  modified_time: '2022-09-16T14:05:56.143000+00:00',
  session_id: 23,
  session_type: 'development',
  start_date_time: '2022-09-16T13:55:56.143000+00:00',
  started_by: 32,
};

export const EXPERIMENT_SESSION_DETAIL_EXAMPLES = {
  seed: { summary: 'The seed: GET /api/sessions/23 (times in UTC)', value: SEED_23_DETAIL },
};

export const STARTED_EXPERIMENT_SESSION_EXAMPLES = {
  started: {
    summary: 'A new session: running, not ended',
    value: {
      created_by: 32,
      created_time: '2022-09-16T13:55:56.143000+00:00',
      end_date_time: null,
      ended_by: null,
      experiment_id: 100,
      is_active: true,
      modified_by: 32,
      modified_time: '2022-09-16T13:55:56.143000+00:00',
      session_id: 23,
      session_type: 'development',
      start_date_time: '2022-09-16T13:55:56.143000+00:00',
      started_by: 32,
    },
  },
};

export const STOPPED_EXPERIMENT_SESSION_EXAMPLES = {
  stopped: {
    summary: 'The session, ended by the caller',
    value: { ...SEED_23_DETAIL, modified_time: SEED_23_DETAIL.end_date_time },
  },
};

export const EXPERIMENT_SESSIONS_OF_EXPERIMENT_EXAMPLES = {
  seed: { summary: 'Experiment 100 of the seed', value: { experiment_sessions: [SEED_23] } },
};

export const START_EXPERIMENT_SESSION_EXAMPLES = {
  seed: { summary: 'A development session in experiment 100', value: { experiment_id: 100 } },
  sandbox: { summary: 'A sandbox session', value: { experiment_id: 100, session_type: 'sandbox' } },
};
