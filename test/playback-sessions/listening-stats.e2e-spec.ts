import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from '../utils/test-app';
import { abs, Catalogue, makeCatalogue, seedLocalSession } from './abs-helpers';

const DAY_MS = 86_400_000;
const BASE_MS = Date.UTC(2024, 0, 1, 12);

type Action =
  | { kind: 'play'; book: boolean; syncs: number[] }
  | { kind: 'local'; slot: number; day: number; seconds: number }
  | { kind: 'delete'; slot: number };

/**
 * The statistics read per-user daily totals kept on each write; after any mix of live syncs, local
 * uploads (new and newer copies) and deletions they must equal the totals summed from the sessions.
 */
describe('listening statistics = the totals of the sessions (e2e)', () => {
  let t: TestApp;
  let c: Catalogue;
  let db: DataSource;

  beforeAll(async () => {
    // a wide tolerance: live claims are credited whole, whatever the test's own pace
    t = await startTestApp({ PLAYBACK_SYNC_TOLERANCE_SECONDS: '86400' });
    c = await makeCatalogue(t);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  /** The statistics as the sessions table sums them (what the route answered before the totals). */
  const fromSessions = async (userId: number) => {
    const grouped = async (column: string) => {
      const rows: Array<{ key: string; total: number | string }> = await db.query(
        `SELECT ${column} AS key, SUM(time_listening) AS total FROM abs_playback_sessions
         WHERE user_id = ${Number(userId)} AND time_listening > 0 GROUP BY ${column}`,
      );
      return Object.fromEntries(rows.map((r) => [r.key, Number(r.total)]));
    };
    return {
      days: await grouped('date'),
      dayOfWeek: await grouped('day_of_week'),
      items: await grouped('library_item_id'),
    };
  };
  const expectClose = (actual: Record<string, number>, expected: Record<string, number>) => {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) expect(actual[key]).toBeCloseTo(expected[key], 6);
  };

  it('after random syncs, uploads and deletions', async () => {
    const admin = await t.admin();
    const action: fc.Arbitrary<Action> = fc.oneof(
      fc.record({
        kind: fc.constant('play' as const),
        book: fc.boolean(),
        syncs: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant('local' as const),
        slot: fc.integer({ min: 0, max: 4 }),
        day: fc.integer({ min: 0, max: 6 }),
        seconds: fc.double({ min: 0, max: 500, noNaN: true }),
      }),
      fc.record({ kind: fc.constant('delete' as const), slot: fc.integer({ min: 0, max: 4 }) }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 10 }), async (actions) => {
        const user = await t.makeUser();
        const as = abs(t, user);
        const localId = (slot: number) => `play_local_r${++run}_s${slot}`.slice(0, 64);
        const slots = new Map<number, { id: string; updatedAt: number }>();
        for (const a of actions) {
          if (a.kind === 'play') {
            const path = a.book ? `/items/${c.bookId}/play` : `/items/${c.podcastId}/play/${c.episodeId}`;
            const { body } = await as.post(path, {}).expect(200);
            for (const [i, timeListened] of a.syncs.entries())
              await as.post(`/session/${body.id}/sync`, { currentTime: i, timeListened }).expect(200);
          } else if (a.kind === 'local') {
            const known = slots.get(a.slot);
            const startedAt = BASE_MS + a.day * DAY_MS;
            const id = known?.id ?? localId(a.slot);
            // a newer copy of a known session keeps its day (its start), with a new listening time
            const start = known ? known.updatedAt - 1000 : startedAt;
            const updatedAt = (known?.updatedAt ?? startedAt) + 1000;
            await as
              .post(
                '/session/local',
                seedLocalSession(c, {
                  id,
                  timeListening: a.seconds,
                  startedAt: known ? start : startedAt,
                  updatedAt: known ? updatedAt : startedAt + 1000 * 1000,
                }),
              )
              .expect(200);
            slots.set(a.slot, { id, updatedAt: known ? updatedAt : startedAt + 1000 * 1000 });
          } else {
            const known = slots.get(a.slot);
            if (!known) continue;
            await abs(t, admin).delete(`/sessions/${known.id}`).expect(200);
            slots.delete(a.slot);
          }
        }
        const stats = (await as.get('/me/listening-stats').expect(200)).body;
        const expected = await fromSessions(user.id);
        expectClose(stats.days, expected.days);
        expectClose(stats.dayOfWeek, expected.dayOfWeek);
        expectClose(
          Object.fromEntries(
            Object.entries(stats.items as Record<string, { timeListening: number }>).map(([k, v]) => [
              k,
              v.timeListening,
            ]),
          ),
          expected.items,
        );
        const total = Object.values(expected.days).reduce((a, b) => a + b, 0);
        expect(stats.totalTime).toBeCloseTo(total, 6);
      }),
      { numRuns: 12 },
    );
  });
});
