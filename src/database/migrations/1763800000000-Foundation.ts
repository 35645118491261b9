import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/** Users, API keys and the shared rate counters. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.varchar('username', 150),
          c.varchar('password_hash', 255, true),
          c.varchar('role', 16),
          c.varchar('device_id', 255, true),
          c.varchar('client_type', 128, true),
          c.time('created_at'),
          c.time('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_users_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'IDX_users_device_id', columnNames: ['device_id'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          c.id(),
          c.int('user_id'),
          c.varchar('name', 100),
          c.varchar('key_hash', 64),
          c.varchar('key_prefix', 16),
          c.time('created_at'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_api_keys_user_id', columnNames: ['user_id'] }),
          new TableIndex({ name: 'IDX_api_keys_key_hash', columnNames: ['key_hash'], isUnique: true }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_api_keys_user_id',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rate_counters',
        columns: [{ ...c.varchar('key', 200), isPrimary: true }, c.time('window_start'), c.int('count')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_counters');
    await queryRunner.dropTable('api_keys');
    await queryRunner.dropTable('users');
  }
}
