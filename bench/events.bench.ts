/**
 * Events benchmark: single POST, batch POST and `GET ?session_id=` (50 rows) against the app on a
 * 1,000,000-event SQLite database, the GET again on a 10,000-event database (latency at scale), and the
 * same three operations on a bare node:http + better-sqlite3 reference, all on loopback.
 *
 *   npm run bench:events              full run: 1M events, 3 runs of 8 s per case, median reported
 *   npm run bench:events -- --smoke   tiny database, 1 run of 1 s per case (for CI: proves it runs)
 *
 * The servers run as child processes (one core), autocannon runs here (the other core).
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_USER, EVENTS_PER_SESSION, SeededDb, seedDatabase } from './seed';

const smoke = process.argv.includes('--smoke');
const BIG = smoke ? 2_000 : 1_000_000;
const SMALL = smoke ? 1_000 : 10_000;
const RUNS = smoke ? 1 : 3;
const SECONDS = smoke ? 1 : 8;
const CONNECTIONS = 32;
const BATCH_SIZE = 1000;
const BATCH_CONNECTIONS = 4;
const JWT_SECRET = 'bench-jwt-secret-that-is-long-enough-0123456789';

interface Measure {
  reqPerSec: number;
  eventsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

type Kind = 'post' | 'batch' | 'get';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function startServer(
  command: string[],
  env: Record<string, string>,
  port: number,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, command, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      await res.arrayBuffer();
      return child;
    } catch {
      if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server did not start: ${stderr}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function eventBody(sessionId: number, i: number) {
  return {
    session_id: sessionId,
    event_type: i % 2 ? 'heartbeat' : 'start_listen',
    client_time: '2017-05-06T22:55:15.114568',
    latitude: 1.2345,
    longitude: 2.3456,
    tag_ids: '3,8',
    data: 'some random data',
  };
}

async function measure(
  kind: Kind,
  port: number,
  token: string,
  sessions: number,
  seconds: number,
): Promise<Measure> {
  let n = 0;
  const nextSession = () => ((n++ * 7919) % sessions) + 1;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const batchBody = JSON.stringify(Array.from({ length: BATCH_SIZE }, (_, i) => eventBody(1, i)));
  const request =
    kind === 'get'
      ? {
          method: 'GET' as const,
          setupRequest: (r: object) => ({ ...r, path: `/api/2/events/?session_id=${nextSession()}` }),
        }
      : kind === 'post'
        ? {
            method: 'POST' as const,
            path: '/api/2/events/',
            setupRequest: (r: object) => ({ ...r, body: JSON.stringify(eventBody(nextSession(), n)) }),
          }
        : { method: 'POST' as const, path: '/api/2/events/batch/', body: batchBody };
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: kind === 'batch' ? BATCH_CONNECTIONS : CONNECTIONS,
    duration: seconds,
    headers,
    requests: [request],
  });
  const ok = result.requests.total - result.non2xx;
  const reqPerSec = ok / (result.duration || seconds);
  return {
    reqPerSec,
    eventsPerSec: reqPerSec * (kind === 'batch' ? BATCH_SIZE : kind === 'get' ? EVENTS_PER_SESSION : 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

async function runCases(
  kinds: Kind[],
  port: number,
  token: string,
  sessions: number,
): Promise<Record<string, Measure>> {
  const out: Record<string, Measure> = {};
  for (const kind of kinds) {
    await measure(kind, port, token, sessions, 1); // warm-up, discarded
    const runs: Measure[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await measure(kind, port, token, sessions, SECONDS));
    out[kind] = {
      reqPerSec: median(runs.map((m) => m.reqPerSec)),
      eventsPerSec: median(runs.map((m) => m.eventsPerSec)),
      p50: median(runs.map((m) => m.p50)),
      p99: median(runs.map((m) => m.p99)),
      errors: runs.reduce((sum, m) => sum + m.errors, 0),
    };
    process.stderr.write(`  ${kind}: ${JSON.stringify(out[kind])}\n`);
  }
  return out;
}

async function withApp<T>(db: SeededDb, port: number, fn: (token: string) => Promise<T>): Promise<T> {
  const app = await startServer(
    ['dist/src/main.js'],
    {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DB_TYPE: 'sqlite',
      DB_PATH: db.path,
      JWT_SECRET,
      JWT_EXPIRES_IN: '86400',
      ADMIN_PASSWORD: 'bench-admin-password',
      LOG_LEVEL: 'warn',
      DOCS_ENABLED: 'false',
    },
    port,
  );
  try {
    const res = await fetch(`http://127.0.0.1:${port}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_USER),
    });
    const body = (await res.json()) as { access_token: string };
    return await fn(body.access_token);
  } finally {
    await stop(app);
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'events-bench-'));
  try {
    let t0 = Date.now();
    const big = await seedDatabase(join(dir, 'big.sqlite'), BIG);
    process.stderr.write(`seeded ${fmt(BIG)} events in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const small = await seedDatabase(join(dir, 'small.sqlite'), SMALL);
    copyFileSync(big.path, join(dir, 'reference.sqlite'));
    const reference = { ...big, path: join(dir, 'reference.sqlite') };

    t0 = Date.now();
    process.stderr.write(`app, ${fmt(BIG)} events\n`);
    const app = await withApp(big, 3911, (token) =>
      runCases(['get', 'post', 'batch'], 3911, token, big.sessions),
    );
    process.stderr.write(`app, ${fmt(SMALL)} events\n`);
    const appSmall = await withApp(small, 3912, (token) => runCases(['get'], 3912, token, small.sessions));
    process.stderr.write('reference (node:http + better-sqlite3)\n');
    const refServer = await startServer(
      ['dist/bench/events-reference-server.js', reference.path, '3913', String(reference.userId)],
      {},
      3913,
    ).catch(async () => {
      throw new Error('reference server did not start');
    });
    let ref: Record<string, Measure>;
    try {
      ref = await runCases(['get', 'post', 'batch'], 3913, 'reference', reference.sessions);
    } finally {
      await stop(refServer);
    }

    const rows: string[][] = [
      ['case', 'server', 'req/s', 'events/s', 'p50 ms', 'p99 ms', 'vs reference', 'errors'],
    ];
    const names: Record<Kind, string> = {
      post: 'POST /api/2/events/ (1 event)',
      batch: `POST /api/2/events/batch/ (${BATCH_SIZE})`,
      get: `GET ?session_id= (${EVENTS_PER_SESSION} rows)`,
    };
    for (const kind of ['post', 'batch', 'get'] as Kind[]) {
      const line = (server: string, m: Measure, vs: string) => [
        names[kind],
        server,
        fmt(m.reqPerSec),
        fmt(m.eventsPerSec),
        fmt(m.p50, 1),
        fmt(m.p99, 1),
        vs,
        String(m.errors),
      ];
      rows.push(
        line(
          `app @ ${fmt(BIG)}`,
          app[kind],
          `${((app[kind].reqPerSec / ref[kind].reqPerSec) * 100).toFixed(0)}%`,
        ),
      );
      if (kind === 'get') rows.push(line(`app @ ${fmt(SMALL)}`, appSmall.get, ''));
      rows.push(line(`reference @ ${fmt(BIG)}`, ref[kind], '100%'));
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    const print = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
    process.stdout.write(
      `\nEvents benchmark${smoke ? ' (SMOKE: tiny data, 1 s runs; numbers mean nothing)' : ''}: ` +
        `median of ${RUNS} run(s) of ${SECONDS} s, ${CONNECTIONS} connections (batch: ${BATCH_CONNECTIONS}), loopback\n`,
    );
    process.stdout.write(`${print(rows[0])}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
    for (const r of rows.slice(1)) process.stdout.write(`${print(r)}\n`);
    const scale = app.get.p50 / appSmall.get.p50;
    const scale99 = app.get.p99 / appSmall.get.p99;
    process.stdout.write(
      `\nGET latency at ${fmt(BIG)} vs ${fmt(SMALL)} events: p50 ×${scale.toFixed(2)}, p99 ×${scale99.toFixed(2)}\n`,
    );
    const targets: Array<[string, boolean]> = [
      ['single POST ≥ 4,000 req/s', app.post.reqPerSec >= 4000],
      ['single POST p99 ≤ 25 ms', app.post.p99 <= 25],
      ['batch ≥ 100,000 events/s', app.batch.eventsPerSec >= 100_000],
      ['GET ≥ 2,500 req/s', app.get.reqPerSec >= 2500],
      ['GET p99 ≤ 40 ms', app.get.p99 <= 40],
      ['GET latency at 1M within 1.5× of 10k (p50)', scale <= 1.5],
    ];
    for (const [name, ok] of targets) process.stdout.write(`${ok ? 'met   ' : 'NOT met'}  ${name}\n`);
    const errors = [app, appSmall, ref].flatMap((r) => Object.values(r)).reduce((s, m) => s + m.errors, 0);
    if (errors) {
      process.stdout.write(`\n${errors} failed requests: the numbers above are not trustworthy\n`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
