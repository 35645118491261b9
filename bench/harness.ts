/** The pieces of the benchmark harness shared by `run.ts` (hub vs reference) and `floor.ts`. */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { io } from 'socket.io-client';
import { BenchRequest } from './cases';

export const ROOT = resolve(__dirname, '..', '..');

export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts a node script and waits for its "listening on http://host:port" line. */
export async function startServer(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<Server> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(ROOT, script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        ok(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${script} exited (${code}):\n${output}`)));
  });
  // keep draining the pipes so a chatty server never blocks on a full pipe
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident set size of a process, in MB (Linux /proc). */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  rss: number;
  bad: number;
  /** What the bad answers were: "errors/timeouts/non-2xx". */
  badDetail?: string;
}

export async function load(
  server: Server,
  req: BenchRequest,
  seconds: number,
  connections: number,
  rate?: number,
): Promise<Measure> {
  let peak = rssMb(server.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 250);
  try {
    let n = 0;
    const vary = req.vary;
    const result = await autocannon({
      url: server.url + req.path,
      method: req.method,
      headers: { ...(req.body ? { 'content-type': 'application/json' } : {}), ...req.headers },
      body: req.body,
      connections,
      duration: seconds,
      overallRate: rate,
      ...(vary
        ? {
            requests: [
              {
                method: req.method,
                path: req.path,
                body: req.body,
                setupRequest: (r: autocannon.Request) => ({ ...r, ...vary(n++) }),
              },
            ],
          }
        : {}),
    });
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      rss: Math.max(peak, rssMb(server.pid)),
      bad: result.errors + result.timeouts + result.non2xx,
      badDetail:
        `${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx ` +
        JSON.stringify(
          Object.fromEntries(
            Object.entries(result.statusCodeStats ?? {})
              .filter(([code]) => !code.startsWith('2'))
              .map(([code, stat]) => [code, stat.count]),
          ),
        ),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** socket.io clients subscribed to a server; `close` disconnects them and answers how many events they heard. */
export interface Subscribers {
  close(): number;
}

/**
 * `count` socket.io clients on `server`'s Audiobookshelf endpoint, connected as the apps connect (websocket,
 * no upgrade) and authenticated with `jwt`; they count the progress events they hear.
 */
export async function subscribe(server: Server, jwt: string, count: number): Promise<Subscribers> {
  let heard = 0;
  const sockets = await Promise.all(
    Array.from({ length: count }, async () => {
      const socket = io(server.url, {
        path: '/audiobookshelf/socket.io',
        transports: ['websocket'],
        upgrade: false,
        reconnection: false,
      });
      await new Promise<void>((ready, fail) => {
        const timer = setTimeout(() => fail(new Error(`no socket.io init from ${server.url}`)), 10_000);
        socket.once('init', () => {
          clearTimeout(timer);
          ready();
        });
        socket.once('connect', () => socket.emit('auth', jwt));
      });
      socket.on('user_item_progress_updated', () => heard++);
      return socket;
    }),
  );
  return {
    close: () => {
      for (const socket of sockets) socket.disconnect();
      return heard;
    },
  };
}
