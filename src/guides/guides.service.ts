import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { offsetOf, Page, PageRequest } from '../common/pagination';
import { nowMicros, parseDateTimeMicros } from '../common/time';
import { sanitizeBasicHtml } from './basic-html';
import { CreateGuideDto, GuideDto, UpdateGuideDto } from './dto/guide.dto';
import { Guide } from './entities/guide.entity';
import { GuideAccess } from './guide-access.service';
import { GuidesRepository } from './guides.repository';
import { toGuidebookGuide } from './guidebook.mapper';

/** The canonical spelling of a valid IANA zone (`america/new_york` → `America/New_York`). */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

function dateOrNull(text: string | null): number | null {
  return text === null ? null : parseDateTimeMicros(text);
}

@Injectable()
export class GuidesService {
  constructor(
    private readonly guides: GuidesRepository,
    private readonly access: GuideAccess,
  ) {}

  async create(auth: AuthUser, dto: CreateGuideDto): Promise<GuideDto> {
    const now = nowMicros();
    const guide = this.guides.build({
      ownerId: auth.id,
      name: dto.name,
      descriptionHtml: sanitizeBasicHtml(dto.description_html ?? null),
      startDate: dateOrNull(dto.start_date ?? null),
      endDate: dateOrNull(dto.end_date ?? null),
      timezone: canonicalZone(dto.timezone ?? 'UTC'),
      createdAt: now,
      lastUpdated: now,
    });
    assertDateOrder(guide);
    return toGuidebookGuide(await this.guides.save(guide));
  }

  async list(auth: AuthUser, page: PageRequest): Promise<Page<GuideDto>> {
    const [count, rows] = await this.guides.pageOfGuides(
      this.access.scopeOf(auth, 'g.owner_id'),
      offsetOf(page),
      page.pageSize,
    );
    return { count, items: rows.map(toGuidebookGuide) };
  }

  async get(auth: AuthUser, id: number): Promise<GuideDto> {
    return toGuidebookGuide(await this.access.readable(auth, id));
  }

  async update(auth: AuthUser, id: number, dto: UpdateGuideDto): Promise<GuideDto> {
    const guide = await this.access.writable(auth, id);
    if (dto.name !== undefined) guide.name = dto.name;
    if (dto.description_html !== undefined) guide.descriptionHtml = sanitizeBasicHtml(dto.description_html);
    if (dto.start_date !== undefined) guide.startDate = dateOrNull(dto.start_date);
    if (dto.end_date !== undefined) guide.endDate = dateOrNull(dto.end_date);
    if (dto.timezone !== undefined) guide.timezone = canonicalZone(dto.timezone);
    assertDateOrder(guide);
    guide.lastUpdated = Math.max(nowMicros(), guide.lastUpdated + 1);
    return toGuidebookGuide(await this.guides.save(guide));
  }

  /** Admin only (enforced by the route): the guide with its tracks and sessions. */
  async remove(_auth: AuthUser, id: number): Promise<void> {
    if (!(await this.guides.deleteById(id))) throw new NotFoundException();
  }
}

function assertDateOrder(guide: Guide): void {
  if (guide.startDate !== null && guide.endDate !== null && guide.endDate < guide.startDate) {
    throw FieldErrorsException.of('end_date', 'The end date must not be before the start date.');
  }
}
