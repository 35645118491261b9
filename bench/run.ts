/**
 * `npm run bench`: Sessions Hub (the built server, `node dist/src/main.js`) against a bare node:http +
 * better-sqlite3 reference doing the same work (bench/reference-server.ts), on one fresh SQLite database,
 * loopback only, every run bounded in time. Prints one table: req/s, p50, p99 and peak server RSS per
 * case for both servers and the hub/reference ratio, each the median of `--runs` runs.
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
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchCase, BenchContext, BenchRequest, CASES, Scale, SCALES, SEEDED_TABLES, seedAll } from './cases';
import { load, Measure, rssMb, Server, startServer, subscribe } from './harness';

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
  };
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

function printTable(rows: Array<{ c: BenchCase; hub: Measure; ref: Measure }>, options: Options): void {
  const header = [
    'case',
    'hub req/s',
    'p50 ms',
    'p99 ms',
    'RSS MB',
    'ref req/s',
    'ref p50',
    'ref p99',
    'ref RSS',
    'ratio',
  ];
  const lines = rows.map(({ c, hub, ref }) => [
    c.name,
    hub.rps.toFixed(0),
    hub.p50.toFixed(1),
    hub.p99.toFixed(1),
    hub.rss.toFixed(0),
    ref.rps.toFixed(0),
    ref.p50.toFixed(1),
    ref.p99.toFixed(1),
    ref.rss.toFixed(0),
    (hub.rps / ref.rps).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) =>
    `| ${cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  process.stdout.write(
    `\nmedian of ${options.runs} run(s), ${options.duration} s each, ${options.connections} connections, loopback, ` +
      `SQLite synchronous=${options.synchronous}, ` +
      `${options.scale} scale\n${row(header)}\n|${widths.map((w, i) => (i ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|\n` +
      `${lines.map(row).join('\n')}\n`,
  );
  // the issue's targets, each met or not (on a shared machine the ratio is the meaningful number)
  const verdicts: string[] = [];
  const check = (ok: boolean, what: string) => verdicts.push(`${ok ? 'met    ' : 'NOT met'}  ${what}`);
  for (const { c, hub, ref } of rows) {
    if (c.kind === 'single-row')
      check(hub.rps >= 5000 && hub.p99 <= 30, `${c.name}: ≥ 5,000 req/s and p99 ≤ 30 ms`);
    if (c.kind === 'list')
      check(hub.rps >= 2000 && hub.p99 <= 50, `${c.name}: ≥ 2,000 req/s and p99 ≤ 50 ms`);
    if (c.minRps) check(hub.rps >= c.minRps, `${c.name}: ≥ ${c.minRps.toLocaleString('en-US')} req/s`);
    if (c.kind === 'single-row' || c.kind === 'write')
      check(hub.rps / ref.rps >= 0.25, `${c.name}: ratio to the reference ≥ 0.25`);
  }
  const peak = Math.max(...rows.map((r) => r.hub.rss));
  check(peak <= 300, `hub RSS ≤ 300 MB under load (peak ${peak.toFixed(0)} MB)`);
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

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const scale = options.scale;
  const dir = mkdtempSync(join(tmpdir(), 'sessions-hub-bench-'));
  const dbPath = join(dir, 'bench.sqlite');
  const mediaDir = join(dir, 'media');
  const servers: Server[] = [];
  let failed = false;
  try {
    const hub = await startServer(
      'dist/src/main.js',
      {
        NODE_ENV: 'production',
        DB_TYPE: 'sqlite',
        DB_PATH: dbPath,
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
      },
      options.profile ? ['--cpu-prof', '--cpu-prof-dir', resolve(options.profile)] : [],
    );
    servers.push(hub);
    const login = await json(`${hub.url}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    const key = await json(`${hub.url}/auth/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.access_token}` },
      body: JSON.stringify({ name: 'bench' }),
    });
    const ctx: BenchContext = {
      adminId: login.user.id,
      jwt: login.access_token,
      apiKey: key.key,
      seeded: {},
      mediaDir,
    };

    const cases = CASES.filter((c) => !options.cases || c.name.includes(options.cases));
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

    const ref = await startServer('dist/bench/reference-server.js', {
      DB_PATH: dbPath,
      JWT_SECRET,
      GUIDEBOOK_DAILY_LIMIT: GUIDEBOOK_LIMIT,
      SQLITE_SYNCHRONOUS: options.synchronous,
      MEDIA_DIR: mediaDir,
    });
    servers.push(ref);

    if (!options.soak || options.smoke) {
      const results = new Map<BenchCase, { hub: Measure[]; ref: Measure[] }>();
      for (let run = 1; run <= options.runs; run++) {
        for (const c of cases) {
          const req = c.request(ctx);
          const entry = results.get(c) ?? { hub: [], ref: [] };
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
          }
          process.stdout.write(`run ${run}/${options.runs}: ${c.name} done\n`);
        }
      }
      const rows = [...results].map(([c, r]) => ({ c, hub: medianOf(r.hub), ref: medianOf(r.ref) }));
      printTable(rows, options);
      for (const { c, hub: h, ref: r } of rows) {
        if (h.bad || r.bad) {
          failed = true;
          process.stdout.write(
            `ERROR: ${c.name}: ${h.bad} bad answers from the hub (${h.badDetail}), ${r.bad} from the reference (${r.badDetail})\n`,
          );
        }
      }
    }
    if (options.soak || options.smoke) {
      const flat = await soak(hub, CASES[1].request(ctx), options);
      if (!flat && options.soak) failed = true;
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
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
