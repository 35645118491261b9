import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { ContentAccess } from './content-access.service';
import { candidateProjects, refuseNulls } from './content-rules';
import { SpeakersRepository } from './content.repository';
import { CreateSpeakerDto, ListSpeakersQueryDto, SpeakerDto, UpdateSpeakerDto } from './dto/speaker.dto';
import type { Speaker } from './entities/speaker.entity';
import { toRoundwareSpeaker } from './roundware-content.mapper';

const REQUIRED = [
  'project_id',
  'activeyn',
  'code',
  'maxvolume',
  'minvolume',
  'uri',
  'backupuri',
  'attenuation_distance',
] as const;

@Injectable()
export class SpeakersService {
  constructor(
    private readonly speakers: SpeakersRepository,
    private readonly access: ContentAccess,
  ) {}

  async list(auth: AuthUser, query: ListSpeakersQueryDto): Promise<SpeakerDto[]> {
    const projectIds = await this.access.visibleProjectIds(
      auth,
      await candidateProjects(query.project_id, () => this.speakers.projectIds()),
    );
    const rows = await this.speakers.list({ projectIds, equals: { activeyn: query.activeyn } });
    return rows.map(toRoundwareSpeaker);
  }

  async get(auth: AuthUser, id: number): Promise<SpeakerDto> {
    return toRoundwareSpeaker(await this.access.rowOr404(auth, await this.speakers.findById(id)));
  }

  async create(auth: AuthUser, dto: CreateSpeakerDto): Promise<SpeakerDto> {
    refuseNulls(dto, REQUIRED);
    await this.access.projectFromBody(auth, dto.project_id);
    const row = await this.speakers.insert({
      projectId: dto.project_id,
      activeyn: dto.activeyn ?? false,
      code: dto.code,
      maxvolume: dto.maxvolume,
      minvolume: dto.minvolume,
      uri: dto.uri,
      backupuri: dto.backupuri ?? '',
      shape: dto.shape ? JSON.stringify(dto.shape) : null,
      attenuationDistance: dto.attenuation_distance,
    });
    return toRoundwareSpeaker(row);
  }

  async update(auth: AuthUser, id: number, dto: UpdateSpeakerDto): Promise<SpeakerDto> {
    refuseNulls(dto, REQUIRED);
    const row: Speaker = await this.access.rowOr404(auth, await this.speakers.findById(id));
    if (dto.project_id !== undefined) {
      await this.access.projectFromBody(auth, dto.project_id);
      row.projectId = dto.project_id;
    }
    if (dto.activeyn !== undefined) row.activeyn = dto.activeyn;
    if (dto.code !== undefined) row.code = dto.code;
    if (dto.maxvolume !== undefined) row.maxvolume = dto.maxvolume;
    if (dto.minvolume !== undefined) row.minvolume = dto.minvolume;
    if (dto.uri !== undefined) row.uri = dto.uri;
    if (dto.backupuri !== undefined) row.backupuri = dto.backupuri;
    if (dto.shape !== undefined) row.shape = dto.shape ? JSON.stringify(dto.shape) : null;
    if (dto.attenuation_distance !== undefined) row.attenuationDistance = dto.attenuation_distance;
    return toRoundwareSpeaker(await this.speakers.save(row));
  }

  async remove(auth: AuthUser, id: number): Promise<void> {
    const row = await this.access.rowOr404(auth, await this.speakers.findById(id));
    await this.speakers.deleteById(row.id);
  }
}
