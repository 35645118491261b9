import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiDrfErrors, drfPageSchema } from '../common/api-responses';
import { CreateEventDto, EventBatchIdsDto, EventBatchResultDto, EventDto } from './dto/event.dto';

/* The OpenAPI prose and examples of `/api/2/events/` (EventsController), one composed decorator per route. */

/** The seed's `POST events/` answer (seed 002). */
const SEED_EVENT: EventDto = {
  id: 10,
  server_time: '2017-06-07T22:41:50.556694',
  client_time: '2017-05-06T22:55:15.114568',
  event_type: 'heartbeat',
  data: 'some random data',
  latitude: '1.2345',
  longitude: '2.3456',
  session_id: 1,
  tag_ids: '3,8',
};

const seedUpload = (id: number, server_time: string, tag_ids: string): EventDto => ({
  id,
  server_time,
  client_time: null,
  event_type: 'start_upload',
  data: null,
  latitude: null,
  longitude: null,
  session_id: 1,
  tag_ids,
});

/** The seed's `GET events/?session_id=1` answer. */
const SEED_EVENT_LIST = [
  seedUpload(1, '2017-04-15T16:35:57.295461', '3,8'),
  seedUpload(2, '2017-04-15T16:36:04.916135', '4,8'),
];

/** The seed's `GET events/1/` answer. */
const SEED_EVENT_DETAIL: EventDto = {
  ...seedUpload(1, '2017-05-06T22:55:15.114568', '3,22,8'),
  latitude: '40.75921249389648',
  longitude: '-73.98463439941406',
};

const SEED_EVENT_BODY = {
  session_id: 1,
  event_type: 'heartbeat',
  client_time: '2017-05-06T22:55:15.114568',
  latitude: 1.2345,
  longitude: 2.3456,
  tag_ids: '3,8',
  data: 'some random data',
};

/** DRF's page envelope of events (the answer of the list when `page` or `page_size` is given). */
const EVENT_PAGE_SCHEMA = drfPageSchema(EventDto, {
  title: 'EventPage',
  description: "DRF's page envelope (when `page` or `page_size` is given)",
  countDescription: 'Number of events on all pages',
  countExample: 2,
});

const FILTERS_400 = {
  status: 400,
  description:
    'A filter, `page` or `page_size` value that cannot be read, or an unknown parameter; unpaginated (neither `page` nor `page_size`), more than EVENTS_LIST_MAX_ROWS matching events',
  example: { server_time__gt: ['Enter a valid date/time.'] },
};

const VISIBILITY = 'Users see the events of the sessions they started; operators and admins see all.';

export function ListEventsDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'listEvents',
      summary: 'List events (plain array; one DRF page with page_size/page)',
      description:
        'Events of the visible sessions matching every given filter, in id order. Without `page` and ' +
        '`page_size` the answer is a plain JSON array, as Roundware answers (the seed); with either of them ' +
        "it is one page in DRF's envelope `{count, next, previous, results}` (`page_size` default 50, at " +
        'most 500). Unpaginated, a result larger than EVENTS_LIST_MAX_ROWS (default 10,000) answers ' +
        '400: paginate, narrow the filters or use `GET /api/2/events/export/`. Filters: `session_id`; ' +
        '`event_type` (case-insensitive substring); `server_time` (same second), `server_time__gt`, ' +
        '`server_time__lt` (naive = UTC); `latitude`/`longitude` (prefix of the stored text); `tag_ids` ' +
        '(comma-separated, the event carries all of them). Empty values are ignored; unreadable ones ' +
        `answer 400. ${VISIBILITY}`,
    }),
    ApiOkResponse({
      description:
        "A plain array of events (no `page`/`page_size`), or one page in DRF's envelope `{count, next, previous, results}`",
      schema: {
        oneOf: [
          {
            type: 'array',
            title: 'EventList',
            description: 'Every matching event (no `page` or `page_size` given)',
            items: { $ref: getSchemaPath(EventDto) },
          },
          EVENT_PAGE_SCHEMA,
        ],
      },
      examples: {
        seed: { summary: 'The seed: ?session_id=1 (a plain array)', value: SEED_EVENT_LIST },
        page: {
          summary: '?session_id=1&page_size=1 (one DRF page)',
          value: {
            count: 2,
            next: 'http://localhost:3000/api/2/events/?session_id=1&page_size=1&page=2',
            previous: null,
            results: [SEED_EVENT_LIST[0]],
          },
        },
      },
    }),
    ApiDrfErrors(FILTERS_400, {
      status: 404,
      description: 'A `page` past the last page (`{"detail": "Invalid page."}`)',
      example: { detail: 'Invalid page.' },
    }),
  );
}

export function CreateEventDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'createEvent',
      summary: 'Record an event in a session the caller can see (200, as upstream)',
      description:
        'Stores one event in a session the caller can see and answers it with 200, as Roundware does. ' +
        "`server_time` is the server's clock; `client_time`, `latitude`, `longitude` and `data` are " +
        'returned as sent (coordinates as text); `tag_ids` as `"3,8"` (`tags` is accepted as its other ' +
        "name, as upstream's log_event reads it, and wins when both are given). JSON or form-encoded. A " +
        'session the caller cannot see is answered like one that does not exist (400 on `session_id`). ' +
        '`start_session` is recorded once per session: the server records it when the session starts, and ' +
        "a client's `start_session` (the web framework posts one right after) gives that record the " +
        "client's `client_time`, coordinates, tags and data (same id and server time) instead of adding a " +
        'second one.',
    }),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded'),
    ApiBody({
      type: CreateEventDto,
      examples: { seed: { summary: "The seed's request", value: SEED_EVENT_BODY } },
    }),
    ApiOkResponse({
      type: EventDto,
      description: 'The stored event',
      examples: { seed: { summary: "The seed's answer", value: SEED_EVENT } },
    }),
    ApiDrfErrors({
      status: 400,
      description:
        'A missing or invalid field (coordinates out of range, bad tag ids, unreadable client_time), an unknown field, or a session the caller cannot see',
      example: { session_id: ['Invalid pk "9" - object does not exist.'] },
    }),
  );
}

export function CreateEventBatchDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'createEventBatch',
      summary: 'Record up to 1,000 events in one transaction (all or nothing)',
      description:
        'A JSON array of 1 to 1,000 event bodies (each as for `POST /api/2/events/`), stored in one ' +
        'transaction. If any item is invalid, or names a session the caller cannot see, nothing is stored ' +
        'and the 400 body is a list with one entry per item: `{}` for good items, field errors for bad ' +
        'ones. A body that is not a list, or an empty or too long one, answers 400 `non_field_errors`.',
    }),
    ApiBody({
      type: [CreateEventDto],
      examples: {
        two: {
          summary: 'Two events',
          value: [SEED_EVENT_BODY, { session_id: 1, event_type: 'start_listen' }],
        },
      },
    }),
    ApiExtraModels(EventBatchResultDto, EventBatchIdsDto),
    ApiResponse({
      status: 201,
      description: 'All events were stored: the stored events, or `{count, ids}` with `echo=false`',
      schema: {
        oneOf: [{ $ref: getSchemaPath(EventBatchResultDto) }, { $ref: getSchemaPath(EventBatchIdsDto) }],
      },
    }),
    ApiDrfErrors(
      {
        status: 400,
        description:
          'Nothing was stored: a list of per-item errors (`{}` for good items), or `non_field_errors` when the body is not a list of 1 to 1,000 items',
        example: [{}, { event_type: ['This field is required.'] }],
      },
      413,
    ),
  );
}

export function ExportEventsDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'exportEvents',
      summary: 'Stream the filtered events as CSV or NDJSON',
      description:
        'The events `GET /api/2/events/` would list for the same filters, streamed from the database in ' +
        'chunks of 1,000 (no size limit), as a download (`Content-Disposition: attachment`). `format`: ' +
        '`csv` (default; RFC 4180, CRLF, header row, null as an empty field) or `ndjson`. Filters are ' +
        `checked before the first byte. ${VISIBILITY}`,
    }),
    ApiProduces('text/csv', 'application/x-ndjson'),
    ApiOkResponse({
      description: 'CSV with a header row (RFC 4180), or one JSON event per line',
      content: {
        'text/csv': {
          schema: { type: 'string' },
          example:
            'id,server_time,client_time,event_type,data,latitude,longitude,session_id,tag_ids\r\n' +
            '10,2017-06-07T22:41:50.556694,2017-05-06T22:55:15.114568,heartbeat,some random data,1.2345,2.3456,1,"3,8"\r\n',
        },
        'application/x-ndjson': {
          schema: { type: 'string' },
          example: `${JSON.stringify(SEED_EVENT)}\n`,
        },
      },
    }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'A filter that cannot be read, an unknown `format`, or an unknown parameter',
        example: { format: ['Select a valid choice. Use csv or ndjson.'] },
      },
      {
        status: 429,
        description:
          'EXPORTS_PER_USER exports of the caller, or EXPORTS_TOTAL in all, are running; retry after `Retry-After` seconds',
        example: { detail: 'Request was throttled. Expected available in 5 seconds.' },
      },
      {
        status: 500,
        description:
          'The export failed before its first byte. A failure after it aborts the response (the body never completes) and is logged',
        example: { detail: 'A server error occurred.' },
      },
    ),
  );
}

export function GetEventDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'getEvent',
      summary: 'One event of a session the caller can see',
      description: `One event. ${VISIBILITY} An event of another user's session answers 404.`,
    }),
    ApiOkResponse({
      type: EventDto,
      examples: { seed: { summary: 'The seed: GET events/1/', value: SEED_EVENT_DETAIL } },
    }),
    ApiDrfErrors({ status: 404, description: "No such event, or one of another user's session" }),
  );
}

export function DeleteEventDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'deleteEvent',
      summary: 'Delete an event (admin)',
      description: 'Deletes one event (with its tags). Admins only; events are otherwise append-only.',
    }),
    ApiResponse({ status: 204, description: 'Deleted' }),
    ApiDrfErrors({ status: 404, description: 'No such event' }),
  );
}
