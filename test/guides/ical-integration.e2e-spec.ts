/**
 * Replays Guidebook's own iCal integration (Guidebook/guidebook-ical-integration, CLIENTS.md 3.7) against
 * the hub: base hard-coded to `/open-api/v1/`, form bodies as Python `requests` `data=` sends them, every
 * key it reads asserted. It is run twice over the same calendar (the second run PATCHes what the first
 * created, by `import_id`, and creates nothing), then once over a changed calendar.
 */
import { startTestApp, TestApp } from '../utils/test-app';
import { makeGuide, makeOrganiser, Organiser } from './guidebook-helpers';
import { PythonClient } from './python-client';

interface IcalEvent {
  uid: string;
  summary: string;
  description: string;
  /** `2017-11-19 19:00:00+00:00`: a datetime `str()`-ed by requests. */
  start: string;
  end: string;
  category: string;
  location: string;
}

const EVENTS: IcalEvent[] = Array.from({ length: 8 }, (_, i) => ({
  uid: `ical-uid-${i}@example.org`,
  summary: `Event ${i}`,
  description: `<p>About event ${i}</p>`,
  start: `2017-11-${String(19 + (i % 3)).padStart(2, '0')} ${String(9 + i).padStart(2, '0')}:00:00+00:00`,
  end: `2017-11-${String(19 + (i % 3)).padStart(2, '0')} ${String(10 + i).padStart(2, '0')}:30:00+00:00`,
  category: ['Talks', 'Workshops', 'Social'][i % 3],
  location: ['Room A', 'Room B'][i % 2],
}));

/** `2017-11-19 19:00:00+00:00` as the hub answers it. */
const guidebookTime = (py: string) => `${py.slice(0, 10)}T${py.slice(11, 19)}.000000+0000`;

/** What the integration does on one import (guidebook_api.py, ical_importer.py). */
async function importCalendar(client: PythonClient, guide: number, events: IcalEvent[]) {
  // constructor: sessions, tracks, locations of the guide, following next; KeyError on a missing key
  const sessions = await client.all(`sessions/?guide=${guide}`);
  const byImportId = new Map<string, number>();
  for (const s of sessions) {
    for (const key of ['id', 'import_id', 'name', 'start_time', 'end_time']) expect(s).toHaveProperty(key);
    if (s.import_id) byImportId.set(s.import_id as string, s.id as number);
  }
  const tracks = new Map<string, number>();
  for (const tr of await client.all(`schedule-tracks/?guide=${guide}`)) {
    for (const key of ['id', 'name', 'color']) expect(tr).toHaveProperty(key);
    tracks.set(tr.name as string, tr.id as number);
  }
  const locations = new Map<string, number>();
  for (const l of await client.all(`locations/?guide=${guide}`)) {
    for (const key of ['id', 'import_id', 'name']) expect(l).toHaveProperty(key);
    locations.set(l.name as string, l.id as number);
  }
  for (const event of events) {
    let track = tracks.get(event.category);
    if (track === undefined) {
      // color is None, so requests drops it
      const { status, json } = await client.request('POST', 'schedule-tracks/', {
        guide,
        name: event.category,
        color: null,
      });
      expect(status).toBe(201);
      track = json.id as number;
      tracks.set(event.category, track);
    }
    let location = locations.get(event.location);
    if (location === undefined) {
      const { status, json } = await client.request('POST', 'locations/', {
        guide,
        name: event.location,
        location_type: 2,
        latitude: null,
        longitude: null,
        import_id: null,
      });
      expect(status).toBe(201);
      location = json.id as number;
      locations.set(event.location, location);
    }
    const known = byImportId.get(event.uid);
    if (known === undefined) {
      const { status, json } = await client.request('POST', 'sessions/', {
        guide,
        name: event.summary,
        description_html: event.description,
        start_time: event.start,
        end_time: event.end,
        schedule_tracks: [track],
        locations: [location],
        all_day: false,
        allow_rating: true,
        add_to_schedule: true,
        import_id: event.uid,
      });
      expect(status).toBe(201);
      expect(json.id).toEqual(expect.any(Number));
      byImportId.set(event.uid, json.id as number);
    } else {
      const { status, json } = await client.request('PATCH', `sessions/${known}/`, {
        import_id: event.uid,
        name: event.summary,
        start_time: event.start,
        end_time: event.end,
        description_html: event.description,
        schedule_tracks: [track],
        locations: [location],
      });
      expect(status).toBe(200);
      expect(json.id).toBe(known);
    }
  }
  return { tracks, locations, byImportId };
}

describe('Guidebook iCal integration replay (e2e)', () => {
  let t: TestApp;
  let organiser: Organiser;
  let guide: number;
  beforeAll(async () => {
    t = await startTestApp();
    organiser = await makeOrganiser(t);
    guide = await makeGuide(t, organiser);
  });
  afterAll(() => t.close());

  const stored = async () =>
    (
      await t.http
        .get(`/open-api/v1/sessions/?guide=${guide}&page_size=500`)
        .set('Authorization', organiser.auth)
        .expect(200)
    ).body.results as Array<Record<string, any>>;

  it('imports, then re-imports the same calendar as updates (no duplicates), then a changed one', async () => {
    const first = new PythonClient(t, organiser.auth, '/open-api/v1/');
    const run1 = await importCalendar(first, guide, EVENTS);
    expect(first.writes().map((c) => `${c.method} ${c.path.replace(/\/\d+\//g, '/N/')}`)).toEqual([
      ...[
        'POST /open-api/v1/schedule-tracks/',
        'POST /open-api/v1/locations/',
        'POST /open-api/v1/sessions/',
      ],
      ...[
        'POST /open-api/v1/schedule-tracks/',
        'POST /open-api/v1/locations/',
        'POST /open-api/v1/sessions/',
      ],
      ...['POST /open-api/v1/schedule-tracks/', 'POST /open-api/v1/sessions/'],
      ...Array(5).fill('POST /open-api/v1/sessions/'),
    ]);
    const after1 = await stored();
    expect(after1).toHaveLength(EVENTS.length);
    for (const event of EVENTS) {
      const s = after1.find((x) => x.import_id === event.uid)!;
      expect(s).toMatchObject({
        name: event.summary,
        description_html: event.description,
        start_time: guidebookTime(event.start),
        end_time: guidebookTime(event.end),
        all_day: false,
        allow_rating: true,
        add_to_schedule: true,
        schedule_tracks: [run1.tracks.get(event.category)],
        locations: [run1.locations.get(event.location)],
      });
    }

    const second = new PythonClient(t, organiser.auth, '/open-api/v1/');
    const run2 = await importCalendar(second, guide, EVENTS);
    expect(second.writes().map((c) => c.method)).toEqual(Array(EVENTS.length).fill('PATCH'));
    expect(run2.tracks).toEqual(run1.tracks);
    expect(run2.locations).toEqual(run1.locations);
    expect(await stored()).toEqual(after1.map((s) => ({ ...s, last_updated: expect.any(String) })));

    const changed = EVENTS.map((e, i) =>
      i === 0
        ? {
            ...e,
            summary: 'Event 0 (moved)',
            start: '2017-11-22 09:00:00+00:00',
            end: '2017-11-22 10:00:00+00:00',
            location: 'Room C',
            category: 'Keynotes',
          }
        : e,
    );
    const third = new PythonClient(t, organiser.auth, '/open-api/v1/');
    const run3 = await importCalendar(third, guide, changed);
    expect(third.writes().map((c) => `${c.method} ${c.path.replace(/\/\d+\//g, '/N/')}`)).toEqual([
      'POST /open-api/v1/schedule-tracks/',
      'POST /open-api/v1/locations/',
      ...Array(EVENTS.length).fill('PATCH /open-api/v1/sessions/N/'),
    ]);
    const after3 = await stored();
    expect(after3).toHaveLength(EVENTS.length);
    expect(after3.find((s) => s.import_id === EVENTS[0].uid)).toMatchObject({
      name: 'Event 0 (moved)',
      start_time: '2017-11-22T09:00:00.000000+0000',
      end_time: '2017-11-22T10:00:00.000000+0000',
      schedule_tracks: [run3.tracks.get('Keynotes')],
      locations: [run3.locations.get('Room C')],
    });
  });
});
