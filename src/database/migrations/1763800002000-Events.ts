import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/**
 * Roundware events. Which index serves which filter of `GET /api/2/events/` (all lists are in id order):
 * `session_id` → IDX_events_session_id_id; `event_type` (substring) → a scan of the small `event_types`
 * table, then IDX_events_event_type_id_id; `server_time*` → IDX_events_server_time; `latitude` /
 * `longitude` (prefix) → IDX_events_latitude / IDX_events_longitude as a range; `tag_ids` (whole tags)
 * → IDX_event_tags_tag_id_event_id; visibility → the sessions' primary key and owner index.
 */
export class Events1763800002000 implements MigrationInterface {
  name = 'Events1763800002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'event_types',
        columns: [c.id(), c.varchar('name', 50)],
        indices: [new TableIndex({ name: 'IDX_event_types_name', columnNames: ['name'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'events',
        columns: [
          c.id(),
          c.int('session_id'),
          c.int('event_type_id'),
          c.time('server_time'),
          c.varchar('client_time', 64, true),
          c.text('data', true),
          c.varchar('latitude', 32, true),
          c.varchar('longitude', 32, true),
          c.text('tag_ids', true),
        ],
        indices: [
          new TableIndex({ name: 'IDX_events_session_id_id', columnNames: ['session_id', 'id'] }),
          new TableIndex({ name: 'IDX_events_event_type_id_id', columnNames: ['event_type_id', 'id'] }),
          new TableIndex({ name: 'IDX_events_server_time', columnNames: ['server_time'] }),
          new TableIndex({ name: 'IDX_events_latitude', columnNames: ['latitude'] }),
          new TableIndex({ name: 'IDX_events_longitude', columnNames: ['longitude'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_events_session_id',
            columnNames: ['session_id'],
            referencedTableName: 'sessions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'FK_events_event_type_id',
            columnNames: ['event_type_id'],
            referencedTableName: 'event_types',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'event_tags',
        columns: [
          { ...c.int('event_id'), isPrimary: true },
          { ...c.int('tag_id'), isPrimary: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_event_tags_tag_id_event_id', columnNames: ['tag_id', 'event_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_event_tags_event_id',
            columnNames: ['event_id'],
            referencedTableName: 'events',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event_tags');
    await queryRunner.dropTable('events');
    await queryRunner.dropTable('event_types');
  }
}
