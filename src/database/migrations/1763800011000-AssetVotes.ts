import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/**
 * Votes on Roundware assets (issue 14, `POST/GET /api/2/assets/:id/votes/`): one row per session, asset
 * and vote type, as upstream keeps them. A vote goes with its asset and its session; its voter (the
 * session's user) may be deleted, leaving the vote counted.
 */
export class AssetVotes1763800011000 implements MigrationInterface {
  name = 'AssetVotes1763800011000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const fk = (column: string, referenced: string, onDelete: string) =>
      new TableForeignKey({
        name: `FK_rw_votes_${column}`,
        columnNames: [column],
        referencedTableName: referenced,
        referencedColumnNames: ['id'],
        onDelete,
      });
    await queryRunner.createTable(
      new Table({
        name: 'rw_votes',
        columns: [
          c.id(),
          c.int('asset_id'),
          c.int('project_id'),
          c.int('session_id'),
          c.int('voter_id', true),
          c.varchar('type', 16),
          c.int('value', true),
        ],
        indices: [
          new TableIndex({ name: 'IDX_rw_votes_asset_id_type', columnNames: ['asset_id', 'type'] }),
          new TableIndex({ name: 'IDX_rw_votes_session_id', columnNames: ['session_id'] }),
        ],
        foreignKeys: [
          fk('asset_id', 'rw_assets', 'CASCADE'),
          fk('session_id', 'sessions', 'CASCADE'),
          fk('voter_id', 'users', 'SET NULL'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rw_votes');
  }
}
