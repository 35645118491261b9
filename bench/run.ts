/**
 * `npm run bench`: Sessions Hub (the built server, `node dist/src/main.js`) against a bare node:http +
 * better-sqlite3 reference doing the same work (bench/reference-server.ts), on one fresh SQLite database,
 * loopback only, every run bounded in time, and against the minimal Nest app of bench/floor.ts (the
 * framework's own floor). Prints one table: req/s, p50, p99, peak server RSS and the hub's RSS and WAL
 * size after the case for both servers, hub/reference and hub/floor, each the median of `--runs` runs.
 *
 *   npm run bench                        # full scale, 1 run × 5 s per case and server (~3 min)
 *   npm run bench -- --runs 3            # the median of 3 runs (~7 min)
 *   npm run bench -- --runs 5 --duration 5 --connections 50 --cases auth/me
 *   npm run bench:events                 # = npm run bench -- --cases /api/2/events
 *   npm run bench -- --cases session_id --scale events-10k   # the event list on 10k events, not 1M
 *   npm run bench -- --synchronous NORMAL  # both servers with SQLite synchronous=NORMAL (default FULL, the hub's)
 *   npm run bench -- --smoke             # CI: tiny data, 1 run × 1 s per case, a 3 s soak; fails only
 *                                        # if the harness itself breaks (errors, non-2xx answers)
 *   npm run bench -- --soak              # 60 s at moderate load, RSS sampled every 5 s
 *   npm run bench:floor                  # bare node:http, Express and Nest answering a constant (floor.ts)
 *   scripts/with-postgres.sh npm run bench -- --db postgres
 *                                        # the hub on PostgreSQL (DATABASE_URL; a fresh database in it)
 *                                        # with the same data, copied from the seeded SQLite file the
 *                                        # reference keeps serving
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchCase, BenchContext, BenchRequest, CASES, Scale, SCALES, SEEDED_TABLES, seedAll } from './cases';
import { load, Measure, rssMb, Server, startServer, subscribe } from './harness';
import { copyToPostgres, createDatabase, dropDatabase } from './postgres';

const JWT_SECRET = 'bench-jwt-secret-that-is-long-enough-0123456789';
const ADMIN_PASSWORD = 'bench-admin-password';
/** Both servers spend one Guidebook budget (one counter row per account and day): never reach it. */
const GUIDEBOOK_LIMIT = '1000000000';

interface Options {
  runs: number;
  duration: number;
  connections: number;
  smoke: boolean;
  soak: boolean;
  soakSeconds: number;
  soakRate: number;
  cases?: string;
  scale: Scale;
  logLevel: string;
  /** SQLite `synchronous` of both servers: the hub's default FULL, or NORMAL. */
  synchronous: 'FULL' | 'NORMAL';
  /** A directory for V8 CPU profiles of the hub (`node --cpu-prof`), written when it stops. */
  profile?: string;
  /** The hub's database: the seeded SQLite file, or PostgreSQL (DATABASE_URL) with a copy of it. */
  db: 'sqlite' | 'postgres';
}

function parseArgs(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const smoke = argv.includes('--smoke');
  return {
    smoke,
    soak: argv.includes('--soak'),
    runs: Number(get('runs') ?? 1),
    duration: Number(get('duration') ?? (smoke ? 1 : 5)),
    connections: Number(get('connections') ?? (smoke ? 10 : 50)),
    soakSeconds: Number(get('soak-seconds') ?? (smoke ? 3 : 60)),
    soakRate: Number(get('soak-rate') ?? 1000),
    cases: get('cases'),
    scale: parseScale(get('scale') ?? (smoke ? 'smoke' : 'full')),
    logLevel: get('log-level') ?? 'warn',
    synchronous: get('synchronous') === 'NORMAL' ? 'NORMAL' : 'FULL',
    profile: get('profile'),
    db: parseDb(get('db') ?? 'sqlite'),
  };
}

function parseDb(text: string): Options['db'] {
  if (text !== 'sqlite' && text !== 'postgres') throw new Error('--db must be sqlite or postgres');
  if (text === 'postgres' && !process.env.DATABASE_URL)
    throw new Error('--db postgres needs DATABASE_URL (scripts/with-postgres.sh sets it)');
  return text;
}

function parseScale(text: string): Scale {
  if (!(SCALES as string[]).includes(text)) throw new Error(`--scale must be one of ${SCALES.join(', ')}`);
  return text as Scale;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function medianOf(runs: Measure[]): Measure {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    rss: Math.max(...runs.map((r) => r.rss)),
    bad: runs.reduce((sum, r) => sum + r.bad, 0),
    badDetail: runs
      .filter((r) => r.bad)
      .map((r) => r.badDetail)
      .join('; '),
  };
}

async function json(url: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** What a case left behind on the hub: its RSS and the SQLite WAL, 2 s after the load stopped. */
interface After {
  rss: number;
  /** MB of the hub's SQLite WAL (NaN on PostgreSQL). */
  wal: number;
}

interface Row {
  c: BenchCase;
  hub: Measure;
  ref: Measure;
  after: After;
}

const SETTLE_MS = 2_000;

function printTable(rows: Row[], floor: Measure, options: Options): void {
  const header = [
    'case',
    'hub req/s',
    'p50 ms',
    'p99 ms',
    'RSS peak',
    'RSS after',
    'WAL MB',
    'ref req/s',
    'ref p50',
    'ref p99',
    'ref RSS',
    'hub/ref',
    'hub/floor',
  ];
  const mb = (v: number) => (Number.isNaN(v) ? '—' : v.toFixed(0));
  const lines = rows.map(({ c, hub, ref, after }) => [
    c.name,
    hub.rps.toFixed(0),
    hub.p50.toFixed(1),
    hub.p99.toFixed(1),
    mb(hub.rss),
    mb(after.rss),
    Number.isNaN(after.wal) ? '—' : after.wal.toFixed(1),
    ref.rps.toFixed(0),
    ref.p50.toFixed(1),
    ref.p99.toFixed(1),
    mb(ref.rss),
    (hub.rps / ref.rps).toFixed(2),
    (hub.rps / floor.rps).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) =>
    `| ${cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  process.stdout.write(
    `\nmedian of ${options.runs} run(s), ${options.duration} s each, ${options.connections} connections, loopback, ` +
      `hub on ${options.db === 'postgres' ? 'PostgreSQL (reference on the SQLite copy)' : 'SQLite'}, ` +
      `SQLite synchronous=${options.synchronous}, ${options.scale} scale; ` +
      `minimal Nest floor ${floor.rps.toFixed(0)} req/s (p50 ${floor.p50.toFixed(1)} ms) in the same runs\n` +
      `${row(header)}\n|${widths.map((w, i) => (i ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|\n` +
      `${lines.map(row).join('\n')}\n`,
  );
  // the issues' targets, each met or not (on a shared machine the ratios are the meaningful numbers)
  const verdicts: string[] = [];
  const check = (ok: boolean, what: string) => verdicts.push(`${ok ? 'met    ' : 'NOT met'}  ${what}`);
  const groupFirst = new Map<string, Row>();
  for (const r of rows) {
    const { c, hub, ref } = r;
    if (c.kind === 'single-row')
      check(hub.rps >= 5000 && hub.p99 <= 30, `${c.name}: ≥ 5,000 req/s and p99 ≤ 30 ms`);
    if (c.kind === 'list')
      check(hub.rps >= 2000 && hub.p99 <= 50, `${c.name}: ≥ 2,000 req/s and p99 ≤ 50 ms`);
    if (c.minRps) check(hub.rps >= c.minRps, `${c.name}: ≥ ${c.minRps.toLocaleString('en-US')} req/s`);
    if (c.kind === 'single-row' || c.kind === 'write')
      check(hub.rps / ref.rps >= 0.25, `${c.name}: ratio to the reference ≥ 0.25`);
    if (c.minFloorShare)
      check(
        hub.rps / floor.rps >= c.minFloorShare,
        `${c.name}: ≥ ${c.minFloorShare * 100} % of the minimal Nest app (${((hub.rps / floor.rps) * 100).toFixed(0)} %)`,
      );
    if (c.minEventsPerSecond && c.eventsPerRequest) {
      const events = hub.rps * c.eventsPerRequest;
      check(
        events >= c.minEventsPerSecond,
        `${c.name}: ≥ ${c.minEventsPerSecond.toLocaleString('en-US')} events/s (${events.toFixed(0)}; reference ${(ref.rps * c.eventsPerRequest).toFixed(0)})`,
      );
    }
    if (c.minRatio)
      check(
        hub.rps / ref.rps >= c.minRatio,
        `${c.name}: ≥ ${c.minRatio.toFixed(1)}× the reference (${(hub.rps / ref.rps).toFixed(2)})`,
      );
    if (c.flatGroup) {
      const first = groupFirst.get(c.flatGroup);
      if (!first) groupFirst.set(c.flatGroup, r);
      else
        check(
          hub.p50 <= 2 * Math.max(first.hub.p50, 1),
          `${c.name}: p50 within 2× of ${first.c.name} (${hub.p50.toFixed(1)} against ${first.hub.p50.toFixed(1)} ms)`,
        );
    }
  }
  const peak = Math.max(...rows.map((r) => r.hub.rss));
  const after = Math.max(...rows.map((r) => r.after.rss));
  check(peak <= 300, `hub RSS ≤ 300 MB under load (peak ${peak.toFixed(0)} MB)`);
  check(peak <= 400, `hub RSS peak ≤ 400 MB (${peak.toFixed(0)} MB)`);
  check(
    after <= 250,
    `hub RSS ≤ 250 MB ${SETTLE_MS / 1000} s after every case (highest ${after.toFixed(0)} MB)`,
  );
  if (options.db === 'sqlite') {
    const wal = Math.max(...rows.map((r) => r.after.wal));
    check(wal <= 64, `hub WAL ≤ 64 MB after every case (largest ${wal.toFixed(1)} MB)`);
  }
  process.stdout.write(`\ntargets:\n${verdicts.join('\n')}\n`);
}

async function soak(server: Server, req: BenchRequest, options: Options): Promise<boolean> {
  const samples: Array<[number, number]> = [];
  const started = Date.now();
  const sampler = setInterval(() => samples.push([(Date.now() - started) / 1000, rssMb(server.pid)]), 5_000);
  const result = await load(server, req, options.soakSeconds, 10, options.soakRate);
  clearInterval(sampler);
  samples.push([(Date.now() - started) / 1000, rssMb(server.pid)]);
  // growth after a 10 s warm-up: the mean of the later half of the samples against the earlier half (RSS
  // oscillates with garbage collection; two single samples would compare a trough with a peak)
  const warm = samples.filter(([t]) => t >= 10).map(([, mb]) => mb);
  const half = Math.floor(warm.length / 2);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const earlier = mean(warm.slice(0, half));
  const growth = warm.length >= 2 ? mean(warm.slice(warm.length - half)) - earlier : 0;
  const flat = growth <= Math.max(20, earlier * 0.1);
  process.stdout.write(
    `\nsoak: ${req.method} ${req.path}, ${options.soakSeconds} s at ≤ ${options.soakRate} req/s (10 connections): ` +
      `${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms, ${result.bad} bad answers\n` +
      `  RSS MB over time: ${samples.map(([t, mb]) => `${t.toFixed(0)}s=${mb.toFixed(0)}`).join(' ')}\n` +
      `  growth after warm-up (mean of the later half − the earlier half): ${growth.toFixed(1)} MB → ${flat ? 'flat' : 'GROWING'}\n`,
  );
  return flat && result.bad === 0;
}

/** Logs in as the admin and makes an API key: what every case authenticates with. */
async function adminContext(hub: Server, mediaDir: string): Promise<BenchContext> {
  const login = await json(`${hub.url}/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const key = await json(`${hub.url}/auth/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${login.access_token}` },
    body: JSON.stringify({ name: 'bench' }),
  });
  return { adminId: login.user.id, jwt: login.access_token, apiKey: key.key, seeded: {}, mediaDir };
}

/** Seeds every module's tables into the SQLite file the hub created (its schema, its admin). */
function seed(dbPath: string, ctx: BenchContext, scale: Scale): void {
  const db = new Database(dbPath);
  db.pragma('busy_timeout = 10000');
  const started = Date.now();
  // Indexes of the big tables are dropped during the load and rebuilt after it from their own
  // definitions (much faster than maintaining them row by row in random order).
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND tbl_name IN (${SEEDED_TABLES.map((t) => `'${t}'`).join(', ')})`,
    )
    .all();
  db.transaction(() => {
    for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
    ctx.seeded.all = seedAll(db, scale, ctx);
    for (const index of indexes) db.exec(index.sql);
  })();
  db.exec('ANALYZE');
  const { openPlayback, ...counts } = ctx.seeded.all as { openPlayback: string[] };
  process.stdout.write(
    `seeded in ${Date.now() - started} ms: ${JSON.stringify({ ...counts, openPlayback: openPlayback.length })}\n`,
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

const walMb = (dbPath: string) => {
  try {
    return statSync(`${dbPath}-wal`).size / 1024 / 1024;
  } catch {
    return 0;
  }
};

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const scale = options.scale;
  const dir = mkdtempSync(join(tmpdir(), 'sessions-hub-bench-'));
  const dbPath = join(dir, 'bench.sqlite');
  const mediaDir = join(dir, 'media');
  const servers: Server[] = [];
  let pgDatabase: string | undefined;
  let failed = false;
  const hubEnv = (db: Record<string, string>) => ({
    NODE_ENV: 'production',
    ...db,
    JWT_SECRET,
    ADMIN_PASSWORD,
    LOG_LEVEL: options.logLevel,
    // the bench logs in once; never let a long run trip the login limiter or the Guidebook budget
    LOGIN_MAX_FAILURES: '1000000',
    GUIDEBOOK_DAILY_LIMIT: GUIDEBOOK_LIMIT,
    DOCS_ENABLED: 'false',
    SQLITE_SYNCHRONOUS: options.synchronous,
    MEDIA_DIR: mediaDir,
    // the seed writes the scanned library itself; a start-up scan would race it
    ABS_SCAN_ON_START: 'false',
  });
  const sqlite = { DB_TYPE: 'sqlite', DB_PATH: dbPath };
  const nodeArgs = options.profile ? ['--cpu-prof', '--cpu-prof-dir', resolve(options.profile)] : [];
  try {
    // the hub on the SQLite file: its migrations make the schema the seed and the reference use
    let hub = await startServer('dist/src/main.js', hubEnv(sqlite), options.db === 'sqlite' ? nodeArgs : []);
    servers.push(hub);
    const ctx = await adminContext(hub, mediaDir);
    seed(dbPath, ctx, scale);
    if (options.db === 'postgres') {
      // a fresh database: the hub's migrations make its schema, then the seeded rows are copied over
      // (the admin, the API key and so the JWT stay valid: same ids, same secret)
      await hub.stop();
      servers.pop();
      const created = await createDatabase(process.env.DATABASE_URL!);
      pgDatabase = created.name;
      const postgres = { DB_TYPE: 'postgres', DATABASE_URL: created.url };
      await (await startServer('dist/src/main.js', hubEnv(postgres))).stop();
      const started = Date.now();
      const rows = await copyToPostgres(dbPath, created.url);
      process.stdout.write(`copied ${rows} rows to PostgreSQL in ${Date.now() - started} ms\n`);
      hub = await startServer('dist/src/main.js', hubEnv(postgres), nodeArgs);
      servers.push(hub);
    }
    const cases = CASES.filter((c) => !options.cases || c.name.includes(options.cases));

    const ref = await startServer('dist/bench/reference-server.js', {
      DB_PATH: dbPath,
      JWT_SECRET,
      GUIDEBOOK_DAILY_LIMIT: GUIDEBOOK_LIMIT,
      SQLITE_SYNCHRONOUS: options.synchronous,
      MEDIA_DIR: mediaDir,
    });
    servers.push(ref);
    const floorServer = await startServer('dist/bench/floor.js', { FLOOR_SERVER: 'nest' });
    servers.push(floorServer);

    if (!options.soak || options.smoke) {
      const results = new Map<BenchCase, { hub: Measure[]; ref: Measure[]; after: After[] }>();
      const floors: Measure[] = [];
      const floorReq: BenchRequest = { method: 'GET', path: '/floor' };
      for (let run = 1; run <= options.runs; run++) {
        // the framework's floor once per run, under the same load
        await load(floorServer, floorReq, options.smoke ? 0.2 : 1, options.connections);
        floors.push(await load(floorServer, floorReq, options.duration, options.connections));
        for (const c of cases) {
          const req = c.request(ctx);
          const entry = results.get(c) ?? { hub: [], ref: [], after: [] };
          results.set(c, entry);
          for (const [server, into] of [
            [hub, entry.hub],
            [ref, entry.ref],
          ] as const) {
            const sockets = c.subscribers ? await subscribe(server, ctx.jwt, c.subscribers) : undefined;
            // a short warm-up of each server (JIT, statement caches), not measured
            await load(server, req, options.smoke ? 0.2 : 1, options.connections);
            into.push(await load(server, req, options.duration, options.connections));
            if (sockets) {
              const heard = sockets.close();
              if (heard === 0) throw new Error(`${c.name}: no socket heard an event from ${server.url}`);
            }
            if (server === hub) {
              await new Promise((settled) => setTimeout(settled, options.smoke ? 200 : SETTLE_MS));
              entry.after.push({ rss: rssMb(hub.pid), wal: options.db === 'sqlite' ? walMb(dbPath) : NaN });
            }
          }
          process.stdout.write(`run ${run}/${options.runs}: ${c.name} done\n`);
        }
      }
      const rows = [...results].map(([c, r]) => ({
        c,
        hub: medianOf(r.hub),
        ref: medianOf(r.ref),
        after: { rss: median(r.after.map((a) => a.rss)), wal: median(r.after.map((a) => a.wal)) },
      }));
      printTable(rows, medianOf(floors), options);
      for (const { c, hub: h, ref: r } of rows) {
        if (h.bad || r.bad) {
          failed = true;
          process.stdout.write(
            `ERROR: ${c.name}: ${h.bad} bad answers from the hub (${h.badDetail}), ${r.bad} from the reference (${r.badDetail})\n`,
          );
        }
      }
      if (floors.some((f) => f.bad)) {
        failed = true;
        process.stdout.write(
          `ERROR: the floor server answered badly (${floors.map((f) => f.badDetail ?? '').join('; ')})\n`,
        );
      }
    }
    if (options.soak || options.smoke) {
      const flat = await soak(hub, CASES[1].request(ctx), options);
      if (!flat && options.soak) failed = true;
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    if (pgDatabase) await dropDatabase(process.env.DATABASE_URL!, pgDatabase);
    rmSync(dir, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
