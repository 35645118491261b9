import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/** Guidebook webhooks (issue 16): registrations, the outbox of deliveries and their attempt log. */
export class GuideWebhooks1763800007100 implements MigrationInterface {
  name = 'GuideWebhooks1763800007100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const fk = (table: string, column: string, referenced: string) =>
      new TableForeignKey({
        name: `FK_${table}_${column}`,
        columnNames: [column],
        referencedTableName: referenced,
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      });
    await queryRunner.createTable(
      new Table({
        name: 'guide_webhooks',
        columns: [
          c.id(),
          c.int('guide_id'),
          c.varchar('url', 2048),
          c.varchar('secret', 128),
          c.text('events'),
          c.time('created_at'),
        ],
        indices: [new TableIndex({ name: 'IDX_guide_webhooks_guide_id', columnNames: ['guide_id'] })],
        foreignKeys: [fk('guide_webhooks', 'guide_id', 'guides')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          c.id(),
          c.int('webhook_id'),
          c.varchar('event', 64),
          c.text('payload'),
          c.varchar('idempotency_key', 64),
          c.varchar('status', 16),
          { ...c.int('attempts'), default: '0' },
          c.time('next_attempt_at'),
          c.varchar('lease_owner', 64, true),
          c.time('lease_until', true),
          c.time('created_at'),
          c.time('delivered_at', true),
        ],
        indices: [
          new TableIndex({ name: 'IDX_webhook_deliveries_due', columnNames: ['status', 'next_attempt_at'] }),
          new TableIndex({
            name: 'IDX_webhook_deliveries_webhook_id_id',
            columnNames: ['webhook_id', 'id'],
          }),
          new TableIndex({
            name: 'UQ_webhook_deliveries_idempotency_key',
            columnNames: ['idempotency_key'],
            isUnique: true,
          }),
        ],
        foreignKeys: [fk('webhook_deliveries', 'webhook_id', 'guide_webhooks')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_attempts',
        columns: [
          c.id(),
          c.int('delivery_id'),
          c.int('attempt'),
          c.int('status_code', true),
          c.varchar('error', 255, true),
          c.int('duration_ms'),
          c.time('attempted_at'),
        ],
        indices: [new TableIndex({ name: 'IDX_webhook_attempts_delivery_id', columnNames: ['delivery_id'] })],
        foreignKeys: [fk('webhook_attempts', 'delivery_id', 'webhook_deliveries')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_attempts');
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('guide_webhooks');
  }
}
