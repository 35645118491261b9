import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Guide } from './guide.entity';

/** Guidebook's location types: 1 Main Venue (one per guide), 2 Placeholder, 3 Google Maps (needs coordinates). */
export enum LocationType {
  MainVenue = 1,
  Placeholder = 2,
  GoogleMaps = 3,
}

/** A location (room, venue, map point) of a guide, which its schedule sessions take place in. */
@Entity('locations')
@Index('IDX_locations_guide_id_id', ['guideId', 'id'])
// one Main Venue per guide, held by the database (two concurrent creates cannot both pass the service's check)
@Index('UQ_locations_guide_id_main_venue', ['guideId'], { unique: true, where: '"location_type" = 1' })
export class Location {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'guide_id', type: 'integer' })
  guideId: number;

  @ManyToOne(() => Guide, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'guide_id', foreignKeyConstraintName: 'FK_locations_guide_id' })
  guide?: Guide;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'location_type', type: 'integer' })
  locationType: LocationType;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Index('IDX_locations_import_id')
  @Column({ name: 'import_id', type: 'varchar', length: 255, nullable: true })
  importId: string | null;

  /** The Main Venue's postal address as JSON text (`{"address","city","country","state","street","zipcode"}`). */
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'last_updated', type: 'bigint' })
  lastUpdated: number;
}
