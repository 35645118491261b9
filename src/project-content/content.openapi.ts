import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiDrfErrors } from '../common/api-responses';
import { Role } from '../common/auth-user';
import { Auth } from '../common/decorators/auth.decorator';
import { CreateVoteDto, VoteCountDto, VoteDto } from './dto/vote.dto';

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

export function ListVotesDocs() {
  return applyDecorators(
    Auth(),
    ApiOperation({
      operationId: 'listRoundwareAssetVotes',
      summary: "An asset's vote counts, per vote type",
      description:
        '`[{type, total}]`, fewest first; `rate` also carries `avg`, the mean value (as upstream\u2019s ' +
        `\`vote_count_by_asset\`). ${VISIBILITY}`,
    }),
    ApiOkResponse({ type: [VoteCountDto] }),
    ApiDrfErrors({ status: 404, description: 'No such asset, or one of a project you cannot see' }),
  );
}

export function CreateVoteDocs() {
  return applyDecorators(
    HttpCode(200),
    Auth(),
    ApiOperation({
      operationId: 'voteRoundwareAsset',
      summary: 'Vote on an asset from one of your sessions',
      description:
        'Any authenticated user who sees the asset\u2019s project. One vote per session, asset and type: ' +
        'with `value` it is stored (or its value replaced); without `value`, an earlier vote of the type ' +
        'is removed (upstream\u2019s toggle) and answered as it was. Answers 200 with the vote and the ' +
        `asset's counts after it. The session must be the caller's (operators, admins: any) and in the asset's project, else 400 \`Invalid pk\`. ${VISIBILITY}`,
    }),
    ApiBody({
      type: CreateVoteDto,
      examples: { like: { summary: 'A like', value: { session_id: 1, vote_type: 'like', value: 1 } } },
    }),
    ApiOkResponse({ type: VoteDto }),
    ApiDrfErrors(
      {
        status: 400,
        description: 'A missing or invalid field, or a session that is not yours or of another project',
        example: { vote_type: ['"love" is not a valid choice.'] },
      },
      { status: 404, description: 'No such asset, or one of a project you cannot see' },
    ),
  );
}
