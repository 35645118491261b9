import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { DRF_MESSAGES } from '../common/validation';
import { ContentAccess } from './content-access.service';
import { candidateProjects, refuseNulls } from './content-rules';
import { TagsRepository, UiGroupsRepository, UiItemsRepository } from './content.repository';
import {
  CreateUiGroupDto,
  CreateUiItemDto,
  ListUiGroupsQueryDto,
  ListUiItemsQueryDto,
  UiConfigDto,
  UiGroupDto,
  UiItemDto,
  UpdateUiGroupDto,
  UpdateUiItemDto,
} from './dto/ui.dto';
import type { UiGroup } from './entities/ui-group.entity';
import type { UiItem } from './entities/ui-item.entity';
import { toRoundwareUiConfig, toRoundwareUiGroup, toRoundwareUiItem } from './roundware-content.mapper';

const GROUP_REQUIRED = [
  'project_id',
  'name',
  'group_short_name',
  'ui_mode',
  'select',
  'active',
  'index',
] as const;
const ITEM_REQUIRED = ['ui_group_id', 'tag_id', 'index', 'default', 'active'] as const;

/** UI groups, UI items and the UI configuration the client reads at connect. */
@Injectable()
export class UiService {
  constructor(
    private readonly groups: UiGroupsRepository,
    private readonly items: UiItemsRepository,
    private readonly tags: TagsRepository,
    private readonly access: ContentAccess,
  ) {}

  /** `GET /api/2/projects/:id/uiconfig/`: 404 for a project the caller cannot see; `{listen:[], speak:[]}` for one without groups. */
  async uiconfig(auth: AuthUser, projectId: number): Promise<UiConfigDto> {
    await this.access.projectOr404(auth, projectId);
    const groups = await this.groups.list({ projectIds: [projectId], equals: { active: true } }, [
      ['r.index', 'ASC'],
      ['r.id', 'ASC'],
    ]);
    const items = await this.items.ofGroups(
      groups.map((g) => g.id),
      { active: true },
    );
    const tags = await this.tags.byIds([...new Set(items.map((i) => i.tagId))]);
    return toRoundwareUiConfig(groups, items, new Map(tags.map((t) => [t.id, t])));
  }

  async listGroups(auth: AuthUser, query: ListUiGroupsQueryDto): Promise<UiGroupDto[]> {
    const projectIds = await this.access.visibleProjectIds(
      auth,
      await candidateProjects(query.project_id, () => this.groups.projectIds()),
    );
    const groups = await this.groups.list({
      projectIds,
      equals: { ui_mode: query.ui_mode, active: query.active },
    });
    const items = await this.items.ofGroups(groups.map((g) => g.id));
    return groups.map((g) =>
      toRoundwareUiGroup(
        g,
        items.filter((i) => i.uiGroupId === g.id),
      ),
    );
  }

  async getGroup(auth: AuthUser, id: number): Promise<UiGroupDto> {
    const group = await this.access.rowOr404(auth, await this.groups.findById(id));
    return toRoundwareUiGroup(group, await this.items.ofGroups([group.id]));
  }

  async createGroup(auth: AuthUser, dto: CreateUiGroupDto): Promise<UiGroupDto> {
    refuseNulls(dto, GROUP_REQUIRED);
    await this.access.projectFromBody(auth, dto.project_id);
    const group = await this.groups.insert({
      projectId: dto.project_id,
      name: dto.name,
      groupShortName: dto.group_short_name ?? dto.name,
      headerText: dto.header_text ?? null,
      uiMode: dto.ui_mode ?? 'listen',
      select: dto.select ?? 'single',
      active: dto.active ?? true,
      index: dto.index,
      tagCategoryId: dto.tag_category_id ?? null,
    });
    return toRoundwareUiGroup(group, []);
  }

  async updateGroup(auth: AuthUser, id: number, dto: UpdateUiGroupDto): Promise<UiGroupDto> {
    refuseNulls(dto, GROUP_REQUIRED);
    const group: UiGroup = await this.access.rowOr404(auth, await this.groups.findById(id));
    if (dto.project_id !== undefined && dto.project_id !== group.projectId)
      throw FieldErrorsException.of('project_id', 'The project of a UI group cannot be changed.');
    if (dto.name !== undefined) group.name = dto.name;
    if (dto.group_short_name !== undefined) group.groupShortName = dto.group_short_name;
    if (dto.header_text !== undefined) group.headerText = dto.header_text;
    if (dto.ui_mode !== undefined) group.uiMode = dto.ui_mode;
    if (dto.select !== undefined) group.select = dto.select;
    if (dto.active !== undefined) group.active = dto.active;
    if (dto.index !== undefined) group.index = dto.index;
    if (dto.tag_category_id !== undefined) group.tagCategoryId = dto.tag_category_id;
    const saved = await this.groups.save(group);
    return toRoundwareUiGroup(saved, await this.items.ofGroups([saved.id]));
  }

  async removeGroup(auth: AuthUser, id: number): Promise<void> {
    const group = await this.access.rowOr404(auth, await this.groups.findById(id));
    await this.groups.deleteById(group.id);
  }

  async listItems(auth: AuthUser, query: ListUiItemsQueryDto): Promise<UiItemDto[]> {
    const projectIds = await this.access.visibleProjectIds(
      auth,
      await candidateProjects(query.project_id, () => this.groups.projectIds()),
    );
    const groups = await this.groups.list({ projectIds, equals: { id: query.ui_group_id } });
    const items = await this.items.ofGroups(
      groups.map((g) => g.id),
      { tag_id: query.tag_id, active: query.active },
    );
    return items.sort((a, b) => a.id - b.id).map(toRoundwareUiItem);
  }

  async getItem(auth: AuthUser, id: number): Promise<UiItemDto> {
    return toRoundwareUiItem((await this.visibleItem(auth, id)).item);
  }

  async createItem(auth: AuthUser, dto: CreateUiItemDto): Promise<UiItemDto> {
    refuseNulls(dto, ITEM_REQUIRED);
    const group = await this.groupFromBody(auth, dto.ui_group_id);
    await this.checkTag(group, dto.tag_id);
    if (dto.parent_id != null) await this.checkParent(group, dto.parent_id);
    const item = await this.items.insert({
      uiGroupId: group.id,
      tagId: dto.tag_id,
      index: dto.index,
      defaultState: dto.default ?? false,
      active: dto.active ?? false,
      parentId: dto.parent_id ?? null,
    });
    return toRoundwareUiItem(item);
  }

  async updateItem(auth: AuthUser, id: number, dto: UpdateUiItemDto): Promise<UiItemDto> {
    refuseNulls(dto, ITEM_REQUIRED);
    const { item, group } = await this.visibleItem(auth, id);
    if (dto.ui_group_id !== undefined && dto.ui_group_id !== item.uiGroupId)
      throw FieldErrorsException.of('ui_group_id', 'The group of a UI item cannot be changed.');
    if (dto.tag_id !== undefined) {
      await this.checkTag(group, dto.tag_id);
      item.tagId = dto.tag_id;
    }
    if (dto.parent_id !== undefined) {
      if (dto.parent_id !== null) await this.checkParent(group, dto.parent_id, item.id);
      item.parentId = dto.parent_id;
    }
    if (dto.index !== undefined) item.index = dto.index;
    if (dto.default !== undefined) item.defaultState = dto.default;
    if (dto.active !== undefined) item.active = dto.active;
    return toRoundwareUiItem(await this.items.save(item));
  }

  async removeItem(auth: AuthUser, id: number): Promise<void> {
    const { item } = await this.visibleItem(auth, id);
    await this.items.deleteById(item.id);
  }

  private async visibleItem(auth: AuthUser, id: number): Promise<{ item: UiItem; group: UiGroup }> {
    const item = await this.items.findById(id);
    if (!item) throw new NotFoundException();
    const group = await this.access.rowOr404(auth, await this.groups.findById(item.uiGroupId));
    return { item, group };
  }

  private async groupFromBody(auth: AuthUser, id: number): Promise<UiGroup> {
    const group = await this.groups.findById(id);
    if (!group || !(await this.access.canSeeProject(auth, group.projectId)))
      throw FieldErrorsException.of('ui_group_id', DRF_MESSAGES.invalidPk(id));
    return group;
  }

  private async checkTag(group: UiGroup, tagId: number): Promise<void> {
    const [tag] = await this.tags.byIds([tagId]);
    if (!tag || tag.projectId !== group.projectId)
      throw FieldErrorsException.of('tag_id', DRF_MESSAGES.invalidPk(tagId));
  }

  private async checkParent(group: UiGroup, parentId: number, self?: number): Promise<void> {
    const parent = await this.items.findById(parentId);
    if (!parent || parent.uiGroupId !== group.id || parent.id === self)
      throw FieldErrorsException.of('parent_id', DRF_MESSAGES.invalidPk(parentId));
  }
}
