import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/** Guidebook guides, their schedule tracks and schedule sessions (issue 5). */
export class Guides1763800003000 implements MigrationInterface {
  name = 'Guides1763800003000';

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
        name: 'guides',
        columns: [
          c.id(),
          c.int('owner_id'),
          c.varchar('name', 255),
          c.text('description_html', true),
          c.time('start_date', true),
          c.time('end_date', true),
          { ...c.varchar('timezone', 64), default: "'UTC'" },
          c.time('created_at'),
          c.time('last_updated'),
        ],
        indices: [new TableIndex({ name: 'IDX_guides_owner_id_id', columnNames: ['owner_id', 'id'] })],
        foreignKeys: [fk('guides', 'owner_id', 'users')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'schedule_tracks',
        columns: [
          c.id(),
          c.int('guide_id'),
          c.varchar('name', 255),
          c.varchar('color', 7),
          c.varchar('import_id', 255, true),
          c.time('created_at'),
          c.time('last_updated'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_schedule_tracks_guide_id_id', columnNames: ['guide_id', 'id'] }),
          new TableIndex({ name: 'IDX_schedule_tracks_import_id', columnNames: ['import_id'] }),
        ],
        foreignKeys: [fk('schedule_tracks', 'guide_id', 'guides')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'schedule_sessions',
        columns: [
          c.id(),
          c.int('guide_id'),
          c.varchar('name', 255),
          c.text('description_html', true),
          c.time('start_time'),
          c.time('end_time', true),
          c.bool('all_day', false),
          c.bool('allow_rating', false),
          c.bool('add_to_schedule', false),
          c.varchar('import_id', 255, true),
          c.time('created_at'),
          c.time('last_updated'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_schedule_sessions_guide_id_id', columnNames: ['guide_id', 'id'] }),
          new TableIndex({ name: 'IDX_schedule_sessions_start_time', columnNames: ['start_time'] }),
          new TableIndex({ name: 'IDX_schedule_sessions_end_time', columnNames: ['end_time'] }),
          new TableIndex({ name: 'IDX_schedule_sessions_import_id', columnNames: ['import_id'] }),
        ],
        foreignKeys: [fk('schedule_sessions', 'guide_id', 'guides')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'schedule_session_tracks',
        columns: [
          { ...c.int('session_id'), isPrimary: true },
          { ...c.int('track_id'), isPrimary: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_schedule_session_tracks_track_id', columnNames: ['track_id'] }),
        ],
        foreignKeys: [
          fk('schedule_session_tracks', 'session_id', 'schedule_sessions'),
          fk('schedule_session_tracks', 'track_id', 'schedule_tracks'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('schedule_session_tracks');
    await queryRunner.dropTable('schedule_sessions');
    await queryRunner.dropTable('schedule_tracks');
    await queryRunner.dropTable('guides');
  }
}
