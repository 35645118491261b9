import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { DrfBoolean, MAX_LENGTH_MESSAGE } from './drf-fields';
import { AERPAW_TIME } from './time-formats';

/** `POST /api/experiments`: a project owned by the caller. */
export class CreateExperimentDto {
  @ApiProperty({ example: 'Walking tour', maxLength: 255 })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255, { message: MAX_LENGTH_MESSAGE(255) })
  name: string;

  @ApiPropertyOptional({
    example: 'Sound walk along the river',
    maxLength: 10000,
    description: 'Defaults to empty',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000, { message: MAX_LENGTH_MESSAGE(10000) })
  description?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: "Default of a Roundware session's geo_listen_enabled; defaults to false",
  })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  geo_listen_enabled?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Whether the project offers a demo stream; defaults to false',
  })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  demo_stream_enabled?: boolean;
}

/** A project read as an AERPAW experiment. */
export class ExperimentDto {
  @ApiProperty({ ...AERPAW_TIME, example: '2022-09-02T19:47:00.958000+00:00' }) created_time: string;
  @ApiProperty({ example: false }) demo_stream_enabled: boolean;
  @ApiProperty({ example: 'Sound walk along the river' }) description: string;
  @ApiProperty({ type: 'integer', example: 100, description: 'The project id (Roundware `project_id`)' })
  experiment_id: number;
  @ApiProperty({ example: true }) geo_listen_enabled: boolean;
  @ApiProperty({ ...AERPAW_TIME, example: '2022-09-02T19:47:00.958000+00:00' }) modified_time: string;
  @ApiProperty({ example: 'Walking tour' }) name: string;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 32,
    description: 'User id of the owner (null once that user is deleted)',
  })
  owner: number | null;
}
