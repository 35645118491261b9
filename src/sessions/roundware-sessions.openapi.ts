import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiDrfErrors, drfPageSchema } from '../common/api-responses';
import { RoundwareSessionDto } from './dto/roundware-session.dto';
import { ROUNDWARE_SESSION_LIST_EXAMPLES } from './dto/seed-examples';

const VISIBILITY =
  "Users see the sessions they started; operators and admins see all. Another user's session answers 404.";

/** `GET /api/2/sessions/`: a plain array (the seed), or one DRF page with `page`/`page_size`. */
export function ListRoundwareSessionsDocs(filters400: { status: number; example?: unknown }) {
  return applyDecorators(
    ApiOperation({
      operationId: 'listRoundwareSessions',
      summary: 'Sessions matching the filters (plain array; one DRF page with page_size/page)',
      description:
        'Every visible session matching all given filters, oldest first. Without `page` and `page_size` ' +
        'the answer is a plain JSON array, as Roundware answers; more than SESSIONS_LIST_MAX_ROWS ' +
        '(default 10,000) matching sessions answer 400: paginate or narrow the filters. With either of ' +
        "them it is one page in DRF's envelope `{count, next, previous, results}` (`page_size` default " +
        '50, at most 500). Filters: `project_id`, `language_id`, `language` (ISO 639-1 code), ' +
        '`geo_listen_enabled`, `demo_stream_enabled`. Bad filter values and unknown parameters answer 400 ' +
        'instead of being ignored; an unknown project is an empty array. ' +
        VISIBILITY,
    }),
    ApiExtraModels(RoundwareSessionDto),
    ApiResponse({
      status: 200,
      description:
        "A plain array of sessions (no `page`/`page_size`), or one page in DRF's envelope `{count, next, previous, results}`",
      schema: {
        oneOf: [
          {
            type: 'array',
            title: 'RoundwareSessionList',
            description: 'Every matching session (no `page` or `page_size` given)',
            items: { $ref: getSchemaPath(RoundwareSessionDto) },
          },
          drfPageSchema(RoundwareSessionDto, {
            title: 'RoundwareSessionPage',
            description: "DRF's page envelope (when `page` or `page_size` is given)",
            countDescription: 'Number of sessions on all pages',
          }),
        ],
      },
      examples: ROUNDWARE_SESSION_LIST_EXAMPLES,
    }),
    ApiDrfErrors(
      {
        ...filters400,
        description:
          'A filter, `page` or `page_size` value that cannot be read, or an unknown parameter; unpaginated, more than SESSIONS_LIST_MAX_ROWS matching sessions',
      },
      {
        status: 404,
        description: 'A `page` past the last page (`{"detail": "Invalid page."}`)',
        example: { detail: 'Invalid page.' },
      },
    ),
  );
}
