import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { ContentAccess } from './content-access.service';
import { candidateProjects, refuseNulls } from './content-rules';
import { TagsRepository } from './content.repository';
import { CreateTagDto, ListTagsQueryDto, TagDto, UpdateTagDto } from './dto/tag.dto';
import { toRoundwareTag } from './roundware-content.mapper';

const REQUIRED = ['project_id', 'value', 'filter'] as const;

@Injectable()
export class TagsService {
  constructor(
    private readonly tags: TagsRepository,
    private readonly access: ContentAccess,
  ) {}

  async list(auth: AuthUser, query: ListTagsQueryDto): Promise<TagDto[]> {
    const projectIds = await this.access.visibleProjectIds(
      auth,
      await candidateProjects(query.project_id, () => this.tags.projectIds()),
    );
    const rows = await this.tags.list({
      projectIds,
      contains: { description: query.description || undefined, data: query.data || undefined },
    });
    return rows.map(toRoundwareTag);
  }

  async get(auth: AuthUser, id: number): Promise<TagDto> {
    return toRoundwareTag(await this.access.rowOr404(auth, await this.tags.findById(id)));
  }

  async create(auth: AuthUser, dto: CreateTagDto): Promise<TagDto> {
    refuseNulls(dto, REQUIRED);
    await this.access.projectFromBody(auth, dto.project_id);
    const row = await this.tags.insert({
      projectId: dto.project_id,
      value: dto.value,
      description: dto.description ?? null,
      msg: dto.msg ?? null,
      data: dto.data ?? null,
      filter: dto.filter ?? '',
      location: dto.location ? JSON.stringify(dto.location) : null,
      tagCategoryId: dto.tag_category_id ?? null,
    });
    return toRoundwareTag(row);
  }

  async update(auth: AuthUser, id: number, dto: UpdateTagDto): Promise<TagDto> {
    refuseNulls(dto, REQUIRED);
    const row = await this.access.rowOr404(auth, await this.tags.findById(id));
    if (dto.project_id !== undefined) {
      await this.access.projectFromBody(auth, dto.project_id);
      row.projectId = dto.project_id;
    }
    if (dto.value !== undefined) row.value = dto.value;
    if (dto.description !== undefined) row.description = dto.description;
    if (dto.msg !== undefined) row.msg = dto.msg;
    if (dto.data !== undefined) row.data = dto.data;
    if (dto.filter !== undefined) row.filter = dto.filter;
    if (dto.location !== undefined) row.location = dto.location ? JSON.stringify(dto.location) : null;
    if (dto.tag_category_id !== undefined) row.tagCategoryId = dto.tag_category_id;
    return toRoundwareTag(await this.tags.save(row));
  }

  async remove(auth: AuthUser, id: number): Promise<void> {
    const row = await this.access.rowOr404(auth, await this.tags.findById(id));
    await this.tags.deleteById(row.id);
  }
}
