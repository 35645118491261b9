import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';

/** DRF's `{"detail": "…"}` error body. */
export class DrfErrorDto {
  @ApiProperty({ example: 'Not found.' }) detail: string;
}

/** DRF's `{"field": ["message", …]}` validation body. */
export const DRF_FIELD_ERRORS_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'Per-field messages (DRF validation errors); `detail` for errors not tied to a field',
  additionalProperties: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string' }] },
  example: { project_id: ['This field is required.'] },
};

const DRF_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (DRF field errors or `detail`)',
  401: 'Missing or invalid credential',
  403: 'The caller lacks the required role',
  404: "Not found (or not visible to the caller: another user's resource answers 404)",
  409: 'Conflict with the current state',
  413: 'Request body too large',
  429: 'Too many requests (see Retry-After)',
};

/** Documents DRF-dialect error responses of a route (`{"detail"}` bodies; 400 also field errors). */
export function ApiDrfErrors(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(DrfErrorDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DRF_DESCRIPTIONS[status] ?? 'Error',
        content: {
          'application/json': {
            schema:
              status === 400
                ? { oneOf: [{ $ref: getSchemaPath(DrfErrorDto) }, DRF_FIELD_ERRORS_SCHEMA] }
                : { $ref: getSchemaPath(DrfErrorDto) },
          },
        },
      }),
    ),
  );
}

/** Documents Audiobookshelf-dialect error responses (plain text bodies). */
export function ApiAbsErrors(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DRF_DESCRIPTIONS[status] ?? 'Error',
        content: { 'text/plain': { schema: { type: 'string', example: 'Not Found' } } },
      }),
    ),
  );
}

/** DRF's list envelope `{count, next, previous, results: [Item]}` as a 200 response. */
export function ApiDrfPage(item: Type<unknown>, description = 'One page of results') {
  return applyDecorators(
    ApiExtraModels(item),
    ApiResponse({
      status: 200,
      description,
      schema: {
        type: 'object',
        required: ['count', 'next', 'previous', 'results'],
        properties: {
          count: { type: 'integer', example: 1 },
          next: { type: 'string', format: 'uri', nullable: true },
          previous: { type: 'string', format: 'uri', nullable: true },
          results: { type: 'array', items: { $ref: getSchemaPath(item) } },
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
      description,
      schema: { type: 'array', items: { $ref: getSchemaPath(item) } },
    }),
  );
}
