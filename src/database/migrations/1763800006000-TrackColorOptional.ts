import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columns } from './columns';

/** Guidebook: a schedule track's `color` is optional (today's docs; the iCal integration sends none). */
export class TrackColorOptional1763800006000 implements MigrationInterface {
  name = 'TrackColorOptional1763800006000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.changeColumn('schedule_tracks', 'color', new TableColumn(c.varchar('color', 7, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.query(`UPDATE schedule_tracks SET color = '#000000' WHERE color IS NULL`);
    await queryRunner.changeColumn('schedule_tracks', 'color', new TableColumn(c.varchar('color', 7)));
  }
}
