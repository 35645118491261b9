import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiDrfErrors } from '../common/api-responses';
import { Role } from '../common/auth-user';
import { Auth } from '../common/decorators/auth.decorator';

const VISIBILITY =
  'Scoped to the projects the caller can see (public Roundware projects: every authenticated user; ' +
  "private experiments: their owner, operators and admins); another user's private project's content answers 404.";

/** A plain-array list route of project content (as upstream: no pagination). */
export function ListContentDocs(operationId: string, what: string, item: Type<unknown>, filters: string) {
  return applyDecorators(
    Auth(),
    ApiOperation({
      operationId,
      summary: `${what} of the projects you can see`,
      description: `A plain array, by id (as upstream). Filters: ${filters}. A filter value that cannot be read answers 400. ${VISIBILITY}`,
    }),
    ApiOkResponse({ type: [item] }),
    ApiDrfErrors({ status: 400, description: 'A filter that cannot be read, or an unknown parameter' }),
  );
}

export function GetContentDocs(operationId: string, what: string, item: Type<unknown>) {
  return applyDecorators(
    Auth(),
    ApiOperation({ operationId, summary: `One ${what}`, description: VISIBILITY }),
    ApiOkResponse({ type: item }),
    ApiDrfErrors({ status: 404, description: `No such ${what}, or one of a project you cannot see` }),
  );
}

export function CreateContentDocs(
  operationId: string,
  what: string,
  body: Type<unknown>,
  item: Type<unknown>,
  example: object,
) {
  return applyDecorators(
    HttpCode(200),
    Auth({ roles: [Role.Admin] }),
    ApiOperation({
      operationId,
      summary: `Create a ${what} (admin)`,
      description: `Answers 200 with the new ${what}, as upstream's create does. A \`project_id\` (or other id) naming nothing the caller sees answers 400 \`Invalid pk\`.`,
    }),
    ApiBody({ type: body, examples: { example: { summary: `A ${what}`, value: example } } }),
    ApiOkResponse({ type: item, description: `The new ${what}` }),
    ApiDrfErrors({
      status: 400,
      description: 'A missing or invalid field',
      example: { project_id: ['This field is required.'] },
    }),
  );
}

export function UpdateContentDocs(
  operationId: string,
  what: string,
  body: Type<unknown>,
  item: Type<unknown>,
) {
  return applyDecorators(
    Auth({ roles: [Role.Admin] }),
    ApiOperation({
      operationId,
      summary: `Change the sent fields of a ${what} (admin)`,
      description: `Only the fields sent change; \`null\` on a field that is not nullable is 400. ${VISIBILITY}`,
    }),
    ApiBody({ type: body }),
    ApiOkResponse({ type: item, description: `The changed ${what}` }),
    ApiDrfErrors(
      { status: 400, description: 'An invalid field' },
      { status: 404, description: `No such ${what}` },
    ),
  );
}

export function DeleteContentDocs(operationId: string, what: string) {
  return applyDecorators(
    HttpCode(204),
    Auth({ roles: [Role.Admin] }),
    ApiOperation({
      operationId,
      summary: `Delete a ${what} (admin)`,
      description: `Answers 204, as DRF's destroy. What belongs to it goes with it (a UI group's items, an asset's timed assets and file).`,
    }),
    ApiNoContentResponse({ description: 'Deleted' }),
    ApiDrfErrors({ status: 404, description: `No such ${what}` }),
  );
}
