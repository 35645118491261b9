import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL only: the table `@socket.io/postgres-adapter` keeps large or binary broadcast payloads in
 * (its documented schema; no entity, the adapter owns it). Created here rather than at start, so instances
 * starting together do not race to create it. SQLite runs one process and no adapter: nothing to do.
 */
export class SocketIoAttachments1763800040000 implements MigrationInterface {
  name = 'SocketIoAttachments1763800040000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query(
      'CREATE TABLE IF NOT EXISTS socket_io_attachments (id bigserial UNIQUE, created_at timestamptz DEFAULT NOW(), payload bytea)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'postgres') return;
    await queryRunner.query('DROP TABLE IF EXISTS socket_io_attachments');
  }
}
