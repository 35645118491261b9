import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';
import { SESSION_TYPES } from '../entities/session.entity';
import type { SessionType } from '../entities/session.entity';
import { DrfBoolean, DrfInt, IsIdValue } from './drf-fields';
import { AERPAW_TIME } from './time-formats';

/** `GET /api/sessions`: DRF pagination plus the experiment and active filters. */
export class ExperimentSessionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 100,
    description: 'Only sessions of this experiment (1…2147483647; an unknown one gives an empty page)',
  })
  @IsOptional()
  @DrfInt()
  @IsIdValue()
  experiment_id?: number;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      '`true`: running sessions only; `false`: ended ones (`true`/`false`/`1`/`0` in any case; anything else answers 400)',
  })
  @IsOptional()
  @DrfBoolean()
  @IsBoolean()
  active?: boolean;
}

/** `POST /api/sessions`: start a session in an experiment. */
export class StartExperimentSessionDto {
  @ApiProperty({
    type: 'integer',
    example: 100,
    description:
      'An experiment the caller can see; any other (unknown, another user\'s, out of range) answers 400 `Invalid pk "…" - object does not exist.`',
  })
  @IsDefined()
  @DrfInt()
  @IsInt({ message: 'Incorrect type. Expected pk value, received a non-integer.' })
  experiment_id: number;

  @ApiPropertyOptional({
    enum: SESSION_TYPES,
    enumName: 'SessionType',
    example: 'development',
    description: 'Defaults to `development`',
  })
  @IsOptional()
  @IsIn(SESSION_TYPES, {
    message: ({ value }) => `"${String(value)}" is not a valid choice.`,
  })
  session_type?: SessionType;
}

/** A list item of `GET /api/sessions` (exactly the seed's 8 keys). */
export class ExperimentSessionDto {
  @ApiPropertyOptional({
    ...AERPAW_TIME,
    nullable: true,
    example: '2022-11-28T13:43:49.268000+00:00',
    description: `When the session ended; null while it runs. ${AERPAW_TIME.description}`,
  })
  end_date_time: string | null;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 54,
    description: 'User who stopped the session; null while it runs',
  })
  ended_by: number | null;
  @ApiProperty({ type: 'integer', example: 106 }) experiment_id: number;
  @ApiProperty({ example: false }) is_active: boolean;
  @ApiProperty({ type: 'integer', example: 22 }) session_id: number;
  @ApiProperty({ enum: SESSION_TYPES, enumName: 'SessionType', example: 'development' })
  session_type: SessionType;
  @ApiProperty({ ...AERPAW_TIME, example: '2022-11-28T13:23:49.268000+00:00' }) start_date_time: string;
  @ApiProperty({ type: 'integer', example: 54, description: 'User who started (owns) the session' })
  started_by: number;
}

/** `GET /api/sessions/{id}`: the list item plus who created and last modified the session, and when. */
export class ExperimentSessionDetailDto {
  @ApiProperty({ type: 'integer', example: 32 }) created_by: number;
  @ApiProperty({ ...AERPAW_TIME, example: '2022-09-02T19:47:00.958000+00:00' }) created_time: string;
  @ApiPropertyOptional({
    ...AERPAW_TIME,
    nullable: true,
    example: '2022-09-16T14:15:56.143000+00:00',
    description: `When the session ended; null while it runs. ${AERPAW_TIME.description}`,
  })
  end_date_time: string | null;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 32,
    description: 'User who stopped the session; null while it runs',
  })
  ended_by: number | null;
  @ApiProperty({ type: 'integer', example: 100 }) experiment_id: number;
  @ApiProperty({ example: false }) is_active: boolean;
  @ApiProperty({ type: 'integer', example: 32, description: 'User of the last start or stop' })
  modified_by: number;
  @ApiProperty({ ...AERPAW_TIME, example: '2022-09-16T14:05:56.143000+00:00' }) modified_time: string;
  @ApiProperty({ type: 'integer', example: 23 }) session_id: number;
  @ApiProperty({ enum: SESSION_TYPES, enumName: 'SessionType', example: 'development' })
  session_type: SessionType;
  @ApiProperty({ ...AERPAW_TIME, example: '2022-09-16T13:55:56.143000+00:00' }) start_date_time: string;
  @ApiProperty({ type: 'integer', example: 32, description: 'User who started (owns) the session' })
  started_by: number;
}

/** `GET /api/experiments/{id}/sessions`. */
export class ExperimentSessionsDto {
  @ApiProperty({
    type: [ExperimentSessionDto],
    description: "The experiment's sessions visible to the caller, newest first",
  })
  experiment_sessions: ExperimentSessionDto[];
}
