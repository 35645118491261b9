import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The last page number any Audiobookshelf list accepts. */
export const MAX_PAGE = 1_000_000;

/**
 * An optional whole-number query parameter in [min, max], converted from its text (the page numbers and
 * sizes of every Audiobookshelf list); `doc` is its OpenAPI description.
 */
export function QueryInt(min: number, max: number, doc: ApiPropertyOptions) {
  return applyDecorators(
    ApiPropertyOptional(doc),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );
}
