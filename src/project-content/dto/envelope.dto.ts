import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, IsString } from 'class-validator';
import { IsIdValue } from '../../sessions/dto/drf-fields';
import { ROUNDWARE_TIME } from '../../sessions/dto/time-formats';
import { QueryId } from './fields';

export class EnvelopeDto {
  @ApiProperty({ type: 'integer', example: 2 }) id: number;
  @ApiProperty({ ...ROUNDWARE_TIME, example: '2026-12-02T05:30:00.000000' }) created: string;
  @ApiProperty({ type: 'integer', example: 1 }) session_id: number;
  @ApiProperty({ type: [Number], example: [5] }) asset_ids: number[];
}

/** Body of `POST /api/2/envelopes/`. */
export class CreateEnvelopeDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'A session the caller can see' })
  @IsDefined()
  @IsInt()
  @IsIdValue()
  session_id: number;
}

/**
 * The text parts of `PATCH /api/2/envelopes/:id/` (multipart/form-data, beside the `file` part), read
 * and checked by the service (every part arrives as text).
 */
export class UploadEnvelopeDto {
  @ApiPropertyOptional({
    type: 'string',
    example: '1',
    description: "The envelope's session (if sent, it must be that one)",
  })
  @IsOptional()
  @IsString()
  session_id?: string;

  @ApiPropertyOptional({ type: 'string', example: '40.7' }) @IsOptional() @IsString() latitude?: string;
  @ApiPropertyOptional({ type: 'string', example: '-73.9' }) @IsOptional() @IsString() longitude?: string;
  @ApiPropertyOptional({ type: 'string', example: '3,8', description: 'Tag ids of the project' })
  @IsOptional()
  @IsString()
  tag_ids?: string;
  @ApiPropertyOptional({ type: 'string', example: 'audio', description: 'Only `audio` is stored here' })
  @IsOptional()
  @IsString()
  media_type?: string;
  @ApiPropertyOptional({ type: 'string', example: '' }) @IsOptional() @IsString() description?: string;
}

/** `GET /api/2/envelopes/:id?session_id=` (accepted). */
export class EnvelopeDetailQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'Exact session id' })
  @IsOptional()
  @QueryId()
  @IsIdValue()
  session_id?: number;
}
