import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Guidebook session images: `schedule_sessions.image_path`, the image's name inside the media store
 * (`guidebook/<random>.png|jpg`), null without an image. Answers carry it as an absolute URL.
 */
export class SessionImages1763800014000 implements MigrationInterface {
  name = 'SessionImages1763800014000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'schedule_sessions',
      new TableColumn({ name: 'image_path', type: 'varchar', length: '255', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('schedule_sessions', 'image_path');
  }
}
