import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions } from 'typeorm';
import { TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/**
 * Roundware projects as upstream's model has them (roundware-server `rw/models.py` Project), each new
 * column with upstream's default, or, where upstream has none (`latitude`, `longitude`,
 * `max_recording_length`, `recording_radius`), the value of upstream's sample project, so that no
 * project (old rows included) answers null where the web framework calls `.toString()`. `visibility`:
 * existing projects were created as experiments and stay private. Listen events (`listen_events`) are
 * upstream's ListeningHistoryItem; `project_id` is the session's (copied at insert: a session never changes
 * project), `asset_id` has no foreign key until the assets table exists.
 */
export class RoundwareProjects1763800008000 implements MigrationInterface {
  name = 'RoundwareProjects1763800008000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const driver = queryRunner.connection.driver;
    const literal = (value: unknown) => driver.normalizeDefault({ default: value } as never) as string;
    const withDefault = (column: TableColumnOptions, value: unknown): TableColumn =>
      new TableColumn({ ...column, default: literal(value) });
    await queryRunner.addColumns('projects', [
      withDefault(c.varchar('visibility', 16), 'private'),
      withDefault(c.varchar('owner_label', 128), ''),
      withDefault(c.double('latitude'), 0),
      withDefault(c.double('longitude'), 0),
      new TableColumn(c.time('pub_date', true)),
      withDefault(c.varchar('audio_format', 50), 'mp3'),
      new TableColumn(c.bool('auto_submit', false)),
      withDefault(c.int('max_recording_length'), 30),
      new TableColumn(c.bool('listen_questions_dynamic', false)),
      new TableColumn(c.bool('speak_questions_dynamic', false)),
      withDefault(c.varchar('sharing_url', 512), ''),
      withDefault(c.varchar('out_of_range_url', 512), ''),
      withDefault(c.int('recording_radius'), 2000),
      new TableColumn(c.bool('listen_enabled', false)),
      new TableColumn(c.bool('speak_enabled', false)),
      new TableColumn(c.bool('geo_speak_enabled', false)),
      new TableColumn(c.bool('reset_tag_defaults_on_startup', false)),
      new TableColumn(c.bool('timed_asset_priority', true)),
      withDefault(c.varchar('repeat_mode', 10), 'stop'),
      withDefault(c.varchar('files_url', 512), ''),
      withDefault(c.varchar('files_version', 16), ''),
      withDefault(c.varchar('audio_stream_bitrate', 3), '128'),
      withDefault(c.varchar('ordering', 16), 'random'),
      withDefault(c.varchar('demo_stream_url', 512), ''),
      withDefault(c.double('out_of_range_distance'), 1000),
      new TableColumn(c.text('language_ids', false, '1')),
      new TableColumn(c.text('localized_texts', false, '{}')),
    ]);
    await queryRunner.createIndex(
      'projects',
      new TableIndex({ name: 'IDX_projects_visibility_id', columnNames: ['visibility', 'id'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'listen_events',
        columns: [
          c.id(),
          c.int('session_id'),
          c.int('project_id'),
          c.int('asset_id'),
          c.time('start_time'),
          { name: 'duration_ns', type: 'bigint', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_listen_events_session_id_id', columnNames: ['session_id', 'id'] }),
          new TableIndex({ name: 'IDX_listen_events_project_id_id', columnNames: ['project_id', 'id'] }),
          new TableIndex({ name: 'IDX_listen_events_asset_id_id', columnNames: ['asset_id', 'id'] }),
          new TableIndex({ name: 'IDX_listen_events_start_time', columnNames: ['start_time'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_listen_events_session_id',
            columnNames: ['session_id'],
            referencedTableName: 'sessions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('listen_events');
    await queryRunner.dropIndex('projects', 'IDX_projects_visibility_id');
    for (const name of [
      'localized_texts',
      'language_ids',
      'out_of_range_distance',
      'demo_stream_url',
      'ordering',
      'audio_stream_bitrate',
      'files_version',
      'files_url',
      'repeat_mode',
      'timed_asset_priority',
      'reset_tag_defaults_on_startup',
      'geo_speak_enabled',
      'speak_enabled',
      'listen_enabled',
      'recording_radius',
      'out_of_range_url',
      'sharing_url',
      'speak_questions_dynamic',
      'listen_questions_dynamic',
      'max_recording_length',
      'auto_submit',
      'audio_format',
      'pub_date',
      'longitude',
      'latitude',
      'owner_label',
      'visibility',
    ])
      await queryRunner.dropColumn('projects', name);
  }
}
