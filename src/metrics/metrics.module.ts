import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { walBytes } from '../database/wal';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Metrics: the service is always there (modules register gauges into it and the request counter runs);
 * the `/metrics` route exists only when `enabled`.
 */
@Global()
@Module({})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  /** The SQLite write-ahead log's size (issue 17: it must stay bounded under write load). */
  onModuleInit(): void {
    if (this.config.db.type !== 'sqlite') return;
    this.metrics.registerGauge('sqlite_wal_bytes', 'Size of the SQLite write-ahead log in bytes', () =>
      walBytes(this.config.db.path),
    );
  }

  static forRoot(enabled: boolean): DynamicModule {
    return {
      module: MetricsModule,
      providers: [MetricsService],
      exports: [MetricsService],
      controllers: enabled ? [MetricsController] : [],
    };
  }
}
