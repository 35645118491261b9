import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { DrfBoolean, MAX_LENGTH_MESSAGE } from './drf-fields';

/** `POST /api/experiments`: a project owned by the caller. */
export class CreateExperimentDto {
  @ApiProperty({ example: 'Walking tour', maxLength: 255 })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255, { message: MAX_LENGTH_MESSAGE(255) })
  name: string;

  @ApiPropertyOptional({ example: 'Sound walk along the river', maxLength: 10000, default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(10000, { message: MAX_LENGTH_MESSAGE(10000) })
  description?: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: "Default of a Roundware session's geo_listen_enabled",
  })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  geo_listen_enabled?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Whether the project offers a demo stream',
  })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  demo_stream_enabled?: boolean;
}

/** A project read as an AERPAW experiment. */
export class ExperimentDto {
  @ApiProperty({ example: '2022-09-02T15:47:00.958000+00:00' }) created_time: string;
  @ApiProperty({ example: false }) demo_stream_enabled: boolean;
  @ApiProperty({ example: 'Sound walk along the river' }) description: string;
  @ApiProperty({ type: 'integer', example: 100 }) experiment_id: number;
  @ApiProperty({ example: true }) geo_listen_enabled: boolean;
  @ApiProperty({ example: '2022-09-02T15:47:00.958000+00:00' }) modified_time: string;
  @ApiProperty({ example: 'Walking tour' }) name: string;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 32,
    description: 'User id of the owner (null once that user is deleted)',
  })
  owner: number | null;
}
