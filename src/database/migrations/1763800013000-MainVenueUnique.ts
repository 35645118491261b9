import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * One Main Venue (location_type 1) per guide, held by a partial unique index, so that two concurrent
 * creates cannot both pass the service's check. Guides that already hold more than one (only possible
 * through such a race) keep their oldest as the Main Venue; the others become Placeholders (type 2), so
 * no location is lost and the index can be built.
 */
export class MainVenueUnique1763800013000 implements MigrationInterface {
  name = 'MainVenueUnique1763800013000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'UPDATE locations SET location_type = 2 WHERE location_type = 1 AND id NOT IN ' +
        '(SELECT MIN(id) FROM locations WHERE location_type = 1 GROUP BY guide_id)',
    );
    await queryRunner.createIndex(
      'locations',
      new TableIndex({
        name: 'UQ_locations_guide_id_main_venue',
        columnNames: ['guide_id'],
        isUnique: true,
        where: '"location_type" = 1',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('locations', 'UQ_locations_guide_id_main_venue');
  }
}
