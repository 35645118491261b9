import fc from 'fast-check';
import { PlaybackSession } from '../../src/playback-sessions/entities/playback-session.entity';
import { PlaybackSessionsRepository } from '../../src/playback-sessions/playback-sessions.repository';
import { startTestApp, TestApp, TestUser } from '../utils/test-app';
import { abs, Catalogue, makeCatalogue } from './abs-helpers';

const S = 1_000_000; // µs per second
const EVERYONE = { where: '', values: [] };

/**
 * The sync credit rule as production runs it: the SQL of `PlaybackSessionsRepository.sync`, on this
 * run's engine (SQLite, or PostgreSQL with TEST_DATABASE_URL), with the clock given by the test.
 */
describe('the sync credit rule (the production SQL, on the real engine)', () => {
  let t: TestApp;
  let c: Catalogue;
  let user: TestUser;
  let repo: PlaybackSessionsRepository;

  beforeAll(async () => {
    t = await startTestApp();
    c = await makeCatalogue(t);
    user = await t.makeUser();
    repo = t.app.get(PlaybackSessionsRepository);
  });
  afterAll(() => t.close());

  /** A new open session (each on its own device, so none closes another); its opening time in µs. */
  let device = 0;
  const open = async (): Promise<{ id: string; opened: number }> => {
    const { body } = await abs(t, user)
      .post(`/items/${c.bookId}/play`, { deviceInfo: { deviceId: `credit-${++device}` } })
      .expect(200);
    const row = await repo.findOpen(body.id, EVERYONE);
    return { id: body.id, opened: Number(row!.creditedUntil) };
  };
  const sync = async (id: string, listened: number, now: number, tolerance: number) => {
    const row = await repo.sync({
      id,
      listened,
      allowEnd: now + tolerance * S,
      now,
      position: 1,
      close: false,
    });
    return row as PlaybackSession;
  };

  it('credits an honest client fully', async () => {
    const { id, opened } = await open();
    let row: PlaybackSession | undefined;
    for (let i = 1; i <= 4; i++) row = await sync(id, 15, opened + i * 15 * S, 10);
    expect(row!.timeListening).toBe(60);
  });

  it('clamps a sync to the wall-clock time since the previous one plus the tolerance', async () => {
    const { id, opened } = await open();
    const row = await sync(id, 3600, opened + 30 * S, 10);
    expect(row.timeListening).toBe(40);
    expect(Number(row.creditedUntil)).toBe(opened + 40 * S);
  });

  it('shares one tolerance across a burst instead of granting it per sync', async () => {
    const { id, opened } = await open();
    let row: PlaybackSession | undefined;
    for (let i = 0; i < 100; i++) row = await sync(id, 5, opened + 1 * S, 10); // 100 syncs in one second
    expect(row!.timeListening).toBeCloseTo(11, 6); // 1 s of wall clock + 10 s tolerance, not 100 × 5
  });

  it('does not bank a pause for later', async () => {
    const { id, opened } = await open();
    const afterPause = await sync(id, 15, opened + 3600 * S, 10);
    expect(afterPause.timeListening).toBe(15);
    expect(Number(afterPause.creditedUntil)).toBe(opened + 3600 * S); // the watermark caught up with now
    const next = await sync(id, 3000, opened + 3605 * S, 10);
    expect(next.timeListening).toBe(30); // + 5 s since the previous sync + 10 s tolerance
  });

  it('credits nothing when the allowance is used up', async () => {
    const { id, opened } = await open();
    await sync(id, 30, opened + 20 * S, 10); // the watermark is now 30 s after opening
    const row = await sync(id, 5, opened, 10); // a sync stamped before the watermark - tolerance
    expect(row.timeListening).toBe(30);
  });

  it('random sync sequences, some concurrent: credited ≤ wall clock + tolerance, concurrent syncs sum exactly', async () => {
    const tolerance = 10;
    const batch = fc.record({
      gapMs: fc.integer({ min: 0, max: 60_000 }),
      claims: fc.array(
        fc.oneof(fc.double({ min: 0, max: 4, noNaN: true }), fc.double({ min: 0, max: 3600, noNaN: true })),
        { minLength: 1, maxLength: 4 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 8 }), async (batches) => {
        const { id, opened } = await open();
        let now = opened;
        let syncs = 0;
        let total = 0;
        for (const { gapMs, claims } of batches) {
          now += gapMs * 1000;
          const before = (await repo.findOpen(id, EVERYONE))!;
          // the syncs of a batch arrive at once (the same clock), as from several devices or retries
          const rows = await Promise.all(claims.map((claim) => sync(id, claim, now, tolerance)));
          syncs += claims.length;
          const after = (await repo.findOpen(id, EVERYONE))!;
          const added = after.timeListening - before.timeListening;
          const claimed = claims.reduce((a, b) => a + b, 0);
          // no sync is lost: each answer is one step of one chain that ends at the stored total
          const seen = rows.map((r) => r.timeListening).sort((a, b) => a - b);
          expect(seen[seen.length - 1]).toBe(after.timeListening);
          expect(added).toBeGreaterThanOrEqual(-1e-9);
          expect(added).toBeLessThanOrEqual(claimed + 1e-9);
          // within the allowance (watermark not ahead of the clock, claims within the tolerance) the
          // concurrent syncs sum exactly
          if (Number(before.creditedUntil) <= now && claimed <= tolerance)
            expect(added).toBeCloseTo(claimed, 9);
          total = after.timeListening;
          // never more than the wall clock since opening plus the tolerance (1 µs rounding per sync)
          expect(total).toBeLessThanOrEqual((now - opened) / S + tolerance + syncs * 1e-6);
        }
      }),
      { numRuns: 40 },
    );
  });
});
