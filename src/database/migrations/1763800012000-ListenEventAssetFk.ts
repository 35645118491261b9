import { MigrationInterface, QueryRunner, TableForeignKey } from 'typeorm';

/**
 * `listen_events.asset_id` references `rw_assets` (issue 14), `ON DELETE CASCADE` as upstream's
 * ListeningHistoryItem.asset: deleting an asset deletes its plays.
 *
 * Existing rows whose asset does not exist (written before this key, when any id was taken) are
 * deleted first: they are exactly the rows the cascade would have removed had the key been there, a
 * play of nothing cannot be shown with upstream's non-null `asset_id`, and keeping them would need a
 * nullable column the client never expects. Their session's history loses those plays; nothing else
 * refers to a listen event. `down` drops the key only (deleted rows are not restored).
 */
export class ListenEventAssetFk1763800012000 implements MigrationInterface {
  name = 'ListenEventAssetFk1763800012000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'DELETE FROM listen_events WHERE NOT EXISTS (SELECT 1 FROM rw_assets a WHERE a.id = listen_events.asset_id)',
    );
    await queryRunner.createForeignKey(
      'listen_events',
      new TableForeignKey({
        name: 'FK_listen_events_asset_id',
        columnNames: ['asset_id'],
        referencedTableName: 'rw_assets',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('listen_events', 'FK_listen_events_asset_id');
  }
}
