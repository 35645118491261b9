import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';
import { columns } from './columns';

/**
 * Audiobookshelf listening statistics without scanning sessions: `abs_listening_days` keeps, per user,
 * start day and item, the seconds listened and how many sessions with time contribute. Triggers on
 * `abs_playback_sessions` keep it in step with every insert, credited sync, local upload and delete, inside
 * the writing statement (so in its transaction, on both engines); existing sessions are backfilled here.
 * A row whose last contributing session is gone reads 0 exactly (`sessions` counts them; stats skip it).
 */
export class PlaybackListeningDays1763800004100 implements MigrationInterface {
  name = 'PlaybackListeningDays1763800004100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'abs_listening_days',
        columns: [
          { ...c.int('user_id'), isPrimary: true },
          { ...c.varchar('date', 10), isPrimary: true },
          { ...c.varchar('library_item_id', 64), isPrimary: true },
          c.varchar('day_of_week', 10),
          c.double('seconds'),
          c.int('sessions'),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_abs_listening_days_user_id',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.query(
      `INSERT INTO abs_listening_days (user_id, date, library_item_id, day_of_week, seconds, sessions)
       SELECT user_id, date, library_item_id, MIN(day_of_week), SUM(time_listening), COUNT(*)
       FROM abs_playback_sessions WHERE time_listening > 0
       GROUP BY user_id, date, library_item_id`,
    );
    // `add` is an upsert of (user, day, item) by a change of seconds and of contributing sessions;
    // a delete only updates (the row exists while a session contributes, and a user's cascade may
    // already have removed it)
    const upsert = (row: 'NEW', seconds: string, count: string) =>
      `INSERT INTO abs_listening_days (user_id, date, library_item_id, day_of_week, seconds, sessions)
       VALUES (${row}.user_id, ${row}.date, ${row}.library_item_id, ${row}.day_of_week, ${seconds}, ${count})
       ON CONFLICT (user_id, date, library_item_id) DO UPDATE SET
         sessions = abs_listening_days.sessions + excluded.sessions,
         seconds = CASE WHEN abs_listening_days.sessions + excluded.sessions = 0 THEN 0
           ELSE abs_listening_days.seconds + excluded.seconds END`;
    const removeOld = `UPDATE abs_listening_days SET sessions = sessions - 1,
         seconds = CASE WHEN sessions - 1 = 0 THEN 0 ELSE seconds - OLD.time_listening END
       WHERE user_id = OLD.user_id AND date = OLD.date AND library_item_id = OLD.library_item_id`;
    const changed = `CASE WHEN NEW.time_listening > 0 THEN 1 ELSE 0 END - CASE WHEN OLD.time_listening > 0 THEN 1 ELSE 0 END`;
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION abs_listening_days_track() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            IF NEW.time_listening > 0 THEN ${upsert('NEW', 'NEW.time_listening', '1')}; END IF;
            RETURN NEW;
          ELSIF TG_OP = 'UPDATE' THEN
            IF NEW.time_listening <> OLD.time_listening THEN
              ${upsert('NEW', 'NEW.time_listening - OLD.time_listening', changed)};
            END IF;
            RETURN NEW;
          ELSE
            IF OLD.time_listening > 0 THEN ${removeOld}; END IF;
            RETURN OLD;
          END IF;
        END $$`);
      await queryRunner.query(`CREATE TRIGGER abs_listening_days_track
        AFTER INSERT OR UPDATE OF time_listening OR DELETE ON abs_playback_sessions
        FOR EACH ROW EXECUTE FUNCTION abs_listening_days_track()`);
      return;
    }
    await queryRunner.query(`CREATE TRIGGER abs_listening_days_insert AFTER INSERT ON abs_playback_sessions
      WHEN NEW.time_listening > 0 BEGIN ${upsert('NEW', 'NEW.time_listening', '1')}; END`);
    await queryRunner.query(`CREATE TRIGGER abs_listening_days_update
      AFTER UPDATE OF time_listening ON abs_playback_sessions
      WHEN NEW.time_listening <> OLD.time_listening
      BEGIN ${upsert('NEW', 'NEW.time_listening - OLD.time_listening', changed)}; END`);
    await queryRunner.query(`CREATE TRIGGER abs_listening_days_delete AFTER DELETE ON abs_playback_sessions
      WHEN OLD.time_listening > 0 BEGIN ${removeOld}; END`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER abs_listening_days_track ON abs_playback_sessions');
      await queryRunner.query('DROP FUNCTION abs_listening_days_track()');
    } else {
      for (const name of ['insert', 'update', 'delete'])
        await queryRunner.query(`DROP TRIGGER abs_listening_days_${name}`);
    }
    await queryRunner.dropTable('abs_listening_days');
  }
}
