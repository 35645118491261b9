import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { offsetOf, Page, PageRequest } from '../common/pagination';
import { nowMicros } from '../common/time';
import { sanitizeBasicHtml } from './basic-html';
import { ADDRESS_KEYS } from './dto/form-fields';
import { CreateLocationDto, ListLocationsQueryDto, LocationDto, UpdateLocationDto } from './dto/location.dto';
import { Guide } from './entities/guide.entity';
import { Location, LocationType } from './entities/location.entity';
import { GuideAccess } from './guide-access.service';
import { toGuidebookLocation } from './guidebook.mapper';
import { assertListFilter, GuidebookVersion } from './guidebook-version';
import { GuidesRepository } from './guides.repository';
import { LocationsRepository, MainVenueTakenError } from './locations.repository';

const blankToNull = (text: string | null | undefined): string | null => (text ? text : null);

/** The address object stored as JSON text, keys in ADDRESS_KEYS order, or null when empty. */
function addressText(address: Record<string, string | null> | null | undefined): string | null {
  if (!address) return null;
  const kept = ADDRESS_KEYS.filter((k) => typeof address[k] === 'string').map((k) => [k, address[k]]);
  return kept.length ? JSON.stringify(Object.fromEntries(kept)) : null;
}

/** Locations of guides, owned through the guide exactly as schedule tracks are. */
@Injectable()
export class LocationsService {
  constructor(
    private readonly locations: LocationsRepository,
    private readonly guides: GuidesRepository,
    private readonly access: GuideAccess,
  ) {}

  async create(auth: AuthUser, dto: CreateLocationDto): Promise<LocationDto> {
    const guide = await this.access.writableFromBody(auth, dto.guide);
    const now = nowMicros();
    const location = this.locationRules(
      {
        guideId: guide.id,
        name: dto.name,
        description: dto.description ? sanitizeBasicHtml(dto.description) : null,
        locationType: dto.location_type,
        latitude: dto.latitude ?? null,
        longitude: dto.longitude ?? null,
        importId: blankToNull(dto.import_id),
        address: addressText(dto.address),
        createdAt: now,
        lastUpdated: now,
      },
      await this.mainVenueTaken(guide.id, dto.location_type),
    );
    return toGuidebookLocation(await this.locations.insertLocation(location).catch(secondMainVenue));
  }

  async list(
    auth: AuthUser,
    version: GuidebookVersion,
    page: PageRequest,
    query: ListLocationsQueryDto,
  ): Promise<Page<LocationDto>> {
    if (query.guide !== undefined && query.guide_id !== undefined && query.guide !== query.guide_id) {
      throw FieldErrorsException.of('guide_id', 'Give either guide or guide_id, or the same value in both.');
    }
    const guide = query.guide ?? query.guide_id;
    assertListFilter(version, guide);
    const [count, rows] = await this.locations.pageOfLocations(
      this.access.scopeOf(auth, 'g.owner_id'),
      { guide, locationType: query.location_type, id: query.id, importId: query.import_id },
      offsetOf(page),
      page.pageSize,
    );
    return { count, items: rows.map(toGuidebookLocation) };
  }

  async get(auth: AuthUser, id: number): Promise<LocationDto> {
    return toGuidebookLocation((await this.readable(auth, id)).location);
  }

  async update(auth: AuthUser, id: number, dto: UpdateLocationDto): Promise<LocationDto> {
    const { location, guide } = await this.readable(auth, id);
    this.access.assertCanWrite(auth, guide);
    if (dto.guide !== undefined && dto.guide !== location.guideId) {
      throw FieldErrorsException.of('guide', 'The guide of a location cannot be changed.');
    }
    if (dto.name !== undefined) location.name = dto.name;
    if (dto.description !== undefined)
      location.description = dto.description ? sanitizeBasicHtml(dto.description) : null;
    if (dto.location_type !== undefined) location.locationType = dto.location_type;
    if (dto.latitude !== undefined) location.latitude = dto.latitude;
    if (dto.longitude !== undefined) location.longitude = dto.longitude;
    if (dto.import_id !== undefined) location.importId = blankToNull(dto.import_id);
    if (dto.address !== undefined) location.address = addressText(dto.address);
    location.lastUpdated = Math.max(nowMicros(), location.lastUpdated + 1);
    const taken =
      dto.location_type === LocationType.MainVenue &&
      (await this.locations.hasMainVenue(location.guideId, location.id));
    return toGuidebookLocation(
      await this.locations.save(this.locationRules(location, taken)).catch(secondMainVenue),
    );
  }

  async remove(auth: AuthUser, id: number): Promise<void> {
    const { location, guide } = await this.readable(auth, id);
    this.access.assertCanWrite(auth, guide);
    await this.locations.deleteById(location.id);
  }

  private async mainVenueTaken(guideId: number, type: LocationType): Promise<boolean> {
    return type === LocationType.MainVenue && this.locations.hasMainVenue(guideId);
  }

  /** Guidebook's rules on the resulting location: one Main Venue per guide; Google Maps needs coordinates. */
  private locationRules<T extends Partial<Location>>(location: T, mainVenueTaken: boolean): T {
    if (mainVenueTaken) secondMainVenue(new MainVenueTakenError());
    if (
      location.locationType === LocationType.GoogleMaps &&
      (location.latitude == null || location.longitude == null)
    ) {
      throw new FieldErrorsException({
        ...(location.latitude == null
          ? { latitude: ['Required for a Google Maps location (location_type 3).'] }
          : {}),
        ...(location.longitude == null
          ? { longitude: ['Required for a Google Maps location (location_type 3).'] }
          : {}),
      });
    }
    return location;
  }

  private async readable(auth: AuthUser, id: number): Promise<{ location: Location; guide: Guide }> {
    const location = await this.locations.findVisible(id, this.access.scopeOf(auth, 'g.owner_id'));
    if (!location) throw new NotFoundException();
    const guide = await this.guides.findById(location.guideId);
    if (!guide) throw new NotFoundException();
    return { location, guide };
  }
}

/** A second Main Venue (told by the service's check, or by the unique index in a race) is a 400. */
function secondMainVenue(error: unknown): never {
  if (error instanceof MainVenueTakenError) {
    throw FieldErrorsException.of('location_type', 'This guide already has a Main Venue (location_type 1).');
  }
  throw error;
}
