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
} from '@nestjs/common';
import {
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
import { IdPipe } from '../common/dto/id-param';
import { PageQueryDto } from '../common/dto/page-query.dto';
import { DrfPage } from '../common/pagination';
import { CreateGuideDto, GuideDto, UpdateGuideDto } from './dto/guide.dto';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { GuidesService } from './guides.service';

/** Guidebook Open API v1 guides (`/open-api/v1/guides/`). */
@ApiTags('guidebook')
@Controller('open-api/v1/guides')
@UseGuards(GuidebookDailyLimitGuard)
export class GuidesController {
  constructor(private readonly guides: GuidesService) {}

  @Post()
  @Auth()
  @ApiOperation({
    operationId: 'createGuide',
    summary: 'Create a guide owned by you (upstream does this in its web builder)',
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiCreatedResponse({ type: GuideDto })
  @ApiDrfErrors(400, 429)
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateGuideDto): Promise<GuideDto> {
    return this.guides.create(auth, dto);
  }

  @Get()
  @Auth()
  @ApiOperation({ operationId: 'listGuides', summary: 'The guides you can see' })
  @ApiDrfPage(GuideDto)
  @ApiDrfErrors(400, 404, 429)
  list(
    @CurrentUser() auth: AuthUser,
    @Req() req: Request,
    @Query() query: PageQueryDto,
  ): Promise<DrfPage<GuideDto>> {
    return this.guides.list(auth, req, query.toPageRequest(50));
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ operationId: 'getGuide', summary: 'One guide' })
  @ApiOkResponse({ type: GuideDto })
  @ApiDrfErrors(404, 429)
  get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<GuideDto> {
    return this.guides.get(auth, id);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({ operationId: 'updateGuide', summary: 'Change the sent fields of a guide you own' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOkResponse({ type: GuideDto })
  @ApiDrfErrors(400, 403, 404, 429)
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
  })
  @ApiDrfErrors(404, 429)
  remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
    return this.guides.remove(auth, id);
  }
}
