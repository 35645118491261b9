/**
 * Batch ingest throughput (issue 17.7): `npx ts-node --transpile-only test/events/batch-throughput.bench.ts`.
 * 20 sequential batches of 1,000 events over real HTTP, 3 runs, echo on and off; SQLite unless DB_TYPE says.
 */
import type { AddressInfo } from 'node:net';
import { bearer, startTestApp } from '../utils/test-app';
import { makeSession } from './sessions';

async function main() {
  const t = await startTestApp({ LOG_LEVEL: 'warn' });
  const u = await t.makeUser();
  const s = await makeSession(t, u.id);
  const server = t.app.getHttpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/2/events/batch/`;
  const body = JSON.stringify(
    Array.from({ length: 1000 }, (_, i) => ({
      session_id: s,
      event_type: i % 2 ? 'heartbeat' : 'start_listen',
      client_time: '2017-05-06T22:55:15.114568',
      latitude: 1.2345,
      longitude: 2.3456,
      tag_ids: '3,8',
      data: 'some random data',
    })),
  );
  const headers = { Authorization: bearer(u), 'Content-Type': 'application/json' };
  for (const echo of ['true', 'false']) {
    const runs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const n = 20;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) {
        const r = await fetch(`${url}?echo=${echo}`, { method: 'POST', headers, body });
        if (r.status !== 201) throw new Error(String(r.status));
        await r.arrayBuffer();
      }
      runs.push((n * 1000) / (Number(process.hrtime.bigint() - t0) / 1e9));
    }
    runs.sort((a, b) => a - b);
    console.log(
      `echo=${echo}: median ${Math.round(runs[1])} events/s (runs ${runs.map(Math.round).join(', ')}; 20 sequential batches of 1,000 each)`,
    );
  }
  await t.close();
}
void main();
