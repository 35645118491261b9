import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/database.options';
import { MIGRATIONS } from '../../src/database/migrations';
import { PlaybackListeningDays1763800004100 } from '../../src/database/migrations/1763800004100-PlaybackListeningDays';
import { baseTestEnv, freshDatabase } from '../utils/test-app';
import { insertRawSession } from './abs-helpers';

/** The daily totals migration backfills the sessions stored before it, on this run's engine. */
describe('PlaybackListeningDays migration (e2e)', () => {
  it('backfills the totals of existing sessions (sessions with no time are not counted)', async () => {
    const db = await freshDatabase();
    const config = loadAppConfig({ ...baseTestEnv(), ...db.env });
    const upTo = MIGRATIONS.indexOf(PlaybackListeningDays1763800004100);
    const before = new DataSource({ ...dataSourceOptions(config.db), migrations: MIGRATIONS.slice(0, upTo) });
    await before.initialize();
    try {
      await before.runMigrations();
      const [{ id: userId }] = await before.query(
        `INSERT INTO users (username, password_hash, role, created_at, updated_at)
         VALUES ('backfill', NULL, 'user', 1, 1) RETURNING id`,
      );
      const sessions: Array<[string, string, string, number]> = [
        ['play_a', '2024-01-05', 'li_x', 100.5],
        ['play_b', '2024-01-05', 'li_x', 20.25],
        ['play_c', '2024-01-05', 'li_y', 7],
        ['play_d', '2024-01-06', 'li_x', 0],
        ['play_e', '2024-01-07', 'li_y', 3],
      ];
      for (const [id, date, itemId, seconds] of sessions)
        await insertRawSession(before, { id, userId: Number(userId), itemId, date, seconds });
      await before.destroy();
      const after = new DataSource(dataSourceOptions(config.db));
      await after.initialize();
      try {
        await after.runMigrations();
        const totals = async () =>
          (
            await after.query<Array<Record<string, unknown>>>(
              'SELECT date, library_item_id, seconds, sessions FROM abs_listening_days ORDER BY date, library_item_id',
            )
          ).map((r) => [r.date, r.library_item_id, Number(r.seconds), Number(r.sessions)]);
        expect(await totals()).toEqual([
          ['2024-01-05', 'li_x', 120.75, 2],
          ['2024-01-05', 'li_y', 7, 1],
          ['2024-01-07', 'li_y', 3, 1],
        ]);
        // and from now on the triggers keep it: a credited sync adds, a delete takes away
        await after.query("UPDATE abs_playback_sessions SET time_listening = 5 WHERE id = 'play_d'");
        await after.query("DELETE FROM abs_playback_sessions WHERE id = 'play_c'");
        expect(await totals()).toEqual([
          ['2024-01-05', 'li_x', 120.75, 2],
          ['2024-01-05', 'li_y', 0, 0],
          ['2024-01-06', 'li_x', 5, 1],
          ['2024-01-07', 'li_y', 3, 1],
        ]);
      } finally {
        await after.destroy();
      }
    } finally {
      if (before.isInitialized) await before.destroy();
      await db.drop();
    }
  });
});
