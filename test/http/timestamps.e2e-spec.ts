import { DRF_MESSAGES } from '../../src/common/validation';
import { startTestApp, TestApp } from '../utils/test-app';
import { createExperiment, registerDevice, startRoundwareSession, token } from '../sessions/helpers';

/** Issue 13.13: a timestamp past year 9999 (after its offset) is a 400 in the surface's dialect, never stored. */
describe('timestamps past year 9999', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('Roundware: PATCH stoptime 9999-12-31T23:30-01:00 (year 10000 in UTC) is 400, the session stays open', async () => {
    const device = await registerDevice(t, `dev-${Math.random().toString(36).slice(2)}`);
    const project = await createExperiment(t, token(device.token));
    const s = await startRoundwareSession(t, token(device.token), { project_id: project.experiment_id });
    const res = await t.http
      .patch(`/api/2/sessions/${s.id}/`)
      .set('Authorization', token(device.token))
      .send({ stoptime: '9999-12-31T23:30:00-01:00' })
      .expect(400);
    expect(res.body).toEqual({ stoptime: [DRF_MESSAGES.datetimeFormat] });
    const after = await t.http
      .get(`/api/2/sessions/${s.id}/`)
      .set('Authorization', token(device.token))
      .expect(200);
    expect(after.body.stoptime).toBeNull();
  });

  it('Roundware events: a server_time filter past 9999 is 400 naming the parameter', async () => {
    const device = await registerDevice(t, `dev-${Math.random().toString(36).slice(2)}`);
    const res = await t.http
      .get('/api/2/events/?server_time__gte=10000-01-01T00:00:00')
      .set('Authorization', token(device.token))
      .expect(400);
    expect(Object.keys(res.body)).toEqual(['server_time__gte']);
  });
});
