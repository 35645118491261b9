import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import { CreateLocationDto, LocationDto, UpdateLocationDto } from './dto/location.dto';
import { GUIDE_WRITE_403, GUIDEBOOK_429, GUIDEBOOK_DESCRIPTION_NOTE } from './dto/seed-examples';
import { GuidebookVersion, operationIdOf, V11_LIST_NOTE } from './guidebook-version';

/* The OpenAPI prose and examples of `/open-api/v1(.1)/locations/` (LocationsController). */

const NOT_FOUND = { status: 404, description: "No such location, or one of another user's guide" };
const ROOM_EXAMPLE = { guide: 1, name: 'Room 101', location_type: 2 };
const RULES =
  '`location_type`: 1 Main Venue (one per guide; a second is a 400), 2 Placeholder, 3 Google Maps ' +
  '(needs `latitude` and `longitude`). `address` (an object, in form posts a JSON string) is stored as ' +
  'sent and not geocoded.';

export const ApiCreateLocation = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('createLocation', version),
      summary: 'Create a location in a guide you own',
      description:
        `Creates a location (a room or venue sessions take place in). Required: \`guide\`, \`name\`, \`location_type\`. ${RULES} ` +
        'A guide the caller cannot see answers 400 on `guide`; one they can only read answers 403. ' +
        GUIDEBOOK_DESCRIPTION_NOTE,
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded'),
    ApiBody({
      type: CreateLocationDto,
      examples: {
        room: {
          summary: 'A room (as the iCal integration and the SCaLE sync create them)',
          value: ROOM_EXAMPLE,
        },
        map: {
          summary: 'A Google Maps point',
          value: { guide: 1, name: 'Park', location_type: 3, latitude: 34.1478, longitude: -118.1445 },
        },
      },
    }),
    ApiCreatedResponse({ type: LocationDto, description: 'The new location' }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'A missing or invalid field, a second Main Venue, or a guide the caller cannot see',
        example: { location_type: ['"7" is not a valid choice.'] },
      },
      GUIDE_WRITE_403,
      GUIDEBOOK_429,
    ),
  );

export const ApiListLocations = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('listLocations', version),
      summary: 'Locations of the guides you can see',
      description:
        "One page of locations in DRF's envelope, by id, 50 per page by default (`page_size` up to 500). " +
        'Filters: `guide` (or `guide_id`), `location_type`, `id`, `import_id` (exact). ' +
        `${version === 'v1' ? '' : V11_LIST_NOTE}${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiDrfPage(LocationDto),
    ApiDrfErrors(
      {
        status: 400,
        description: 'A filter, page or page_size that cannot be read, or an unknown parameter',
        example: { guide: ['A valid integer is required.'] },
      },
      GUIDEBOOK_429,
    ),
  );

export const ApiGetLocation = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('getLocation', version),
      summary: 'One location',
      description: GUIDEBOOK_DESCRIPTION_NOTE,
    }),
    ApiOkResponse({ type: LocationDto }),
    ApiDrfErrors(NOT_FOUND, GUIDEBOOK_429),
  );

export const ApiUpdateLocation = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('updateLocation', version),
      summary: 'Change the sent fields of a location',
      description:
        `Changes only the fields sent; the rules of creation apply to the result. ${RULES} \`guide\` cannot ` +
        "change (it may be sent unchanged). The guide's owner or an admin may change it; an operator who " +
        `can read it gets 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded'),
    ApiBody({
      type: UpdateLocationDto,
      examples: { placeholder: { summary: 'Make it a placeholder', value: { location_type: 2 } } },
    }),
    ApiOkResponse({ type: LocationDto, description: 'The changed location' }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'An invalid field, a second Main Venue, or a different `guide`',
        example: { guide: ['The guide of a location cannot be changed.'] },
      },
      GUIDE_WRITE_403,
      NOT_FOUND,
      GUIDEBOOK_429,
    ),
  );

export const ApiDeleteLocation = (version: GuidebookVersion) =>
  applyDecorators(
    ApiNoContentResponse({ description: 'Deleted' }),
    ApiOperation({
      operationId: operationIdOf('deleteLocation', version),
      summary: "Delete a location (the guide's owner or an admin: content editing)",
      description:
        "Deletes the location; its sessions stay, without it. The guide's owner or an admin may delete it; " +
        `an operator who can read it gets 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiDrfErrors(GUIDE_WRITE_403, NOT_FOUND, GUIDEBOOK_429),
  );
