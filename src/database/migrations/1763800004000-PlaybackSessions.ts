import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/** Audiobookshelf: the small media catalogue, playback sessions (open ones included) and media progress. */
export class PlaybackSessions1763800004000 implements MigrationInterface {
  name = 'PlaybackSessions1763800004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const key = (name: string) => ({ ...c.varchar(name, 64), isPrimary: true });
    const index = (name: string, columnNames: string[], isUnique = false) =>
      new TableIndex({ name, columnNames, isUnique });
    const userFk = (name: string) =>
      new TableForeignKey({
        name,
        columnNames: ['user_id'],
        referencedTableName: 'users',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      });

    await queryRunner.createTable(
      new Table({
        name: 'abs_libraries',
        columns: [
          key('id'),
          c.varchar('name', 255),
          c.varchar('media_type', 16),
          c.varchar('folder_id', 64),
          c.time('created_at'),
          c.time('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'abs_library_items',
        columns: [
          key('id'),
          c.varchar('library_id', 64),
          c.varchar('media_type', 16),
          c.varchar('title', 500),
          c.varchar('author', 500, true),
          c.varchar('path', 1000),
          c.varchar('ino', 32),
          c.text('media'),
          c.time('added_at'),
          c.time('updated_at'),
        ],
        indices: [index('IDX_abs_library_items_library_id', ['library_id'])],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_abs_library_items_library_id',
            columnNames: ['library_id'],
            referencedTableName: 'abs_libraries',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'abs_playback_sessions',
        columns: [
          key('id'),
          c.int('user_id'),
          c.varchar('library_id', 64),
          c.varchar('library_item_id', 64),
          c.varchar('episode_id', 64, true),
          c.varchar('media_type', 16),
          c.text('media_metadata'),
          c.text('chapters'),
          c.varchar('display_title', 500),
          c.varchar('display_author', 500, true),
          c.varchar('cover_path', 1000, true),
          c.double('duration'),
          c.int('play_method'),
          c.varchar('media_player', 100),
          c.text('device_info'),
          c.varchar('device_key', 255, true),
          c.varchar('date', 10),
          c.varchar('day_of_week', 10),
          c.double('time_listening'),
          c.double('start_position'),
          c.double('current_position'),
          c.time('started_at'),
          c.time('updated_at'),
          c.time('credited_until'),
          c.bool('is_open', false),
          c.bool('is_local', false),
          c.time('closed_at', true),
        ],
        indices: [
          index('IDX_abs_sessions_user_updated', ['user_id', 'updated_at', 'id']),
          index('IDX_abs_sessions_user_device_open', ['user_id', 'device_key', 'is_open']),
          index('IDX_abs_sessions_open_updated', ['is_open', 'updated_at']),
          index('IDX_abs_sessions_updated_at', ['updated_at', 'id']),
          index('IDX_abs_sessions_started_at', ['started_at', 'id']),
          index('IDX_abs_sessions_display_title', ['display_title', 'id']),
          index('IDX_abs_sessions_duration', ['duration', 'id']),
          index('IDX_abs_sessions_time_listening', ['time_listening', 'id']),
          index('IDX_abs_sessions_play_method', ['play_method', 'id']),
          index('IDX_abs_sessions_start_position', ['start_position', 'id']),
          index('IDX_abs_sessions_current_position', ['current_position', 'id']),
        ],
        foreignKeys: [userFk('FK_abs_sessions_user_id')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'abs_media_progress',
        columns: [
          c.id(),
          c.int('user_id'),
          c.varchar('library_item_id', 64),
          c.varchar('episode_id', 64),
          c.double('duration'),
          c.double('progress'),
          c.double('current_position'),
          c.bool('is_finished', false),
          c.time('finished_at', true),
          c.time('started_at'),
          c.time('last_update'),
        ],
        indices: [
          index('IDX_abs_media_progress_user_item', ['user_id', 'library_item_id', 'episode_id'], true),
          index('IDX_abs_media_progress_user_updated', ['user_id', 'last_update']),
        ],
        foreignKeys: [userFk('FK_abs_media_progress_user_id')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('abs_media_progress');
    await queryRunner.dropTable('abs_playback_sessions');
    await queryRunner.dropTable('abs_library_items');
    await queryRunner.dropTable('abs_libraries');
  }
}
