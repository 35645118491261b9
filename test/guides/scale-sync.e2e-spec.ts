/**
 * Replays the SCaLE sync script (socallinuxexpo/scale-sync-scripts: guidebook/sync_guidebook.py,
 * CLIENTS.md 3.8) against the hub: base `/open-api/v1.1/`, form bodies as Python `requests` `data=` sends
 * them, every key it reads asserted. Run twice over the same schedule (the second run finds everything
 * up to date and writes nothing), then over a changed schedule (updates and deletes, no duplicates).
 */
import { startTestApp, TestApp } from '../utils/test-app';
import { makeGuide, makeOrganiser, Organiser } from './guidebook-helpers';
import { PythonClient } from './python-client';

interface Talk {
  nid: string;
  title: string;
  html: string;
  /** `2026-03-05T17:30:00+00:00` */
  start: string;
  end: string;
  tracks: string[];
  rooms: string[];
}

interface Schedule {
  tracks: Record<string, string>;
  rooms: string[];
  talks: Talk[];
}

const at = (day: number, hour: number, minute: number) =>
  `2026-03-0${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+00:00`;

/** 60 talks: more than one page of the session list (50), so `next` is followed. */
function schedule(): Schedule {
  const talks: Talk[] = Array.from({ length: 60 }, (_, i) => ({
    nid: String(1000 + i),
    title: `Talk ${i}`,
    html: `<p>Abstract of talk ${i}</p>`,
    start: at(5 + (i % 3), 9 + (i % 8), 30),
    end: at(5 + (i % 3), 10 + (i % 8), 15),
    tracks: i % 10 === 0 ? [] : [['Kernel', 'Cloud', 'Security'][i % 3]],
    rooms: i % 7 === 0 ? [] : [['Ballroom A', 'Room 101', 'Room 102'][i % 3]],
  }));
  return {
    tracks: { Kernel: '#ff0000', Cloud: '#00aaff', Security: '#00ff00' },
    rooms: ['Ballroom A', 'Room 101', 'Room 102'],
    talks,
  };
}

/** `+0000` → `+00:00`, parsed, UTC (sync_guidebook.py:688-730). */
const instant = (text: string) => new Date(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).getTime();

async function sync(client: PythonClient, guideName: string, source: Schedule) {
  // the guide: first page of guides/, matched by name case-insensitively
  const { json: guides } = await client.request('GET', 'guides/');
  const match = (guides.results as Array<{ id: number; name: string }>).find(
    (g) => g.name.toLowerCase() === guideName.toLowerCase(),
  );
  if (!match) throw new Error('exit 1: guide not found');
  const guide = match.id;

  const tracks = new Map<string, any>();
  for (const tr of await client.all(`schedule-tracks/?guide=${guide}`)) tracks.set(tr.name, tr);
  const rooms = new Map<string, any>();
  for (const r of await client.all(`locations/?guide=${guide}`)) rooms.set(r.name, r);
  const sessions = new Map<string, any>();
  for (const s of await client.all(`sessions/?guide=${guide}`)) {
    expect(s.import_id).not.toBeNull(); // assert nid == session["import_id"]
    sessions.set(s.import_id, s);
  }

  for (const [name, color] of Object.entries(source.tracks)) {
    const orig = tracks.get(name);
    const data = { guide, name, color: color.toUpperCase() };
    if (!orig) {
      const { json } = await client.request('POST', 'schedule-tracks/', data);
      expect(json.id).toEqual(expect.any(Number));
      tracks.set(name, json);
    } else if (orig.color !== color.toUpperCase()) {
      const { json } = await client.request('PATCH', `schedule-tracks/${orig.id}/`, data);
      expect(json.id).toBe(orig.id);
      tracks.set(name, json);
    }
  }
  for (const name of source.rooms) {
    const orig = rooms.get(name);
    const data = { guide, name, location_type: 2 };
    if (!orig) {
      const { json } = await client.request('POST', 'locations/', data);
      expect(json.id).toEqual(expect.any(Number));
      expect(json.location_type).toBe(2);
      rooms.set(name, json);
    } else if (orig.location_type !== 2) {
      const { json } = await client.request('PATCH', `locations/${orig.id}/`, data);
      rooms.set(name, json);
    }
  }

  const seen = new Set<string>();
  for (const talk of source.talks) {
    seen.add(talk.nid);
    const trackIds = talk.tracks.map((n) => tracks.get(n).id as number).sort((a, b) => a - b);
    const roomIds = talk.rooms.map((n) => rooms.get(n).id as number).sort((a, b) => a - b);
    const data = {
      name: talk.title,
      start_time: talk.start,
      end_time: talk.end,
      guide,
      description_html: talk.html,
      schedule_tracks: trackIds.length ? trackIds : undefined,
      locations: roomIds.length ? roomIds : undefined,
      add_to_schedule: true,
      import_id: talk.nid,
    };
    const orig = sessions.get(talk.nid);
    const same = (s: any) =>
      s.name === talk.title &&
      instant(s.start_time as string) === instant(talk.start) &&
      instant(s.end_time as string) === instant(talk.end) &&
      s.description_html === talk.html &&
      JSON.stringify(s.schedule_tracks) === JSON.stringify(trackIds) &&
      JSON.stringify(s.locations) === JSON.stringify(roomIds);
    if (orig && same(orig)) continue;
    const { json } = orig
      ? await client.request('PATCH', `sessions/${orig.id}/`, data)
      : await client.request('POST', 'sessions/', data);
    expect(json.id).toEqual(expect.any(Number));
    // the answer is what was sent, else every run would PATCH again (a PATCH that omits an emptied list
    // keeps the old links, as upstream: they go when the track or room itself is deleted below)
    if (!orig || (trackIds.length && roomIds.length)) expect(same(json)).toBe(true);
    sessions.set(talk.nid, json);
  }

  // deletes: sessions expect 2xx; tracks and locations exactly 204; error bodies parsed as JSON
  for (const [nid, s] of sessions) {
    if (seen.has(nid)) continue;
    const { status } = await client.request('DELETE', `sessions/${s.id}/`, undefined, { expectEmpty: true });
    expect(status).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(300);
  }
  for (const [name, tr] of tracks) {
    if (name in source.tracks) continue;
    const { status } = await client.request('DELETE', `schedule-tracks/${tr.id}/`, undefined, {
      expectEmpty: true,
    });
    expect(status).toBe(204);
  }
  for (const [name, r] of rooms) {
    if (source.rooms.includes(name)) continue;
    const { status } = await client.request('DELETE', `locations/${r.id}/`, undefined, { expectEmpty: true });
    expect(status).toBe(204);
  }
  return guide;
}

describe('SCaLE sync replay on /open-api/v1.1/ (e2e)', () => {
  let t: TestApp;
  let organiser: Organiser;
  let guide: number;
  beforeAll(async () => {
    t = await startTestApp();
    organiser = await makeOrganiser(t);
    guide = await makeGuide(t, organiser, { name: 'SCaLE 23x' });
  });
  afterAll(() => t.close());

  const state = async () => {
    const get = async (list: string) =>
      (
        await t.http
          .get(`/open-api/v1.1/${list}/?guide=${guide}&page_size=500`)
          .set('Authorization', organiser.auth)
          .expect(200)
      ).body.results as Array<Record<string, any>>;
    return {
      tracks: await get('schedule-tracks'),
      rooms: await get('locations'),
      sessions: await get('sessions'),
    };
  };

  it('syncs, finds nothing to do on the second run, then applies changes without duplicating', async () => {
    const source = schedule();
    const first = new PythonClient(t, organiser.auth, '/open-api/v1.1/');
    expect(await sync(first, 'scale 23X', source)).toBe(guide);
    const counts = (c: PythonClient) =>
      c.writes().reduce<Record<string, number>>((acc, call) => {
        const key = `${call.method} ${call.path.replace(/\/\d+\//g, '/N/')}`;
        acc[key] = (acc[key] ?? 0) + 1;
        return acc;
      }, {});
    expect(counts(first)).toEqual({
      'POST /open-api/v1.1/schedule-tracks/': 3,
      'POST /open-api/v1.1/locations/': 3,
      'POST /open-api/v1.1/sessions/': 60,
    });
    // nothing there yet: every list was one page
    expect(first.calls.some((c) => c.method === 'GET' && c.path.includes('page=2'))).toBe(false);
    const after1 = await state();
    expect(after1.tracks.map((tr) => tr.color).sort()).toEqual(['#00AAFF', '#00FF00', '#FF0000']);
    expect(after1.sessions).toHaveLength(60);
    const byNid = new Map(after1.sessions.map((s) => [s.import_id as string, s]));
    const trackId = new Map(after1.tracks.map((tr) => [tr.name as string, tr.id as number]));
    const roomId = new Map(after1.rooms.map((r) => [r.name as string, r.id as number]));
    for (const talk of source.talks) {
      expect(byNid.get(talk.nid)).toMatchObject({
        name: talk.title,
        start_time: `${talk.start.slice(0, 19)}.000000+0000`,
        end_time: `${talk.end.slice(0, 19)}.000000+0000`,
        description_html: talk.html,
        schedule_tracks: talk.tracks.map((n) => trackId.get(n)),
        locations: talk.rooms.map((n) => roomId.get(n)),
        add_to_schedule: true,
      });
    }

    const second = new PythonClient(t, organiser.auth, '/open-api/v1.1/');
    await sync(second, 'SCaLE 23x', source);
    expect(second.writes()).toEqual([]);
    expect(second.calls.some((c) => /[?&]page=2/.test(c.path))).toBe(true); // followed next

    const changed = schedule();
    changed.tracks.Cloud = '#0000aa'; // a new colour: PATCH
    delete changed.tracks.Security; // a track dropped: DELETE 204
    changed.rooms = ['Ballroom A', 'Room 101']; // a room dropped: DELETE 204
    changed.talks = changed.talks
      .filter((talk) => talk.nid !== '1005') // a talk cancelled: DELETE
      .map((talk) => ({
        ...talk,
        tracks: talk.tracks.filter((n) => n !== 'Security'),
        rooms: talk.rooms.filter((n) => n !== 'Room 102'),
        ...(talk.nid === '1001'
          ? { title: 'Talk 1 (retitled)', start: at(7, 18, 0), end: at(7, 19, 0) }
          : {}),
      }));
    changed.talks.push({ ...changed.talks[0], nid: '2000', title: 'Late addition', tracks: ['Kernel'] });
    const third = new PythonClient(t, organiser.auth, '/open-api/v1.1/');
    await sync(third, 'SCaLE 23x', changed);
    const writes = counts(third);
    expect(writes['PATCH /open-api/v1.1/schedule-tracks/N/']).toBe(1);
    expect(writes['POST /open-api/v1.1/sessions/']).toBe(1);
    expect(writes['DELETE /open-api/v1.1/sessions/N/']).toBe(1);
    expect(writes['DELETE /open-api/v1.1/schedule-tracks/N/']).toBe(1);
    expect(writes['DELETE /open-api/v1.1/locations/N/']).toBe(1);
    expect(writes['POST /open-api/v1.1/schedule-tracks/']).toBeUndefined();
    const after3 = await state();
    expect(after3.sessions).toHaveLength(60);
    expect(new Set(after3.sessions.map((s) => s.import_id)).size).toBe(60);
    expect(after3.sessions.find((s) => s.import_id === '1001')).toMatchObject({
      name: 'Talk 1 (retitled)',
      start_time: '2026-03-07T18:00:00.000000+0000',
    });
    expect(after3.tracks.map((tr) => [tr.name, tr.color])).toEqual(
      expect.arrayContaining([['Cloud', '#0000AA']]),
    );
    expect(after3.rooms.map((r) => r.name).sort()).toEqual(['Ballroom A', 'Room 101']);

    const fourth = new PythonClient(t, organiser.auth, '/open-api/v1.1/');
    await sync(fourth, 'SCaLE 23x', changed);
    expect(fourth.writes()).toEqual([]);
  });
});
