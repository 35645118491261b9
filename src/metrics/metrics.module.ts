import { DynamicModule, Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Metrics: the service is always there (modules register gauges into it and the request counter runs);
 * the `/metrics` route exists only when `enabled`.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(enabled: boolean): DynamicModule {
    return {
      module: MetricsModule,
      providers: [MetricsService],
      exports: [MetricsService],
      controllers: enabled ? [MetricsController] : [],
    };
  }
}
