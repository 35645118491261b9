import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columns } from './columns';

/**
 * Audiobookshelf libraries scanned from folders on disk: `abs_libraries.folders` (JSON of
 * `[{id, path, addedAt}]`, paths relative to MEDIA_DIR; `[]` for a library of JSON-added items) and
 * `last_scan` (microseconds, null until the first scan).
 */
export class LibraryFolders1763800030000 implements MigrationInterface {
  name = 'LibraryFolders1763800030000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumns('abs_libraries', [
      new TableColumn(c.text('folders', false, '[]')),
      new TableColumn(c.time('last_scan', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('abs_libraries', 'last_scan');
    await queryRunner.dropColumn('abs_libraries', 'folders');
  }
}
