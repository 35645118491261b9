import { DataSource } from 'typeorm';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';

/**
 * Migration 1763800012000 on a database written before it: a listen event whose asset does not exist is
 * deleted, the others are kept, and the key holds afterwards (both engines).
 */
describe('listen_events.asset_id foreign key (migration, e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  let ds: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.admin();
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const post = (url: string, body: object) =>
    t.http.post(url).set('Authorization', bearer(admin)).send(body).expect(200);

  it('deletes the plays of assets that do not exist, keeps the rest, then refuses new ones', async () => {
    const project = (await post('/api/2/projects/', { name: 'FK' })).body.id;
    const session = (await post('/api/2/sessions/', { project_id: project, client_system: 'test' })).body.id;
    const kept = (await post('/api/2/assets/', { project_id: project, description: 'kept' })).body.id;
    const gone = (await post('/api/2/assets/', { project_id: project, description: 'gone' })).body.id;
    const keptPlay = (
      await post('/api/2/listenevents/', { session, asset: kept, starttime: '2026-12-01T10:00:00' })
    ).body.id;
    await post('/api/2/listenevents/', { session, asset: gone, starttime: '2026-12-01T10:00:00' });

    // back to the schema before the key, where a play could outlive (or never have) its asset
    // undo the migrations after it too (they are re-run below)
    const names = ds.migrations.map((m) => m.name);
    const later = names.length - 1 - names.indexOf('ListenEventAssetFk1763800012000');
    expect(later).toBeGreaterThanOrEqual(0);
    for (let i = 0; i <= later; i++) await ds.undoLastMigration();
    await ds.query(`DELETE FROM rw_assets WHERE id = ${Number(gone)}`);
    await ds.query(
      `INSERT INTO listen_events (session_id, project_id, asset_id, start_time) VALUES (${Number(session)}, ${Number(project)}, 987654, 0)`,
    );
    expect(Number((await ds.query('SELECT COUNT(*) AS n FROM listen_events'))[0].n)).toBe(3);

    await ds.runMigrations();
    const rows: Array<{ id: number | string }> = await ds.query('SELECT id FROM listen_events ORDER BY id');
    expect(rows.map((r) => Number(r.id))).toEqual([keptPlay]);
    await expect(
      ds.query(
        `INSERT INTO listen_events (session_id, project_id, asset_id, start_time) VALUES (${Number(session)}, ${Number(project)}, 987654, 0)`,
      ),
    ).rejects.toThrow();
    await t.http.get(`/api/2/listenevents/${keptPlay}/`).set('Authorization', bearer(admin)).expect(200);
  });
});
