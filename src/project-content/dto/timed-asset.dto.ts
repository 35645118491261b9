import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsDefined, IsInt, IsNumber, IsOptional, Min } from 'class-validator';
import { IsIdValue } from '../../sessions/dto/drf-fields';
import { QueryId, QueryNumber } from './fields';

const NUM = { allowNaN: false, allowInfinity: false };

export class TimedAssetDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ example: 10, description: 'Seconds from the start of the stream' }) start: number;
  @ApiProperty({ example: 20, description: 'Seconds' }) end: number;
  @ApiProperty({ type: 'integer', example: 5 }) asset_id: number;
  @ApiProperty({ type: 'integer', example: 1 }) project_id: number;
}

/** Body of `POST /api/2/timedassets/` (admin): an asset of the project, `end` ≥ `start`. */
export class CreateTimedAssetDto {
  @ApiProperty({ type: 'integer', example: 1 }) @IsDefined() @IsInt() @IsIdValue() project_id: number;
  @ApiProperty({ type: 'integer', example: 5 }) @IsDefined() @IsInt() @IsIdValue() asset_id: number;
  @ApiProperty({ example: 10 })
  @IsDefined()
  @IsNumber(NUM)
  @Min(0, { message: 'Ensure this value is greater than or equal to 0.' })
  start: number;
  @ApiProperty({ example: 20 })
  @IsDefined()
  @IsNumber(NUM)
  @Min(0, { message: 'Ensure this value is greater than or equal to 0.' })
  end: number;
}

export class UpdateTimedAssetDto extends PartialType(CreateTimedAssetDto) {}

export class ListTimedAssetsQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exact project id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  project_id?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Exact asset id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  asset_id?: number;
  @ApiPropertyOptional({ type: 'number', description: 'Start at most (seconds)' })
  @IsOptional()
  @QueryNumber()
  @IsNumber(NUM)
  start__lte?: number;
  @ApiPropertyOptional({ type: 'number', description: 'Start at least (seconds)' })
  @IsOptional()
  @QueryNumber()
  @IsNumber(NUM)
  start__gte?: number;
  @ApiPropertyOptional({ type: 'number', description: 'End at most (seconds)' })
  @IsOptional()
  @QueryNumber()
  @IsNumber(NUM)
  end__lte?: number;
  @ApiPropertyOptional({ type: 'number', description: 'End at least (seconds)' })
  @IsOptional()
  @QueryNumber()
  @IsNumber(NUM)
  end__gte?: number;
}
