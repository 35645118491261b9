/**
 * Hostile input, property-based (fast-check): every write endpoint and every list filter in
 * `hostile-input.table.ts` gets HOSTILE_RUNS (default 200) random adversarial requests — hostile JSON
 * values of every kind, malformed JSON, wrong content types, bodies over the limit. Invariants checked on
 * each response:
 *  - never a 5xx;
 *  - an error answers in the surface's dialect (DRF JSON `{"detail"}` / field errors, or Audiobookshelf
 *    plain text);
 *  - a rejected request stored nothing (row counts of every entity table, before and after);
 *  - no prototype was polluted (the app runs in this process, so Object.prototype is checked directly);
 * and after each endpoint's runs the server still answers /health.
 * Reproduce a failure with the seed fast-check prints: HOSTILE_SEED=<seed> npx jest test/reliability/hostile.
 */
import { Logger } from '@nestjs/common';
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Role } from '../../src/common/auth-user';
import { dialectOf } from '../../src/common/filters/dialect-exception.filter';
import { startTestApp, TestApp } from '../utils/test-app';
import { hostile, hostileQuery, hostileRequest, HostileRequest } from './hostile-input.arbitraries';
import { HostileContext, LIST_FILTERS, WRITE_ENDPOINTS } from './hostile-input.table';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 200);
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined;
const BODY_LIMIT = 64 * 1024;
/** Per endpoint: generous for slow machines and PostgreSQL (~20–60 ms a request), and for HOSTILE_RUNS=1000+. */
const TIMEOUT_MS = 60_000 + RUNS * 250;
/** Tables whose rows a rejected request may legitimately touch (failed-login counters). */
const COUNTERS = new Set(['rate_counters']);

/**
 * Counterexamples found earlier, replayed first on every write endpoint (fast-check `examples`), also
 * inside the endpoint's `wrap` (e.g. as an item of a batch).
 */
const REGRESSIONS: string[] = [
  '{"__proto__":"a\\u0000b","x":null}', // NUL + __proto__: field errors were rendered as {}
  '{"role":null,"password":null}', // null into NOT NULL columns: a 500
  `{"a": ${'{"a":'.repeat(4000)}1${'}'.repeat(4000)}}`, // deep nesting: stack overflow, a 500
  '{"name":"a\\u0000b","device_id":"a\\u0000b","username":"a\\u0000b","password":"a\\u0000bcdefgh"}', // NUL: PostgreSQL 500
  // a nested own `constructor` key crashed class-transformer where a module calls it itself (a 500)
  '{"mediaPlayer":{"constructor":[null," "]},"latitude":[{"constructor":"Tx"}],"deviceInfo":{"constructor":1}}',
  // NUL in a lenient body (custom decorators bypass the global NUL pipe): PostgreSQL 500
  '{"mediaPlayer":"a\\u0000b","deviceInfo":{"deviceId":"a\\u0000b"}}',
];
const regressionsFor = (wrap?: (json: string) => string) =>
  REGRESSIONS.flatMap((body) => (wrap ? [body, wrap(body)] : [body])).map((body) => [
    hostile({ kind: 'json', contentType: 'application/json', body }),
  ]);

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(
  port: number,
  method: string,
  path: string,
  req: HostileRequest,
  auth?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.extraHeaders };
    if (req.contentType !== undefined) headers['content-type'] = req.contentType;
    if (auth) headers.authorization = auth;
    const body =
      req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
    if (body) headers['content-length'] = body.length;
    const r = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** The error body is in the dialect of the surface the path belongs to. */
function dialectProblem(path: string, res: RawResponse): string | null {
  if (res.status < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (dialectOf(path.split('?')[0]) === 'audiobookshelf') {
    return type.startsWith('text/plain') && res.text.length > 0
      ? null
      : `not plain text: ${type} ${res.text}`;
  }
  if (!type.startsWith('application/json')) return `not JSON: ${type} ${res.text.slice(0, 200)}`;
  const body = JSON.parse(res.text) as unknown;
  const fieldErrors = (o: object) =>
    Object.values(o).every(
      (v) => typeof v === 'string' || (Array.isArray(v) && v.every((m) => typeof m === 'string')),
    );
  // DRF's list form for a list body (events batch): one field-errors object per item, `{}` for good ones
  if (Array.isArray(body)) {
    const ok =
      res.status === 400 &&
      body.some((item) => item && typeof item === 'object' && Object.keys(item).length > 0) &&
      body.every((item) => item && typeof item === 'object' && !Array.isArray(item) && fieldErrors(item));
    return ok ? null : `not DRF list errors: ${res.text.slice(0, 200)}`;
  }
  if (!body || typeof body !== 'object') return `not a DRF object: ${res.text.slice(0, 200)}`;
  const values = Object.values(body);
  const ok = values.length > 0 && ('detail' in body ? typeof body.detail === 'string' : fieldErrors(body));
  return ok ? null : `not DRF errors: ${res.text.slice(0, 200)}`;
}

describe('hostile input (property-based, e2e)', () => {
  let t: TestApp;
  let port: number;
  let ctx: HostileContext;
  let tables: string[];
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  /** Row counts of every entity table, in one query (`SELECT (SELECT COUNT(*) FROM a) AS t0, …`). */
  const rowCounts = async (): Promise<Record<string, number>> => {
    const db = t.app.get(DataSource);
    const columns = tables.map((table, i) => `(SELECT COUNT(*) FROM ${db.driver.escape(table)}) AS t${i}`);
    const [row] = await db.query(`SELECT ${columns.join(', ')}`);
    return Object.fromEntries(tables.map((table, i) => [table, Number(row[`t${i}`])]));
  };

  const credentialFor = (as: 'anonymous' | 'user' | 'admin', path: string) => {
    if (as === 'anonymous') return undefined;
    const token = (as === 'admin' ? ctx.admin : ctx.user).token;
    return `${path.startsWith('/api/2/') ? 'token' : path.startsWith('/open-api/') ? 'JWT' : 'Bearer'} ${token}`;
  };

  /** Sends one request and checks every invariant; returns a description of what broke, or null. */
  const check = async (method: string, path: string, req: HostileRequest, auth?: string) => {
    const before = await rowCounts();
    const res = await send(port, method, path, req, auth);
    const problems: string[] = [];
    if (res.status >= 500)
      problems.push(`${res.status}: ${res.text.slice(0, 300)} — logged: ${lastLoggedError}`);
    const dialect = dialectProblem(path, res);
    if (dialect) problems.push(dialect);
    if (res.status >= 400) {
      const after = await rowCounts();
      if (JSON.stringify(after) !== JSON.stringify(before))
        problems.push(
          `rejected (${res.status}) but stored: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`,
        );
    }
    if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== prototypeKeys.join())
      problems.push('Object.prototype was polluted');
    if (({} as Record<string, unknown>).polluted !== undefined)
      problems.push('Object.prototype.polluted is set');
    return { res, problems };
  };

  /** What the server last logged as an error (the cause of a 5xx, shown with it). */
  let lastLoggedError = '(nothing)';

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation((first: unknown) => {
      const err = (first as { err?: { message?: string; stack?: string } } | undefined)?.err;
      lastLoggedError = err?.stack?.split('\n').slice(0, 4).join(' | ') ?? String(first);
    });
    // the Guidebook daily budget (10,000 per user) and the device registration throttle (60 a minute per
    // address) are not what this suite tests; they would run out at high HOSTILE_RUNS
    t = await startTestApp({
      BODY_LIMIT_BYTES: String(BODY_LIMIT),
      GUIDEBOOK_DAILY_LIMIT: '1000000000',
      DEVICE_REGISTRATIONS_PER_MINUTE: '1000000',
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    const db = t.app.get(DataSource);
    tables = db.entityMetadatas.map((m) => m.tableName).filter((name) => !COUNTERS.has(name));
    ctx = { t, admin: await t.admin(), user: await t.makeUser({ role: Role.User }), state: {} };
  });
  afterAll(() => t.close());

  it('counts rows in every entity table', () => {
    expect(tables).toEqual(expect.arrayContaining(['users', 'api_keys']));
  });

  describe.each(Object.entries(WRITE_ENDPOINTS))('write endpoint %s', (_key, endpoint) => {
    it(
      `holds every invariant for ${RUNS} hostile requests`,
      async () => {
        await endpoint.setup?.(ctx);
        const statuses = new Map<number, number>();
        const shape = {
          form: endpoint.form,
          wrap: endpoint.wrap && ((json: string) => endpoint.wrap!(json, ctx)),
        };
        await fc.assert(
          fc.asyncProperty(
            hostileRequest(endpoint.valid(ctx), endpoint.fields, BODY_LIMIT, shape),
            async (req) => {
              const path = endpoint.path(ctx);
              const { res, problems } = await check(
                endpoint.method,
                path,
                req,
                credentialFor(endpoint.as, path),
              );
              statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
              expect(problems).toEqual([]);
              // a success may use up the resource the URL names (a stopped session): make the next one
              if (res.status < 300) await endpoint.renew?.(ctx);
            },
          ),
          { numRuns: RUNS, seed: SEED, endOnFailure: true, examples: regressionsFor(shape.wrap) },
        );
        if (process.env.HOSTILE_DEBUG) console.log(_key, Object.fromEntries(statuses));
        // the properties reached both sides: some requests were refused, and the server still answers
        expect([...statuses.keys()].some((s) => s >= 400 && s < 500)).toBe(true);
        const health = await send(port, 'GET', '/health', { kind: 'json' });
        expect(health.status).toBe(200);
      },
      TIMEOUT_MS,
    );
  });

  describe.each(Object.entries(LIST_FILTERS))('list filters of %s', (_key, list) => {
    it(
      `holds every invariant for ${RUNS} hostile query strings`,
      async () => {
        await list.setup?.(ctx);
        const base = list.path(ctx);
        const seen = new Set<number>();
        await fc.assert(
          fc.asyncProperty(hostileQuery(list.params, list.plausible), async (query) => {
            const path = query ? `${base}?${query}` : base;
            const { res, problems } = await check(
              'GET',
              path,
              { kind: 'json' },
              credentialFor(list.as, base),
            );
            seen.add(res.status);
            expect(problems).toEqual([]);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        expect([...seen].some((s) => s === 200)).toBe(true);
        expect((await send(port, 'GET', '/health', { kind: 'json' })).status).toBe(200);
      },
      TIMEOUT_MS,
    );
  });
});
