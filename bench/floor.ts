/**
 * `npm run bench:floor`: what the framework alone costs on this machine. The same load as `npm run bench`
 * (autocannon in this process, loopback, 50 connections, 5 s per run) against three servers that answer one
 * fixed JSON body: bare node:http, Express 5 with one route, and a minimal Nest 11 app (one controller,
 * nothing else). No route of the hub can be faster than the Nest row; docs/reliability.md reads the absolute
 * targets against it.
 *
 *   npm run bench:floor                          # 3 runs per server, medians
 *   npm run bench:floor -- --runs 5 --duration 5
 *
 * Run with FLOOR_SERVER=http|express|nest, this file is one of those servers instead.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import express from 'express';
import { createServer } from 'node:http';
import { load, Measure, startServer } from './harness';

const KINDS = ['http', 'express', 'nest'] as const;
type Kind = (typeof KINDS)[number];
const BODY = { status: 'ok' };

@Controller('floor')
class FloorController {
  @Get()
  get() {
    return BODY;
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

async function serve(kind: Kind): Promise<void> {
  const announce = (port: number) => process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
  if (kind === 'http') {
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(BODY));
    }).listen(0, '127.0.0.1', () => announce((server.address() as { port: number }).port));
  } else if (kind === 'express') {
    const app = express();
    app.get('/floor', (_req, res) => {
      res.json(BODY);
    });
    const server = app.listen(0, '127.0.0.1', () => announce((server.address() as { port: number }).port));
  } else {
    const app = await NestFactory.create(FloorModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    announce(Number(new URL(await app.getUrl()).port));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const get = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const runs = get('runs', 3);
  const duration = get('duration', 5);
  const connections = get('connections', 50);
  const rows: string[] = [];
  for (const kind of KINDS) {
    const server = await startServer('dist/bench/floor.js', { FLOOR_SERVER: kind });
    try {
      const req = { method: 'GET' as const, path: '/floor' };
      await load(server, req, 1, connections);
      const measures: Measure[] = [];
      for (let run = 0; run < runs; run++) measures.push(await load(server, req, duration, connections));
      if (measures.some((m) => m.bad))
        throw new Error(`${kind}: bad answers ${measures.map((m) => m.badDetail ?? '').join('; ')}`);
      rows.push(
        `| ${kind.padEnd(7)} | ${median(measures.map((m) => m.rps))
          .toFixed(0)
          .padStart(9)} | ` +
          `${median(measures.map((m) => m.p50))
            .toFixed(1)
            .padStart(6)} | ${median(measures.map((m) => m.p99))
            .toFixed(1)
            .padStart(6)} |`,
      );
    } finally {
      await server.stop();
    }
  }
  process.stdout.write(
    `\nframework floor: GET of a fixed JSON body, median of ${runs} run(s), ${duration} s each, ${connections} connections\n` +
      `| server  |     req/s | p50 ms | p99 ms |\n|---------|----------:|-------:|-------:|\n${rows.join('\n')}\n`,
  );
}

const kind = process.env.FLOOR_SERVER as Kind | undefined;
(kind ? serve(kind) : main()).catch((error: unknown) => {
  process.stderr.write(
    `floor failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
