import { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column builders for migrations written with TypeORM's schema API (`queryRunner.createTable`), so one
 * migration file creates the same schema on SQLite and on PostgreSQL. Only types that exist on both are
 * used; times are `bigint` microseconds since the epoch (see src/common/time.ts). Defaults are written
 * the way each driver normalises them, so the entity/migration drift check stays clean on both.
 */
export function columns(queryRunner: QueryRunner) {
  const driver = queryRunner.connection.driver;
  const literal = (value: unknown): string => driver.normalizeDefault({ default: value } as never) as string;
  return {
    id: (name = 'id'): TableColumnOptions => ({
      name,
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    int: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'integer',
      isNullable: nullable,
    }),
    time: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'bigint',
      isNullable: nullable,
    }),
    varchar: (name: string, length: number, nullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    text: (name: string, nullable = false, fallback?: string): TableColumnOptions => ({
      name,
      type: 'text',
      isNullable: nullable,
      ...(fallback !== undefined ? { default: literal(fallback) } : {}),
    }),
    bool: (name: string, fallback: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      isNullable: false,
      default: literal(fallback),
    }),
    double: (name: string, nullable = false): TableColumnOptions => ({
      name,
      type: 'double precision',
      isNullable: nullable,
    }),
  };
}
