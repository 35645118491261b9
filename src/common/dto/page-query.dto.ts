import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageRequest } from '../pagination';
import { MAX_INT_ID } from '../validation';

/** `?page=&page_size=` of DRF's PageNumberPagination. */
export class PageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_INT_ID,
    default: 1,
    description: 'Page number, 1-based',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'A valid integer is required.' })
  @Min(1, { message: 'Ensure this value is greater than or equal to 1.' })
  @Max(MAX_INT_ID, { message: `Ensure this value is less than or equal to ${MAX_INT_ID}.` })
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, description: 'Items per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'A valid integer is required.' })
  @Min(1, { message: 'Ensure this value is greater than or equal to 1.' })
  @Max(500, { message: 'Ensure this value is less than or equal to 500.' })
  page_size?: number;

  toPageRequest(defaultSize = 50): PageRequest {
    return { page: this.page ?? 1, pageSize: this.page_size ?? defaultSize };
  }
}
