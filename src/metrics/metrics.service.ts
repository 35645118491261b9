import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus registry of one instance (`GET /metrics` when METRICS_ENABLED=true). Modules add their
 * own numbers with `registerGauge` (collected at scrape time, e.g. open playback sessions by a query).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly dbErrors = new Counter({
    name: 'db_errors_total',
    help: 'Database errors that reached the error filter',
    registers: [this.registry],
  });

  /** One finished request; `route` is the template (`/api/2/sessions/:id/`), never the raw path. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  countDbError(): void {
    this.dbErrors.inc();
  }

  /** A gauge whose value `collect` reads at each scrape (a failing collect leaves the last value). */
  registerGauge(name: string, help: string, collect: () => number | Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await collect());
      },
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
