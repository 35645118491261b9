import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiDrfErrors, drfPageSchema } from '../common/api-responses';
import { RoundwareProjectDto } from './dto/roundware-project.dto';
import { SESSION_ID_REQUIRED } from './roundware-projects.service';

const VISIBILITY =
  'Every authenticated user sees the public projects (created here by an admin) and the private ones ' +
  'they own (experiments created through `POST /api/experiments`); operators and admins see all. A ' +
  'project the caller cannot see answers 404.';

const FIELDS =
  "Upstream's field set: every Project model field, `language_ids`, and the five localized strings " +
  '(`legal_agreement`, `description`, `sharing_message`, `out_of_range_message`, `demo_stream_message`: ' +
  'text or null), plus our `visibility`.';

export function ListRoundwareProjectsDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'listRoundwareProjects',
      summary: 'Projects the caller can see (plain array; one DRF page with page_size/page)',
      description:
        `Every visible project in id order, localized in \`en\`. ${FIELDS} Without \`page\` and ` +
        '`page_size` a plain JSON array, as Roundware answers (more than SESSIONS_LIST_MAX_ROWS projects: ' +
        "400); with either one page in DRF's envelope. " +
        VISIBILITY,
    }),
    ApiExtraModels(RoundwareProjectDto),
    ApiResponse({
      status: 200,
      description: "A plain array of projects, or one page in DRF's envelope",
      schema: {
        oneOf: [
          {
            type: 'array',
            title: 'RoundwareProjectList',
            items: { $ref: getSchemaPath(RoundwareProjectDto) },
          },
          drfPageSchema(RoundwareProjectDto, {
            title: 'RoundwareProjectPage',
            countDescription: 'Number of projects on all pages',
          }),
        ],
      },
    }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'Unreadable `page`/`page_size`, an unknown parameter, or too many projects',
      },
      { status: 404, description: 'A `page` past the last page', example: { detail: 'Invalid page.' } },
    ),
  );
}

export function GetRoundwareProjectDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'getRoundwareProject',
      summary: "One project, localized in the session's language",
      description:
        `${FIELDS} The localized strings are in the language of the session \`session_id\` names, else ` +
        '`en`, else null. `session_id` is required, as upstream requires it. It must name a session the ' +
        "caller can see (their own; operators and admins any): another user's or an unknown session " +
        'answers 404, as upstream answers an unknown one. ' +
        VISIBILITY,
    }),
    ApiOkResponse({ type: RoundwareProjectDto }),
    ApiDrfErrors(
      {
        status: 400,
        description: "`session_id` missing (upstream's ParseError) or not an id",
        example: { detail: SESSION_ID_REQUIRED },
      },
      { status: 404, description: 'No such project or session, or one the caller cannot see' },
    ),
  );
}

const WRITE_400 = {
  status: 400,
  description: 'A missing or invalid field, an unknown language id or code, or an unknown field',
  example: { ordering: ['"sideways" is not a valid choice.'] },
};

export function CreateRoundwareProjectDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'createRoundwareProject',
      summary: 'Create a project (admin; answers 200, as Roundware does)',
      description:
        'A new project owned by the calling admin, public unless `visibility` says `private`: every ' +
        'authenticated user then reads it and may start sessions in it. Only `name` is required; the ' +
        "other fields take upstream's defaults. A localized field is one text (its `en` text) or an " +
        `object of ISO 639-1 codes to texts. The answer is localized in \`en\`. ${FIELDS}`,
    }),
    ApiOkResponse({ type: RoundwareProjectDto }),
    ApiDrfErrors(WRITE_400),
  );
}

export function UpdateRoundwareProjectDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'updateRoundwareProject',
      summary: 'Change a project (admin)',
      description:
        'Only the fields given change. A localized field given as text replaces its `en` text (the ' +
        'other languages stay); as an object it replaces all of its texts; null clears it.',
    }),
    ApiOkResponse({ type: RoundwareProjectDto }),
    ApiDrfErrors(WRITE_400, { status: 404, description: 'No such project' }),
  );
}

export function DeleteRoundwareProjectDocs() {
  return applyDecorators(
    ApiOperation({
      operationId: 'deleteRoundwareProject',
      summary: 'Delete a project with its sessions and their events (admin)',
      description: 'Answers 204 with no body, as upstream does.',
    }),
    ApiResponse({ status: 204, description: 'Deleted' }),
    ApiDrfErrors({ status: 404, description: 'No such project' }),
  );
}
