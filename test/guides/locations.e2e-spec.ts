import { Role } from '../../src/common/auth-user';
import { LocationType } from '../../src/guides/entities/location.entity';
import { LocationsRepository, MainVenueTakenError } from '../../src/guides/locations.repository';
import { startTestApp, TestApp } from '../utils/test-app';
import {
  GUIDEBOOK_TIME,
  LOCATION_KEYS,
  makeGuide,
  makeLocation,
  makeOrganiser,
  makeSession,
  Organiser,
} from './guidebook-helpers';

describe('Guidebook locations (e2e)', () => {
  let t: TestApp;
  let alice: Organiser;
  let bob: Organiser;
  let operator: Organiser;
  let guide: number;
  let otherGuide: number;
  beforeAll(async () => {
    t = await startTestApp();
    alice = await makeOrganiser(t);
    bob = await makeOrganiser(t);
    operator = await makeOrganiser(t, Role.Operator);
    guide = await makeGuide(t, alice);
    otherGuide = await makeGuide(t, bob);
  });
  afterAll(() => t.close());

  it('creates from JSON and from form data (address as a JSON string), with every documented key', async () => {
    const json = await t.http
      .post('/open-api/v1/locations/')
      .set('Authorization', alice.auth)
      .send({
        guide,
        name: 'Main Hall',
        location_type: 1,
        address: { street: '1 Main St', city: 'Pasadena', zipcode: '91101' },
        description: '<p>Ground floor</p><script>x()</script>',
      })
      .expect(201);
    expect(Object.keys(json.body)).toEqual(LOCATION_KEYS);
    expect(json.body).toEqual({
      id: expect.any(Number),
      guide,
      name: 'Main Hall',
      description: '<p>Ground floor</p>',
      location_type: 1,
      latitude: null,
      longitude: null,
      import_id: null,
      address: { city: 'Pasadena', street: '1 Main St', zipcode: '91101' },
      created_at: expect.stringMatching(GUIDEBOOK_TIME),
    });
    const form = await t.http
      .post('/open-api/v1/locations/')
      .set('Authorization', alice.auth)
      .type('form')
      .send(
        `guide=${guide}&name=Park&location_type=3&latitude=34.1478&longitude=-118.1445&import_id=park` +
          `&address=${encodeURIComponent('{"city":"Pasadena"}')}`,
      )
      .expect(201);
    expect(form.body).toMatchObject({
      location_type: 3,
      latitude: 34.1478,
      longitude: -118.1445,
      import_id: 'park',
      address: { city: 'Pasadena' },
    });
    const read = await t.http
      .get(`/open-api/v1.1/locations/${form.body.id}/`)
      .set('Authorization', alice.auth)
      .expect(200);
    expect(read.body).toEqual(form.body);
  });

  it('keeps one Main Venue per guide when creates race (a unique index holds it, not only the check)', async () => {
    const g = await makeGuide(t, alice);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.http
          .post('/open-api/v1/locations/')
          .set('Authorization', alice.auth)
          .send({ guide: g, name: `Venue ${i}`, location_type: 1 }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400, 400, 400, 400, 400, 400, 400]);
    for (const refused of answers.filter((a) => a.status === 400)) {
      expect(refused.body).toEqual({
        location_type: ['This guide already has a Main Venue (location_type 1).'],
      });
    }
    const venues = await t.http
      .get(`/open-api/v1/locations/?guide=${g}&location_type=1`)
      .set('Authorization', alice.auth)
      .expect(200);
    expect(venues.body.count).toBe(1);
    // past the service's check (as the loser of a race gets there), the database itself refuses a second one
    const [venue] = venues.body.results as { id: number }[];
    const now = Date.now() * 1000;
    const second = {
      guideId: g,
      name: 'Raced',
      locationType: LocationType.MainVenue,
      createdAt: now,
      lastUpdated: now,
    };
    await expect(t.app.get(LocationsRepository).insertLocation(second)).rejects.toBeInstanceOf(
      MainVenueTakenError,
    );
    expect(venue.id).toBeGreaterThan(0);
  });

  it('applies the documented rules: one Main Venue per guide, coordinates for Google Maps, valid types', async () => {
    const g = await makeGuide(t, alice);
    const venue = await makeLocation(t, alice, g, { location_type: 1 });
    const second = await t.http
      .post('/open-api/v1/locations/')
      .set('Authorization', alice.auth)
      .send({ guide: g, name: 'Another venue', location_type: 1 })
      .expect(400);
    expect(second.body).toEqual({
      location_type: ['This guide already has a Main Venue (location_type 1).'],
    });
    // the venue itself may be patched and stay a Main Venue; another location may not become one
    await t.http
      .patch(`/open-api/v1/locations/${venue}/`)
      .set('Authorization', alice.auth)
      .send({ location_type: 1, name: 'Venue' })
      .expect(200);
    const room = await makeLocation(t, alice, g);
    await t.http
      .patch(`/open-api/v1/locations/${room}/`)
      .set('Authorization', alice.auth)
      .send({ location_type: 1 })
      .expect(400);
    const map = await t.http
      .post('/open-api/v1/locations/')
      .set('Authorization', alice.auth)
      .send({ guide: g, name: 'Map', location_type: 3, latitude: 1 })
      .expect(400);
    expect(map.body).toEqual({ longitude: ['Required for a Google Maps location (location_type 3).'] });
    const bad = await t.http
      .post('/open-api/v1/locations/')
      .set('Authorization', alice.auth)
      .send({ guide: g, location_type: 7, latitude: 'north', address: '{"planet":"Mars"}' })
      .expect(400);
    expect(Object.keys(bad.body).sort()).toEqual(['address', 'latitude', 'location_type', 'name']);
    expect(bad.body.location_type).toEqual(['"7" is not a valid choice.']);
    const changed = await t.http
      .patch(`/open-api/v1/locations/${room}/`)
      .set('Authorization', alice.auth)
      .send({ guide: otherGuide })
      .expect(400);
    expect(changed.body).toEqual({ guide: ['The guide of a location cannot be changed.'] });
  });

  it('lists with the filters guide (or guide_id), location_type, id, import_id, following next', async () => {
    const g = await makeGuide(t, alice);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await makeLocation(t, alice, g, { name: `R${i}`, import_id: `r${i}` }));
    const venue = await makeLocation(t, alice, g, { location_type: 1 });
    const list = async (query: string, who = alice) =>
      (await t.http.get(`/open-api/v1/locations/${query}`).set('Authorization', who.auth).expect(200)).body;
    expect((await list(`?guide=${g}`)).results.map((r: { id: number }) => r.id)).toEqual([...ids, venue]);
    expect((await list(`?guide_id=${g}`)).count).toBe(6);
    expect((await list(`?guide=${g}&location_type=1`)).results.map((r: { id: number }) => r.id)).toEqual([
      venue,
    ]);
    expect((await list(`?guide=${g}&import_id=r3`)).results.map((r: { id: number }) => r.id)).toEqual([
      ids[3],
    ]);
    expect((await list(`?id=${ids[1]}`)).count).toBe(1);
    expect((await list(`?guide=${g}`, bob)).count).toBe(0);
    expect((await list(`?guide=${g}`, operator)).count).toBe(6);
    // pages with an absolute next, followed to the end
    const seen: number[] = [];
    let next: string | null = `/open-api/v1/locations/?guide=${g}&page_size=4`;
    while (next) {
      const page = (
        await t.http
          .get(next.replace(/^https?:\/\/[^/]+/, ''))
          .set('Authorization', alice.auth)
          .expect(200)
      ).body as { next: string | null; results: Array<{ id: number }> };
      seen.push(...page.results.map((r) => r.id));
      next = page.next;
      if (next) expect(next).toMatch(/^https?:\/\//);
    }
    expect(seen).toEqual([...ids, venue]);
    const bad = await t.http
      .get('/open-api/v1/locations/?location_type=9')
      .set('Authorization', alice.auth)
      .expect(400);
    expect(bad.body).toEqual({ location_type: ['Select a valid choice. Allowed: 1, 2, 3.'] });
  });

  it('is owned through the guide: others get 404 (400 on create), operators read but get 403 writing', async () => {
    const id = await makeLocation(t, alice, guide);
    await t.http.get(`/open-api/v1/locations/${id}/`).set('Authorization', bob.auth).expect(404);
    await t.http
      .patch(`/open-api/v1/locations/${id}/`)
      .set('Authorization', bob.auth)
      .send({ name: 'x' })
      .expect(404);
    await t.http.delete(`/open-api/v1/locations/${id}/`).set('Authorization', bob.auth).expect(404);
    const foreign = await t.http
      .post('/open-api/v1/locations/')
      .set('Authorization', bob.auth)
      .send({ guide, name: 'x', location_type: 2 })
      .expect(400);
    expect(foreign.body).toEqual({ guide: [`Invalid pk "${guide}" - object does not exist.`] });
    await t.http.get(`/open-api/v1/locations/${id}/`).set('Authorization', operator.auth).expect(200);
    await t.http
      .patch(`/open-api/v1/locations/${id}/`)
      .set('Authorization', operator.auth)
      .send({ name: 'x' })
      .expect(403);
    await t.http.delete(`/open-api/v1/locations/${id}/`).set('Authorization', operator.auth).expect(403);
  });

  it('sessions carry locations of their guide (JSON arrays, repeated form keys), replaced on PATCH, dropped on delete', async () => {
    const a = await makeLocation(t, alice, guide, { name: 'A' });
    const b = await makeLocation(t, alice, guide, { name: 'B' });
    const foreign = await makeLocation(t, bob, otherGuide);
    const created = await makeSession(t, alice, guide, { locations: [b, a] });
    expect(created.locations).toEqual([a, b]);
    const form = await t.http
      .post('/open-api/v1/sessions/')
      .set('Authorization', alice.auth)
      .type('form')
      .send(
        `guide=${guide}&name=Form&description_html=&start_time=2017-09-18T16%3A00%3A00` +
          `&end_time=2017-09-18T17%3A00%3A00&locations=${a}&locations=${b}`,
      )
      .expect(201);
    expect(form.body.locations).toEqual([a, b]);
    const refused = await t.http
      .post('/open-api/v1/sessions/')
      .set('Authorization', alice.auth)
      .send({
        guide,
        name: 'x',
        description_html: null,
        start_time: '2017-09-18T16:00:00',
        all_day: true,
        locations: [a, foreign],
      })
      .expect(400);
    expect(refused.body).toEqual({
      locations: [`Invalid pk "${foreign}" - not a location of guide ${guide}.`],
    });
    const patched = await t.http
      .patch(`/open-api/v1/sessions/${created.id}/`)
      .set('Authorization', alice.auth)
      .send({ locations: [b] })
      .expect(200);
    expect(patched.body.locations).toEqual([b]);
    await t.http.delete(`/open-api/v1/locations/${b}/`).set('Authorization', alice.auth).expect(204);
    const read = await t.http
      .get(`/open-api/v1/sessions/${created.id}/`)
      .set('Authorization', alice.auth)
      .expect(200);
    expect(read.body.locations).toEqual([]);
    const listed = await t.http
      .get(`/open-api/v1/sessions/?id=${form.body.id}`)
      .set('Authorization', alice.auth)
      .expect(200);
    expect(listed.body.results[0].locations).toEqual([a]);
  });
});
