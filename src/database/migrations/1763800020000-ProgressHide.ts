import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columns } from './columns';

/**
 * Audiobookshelf progress views (issue 15 item 4):
 * - `abs_media_progress.hide_from_continue_listening`, set by
 *   `GET /me/progress/:id/remove-from-continue-listening` and cleared by the next write that moves the position;
 * - an index on a user's sessions of one item, newest first, for `GET /me/item/listening-sessions/:itemId`.
 */
export class ProgressHide1763800020000 implements MigrationInterface {
  name = 'ProgressHide1763800020000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumn(
      'abs_media_progress',
      new TableColumn(c.bool('hide_from_continue_listening', false)),
    );
    await queryRunner.createIndex(
      'abs_playback_sessions',
      new TableIndex({
        name: 'IDX_abs_sessions_user_item_updated',
        columnNames: ['user_id', 'library_item_id', 'updated_at', 'id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('abs_playback_sessions', 'IDX_abs_sessions_user_item_updated');
    await queryRunner.dropColumn('abs_media_progress', 'hide_from_continue_listening');
  }
}
