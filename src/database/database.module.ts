import { DynamicModule, Global, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './database.options';
import { runMigrationsLocked } from './migrate';
import { Sql } from './sql';

/**
 * The database owner's module: the TypeORM DataSource (entities registered by each feature module's
 * `forFeature`, migrations applied under a lock before anything else runs) and `Sql`, global.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationBootstrap {
  constructor(
    private readonly sql: Sql,
    private readonly config: AppConfig,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config.db), autoLoadEntities: true }),
          // migrations under a lock, so instances started together never apply one twice
          dataSourceFactory: async (options) =>
            runMigrationsLocked(await new DataSource(options!).initialize()),
        }),
      ],
      providers: [Sql],
      exports: [Sql],
    };
  }

  onApplicationBootstrap(): void {
    this.sql.startCheckpoints(this.config.db.sqliteCheckpointIntervalMs ?? 1000);
  }
}
