import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/** `refresh_sessions`: one row per signed-in device that refreshes its access JWTs (Audiobookshelf). */
export class RefreshSessions1763800010000 implements MigrationInterface {
  name = 'RefreshSessions1763800010000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'refresh_sessions',
        columns: [
          { ...c.varchar('id', 32), isPrimary: true },
          c.int('user_id'),
          c.time('created_at'),
          c.time('expires_at'),
        ],
        indices: [new TableIndex({ name: 'IDX_refresh_sessions_user_id', columnNames: ['user_id'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_refresh_sessions_user_id',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('refresh_sessions');
  }
}
