import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Auth hardening: `users.tokens_valid_after` (JWT revocation, milliseconds since the epoch) and a unique
 * index on `lower(username)` so usernames differing only in case cannot coexist (both engines support
 * expression indexes). Fails on a database that already holds such a pair: rename one user first.
 */
export class AuthHardening1763800005500 implements MigrationInterface {
  name = 'AuthHardening1763800005500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const zero = queryRunner.connection.driver.normalizeDefault({ default: 0 } as never) as string;
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'tokens_valid_after', type: 'bigint', isNullable: false, default: zero }),
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_users_username_lower" ON "users" (lower("username"))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_users_username_lower"');
    await queryRunner.dropColumn('users', 'tokens_valid_after');
  }
}
