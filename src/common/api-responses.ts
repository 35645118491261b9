import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiProperty,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { ABS_DEFAULTS } from './filters/dialect-exception.filter';

/**
 * OpenAPI helpers shared by every module. Error bodies are component schemas registered by
 * `buildOpenApiDocument` (src/swagger.ts), which also documents the responses that the platform itself
 * gives on every route (401/403 from the guard, 400/413 from the body parser and the validation pipe,
 * 404 from IdPipe), in the dialect of the route's surface. Declare here what the route itself adds.
 */

/** DRF's `{"detail": "…"}` error body (the TypeScript shape; the spec uses the `DrfError` schema). */
export class DrfErrorDto {
  @ApiProperty({ example: 'Not found.' }) detail: string;
}

/** Names of the error schemas in `components.schemas`. */
export const ERROR_SCHEMA_NAMES = {
  drfError: 'DrfError',
  drfFieldErrors: 'DrfFieldErrors',
  absError: 'AbsErrorText',
} as const;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** DRF's `{"field": ["message", …]}` validation body. */
export const DRF_FIELD_ERRORS_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'Per-field messages (DRF validation errors): each key is a field (nested fields as `a.b`), each value the list of its messages',
  additionalProperties: { type: 'array', items: { type: 'string' } },
  example: { project_id: ['This field is required.'] },
};

/** The error schemas the document registers under `components.schemas` (see src/swagger.ts). */
export const ERROR_SCHEMAS: Record<string, SchemaObject> = {
  [ERROR_SCHEMA_NAMES.drfError]: {
    type: 'object',
    description: "Django REST Framework's error body",
    required: ['detail'],
    properties: { detail: { type: 'string', description: 'What went wrong', example: 'Not found.' } },
  },
  [ERROR_SCHEMA_NAMES.drfFieldErrors]: DRF_FIELD_ERRORS_SCHEMA,
  [ERROR_SCHEMA_NAMES.absError]: {
    type: 'string',
    description: "Audiobookshelf's error body: a plain-text message",
    example: 'Not Found',
  },
};

/** The schema of a DRF 400: field errors, `{"detail"}`, or a list of field errors (bulk bodies). */
export const DRF_BAD_REQUEST_SCHEMA: SchemaObject = {
  anyOf: [
    ref(ERROR_SCHEMA_NAMES.drfError),
    ref(ERROR_SCHEMA_NAMES.drfFieldErrors),
    { type: 'array', items: ref(ERROR_SCHEMA_NAMES.drfFieldErrors) },
  ],
};

/** What each error status means, shared by both dialects. */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: malformed body, a field that fails validation, or an unknown field or query parameter',
  401: 'Missing, malformed, expired or revoked credential',
  403: 'The caller is authenticated but lacks the required role',
  404: "Not found (another user's resource answers 404 too, so existence is never revealed)",
  409: 'Conflicts with the current state of the resource',
  413: 'Request body larger than BODY_LIMIT_BYTES',
  415: 'Body in a media type the route does not read (it reads application/json and application/x-www-form-urlencoded)',
  429: 'Too many requests; retry after the number of seconds in the Retry-After header',
};

/** Example bodies as the dialect filter renders them (src/common/filters/dialect-exception.filter.ts). */
export const DRF_ERROR_EXAMPLES: Record<number, unknown> = {
  400: { password: ['This field is required.'] },
  401: { detail: 'Authentication credentials were not provided.' },
  403: { detail: 'You do not have permission to perform this action.' },
  404: { detail: 'Not found.' },
  409: { detail: 'Conflict.' },
  413: { detail: 'Request body is too large.' },
  415: { detail: 'Unsupported media type "text/plain" in request.' },
  429: { detail: 'Too many failed login attempts. Try again in 900 seconds.' },
};

export const ABS_ERROR_EXAMPLES: Record<number, string> = {
  ...ABS_DEFAULTS,
  415: 'Unsupported media type "text/plain" in request.',
};

const RETRY_AFTER = {
  'Retry-After': {
    description: 'Seconds until the client may try again',
    schema: { type: 'integer', minimum: 1 },
  },
};

/** An error response object as the helpers build it. */
export interface ErrorResponseObject {
  description: string;
  headers?: typeof RETRY_AFTER;
  content: Record<string, { schema: SchemaObject | { $ref: string }; example?: unknown }>;
}

/** The OpenAPI response object of one DRF error status (used by the helpers and by swagger.ts). */
export function drfErrorResponse(status: number, description?: string): ErrorResponseObject {
  return {
    description: description ?? ERROR_DESCRIPTIONS[status] ?? 'Error',
    ...(status === 429 ? { headers: RETRY_AFTER } : {}),
    content: {
      'application/json': {
        schema: status === 400 ? DRF_BAD_REQUEST_SCHEMA : ref(ERROR_SCHEMA_NAMES.drfError),
        ...(DRF_ERROR_EXAMPLES[status] ? { example: DRF_ERROR_EXAMPLES[status] } : {}),
      },
    },
  };
}

/** The OpenAPI response object of one Audiobookshelf (plain text) error status. */
export function absErrorResponse(status: number, description?: string): ErrorResponseObject {
  return {
    description: description ?? ERROR_DESCRIPTIONS[status] ?? 'Error',
    ...(status === 429 ? { headers: RETRY_AFTER } : {}),
    content: {
      'text/plain': {
        schema: ref(ERROR_SCHEMA_NAMES.absError),
        example: ABS_ERROR_EXAMPLES[status] ?? 'Error',
      },
    },
  };
}

/** An error status, optionally with what it means on this route and an example body. */
export type ErrorStatus = number | { status: number; description: string; example?: unknown };

function errorDecorators(
  statuses: ErrorStatus[],
  response: (status: number, description?: string) => ErrorResponseObject,
) {
  return statuses.map((entry) => {
    const { status, description, example } = typeof entry === 'number' ? { status: entry } : entry;
    const documented = response(status, description);
    if (example !== undefined) {
      for (const media of Object.values(documented.content)) media.example = example;
    }
    return ApiResponse({ status, ...documented });
  });
}

/**
 * Documents DRF-dialect error responses of a route (`{"detail"}` bodies; 400 also field errors).
 * 401/403 (from `@Auth`), 400/413 (routes with a body or query) and 404 (routes with a path id) are
 * documented by the platform; list here what the route itself answers (404 not found, 409, 429, …),
 * as a status or `{ status, description, example? }`.
 */
export function ApiDrfErrors(...statuses: ErrorStatus[]) {
  return applyDecorators(...errorDecorators(statuses, drfErrorResponse));
}

/** Documents Audiobookshelf-dialect error responses (plain text bodies); same arguments as ApiDrfErrors. */
export function ApiAbsErrors(...statuses: ErrorStatus[]) {
  return applyDecorators(...errorDecorators(statuses, absErrorResponse));
}

/**
 * The schema of DRF's page envelope `{count, next, previous, results: [Item]}`: the one definition
 * behind `ApiDrfPage` and the list routes that answer either an array or a page (events, sessions).
 */
export function drfPageSchema(
  item: Type<unknown>,
  options: { title?: string; description?: string; countDescription?: string; countExample?: number } = {},
) {
  return {
    type: 'object',
    ...(options.title !== undefined && { title: options.title }),
    ...(options.description !== undefined && { description: options.description }),
    required: ['count', 'next', 'previous', 'results'],
    properties: {
      count: {
        type: 'integer',
        minimum: 0,
        description: options.countDescription ?? 'Number of items on all pages',
        example: options.countExample ?? 1,
      },
      next: {
        type: 'string',
        format: 'uri',
        nullable: true,
        description: 'Absolute URL of the next page; null on the last page',
        example: null,
      },
      previous: {
        type: 'string',
        format: 'uri',
        nullable: true,
        description: 'Absolute URL of the previous page; null on the first page',
        example: null,
      },
      results: { type: 'array', items: { $ref: getSchemaPath(item) } },
    },
  };
}

/** DRF's list envelope `{count, next, previous, results: [Item]}` as a 200 response. */
export function ApiDrfPage(item: Type<unknown>, description = 'One page of results') {
  return applyDecorators(
    ApiExtraModels(item),
    ApiResponse({
      status: 200,
      description: `${description} in DRF's page envelope`,
      schema: drfPageSchema(item),
    }),
    ApiResponse({
      status: 404,
      ...drfErrorResponse(404, 'Not found; also a `page` past the last page (`{"detail": "Invalid page."}`)'),
    }),
  );
}

/**
 * Audiobookshelf's list envelope `{total, numPages, page, itemsPerPage, <listKey>: [Item], …extra}` as a
 * 200 response (e.g. `GET /api/sessions` answers `sessions`). `extra` documents further top-level fields
 * (such as `userId`), which are then required too.
 */
export function ApiAbsPage(
  item: Type<unknown>,
  listKey = 'sessions',
  extra: Record<string, SchemaObject> = {},
  description = 'One page of results',
) {
  return applyDecorators(
    ApiExtraModels(item),
    ApiResponse({
      status: 200,
      description: `${description} in Audiobookshelf's page envelope`,
      schema: {
        type: 'object',
        required: ['total', 'numPages', 'page', 'itemsPerPage', listKey, ...Object.keys(extra)],
        properties: {
          total: { type: 'integer', minimum: 0, description: 'Number of items on all pages', example: 1 },
          numPages: { type: 'integer', minimum: 0, description: 'Number of pages', example: 1 },
          page: { type: 'integer', minimum: 0, description: 'This page, 0-based', example: 0 },
          itemsPerPage: { type: 'integer', minimum: 1, description: 'Page size', example: 10 },
          [listKey]: { type: 'array', items: { $ref: getSchemaPath(item) } },
          ...extra,
        },
      },
    }),
  );
}

/** A plain JSON array of `item` as a 200 response (Roundware lists). */
export function ApiArray(item: Type<unknown>, description = 'All matching items') {
  return applyDecorators(
    ApiExtraModels(item),
    ApiResponse({
      status: 200,
      description: `${description} (a plain JSON array)`,
      schema: { type: 'array', items: { $ref: getSchemaPath(item) } },
    }),
  );
}

/**
 * A request body accepted both as JSON and as an HTML form (`application/x-www-form-urlencoded`), as
 * DRF clients send it (`requests.post(url, data=…)`). Use it only where every field survives a form:
 * form values arrive as strings.
 */
export function ApiJsonOrFormBody(body: Type<unknown>, description?: string) {
  return applyDecorators(
    ApiExtraModels(body),
    ApiConsumes('application/json', 'application/x-www-form-urlencoded'),
    ApiBody({ type: body, description }),
  );
}
