/**
 * Throughput of the hot path of this module: `POST /audiobookshelf/api/session/:id/sync` on one open
 * session (every request is an atomic UPDATE on the same row plus a progress upsert), then
 * `GET /audiobookshelf/api/sessions` (a page of 10 from 10 000 sessions, with users joined).
 *
 *   npx ts-node test/playback-sessions/bench-sync.ts            # SQLite (temporary file)
 *   TEST_DATABASE_URL=postgres://… npx ts-node test/playback-sessions/bench-sync.ts
 *
 * Not part of the test suite (no assertions on time); it prints autocannon's summary.
 */
import autocannon from 'autocannon';
import { startTestApp } from '../utils/test-app';
import { makeCatalogue, seedLocalSession } from './abs-helpers';

async function main(): Promise<void> {
  const t = await startTestApp({ PLAYBACK_SYNC_TOLERANCE_SECONDS: '86400', LOG_LEVEL: 'silent' });
  try {
    const c = await makeCatalogue(t);
    const admin = await t.admin();
    const user = await t.makeUser();
    const auth = { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' };
    const play = await t.http.post(`/audiobookshelf/api/items/${c.bookId}/play`).set(auth).send({});
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    const { port } = t.app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${port}/audiobookshelf/api`;

    const me = await autocannon({
      url: `http://127.0.0.1:${port}/auth/me`,
      headers: auth,
      connections: 20,
      duration: 5,
    });
    process.stdout.write(
      `baseline GET /auth/me: ${Math.round(me.requests.average)} req/s, p99 ${me.latency.p99} ms\n`,
    );
    const sync = await autocannon({
      url: `${base}/session/${play.body.id}/sync`,
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ currentTime: 100, timeListened: 0.01 }),
      connections: 20,
      duration: 10,
    });
    const after = await t.http.get(`/audiobookshelf/api/session/${play.body.id}`).set(auth);
    process.stdout.write(
      `sync: ${Math.round(sync.requests.average)} req/s, p99 ${sync.latency.p99} ms, ` +
        `${sync['2xx']} answered 2xx, ${sync.non2xx} non-2xx; timeListening ${after.body.timeListening.toFixed(2)} ` +
        `(0.01 s per sync: ${(sync['2xx'] * 0.01).toFixed(2)} from the 2xx answers)\n`,
    );

    for (let batch = 0; batch < 20; batch++) {
      const sessions = Array.from({ length: 500 }, (_, i) =>
        seedLocalSession(c, {
          id: `play_local_bench_${batch}_${i}`,
          startedAt: 1668580247687 + batch * 1000 + i,
          updatedAt: 1668580347687 + batch * 1000 + i,
        }),
      );
      await t.http.post('/audiobookshelf/api/session/local-all').set(auth).send({ sessions });
    }
    const list = await autocannon({
      url: `${base}/sessions?itemsPerPage=10&page=3`,
      headers: { Authorization: `Bearer ${admin.token}` },
      connections: 20,
      duration: 10,
    });
    process.stdout.write(
      `list (10 000 sessions, page of 10): ${Math.round(list.requests.average)} req/s, p99 ${list.latency.p99} ms, ${list.non2xx} non-2xx\n`,
    );
  } finally {
    await t.close();
  }
}

void main();
