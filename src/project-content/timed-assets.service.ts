import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { DRF_MESSAGES } from '../common/validation';
import { ContentAccess } from './content-access.service';
import { candidateProjects, refuseNulls } from './content-rules';
import { AssetsRepository, TimedAssetsRepository } from './content.repository';
import {
  CreateTimedAssetDto,
  ListTimedAssetsQueryDto,
  TimedAssetDto,
  UpdateTimedAssetDto,
} from './dto/timed-asset.dto';
import { toRoundwareTimedAsset } from './roundware-content.mapper';

const REQUIRED = ['project_id', 'asset_id', 'start', 'end'] as const;
const END_BEFORE_START = 'End time must be greater than start time.';

@Injectable()
export class TimedAssetsService {
  constructor(
    private readonly timed: TimedAssetsRepository,
    private readonly assets: AssetsRepository,
    private readonly access: ContentAccess,
  ) {}

  async list(auth: AuthUser, query: ListTimedAssetsQueryDto): Promise<TimedAssetDto[]> {
    const projectIds = await this.access.visibleProjectIds(
      auth,
      await candidateProjects(query.project_id, () => this.timed.projectIds()),
    );
    const rows = await this.timed.list({
      projectIds,
      equals: { asset_id: query.asset_id },
      ranges: [
        ['start_seconds', '<=', query.start__lte],
        ['start_seconds', '>=', query.start__gte],
        ['end_seconds', '<=', query.end__lte],
        ['end_seconds', '>=', query.end__gte],
      ],
    });
    return rows.map(toRoundwareTimedAsset);
  }

  async get(auth: AuthUser, id: number): Promise<TimedAssetDto> {
    return toRoundwareTimedAsset(await this.access.rowOr404(auth, await this.timed.findById(id)));
  }

  async create(auth: AuthUser, dto: CreateTimedAssetDto): Promise<TimedAssetDto> {
    refuseNulls(dto, REQUIRED);
    await this.access.projectFromBody(auth, dto.project_id);
    await this.checkAsset(dto.project_id, dto.asset_id);
    if (dto.end < dto.start) throw new FieldErrorsException({ non_field_errors: [END_BEFORE_START] });
    const row = await this.timed.insert({
      projectId: dto.project_id,
      assetId: dto.asset_id,
      start: dto.start,
      end: dto.end,
    });
    return toRoundwareTimedAsset(row);
  }

  async update(auth: AuthUser, id: number, dto: UpdateTimedAssetDto): Promise<TimedAssetDto> {
    refuseNulls(dto, REQUIRED);
    const row = await this.access.rowOr404(auth, await this.timed.findById(id));
    if (dto.project_id !== undefined && dto.project_id !== row.projectId)
      throw FieldErrorsException.of('project_id', 'The project of a timed asset cannot be changed.');
    if (dto.asset_id !== undefined) {
      await this.checkAsset(row.projectId, dto.asset_id);
      row.assetId = dto.asset_id;
    }
    if (dto.start !== undefined) row.start = dto.start;
    if (dto.end !== undefined) row.end = dto.end;
    if (row.end < row.start) throw new FieldErrorsException({ non_field_errors: [END_BEFORE_START] });
    return toRoundwareTimedAsset(await this.timed.save(row));
  }

  async remove(auth: AuthUser, id: number): Promise<void> {
    const row = await this.access.rowOr404(auth, await this.timed.findById(id));
    await this.timed.deleteById(row.id);
  }

  private async checkAsset(projectId: number, assetId: number): Promise<void> {
    const asset = await this.assets.findById(assetId);
    if (!asset || asset.projectId !== projectId)
      throw FieldErrorsException.of('asset_id', DRF_MESSAGES.invalidPk(assetId));
  }
}
