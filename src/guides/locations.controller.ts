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
  Type,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { DrfPage, toDrfPage } from '../common/pagination';
import { CreateLocationDto, ListLocationsQueryDto, LocationDto, UpdateLocationDto } from './dto/location.dto';
import { FormBodyInterceptor } from './form-body.interceptor';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { GuidebookVersion, named } from './guidebook-version';
import {
  ApiCreateLocation,
  ApiDeleteLocation,
  ApiGetLocation,
  ApiListLocations,
  ApiUpdateLocation,
} from './locations.openapi';
import { LocationsService } from './locations.service';

/** Guidebook Open API locations (`/open-api/v1/locations/`, `/open-api/v1.1/…`), one class per version. */
function locationsController(version: GuidebookVersion): Type<unknown> {
  @ApiTags('guidebook')
  @Controller(`open-api/${version}/locations`)
  @Auth()
  @UseGuards(GuidebookDailyLimitGuard)
  @UseInterceptors(FormBodyInterceptor)
  class LocationsController {
    constructor(readonly locations: LocationsService) {}

    @Post()
    @ApiCreateLocation(version)
    create(@CurrentUser() auth: AuthUser, @Body() dto: CreateLocationDto): Promise<LocationDto> {
      return this.locations.create(auth, dto);
    }

    @Get()
    @ApiListLocations(version)
    async list(
      @CurrentUser() auth: AuthUser,
      @Req() req: Request,
      @Query() query: ListLocationsQueryDto,
    ): Promise<DrfPage<LocationDto>> {
      const pr = query.toPageRequest(50);
      return toDrfPage(req, pr, await this.locations.list(auth, version, pr, query));
    }

    @Get(':id')
    @ApiGetLocation(version)
    get(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<LocationDto> {
      return this.locations.get(auth, id);
    }

    @Patch(':id')
    @ApiUpdateLocation(version)
    update(
      @CurrentUser() auth: AuthUser,
      @Param('id', IdPipe) id: number,
      @Body() dto: UpdateLocationDto,
    ): Promise<LocationDto> {
      return this.locations.update(auth, id, dto);
    }

    @Delete(':id')
    @HttpCode(204)
    @ApiDeleteLocation(version)
    remove(@CurrentUser() auth: AuthUser, @Param('id', IdPipe) id: number): Promise<void> {
      return this.locations.remove(auth, id);
    }
  }
  return named(LocationsController, version === 'v1' ? 'LocationsController' : 'LocationsV11Controller');
}

export const LocationsController = locationsController('v1');
export const LocationsV11Controller = locationsController('v1.1');
