import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './columns';

/**
 * Roundware project content (issue 14): speakers, audio tracks, tags, UI groups and items, envelopes,
 * assets and timed assets. Lists of tag ids are `3,8` text; shapes are GeoJSON text.
 */
export class ProjectContent1763800009000 implements MigrationInterface {
  name = 'ProjectContent1763800009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const literal = (value: unknown): string =>
      queryRunner.connection.driver.normalizeDefault({ default: value } as never) as string;
    const fk = (table: string, column: string, referenced: string, onDelete = 'CASCADE') =>
      new TableForeignKey({
        name: `FK_${table}_${column}`,
        columnNames: [column],
        referencedTableName: referenced,
        referencedColumnNames: ['id'],
        onDelete,
      });
    const idx = (table: string, ...cols: string[]) =>
      new TableIndex({ name: `IDX_${table}_${cols.join('_')}`, columnNames: cols });
    const d = (name: string) => c.double(name);
    await queryRunner.createTable(
      new Table({
        name: 'rw_speakers',
        columns: [
          c.id(),
          c.int('project_id'),
          c.bool('activeyn', false),
          c.varchar('code', 10),
          d('maxvolume'),
          d('minvolume'),
          c.varchar('uri', 1024),
          { ...c.varchar('backupuri', 1024), default: literal('') },
          c.text('shape', true),
          c.int('attenuation_distance'),
        ],
        indices: [idx('rw_speakers', 'project_id', 'id')],
        foreignKeys: [fk('rw_speakers', 'project_id', 'projects')],
      }),
    );
    const trackTimes = [
      'minvolume',
      'maxvolume',
      'minduration',
      'maxduration',
      'mindeadair',
      'maxdeadair',
      'minfadeintime',
      'maxfadeintime',
      'minfadeouttime',
      'maxfadeouttime',
      'minpanpos',
      'maxpanpos',
      'minpanduration',
      'maxpanduration',
    ];
    await queryRunner.createTable(
      new Table({
        name: 'rw_audiotracks',
        columns: [
          c.id(),
          c.int('project_id'),
          ...trackTimes.map(d),
          c.bool('repeatrecordings', false),
          c.text('tag_filters', true),
          c.bool('active', true),
          c.bool('start_with_silence', false),
          { ...c.int('banned_duration'), default: literal(0) },
          c.bool('fadeout_when_filtered', false),
          { ...c.varchar('timed_asset_priority', 10), default: literal('normal') },
        ],
        indices: [idx('rw_audiotracks', 'project_id', 'id')],
        foreignKeys: [fk('rw_audiotracks', 'project_id', 'projects')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rw_tags',
        columns: [
          c.id(),
          c.int('project_id'),
          c.int('tag_category_id', true),
          c.text('value'),
          c.text('description', true),
          c.text('msg', true),
          c.text('data', true),
          { ...c.varchar('filter', 255), default: literal('') },
          c.text('location', true),
        ],
        indices: [idx('rw_tags', 'project_id', 'id')],
        foreignKeys: [fk('rw_tags', 'project_id', 'projects')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rw_ui_groups',
        columns: [
          c.id(),
          c.int('project_id'),
          c.varchar('name', 50),
          c.varchar('group_short_name', 50),
          c.text('header_text', true),
          { ...c.varchar('ui_mode', 6), default: literal('listen') },
          { ...c.varchar('select_method', 7), default: literal('single') },
          c.bool('active', true),
          c.int('index'),
          c.int('tag_category_id', true),
        ],
        indices: [idx('rw_ui_groups', 'project_id', 'index')],
        foreignKeys: [fk('rw_ui_groups', 'project_id', 'projects')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rw_ui_items',
        columns: [
          c.id(),
          c.int('ui_group_id'),
          c.int('index'),
          c.int('tag_id'),
          c.bool('default_state', false),
          c.bool('active', false),
          c.int('parent_id', true),
        ],
        indices: [idx('rw_ui_items', 'ui_group_id', 'index'), idx('rw_ui_items', 'tag_id')],
        foreignKeys: [
          fk('rw_ui_items', 'ui_group_id', 'rw_ui_groups'),
          fk('rw_ui_items', 'tag_id', 'rw_tags'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rw_envelopes',
        columns: [c.id(), c.int('session_id'), c.int('project_id'), c.time('created')],
        indices: [idx('rw_envelopes', 'session_id'), idx('rw_envelopes', 'project_id')],
        foreignKeys: [fk('rw_envelopes', 'session_id', 'sessions')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rw_assets',
        columns: [
          c.id(),
          c.int('project_id'),
          c.int('session_id', true),
          c.int('user_id', true),
          c.int('envelope_id', true),
          c.double('latitude', true),
          c.double('longitude', true),
          c.text('shape', true),
          c.varchar('filename', 256, true),
          c.varchar('media_path', 256, true),
          { ...c.double('volume', true), default: literal(1) },
          c.bool('submitted', true),
          c.time('created'),
          c.time('updated'),
          c.double('audio_length', true),
          c.double('start_time', true),
          c.double('end_time', true),
          c.text('tag_ids', true),
          c.int('language_id', true),
          { ...c.int('weight'), default: literal(50) },
          { ...c.varchar('media_type', 16), default: literal('audio') },
          c.text('description', false, ''),
        ],
        indices: [
          idx('rw_assets', 'project_id', 'id'),
          idx('rw_assets', 'project_id', 'created'),
          idx('rw_assets', 'session_id'),
          idx('rw_assets', 'envelope_id'),
        ],
        foreignKeys: [
          fk('rw_assets', 'project_id', 'projects'),
          fk('rw_assets', 'session_id', 'sessions', 'SET NULL'),
          fk('rw_assets', 'user_id', 'users', 'SET NULL'),
          fk('rw_assets', 'envelope_id', 'rw_envelopes', 'SET NULL'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rw_timed_assets',
        columns: [c.id(), c.int('project_id'), c.int('asset_id'), d('start_seconds'), d('end_seconds')],
        indices: [idx('rw_timed_assets', 'project_id', 'id'), idx('rw_timed_assets', 'asset_id')],
        foreignKeys: [
          fk('rw_timed_assets', 'project_id', 'projects'),
          fk('rw_timed_assets', 'asset_id', 'rw_assets'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'rw_timed_assets',
      'rw_assets',
      'rw_envelopes',
      'rw_ui_items',
      'rw_ui_groups',
      'rw_tags',
      'rw_audiotracks',
      'rw_speakers',
    ])
      await queryRunner.dropTable(table);
  }
}
