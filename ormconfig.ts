import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadAppConfig } from './src/config/app-config';
import { dataSourceOptions } from './src/database/database.options';
import { ENTITIES } from './src/entities';

/** The DataSource the TypeORM CLI uses (`npm run migration:generate`, `npm run migration:run`). */
export default new DataSource(dataSourceOptions(loadAppConfig().db, ENTITIES));
