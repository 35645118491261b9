import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/**
 * Guidebook (issue 16): locations and the sessions' links to them, and the session fields of today's
 * docs (rank, require_login, waitlist, max_capacity, registration dates).
 */
export class GuidebookLocations1763800007000 implements MigrationInterface {
  name = 'GuidebookLocations1763800007000';

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
        name: 'locations',
        columns: [
          c.id(),
          c.int('guide_id'),
          c.varchar('name', 255),
          c.text('description', true),
          c.int('location_type'),
          c.double('latitude', true),
          c.double('longitude', true),
          c.varchar('import_id', 255, true),
          c.text('address', true),
          c.time('created_at'),
          c.time('last_updated'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_locations_guide_id_id', columnNames: ['guide_id', 'id'] }),
          new TableIndex({ name: 'IDX_locations_import_id', columnNames: ['import_id'] }),
        ],
        foreignKeys: [fk('locations', 'guide_id', 'guides')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'schedule_session_locations',
        columns: [
          { ...c.int('session_id'), isPrimary: true },
          { ...c.int('location_id'), isPrimary: true },
        ],
        indices: [
          new TableIndex({
            name: 'IDX_schedule_session_locations_location_id',
            columnNames: ['location_id'],
          }),
        ],
        foreignKeys: [
          fk('schedule_session_locations', 'session_id', 'schedule_sessions'),
          fk('schedule_session_locations', 'location_id', 'locations'),
        ],
      }),
    );
    await queryRunner.addColumns('schedule_sessions', [
      new TableColumn({ ...c.double('rank'), default: '0' }),
      new TableColumn(c.bool('require_login', false)),
      new TableColumn(c.bool('waitlist', false)),
      new TableColumn(c.int('max_capacity', true)),
      new TableColumn(c.time('registration_start_date', true)),
      new TableColumn(c.time('registration_end_date', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of [
      'registration_end_date',
      'registration_start_date',
      'max_capacity',
      'waitlist',
      'require_login',
      'rank',
    ]) {
      await queryRunner.dropColumn('schedule_sessions', column);
    }
    await queryRunner.dropTable('schedule_session_locations');
    await queryRunner.dropTable('locations');
  }
}
