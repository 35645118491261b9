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
import { CreateScheduleTrackDto, ScheduleTrackDto, UpdateScheduleTrackDto } from './dto/schedule-track.dto';
import { GUIDE_WRITE_403, GUIDEBOOK_429, GUIDEBOOK_DESCRIPTION_NOTE } from './dto/seed-examples';
import { GuidebookVersion, operationIdOf, V11_LIST_NOTE } from './guidebook-version';

/* The OpenAPI prose and examples of `/open-api/v1(.1)/schedule-tracks/` (ScheduleTracksController). */

const NOT_FOUND = { status: 404, description: "No such schedule track, or one of another user's guide" };
const TRACK_EXAMPLE = { guide: 1, name: 'Keynotes', color: '#000080' };

export const ApiCreateScheduleTrack = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('createScheduleTrack', version),
      summary: 'Create a schedule track in a guide you own',
      description:
        'Creates a track (a colour-coded group of sessions) in a guide. Required: `guide`, `name`; `color` ' +
        '(`#rrggbb`) is optional and answers `null` when absent. A guide the caller cannot see answers 400 on `guide`; one they can only read (an ' +
        `operator's view of another owner's guide) answers 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded'),
    ApiBody({
      type: CreateScheduleTrackDto,
      examples: { keynotes: { summary: 'A track', value: TRACK_EXAMPLE } },
    }),
    ApiCreatedResponse({ type: ScheduleTrackDto, description: 'The new track' }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'A missing or invalid field, or a guide the caller cannot see',
        example: { guide: ['Invalid pk "9" - object does not exist.'], name: ['This field is required.'] },
      },
      GUIDE_WRITE_403,
      GUIDEBOOK_429,
    ),
  );

export const ApiListScheduleTracks = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('listScheduleTracks', version),
      summary: 'Schedule tracks of the guides you can see',
      description:
        "One page of tracks in DRF's envelope, by id, 50 per page by default (`page_size` up to 500). " +
        'Filters: `guide`, `id`, `import_id` (exact). A filter value that cannot match anything (not an ' +
        `id, given twice) answers 400. ${version === 'v1' ? '' : V11_LIST_NOTE}${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiDrfPage(ScheduleTrackDto),
    ApiDrfErrors(
      {
        status: 400,
        description: 'A filter, page or page_size that cannot be read, or an unknown parameter',
        example: { guide: ['A valid integer is required.'] },
      },
      GUIDEBOOK_429,
    ),
  );

export const ApiGetScheduleTrack = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('getScheduleTrack', version),
      summary: 'One schedule track',
      description: GUIDEBOOK_DESCRIPTION_NOTE,
    }),
    ApiOkResponse({ type: ScheduleTrackDto }),
    ApiDrfErrors(NOT_FOUND, GUIDEBOOK_429),
  );

export const ApiUpdateScheduleTrack = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('updateScheduleTrack', version),
      summary: 'Change the sent fields of a schedule track',
      description:
        "Changes only the fields sent. `guide` cannot change (it may be sent unchanged). The guide's " +
        `owner or an admin may change it; an operator who can read it gets 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded'),
    ApiBody({
      type: UpdateScheduleTrackDto,
      examples: { recolor: { summary: 'A new colour', value: { color: '#008000' } } },
    }),
    ApiOkResponse({ type: ScheduleTrackDto, description: 'The changed track' }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'An invalid field, or a different `guide`',
        example: { guide: ['The guide of a schedule track cannot be changed.'] },
      },
      GUIDE_WRITE_403,
      NOT_FOUND,
      GUIDEBOOK_429,
    ),
  );

export const ApiDeleteScheduleTrack = (version: GuidebookVersion) =>
  applyDecorators(
    ApiNoContentResponse({ description: 'Deleted' }),
    ApiOperation({
      operationId: operationIdOf('deleteScheduleTrack', version),
      summary: "Delete a schedule track (the guide's owner or an admin: content editing)",
      description:
        "Deletes the track; its sessions stay, without it. The guide's owner or an admin may delete it " +
        `(content editing, so not admin-only); an operator who can read it gets 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiDrfErrors(GUIDE_WRITE_403, NOT_FOUND, GUIDEBOOK_429),
  );
