import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';
import { columns } from './columns';

/**
 * Audiobookshelf session lists without counting: `abs_session_counts` keeps how many playback sessions each
 * user has, so a list's `total` (all sessions, or one user's) is a read of kept numbers instead of a
 * `COUNT(*)` that PostgreSQL answers by visiting every row (≈17 ms at 200k sessions, per request). Triggers
 * on `abs_playback_sessions` keep it in step with every insert and delete (a user's cascade included) and
 * a change of owner, inside the writing statement (so in its transaction, on both engines), as the daily
 * listening totals are kept; existing sessions are counted here. One row per user, so concurrent writers
 * of different users never wait on the same row.
 */
export class PlaybackSessionCounts1763800050000 implements MigrationInterface {
  name = 'PlaybackSessionCounts1763800050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'abs_session_counts',
        columns: [{ ...c.int('user_id'), isPrimary: true }, c.int('sessions')],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_abs_session_counts_user_id',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO abs_session_counts (user_id, sessions)
       SELECT user_id, COUNT(*) FROM abs_playback_sessions GROUP BY user_id`,
    );
    const add = (row: 'NEW') =>
      `INSERT INTO abs_session_counts (user_id, sessions) VALUES (${row}.user_id, 1)
       ON CONFLICT (user_id) DO UPDATE SET sessions = abs_session_counts.sessions + 1`;
    // a delete only updates: the row exists while the user has sessions, and a user's cascade may already
    // have removed it
    const remove = (row: 'OLD') =>
      `UPDATE abs_session_counts SET sessions = sessions - 1 WHERE user_id = ${row}.user_id`;
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION abs_session_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN ${add('NEW')}; RETURN NEW;
          ELSIF TG_OP = 'UPDATE' THEN ${remove('OLD')}; ${add('NEW')}; RETURN NEW;
          ELSE ${remove('OLD')}; RETURN OLD;
          END IF;
        END $$`);
      await queryRunner.query(`CREATE TRIGGER abs_session_counts_track
        AFTER INSERT OR DELETE ON abs_playback_sessions
        FOR EACH ROW EXECUTE FUNCTION abs_session_counts_track()`);
      await queryRunner.query(`CREATE TRIGGER abs_session_counts_owner
        AFTER UPDATE OF user_id ON abs_playback_sessions
        FOR EACH ROW WHEN (OLD.user_id IS DISTINCT FROM NEW.user_id)
        EXECUTE FUNCTION abs_session_counts_track()`);
      return;
    }
    await queryRunner.query(`CREATE TRIGGER abs_session_counts_insert AFTER INSERT ON abs_playback_sessions
      BEGIN ${add('NEW')}; END`);
    await queryRunner.query(`CREATE TRIGGER abs_session_counts_delete AFTER DELETE ON abs_playback_sessions
      BEGIN ${remove('OLD')}; END`);
    await queryRunner.query(`CREATE TRIGGER abs_session_counts_owner
      AFTER UPDATE OF user_id ON abs_playback_sessions WHEN OLD.user_id IS NOT NEW.user_id
      BEGIN ${remove('OLD')}; ${add('NEW')}; END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER abs_session_counts_owner ON abs_playback_sessions');
      await queryRunner.query('DROP TRIGGER abs_session_counts_track ON abs_playback_sessions');
      await queryRunner.query('DROP FUNCTION abs_session_counts_track()');
    } else {
      for (const name of ['insert', 'delete', 'owner'])
        await queryRunner.query(`DROP TRIGGER abs_session_counts_${name}`);
    }
    await queryRunner.dropTable('abs_session_counts');
  }
}
