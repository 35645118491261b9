import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { DRF_MESSAGES } from '../common/validation';
import { ContentAccess } from './content-access.service';
import { AssetsRepository, VotesRepository } from './content.repository';
import { CreateVoteDto, VoteCountDto, VoteDto } from './dto/vote.dto';
import type { Vote } from './entities/vote.entity';

/**
 * Votes on assets (upstream's `vote_asset`): any authenticated user who sees the asset's project votes
 * from one of their sessions in that project. One vote per session, asset and type: a vote with a
 * `value` is stored or replaces the value; one without removes that session's earlier vote of the type
 * (upstream's toggle), and the answer is the removed vote with the counts after it.
 */
@Injectable()
export class VotesService {
  constructor(
    private readonly votes: VotesRepository,
    private readonly assets: AssetsRepository,
    private readonly access: ContentAccess,
  ) {}

  async counts(auth: AuthUser, assetId: number): Promise<VoteCountDto[]> {
    const asset = await this.access.rowOr404(auth, await this.assets.findById(assetId));
    return this.countsOf(asset.id);
  }

  async vote(auth: AuthUser, assetId: number, dto: CreateVoteDto): Promise<VoteDto> {
    const asset = await this.access.rowOr404(auth, await this.assets.findById(assetId));
    const session = await this.access.session(auth, dto.session_id);
    if (!session || session.projectId !== asset.projectId)
      throw FieldErrorsException.of('session_id', DRF_MESSAGES.invalidPk(dto.session_id));
    const existing = await this.votes.findOne(asset.id, session.id, dto.vote_type);
    const sent = dto.value !== undefined;
    let row: Vote;
    if (existing && !sent) {
      await this.votes.deleteById(existing.id);
      row = existing;
    } else if (existing) {
      existing.value = dto.value ?? null;
      row = await this.votes.save(existing);
    } else {
      row = await this.votes.insert({
        assetId: asset.id,
        projectId: asset.projectId,
        sessionId: session.id,
        voterId: session.ownerId,
        type: dto.vote_type,
        value: dto.value ?? null,
      });
    }
    return {
      id: row.id,
      value: row.value,
      type: row.type,
      voter_id: row.voterId,
      asset_id: row.assetId,
      session_id: row.sessionId,
      asset_votes: await this.countsOf(asset.id),
    };
  }

  private async countsOf(assetId: number): Promise<VoteCountDto[]> {
    return (await this.votes.countsByType(assetId)).map(({ type, total, avg }) =>
      type === 'rate' && avg !== null ? { type, total, avg } : { type, total },
    );
  }
}
