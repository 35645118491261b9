import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiDrfErrors, ApiJsonOrFormBody, drfPageSchema } from '../common/api-responses';
import {
  CreateListenEventDto,
  ListenEventCountDto,
  ListenEventDto,
  UpdateListenEventDto,
} from './dto/listen-event.dto';

/* The OpenAPI prose of `/api/2/listenevents/` (ListenEventsController), one composed decorator per route. */

const VISIBILITY =
  'A listen event is visible when its session is: users see those of the sessions they started, ' +
  "operators and admins all; another user's answers 404.";

const FILTERS =
  "Filters (upstream's): `session_id` (or `session`), `asset_id` (or `asset`), `project_id`, `starttime`, " +
  '`start_time__gte`, `start_time__lte` (naive = UTC), `duration`, `duration__gte`, `duration__lte` ' +
  '(nanoseconds, as upstream stores durations). Bad values and unknown parameters answer 400.';

const FILTERS_400 = {
  status: 400,
  description: 'A filter value that cannot be read, or an unknown parameter',
  example: { session_id: ['Enter a whole number.'] },
};

export function ListListenEventsDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'listListenEvents',
      summary: 'Listen events matching the filters (plain array; one DRF page with page_size/page)',
      description:
        `Every visible listen event matching all filters, in id order. ${FILTERS} Without \`page\` and ` +
        '`page_size` a plain JSON array, as Roundware answers (more than EVENTS_LIST_MAX_ROWS: 400); with ' +
        `either one page in DRF's envelope. ${VISIBILITY}`,
    }),
    ApiExtraModels(ListenEventDto),
    ApiResponse({
      status: 200,
      description: "A plain array of listen events, or one page in DRF's envelope",
      schema: {
        oneOf: [
          { type: 'array', title: 'ListenEventList', items: { $ref: getSchemaPath(ListenEventDto) } },
          drfPageSchema(ListenEventDto, {
            title: 'ListenEventPage',
            countDescription: 'Number of listen events on all pages',
          }),
        ],
      },
    }),
    ApiDrfErrors(FILTERS_400, {
      status: 404,
      description: 'A `page` past the last page',
      example: { detail: 'Invalid page.' },
    }),
  );
}

export function CountListenEventsDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'countListenEvents',
      summary: 'How many listen events match the filters',
      description: `The number \`GET /api/2/listenevents/\` would list for the same filters (same visibility). ${FILTERS}`,
    }),
    ApiOkResponse({ type: ListenEventCountDto }),
    ApiDrfErrors(FILTERS_400),
  );
}

export function GetListenEventDocs() {
  return applyDecorators(
    ApiOperation({ operationId: 'getListenEvent', summary: 'One listen event', description: VISIBILITY }),
    ApiOkResponse({ type: ListenEventDto }),
    ApiDrfErrors({ status: 404, description: "No such listen event, or another user's" }),
  );
}

export function CreateListenEventDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'createListenEvent',
      summary: 'Log an asset play (answers 200, as Roundware does)',
      description:
        'What the web framework posts when an asset starts: `{"starttime", "session", "asset"}` (the ' +
        '`_id` names and `start_time` are accepted too; JSON or form-encoded). `duration_in_seconds` ' +
        '(or `duration` in nanoseconds) may come now or with the PATCH when the asset ends. The session ' +
        "must be one the caller can see (another user's is `Invalid pk`); the asset id is stored as given.",
    }),
    ApiJsonOrFormBody(CreateListenEventDto),
    ApiOkResponse({ type: ListenEventDto }),
    ApiDrfErrors({
      status: 400,
      description: 'A missing or invalid field, or a session the caller cannot see',
      example: { session: ['This field is required.'], starttime: ['This field is required.'] },
    }),
  );
}

export function UpdateListenEventDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'updateListenEvent',
      summary: 'Report how long an asset played (also without the trailing slash, as the client calls it)',
      description:
        'The web framework sends `PATCH /api/2/listenevents/<id>` with `{"duration_in_seconds": float}` ' +
        'when the asset ends; `asset` and `starttime` may change too, the session may not. The owner of ' +
        `the session, operators and admins may change it. ${VISIBILITY}`,
    }),
    ApiJsonOrFormBody(UpdateListenEventDto),
    ApiOkResponse({ type: ListenEventDto }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'An invalid field, or a field that cannot change (`session`)',
        example: { duration_in_seconds: ['A valid number is required.'] },
      },
      { status: 404, description: "No such listen event, or another user's" },
    ),
  );
}

export function DeleteListenEventDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'deleteListenEvent',
      summary: 'Delete a listen event (admin; 204, as upstream)',
      description: 'Deleting is for admins only, as for every other event (DESIGN: roles).',
    }),
    ApiResponse({ status: 204, description: 'Deleted' }),
    ApiDrfErrors({ status: 404, description: 'No such listen event' }),
  );
}
