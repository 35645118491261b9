import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { DrfInt, IsIdValue } from '../../sessions/dto/drf-fields';

/** Upstream's vote types (rw/models.py Vote.VOTE_TYPES). */
export const VOTE_TYPES = ['like', 'flag', 'rate', 'block_asset', 'block_user'] as const;

/** One vote type's count on an asset; `avg` (of the values) only on `rate`. */
export class VoteCountDto {
  @ApiProperty({ enum: VOTE_TYPES, enumName: 'RoundwareVoteType', example: 'like' }) type: string;
  @ApiProperty({ type: 'integer', example: 3 }) total: number;
  @ApiPropertyOptional({ type: 'number', example: 4.5, description: 'Only on `rate`: the mean value' })
  avg?: number;
}

export class VoteDto {
  @ApiProperty({ type: 'integer', example: 1 }) id: number;
  @ApiProperty({ type: 'integer', nullable: true, example: 1 }) value: number | null;
  @ApiProperty({ enum: VOTE_TYPES, enumName: 'RoundwareVoteType', example: 'like' }) type: string;
  @ApiProperty({ type: 'integer', nullable: true, example: 4 }) voter_id: number | null;
  @ApiProperty({ type: 'integer', example: 5 }) asset_id: number;
  @ApiProperty({ type: 'integer', example: 1 }) session_id: number;
  @ApiProperty({ type: [VoteCountDto], description: "The asset's counts after this vote" })
  asset_votes: VoteCountDto[];
}

/** Body of `POST /api/2/assets/:id/votes/` (the client's `vote(assetId, voteType, value)`). */
export class CreateVoteDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'A session of yours in the asset\u2019s project' })
  @IsDefined()
  @DrfInt()
  @IsInt()
  @IsIdValue()
  session_id: number;

  @ApiProperty({ enum: VOTE_TYPES, enumName: 'RoundwareVoteType', example: 'like' })
  @IsDefined()
  @IsIn(VOTE_TYPES, { message: ({ value }) => `"${String(value)}" is not a valid choice.` })
  vote_type: string;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    example: 1,
    description:
      'Sent: the vote is stored (or its value replaced). Left out while this session already has a vote ' +
      'of this type on the asset: that vote is removed (a toggle, as upstream).',
  })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @DrfInt()
  @IsInt()
  @Min(-2147483648)
  @Max(2147483647)
  value?: number | null;
}
