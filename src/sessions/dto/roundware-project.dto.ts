import { ApiProperty } from '@nestjs/swagger';
import { ROUNDWARE_TIME } from './time-formats';

/** `GET /api/2/projects/:id/`: the project fields the session rules read, in Roundware's names. */
export class RoundwareProjectDto {
  @ApiProperty({ type: 'integer', example: 1 }) project_id: number;
  @ApiProperty({ example: 'Walking tour' }) name: string;
  @ApiProperty({ example: '' }) description: string;
  @ApiProperty({ example: true }) geo_listen_enabled: boolean;
  @ApiProperty({ example: false }) demo_stream_enabled: boolean;
  @ApiProperty({ ...ROUNDWARE_TIME, example: '2017-09-06T15:43:35.947761' }) created: string;
}
