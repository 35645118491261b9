import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDrfErrors, ApiDrfPage } from '../common/api-responses';
import { Role } from '../common/auth-user';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { DrfPage, toDrfPage } from '../common/pagination';
import { CreateGuideDto, GuideDto, UpdateGuideDto } from './dto/guide.dto';
import { GUIDE_WRITE_403, GUIDEBOOK_429, GUIDEBOOK_DESCRIPTION_NOTE } from './dto/seed-examples';
import { FormBodyInterceptor } from './form-body.interceptor';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { GuidesService } from './guides.service';

const NOT_FOUND = { status: 404, description: "No such guide, or another user's" };
const GUIDE_EXAMPLE = {
  name: 'Open API Conference 2017',
  start_date: '2017-09-18',
  end_date: '2017-09-20',
  timezone: 'America/New_York',
  description_html: '<p>Welcome!</p>',
};

/** Guidebook Open API v1 guides (`/open-api/v1/guides/`). */
@ApiTags('guidebook')
@Controller('open-api/v1/guides')
@UseGuards(GuidebookDailyLimitGuard)
@UseInterceptors(FormBodyInterceptor)
export class GuidesController {
  constructor(private readonly guides: GuidesService) {}

  @Post()
  @Auth()
  @ApiOperation({
    operationId: 'createGuide',
    summary: 'Create a guide owned by you (upstream does this in its web builder)',
    description:
      'Creates a guide owned by the caller; Guidebook itself creates guides in its web builder, so this ' +
      'route is what makes the tracks and sessions routes usable. `name` is required; `timezone` defaults ' +
      'to `UTC`; `end_date` must not be before `start_date`; `description_html` is sanitised. ' +
      GUIDEBOOK_DESCRIPTION_NOTE,
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({
    type: CreateGuideDto,
    examples: { conference: { summary: 'A conference', value: GUIDE_EXAMPLE } },
  })
  @ApiCreatedResponse({ type: GuideDto, description: 'The new guide' })
  @ApiDrfErrors(
    {
      status: 400,
      description: 'A missing or invalid field (unknown time zone, unreadable date, end before start)',
      example: { timezone: ['"Mars/Olympus" is not a valid time zone.'] },
    },
    GUIDEBOOK_429,
  )
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateGuideDto): Promise<GuideDto> {
    return this.guides.create(auth, dto);
  }

  @Get()
  @Auth()
  @ApiOperation({
    operationId: 'listGuides',
    summary: 'The guides you can see',
    description: `One page of guides in DRF's envelope, by id, 50 per page by default (\`page_size\` up to 500). ${GUIDEBOOK_DESCRIPTION_NOTE}`,
  })
  @ApiDrfPage(GuideDto)
  @ApiDrfErrors(
    {
      status: 400,
      description: 'A page or page_size that cannot be read, or an unknown parameter',
      example: { page: ['A valid integer is required.'] },
    },
    GUIDEBOOK_429,
  )
  async list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: PageQueryDto,
  ): Promise<DrfPage<GuideDto>> {
    const pr = query.toPageRequest(50);
    return toDrfPage(req, pr, await this.guides.list(auth, pr));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ operationId: 'getGuide', summary: 'One guide', description: GUIDEBOOK_DESCRIPTION_NOTE })
  @ApiOkResponse({ type: GuideDto })
  @ApiDrfErrors(NOT_FOUND, GUIDEBOOK_429)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<GuideDto> {
    return this.guides.get(auth, id);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({
    operationId: 'updateGuide',
    summary: 'Change the sent fields of a guide you own',
    description:
      'Changes only the fields sent (a partial update); the rules of creation apply to the result. ' +
      `The owner or an admin may change a guide; an operator who can read it gets 403. ${GUIDEBOOK_DESCRIPTION_NOTE}`,
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({
    type: UpdateGuideDto,
    examples: { rename: { summary: 'Rename it', value: { name: 'Open API Conference 2018' } } },
  })
  @ApiOkResponse({ type: GuideDto, description: 'The changed guide' })
  @ApiDrfErrors(
    {
      status: 400,
      description: 'An invalid field, or an end date before the start date',
      example: { end_date: ['The end date must not be before the start date.'] },
    },
    GUIDE_WRITE_403,
    NOT_FOUND,
    GUIDEBOOK_429,
  )
  update(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Body() dto: UpdateGuideDto,
  ): Promise<GuideDto> {
    return this.guides.update(auth, id, dto);
  }

  @Delete(':id')
  @Auth({ roles: [Role.Admin] })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiOperation({
    operationId: 'deleteGuide',
    summary: 'Delete a guide with its tracks and sessions (admin)',
    description:
      'Deletes the guide together with its schedule tracks and sessions. Admins only (counts against ' +
      "the admin's daily Guidebook budget).",
  })
  @ApiDrfErrors({ status: 404, description: 'No such guide' }, GUIDEBOOK_429)
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.guides.remove(auth, id);
  }
}
