import { startTestApp, TestApp } from '../utils/test-app';
import { makeGuide, makeOrganiser, makeSession, makeTrack, Organiser } from './guidebook-helpers';

describe('Guidebook body shapes: JSON arrays vs repeated form keys (e2e)', () => {
  let t: TestApp;
  let alice: Organiser;
  let guide: number;
  beforeAll(async () => {
    t = await startTestApp();
    alice = await makeOrganiser(t);
    guide = await makeGuide(t, alice);
  });
  afterAll(() => t.close());

  it('refuses a JSON array in a text, boolean, id or datetime field with a DRF field error', async () => {
    const res = await t.http
      .post('/open-api/v1/sessions/')
      .set('Authorization', alice.auth)
      .send({
        guide: [String(guide)],
        name: ['a', 'b'],
        description_html: ['<p>x</p>'],
        start_time: ['2017-09-18T16:00:00'],
        all_day: ['false'],
      })
      .expect(400);
    expect(res.body).toEqual({
      guide: ['Incorrect type. Expected pk value, received list.'],
      name: ['Not a valid string.'],
      description_html: ['Not a valid string.'],
      start_time: [expect.stringMatching(/^Datetime has wrong format/)],
      all_day: ['Must be a valid boolean.'],
    });
    const track = await t.http
      .post('/open-api/v1/schedule-tracks/')
      .set('Authorization', alice.auth)
      .send({ guide, name: ['Keynotes'], color: ['#000080'] })
      .expect(400);
    expect(track.body).toEqual({
      name: ['Not a valid string.'],
      color: ['Enter a valid hex color of the form #rrggbb, e.g. #000080.'],
    });
    await t.http
      .patch(`/open-api/v1/guides/${guide}/`)
      .set('Authorization', alice.auth)
      .send({ name: ['x'] })
      .expect(400, { name: ['Not a valid string.'] });
  });

  it('still takes the last of repeated keys in a form body, as Django reads them', async () => {
    const res = await t.http
      .post('/open-api/v1/sessions/')
      .set('Authorization', alice.auth)
      .type('form')
      .send(
        `guide=${guide}&description_html=&end_time=2017-09-18T17:00:00Z&name=first&name=second&start_time=2017-09-18+16:00:00%2B00:00&all_day=True&all_day=False`,
      )
      .expect(201);
    expect(res.body).toMatchObject({
      name: 'second',
      all_day: false,
      start_time: '2017-09-18T16:00:00.000000+0000',
    });
  });

  it("keeps Guidebook's documented Basic HTML and strips every script vector through the API", async () => {
    const track = await makeTrack(t, alice, guide);
    const session = await makeSession(t, alice, guide, {
      schedule_tracks: [track],
      description_html:
        '<h7>Seven</h7><p><kbd>Ctrl</kbd> <q>quote</q> <var>x</var> <tt>tt</tt></p><img src="https://e.x/a.png" onerror="alert(1)">' +
        '<div itemscope itemtype="https://schema.org/Event" onclick="x()">d</div><ruby>漢<rt>kan</rt></ruby>' +
        '<a href="javascript:alert(1)">j</a><script>alert(1)</script>',
    });
    expect(session.description_html).toBe(
      '<h7>Seven</h7><p><kbd>Ctrl</kbd> <q>quote</q> <var>x</var> <tt>tt</tt></p><img src="https://e.x/a.png" />' +
        '<div itemscope itemtype="https://schema.org/Event">d</div><ruby>漢<rt>kan</rt></ruby><a>j</a>',
    );
  });
});
