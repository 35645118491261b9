import type { ErrorStatus } from '../../common/api-responses';

/** Guidebook Open API v1 examples: the seed's sessions (seed 001) and the errors every route shares. */

const SEED_SESSION_BODY = {
  start_time: '2017-09-18T16:00:00',
  end_time: '2017-09-18T17:00:00',
  guide: 1,
  description_html: '<p>This is a description field that supports basic HTML</p>',
  name: 'Test Session Created via the Open API',
};

export const CREATE_SCHEDULE_SESSION_EXAMPLES = {
  seed: { summary: "The seed's request", value: SEED_SESSION_BODY },
  withTracks: {
    summary: "The seed's request with schedule tracks",
    value: { ...SEED_SESSION_BODY, schedule_tracks: [3, 42, 47, 101] },
  },
};

/** The fields of today's Guidebook docs every session answer carries beside the seed's (issue 16). */
const TODAYS_FIELDS = {
  locations: [] as number[],
  image: null,
  rank: 0,
  waitlist: false,
  require_login: false,
  max_capacity: null,
  registration_start_date: null,
  registration_end_date: null,
};

const SEED_CREATED = {
  id: 106,
  created_at: '2017-09-18T22:13:25.766623+0000',
  last_updated: '2017-09-18T22:13:25.766653+0000',
  start_time: '2017-09-18T16:00:00.000000+0000',
  end_time: '2017-09-18T17:00:00.000000+0000',
  all_day: false,
  name: 'Test Session Created via the Open API',
  description_html: '<p>This is a description field that supports basic HTML</p>',
  import_id: null,
  allow_rating: false,
  add_to_schedule: false,
  guide: 1,
  schedule_tracks: [] as number[],
  ...TODAYS_FIELDS,
};

export const CREATED_SCHEDULE_SESSION_EXAMPLES = {
  seed: { summary: "The seed's answer", value: SEED_CREATED },
  withTracks: {
    summary: "The seed's answer with schedule tracks",
    value: { ...SEED_CREATED, schedule_tracks: [3, 42, 47, 101] },
  },
};

export const SCHEDULE_SESSION_EXAMPLES = {
  seed: { summary: "The seed's session 106", value: { ...SEED_CREATED, schedule_tracks: [3, 42, 47, 101] } },
};

const seedListed = (id: number, guide: number, name: string, times: [string, string, string, string]) => ({
  id,
  created_at: times[0],
  last_updated: times[1],
  start_time: times[2],
  end_time: times[3],
  all_day: false,
  name,
  description_html: null,
  import_id: null,
  allow_rating: true,
  add_to_schedule: true,
  guide,
  schedule_tracks: [] as number[],
  ...TODAYS_FIELDS,
});

const SEED_LIST = [
  seedListed(21, 42, 'Test Session 1', [
    '2017-09-18T21:28:35.429989+0000',
    '2017-09-18T21:28:35.430011+0000',
    '2017-09-18T21:28:35.428248+0000',
    '2017-09-18T22:28:35.428257+0000',
  ]),
  seedListed(22, 42, 'Test Session 2', [
    '2017-09-18T21:28:35.432366+0000',
    '2017-09-18T21:28:35.432388+0000',
    '2017-09-18T21:28:35.431034+0000',
    '2017-09-18T22:28:35.431042+0000',
  ]),
  seedListed(23, 42, 'Test Session 3', [
    '2017-09-18T21:28:35.434402+0000',
    '2017-09-18T21:28:35.434422+0000',
    '2017-09-18T21:28:35.433197+0000',
    '2017-09-18T22:28:35.433205+0000',
  ]),
  seedListed(24, 43, 'Test Session 4, Different Guide', [
    '2017-09-18T21:28:35.436433+0000',
    '2017-09-18T21:28:35.436452+0000',
    '2017-09-18T21:28:35.435265+0000',
    '2017-09-18T22:28:35.435273+0000',
  ]),
];

export const SCHEDULE_SESSION_PAGE_EXAMPLES = {
  seed: {
    summary: 'The seed: all sessions you have access to',
    value: { count: 4, next: null, previous: null, results: SEED_LIST },
  },
  byGuide: {
    summary: 'The sessions of guide 42 (`?guide=42`)',
    value: { count: 3, next: null, previous: null, results: SEED_LIST.slice(0, 3) },
  },
};

export const SCHEDULE_SESSION_OF_GUIDE_PAGE_EXAMPLES = {
  byGuide: {
    summary: 'The seed: `/open-api/v1/sessions/guide=42`',
    value: SCHEDULE_SESSION_PAGE_EXAMPLES.byGuide.value,
  },
};

/** Every Guidebook route: the account's daily budget (GuidebookDailyLimitGuard). */
export const GUIDEBOOK_429: ErrorStatus = {
  status: 429,
  description:
    "The account's GUIDEBOOK_DAILY_LIMIT requests of this UTC day are spent (every response carries X-RateLimit-Limit and X-RateLimit-Remaining); Retry-After gives the seconds until the next UTC midnight",
  example: { detail: 'Request was throttled. Expected available in 3600 seconds.' },
};

/** Content writes: an operator can read every guide but change only their own. */
export const GUIDE_WRITE_403: ErrorStatus = {
  status: 403,
  description:
    'The caller can read the guide (operators read all) but only its owner or an admin may change its content',
  example: { detail: 'You do not have permission to perform this action.' },
};

export const GUIDEBOOK_DESCRIPTION_NOTE =
  "Users see the guides they own (with their tracks and sessions); operators and admins see all; anything else answers 404. Bodies are JSON or form data (DRF's rules: read-only fields such as `id` or `created_at` are ignored). Every request counts against the account's daily budget (429 beyond it).";
