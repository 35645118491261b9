import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
} from '@nestjs/swagger';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import {
  CreateScheduleSessionDto,
  CreateScheduleSessionV11Dto,
  ScheduleSessionDto,
  UpdateScheduleSessionDto,
} from './dto/schedule-session.dto';
import {
  CREATE_SCHEDULE_SESSION_EXAMPLES,
  CREATED_SCHEDULE_SESSION_EXAMPLES,
  GUIDE_WRITE_403,
  GUIDEBOOK_429,
  GUIDEBOOK_DESCRIPTION_NOTE,
  SCHEDULE_SESSION_EXAMPLES,
  SCHEDULE_SESSION_OF_GUIDE_PAGE_EXAMPLES,
  SCHEDULE_SESSION_PAGE_EXAMPLES,
} from './dto/seed-examples';
import { GuidebookVersion, operationIdOf, V11_LIST_NOTE } from './guidebook-version';

/* The OpenAPI prose and examples of `/open-api/v1(.1)/sessions/` (ScheduleSessionsController). */

const NOT_FOUND = { status: 404, description: "No such session, or one of another user's guide" };
const LIST_400 = {
  status: 400,
  description: 'A filter, ordering, page or page_size that cannot be read, or an unknown parameter',
  example: { ordering: ['Invalid ordering field(s): "name". Allowed: id, start_time, end_time.'] },
};
const LIST_RULES =
  "One page of sessions in DRF's envelope, 50 per page by default (`page_size` up to 500). Filters: " +
  '`guide`, `id`, `import_id` (exact), `schedule_tracks` (in any of them). `ordering`: `id`, ' +
  '`start_time`, `end_time`, `-` for descending, comma-separated (default `id`; ties by id; sessions ' +
  'without an end sort after the others ascending). A filter value that cannot match anything answers 400.';
const v11Note = (version: GuidebookVersion) => (version === 'v1' ? '' : ` ${V11_LIST_NOTE.trim()}`);

/** Guidebook's "Images" page: a multipart request. */
const IMAGE_NOTE =
  'An image comes as a multipart request (`multipart/form-data`, the other fields as form fields): the ' +
  '`image` part, PNG or JPEG by content (anything else 400 on `image`, over UPLOAD_MAX_BYTES 413); answers ' +
  'carry it as an absolute URL. In JSON or a form `image` may only be null or blank. ';

const CREATE_V1 =
  'Creates a session of a guide, as the seed does. Required: `guide`, `name`, `description_html` ' +
  '(may be empty or null; sanitised), `start_time`. Times are converted to UTC (naive = UTC). A blank ' +
  '`end_time` makes an all-day session (`all_day` defaults to true then); a session that is not ' +
  'all-day needs an end not before its start. `schedule_tracks` must be tracks of the same guide. A ' +
  'guide the caller cannot see answers 400 on `guide`; one they can only read answers 403. ';
const CREATE_V11 =
  "Creates a session of a guide, as today's docs describe. Required: `guide`, `name`, `start_time`; " +
  '`description_html` is optional (sanitised); `allow_rating` and `add_to_schedule` default to true. ' +
  'Times are converted to UTC (naive = UTC). A blank `end_time` makes an all-day session; one that is ' +
  'not all-day needs an end not before its start. `schedule_tracks` and `locations` must belong to the ' +
  'same guide. `require_login` needs `add_to_schedule`; the registration dates and `max_capacity` need ' +
  '`require_login`; `waitlist` needs `max_capacity`. ';

export const ApiCreateScheduleSession = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('createScheduleSession', version),
      summary: 'Create a session in a guide you own',
      description: (version === 'v1' ? CREATE_V1 : CREATE_V11) + IMAGE_NOTE + GUIDEBOOK_DESCRIPTION_NOTE,
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'),
    ApiBody({
      type: version === 'v1' ? CreateScheduleSessionDto : CreateScheduleSessionV11Dto,
      examples: CREATE_SCHEDULE_SESSION_EXAMPLES,
    }),
    ApiCreatedResponse({
      type: ScheduleSessionDto,
      description: 'The new session',
      examples: CREATED_SCHEDULE_SESSION_EXAMPLES,
    }),
    ApiDrfErrors(
      {
        status: 400,
        description:
          'A missing or invalid field, an end before the start, a track of another guide, or a guide the caller cannot see',
        example: { schedule_tracks: ['Invalid pk "9" - not a schedule track of guide 1.'] },
      },
      GUIDE_WRITE_403,
      GUIDEBOOK_429,
    ),
  );

export const ApiListScheduleSessions = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('listScheduleSessions', version),
      summary: 'Sessions of the guides you can see (filters, ordering, pages)',
      description: `${LIST_RULES}${v11Note(version)} ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiDrfPage(ScheduleSessionDto),
    ApiResponse({ status: 200, examples: SCHEDULE_SESSION_PAGE_EXAMPLES }),
    ApiDrfErrors(LIST_400, GUIDEBOOK_429),
  );

export const ApiListScheduleSessionsOfGuide = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('listScheduleSessionsOfGuide', version),
      summary: "The seed's literal `/sessions/guide=N` form of `/sessions/?guide=N`",
      description:
        "Guidebook's own example builds this URL without a `?` (`'{}guide=47'.format(session_url)`); it " +
        'answers the same list as `?guide=N` so such clients work. The other parameters of the list apply ' +
        `too. ${LIST_RULES} ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiDrfPage(ScheduleSessionDto),
    ApiResponse({ status: 200, examples: SCHEDULE_SESSION_OF_GUIDE_PAGE_EXAMPLES }),
    ApiDrfErrors(LIST_400, GUIDEBOOK_429),
  );

export const ApiGetScheduleSession = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('getScheduleSession', version),
      summary: 'One session',
      description: `One session with its track ids (ascending), as the seed's \`{}8348/\` fetch. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiOkResponse({ type: ScheduleSessionDto, examples: SCHEDULE_SESSION_EXAMPLES }),
    ApiDrfErrors(NOT_FOUND, GUIDEBOOK_429),
  );

export const ApiUpdateScheduleSession = (version: GuidebookVersion) =>
  applyDecorators(
    ApiOperation({
      operationId: operationIdOf('updateScheduleSession', version),
      summary: 'Change the sent fields of a session',
      description:
        'Changes only the fields sent; the time rules of creation apply to the result (clearing ' +
        '`end_time` makes it all-day unless `all_day` says otherwise). `schedule_tracks` replaces the ' +
        "session's tracks. `guide` cannot change (it may be sent unchanged). The guide's owner or an admin " +
        'may change it; an operator who can read it gets 403. A new `image` part replaces the image (the old ' +
        `URL stops answering); \`image: null\` (or blank) removes it. ${IMAGE_NOTE}${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'),
    ApiBody({
      type: UpdateScheduleSessionDto,
      examples: {
        retime: {
          summary: 'Move it by an hour',
          value: { start_time: '2017-09-18T17:00:00', end_time: '2017-09-18T18:00:00' },
        },
        tracks: { summary: 'Replace its tracks', value: { schedule_tracks: [3, 42] } },
      },
    }),
    ApiOkResponse({ type: ScheduleSessionDto, description: 'The changed session' }),
    ApiDrfErrors(
      {
        status: 400,
        description:
          'An invalid field, an end before the start, a track of another guide, or a different `guide`',
        example: { end_time: ['The end time must not be before the start time.'] },
      },
      GUIDE_WRITE_403,
      NOT_FOUND,
      GUIDEBOOK_429,
    ),
  );

export const ApiDeleteScheduleSession = (version: GuidebookVersion) =>
  applyDecorators(
    ApiNoContentResponse({ description: 'Deleted' }),
    ApiOperation({
      operationId: operationIdOf('deleteScheduleSession', version),
      summary: "Delete a session (the guide's owner or an admin: content editing)",
      description:
        "Deletes the session and its track links. The guide's owner or an admin may delete it (content " +
        `editing, so not admin-only); an operator who can read it gets 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
    }),
    ApiDrfErrors(GUIDE_WRITE_403, NOT_FOUND, GUIDEBOOK_429),
  );
