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
import { CreateGuideDto, GuideDto, UpdateGuideDto } from './dto/guide.dto';
import { GUIDE_WRITE_403, GUIDEBOOK_429, GUIDEBOOK_DESCRIPTION_NOTE } from './dto/seed-examples';
import { GuidebookVersion, operationIdOf } from './guidebook-version';

/* The OpenAPI prose and examples of `/open-api/v1(.1)/guides/` (GuidesController), one composed decorator per route. */

const NOT_FOUND = { status: 404, description: "No such guide, or another user's" };
const GUIDE_EXAMPLE = {
  name: 'Open API Conference 2017',
  start_date: '2017-09-18',
  end_date: '2017-09-20',
  timezone: 'America/New_York',
  description_html: '<p>Welcome!</p>',
};

export const ApiCreateGuide = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('createGuide', version),
      summary: 'Create a guide owned by you (upstream does this in its web builder)',
      description:
        'Creates a guide owned by the caller; Guidebook itself creates guides in its web builder, so this ' +
        'route is what makes the tracks and sessions routes usable. `name` is required; `timezone` defaults ' +
        'to `UTC`; `end_date` must not be before `start_date`; `description_html` is sanitised. ' +
        GUIDEBOOK_DESCRIPTION_NOTE,
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded'),
    ApiBody({
      type: CreateGuideDto,
      examples: { conference: { summary: 'A conference', value: GUIDE_EXAMPLE } },
    }),
    ApiCreatedResponse({ type: GuideDto, description: 'The new guide' }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'A missing or invalid field (unknown time zone, unreadable date, end before start)',
        example: { timezone: ['"Mars/Olympus" is not a valid time zone.'] },
      },
      GUIDEBOOK_429,
    ),
  );

export const ApiListGuides = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('listGuides', version),
      summary: 'The guides you can see',
      description: `One page of guides in DRF's envelope, by id, 50 per page by default (\`page_size\` up to 500). ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiDrfPage(GuideDto),
    ApiDrfErrors(
      {
        status: 400,
        description: 'A page or page_size that cannot be read, or an unknown parameter',
        example: { page: ['A valid integer is required.'] },
      },
      GUIDEBOOK_429,
    ),
  );

export const ApiGetGuide = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('getGuide', version),
      summary: 'One guide',
      description: GUIDEBOOK_DESCRIPTION_NOTE,
    }),
    ApiOkResponse({ type: GuideDto }),
    ApiDrfErrors(NOT_FOUND, GUIDEBOOK_429),
  );

export const ApiUpdateGuide = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('updateGuide', version),
      summary: 'Change the sent fields of a guide you own',
      description:
        'Changes only the fields sent (a partial update); the rules of creation apply to the result. ' +
        `The owner or an admin may change a guide; an operator who can read it gets 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded'),
    ApiBody({
      type: UpdateGuideDto,
      examples: { rename: { summary: 'Rename it', value: { name: 'Open API Conference 2018' } } },
    }),
    ApiOkResponse({ type: GuideDto, description: 'The changed guide' }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'An invalid field, or an end date before the start date',
        example: { end_date: ['The end date must not be before the start date.'] },
      },
      GUIDE_WRITE_403,
      NOT_FOUND,
      GUIDEBOOK_429,
    ),
  );

export const ApiDeleteGuide = (version: GuidebookVersion) =>
  applyDecorators(
    ApiNoContentResponse({ description: 'Deleted' }),
    ApiOperation({
      operationId: operationIdOf('deleteGuide', version),
      summary: 'Delete a guide with its tracks and sessions (admin)',
      description:
        'Deletes the guide together with its schedule tracks and sessions. Admins only (counts against ' +
        "the admin's daily Guidebook budget).",
    }),
    ApiDrfErrors({ status: 404, description: 'No such guide' }, GUIDEBOOK_429),
  );
