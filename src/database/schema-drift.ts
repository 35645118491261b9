import { DataSource } from 'typeorm';

/**
 * Applies every pending migration, then asks TypeORM what it would still have to change to make the
 * schema match the entities. An empty list means entities and migrations agree.
 */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  await dataSource.runMigrations({ transaction: 'each' });
  const pending = await dataSource.driver.createSchemaBuilder().log();
  return pending.upQueries.map((q) => q.query);
}
