import { Role } from '../../src/common/auth-user';
import { TestApp, TestUser } from '../utils/test-app';

/** A Guidebook integration: a user of `role` with an API key sent as `Authorization: JWT <key>`. */
export interface Organiser extends TestUser {
  auth: string;
}

export async function makeOrganiser(t: TestApp, role: Role = Role.User): Promise<Organiser> {
  const user = await t.makeUser({ role });
  return { ...user, auth: `JWT ${await t.apiKey(user, 'guidebook')}` };
}

export async function makeGuide(
  t: TestApp,
  who: Organiser,
  body: Record<string, unknown> = {},
): Promise<number> {
  const res = await t.http
    .post('/open-api/v1/guides/')
    .set('Authorization', who.auth)
    .send({ name: 'Conference', ...body });
  if (res.status !== 201) throw new Error(`creating a guide failed: ${res.status} ${res.text}`);
  return res.body.id as number;
}

export async function makeTrack(
  t: TestApp,
  who: Organiser,
  guide: number,
  body: Record<string, unknown> = {},
): Promise<number> {
  const res = await t.http
    .post('/open-api/v1/schedule-tracks/')
    .set('Authorization', who.auth)
    .send({ guide, name: 'Track', color: '#000080', ...body });
  if (res.status !== 201) throw new Error(`creating a track failed: ${res.status} ${res.text}`);
  return res.body.id as number;
}

export async function makeSession(
  t: TestApp,
  who: Organiser,
  guide: number,
  body: Record<string, unknown> = {},
): Promise<SessionBody> {
  const res = await t.http
    .post('/open-api/v1/sessions/')
    .set('Authorization', who.auth)
    .send({
      guide,
      name: 'Session',
      description_html: null,
      start_time: '2017-09-18T16:00:00',
      end_time: '2017-09-18T17:00:00',
      ...body,
    });
  if (res.status !== 201) throw new Error(`creating a session failed: ${res.status} ${res.text}`);
  return res.body as SessionBody;
}

/** A session as the API answers it. */
export interface SessionBody extends Record<string, unknown> {
  id: number;
  last_updated: string;
  created_at: string;
}

/** The 13 keys of a Guidebook session in the seed's order, then the keys of today's docs. */
export const SESSION_KEYS = [
  'id',
  'created_at',
  'last_updated',
  'start_time',
  'end_time',
  'all_day',
  'name',
  'description_html',
  'import_id',
  'allow_rating',
  'add_to_schedule',
  'guide',
  'schedule_tracks',
  'locations',
  'image',
  'rank',
  'waitlist',
  'require_login',
  'max_capacity',
  'registration_start_date',
  'registration_end_date',
];

/** What a session without today's fields answers for them. */
export const TODAY_DEFAULTS = {
  locations: [],
  image: null,
  rank: 0,
  waitlist: false,
  require_login: false,
  max_capacity: null,
  registration_start_date: null,
  registration_end_date: null,
};

/** `2017-09-18T16:00:00.000000+0000` */
export const GUIDEBOOK_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+0000$/;

export async function makeLocation(
  t: TestApp,
  who: Organiser,
  guide: number,
  body: Record<string, unknown> = {},
): Promise<number> {
  const res = await t.http
    .post('/open-api/v1/locations/')
    .set('Authorization', who.auth)
    .send({ guide, name: 'Room', location_type: 2, ...body });
  if (res.status !== 201) throw new Error(`creating a location failed: ${res.status} ${res.text}`);
  return res.body.id as number;
}

/** The keys of a Guidebook location, in the docs' order. */
export const LOCATION_KEYS = [
  'id',
  'guide',
  'name',
  'description',
  'location_type',
  'latitude',
  'longitude',
  'import_id',
  'address',
  'created_at',
];
