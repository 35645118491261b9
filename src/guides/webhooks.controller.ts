import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
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
import { PageQueryDto } from '../common/dto/page-query.dto';
import { DrfPage, toDrfPage } from '../common/pagination';
import { IdPipe } from '../common/validation';
import { CreatedWebhookDto, CreateWebhookDto, WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';
import { FormBodyInterceptor } from './form-body.interceptor';
import { GuidebookDailyLimitGuard } from './guidebook-daily-limit.guard';
import { GuidebookVersion, named } from './guidebook-version';
import {
  ApiCreateWebhook,
  ApiDeleteWebhook,
  ApiListWebhookDeliveries,
  ApiListWebhooks,
} from './webhooks.openapi';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks of a guide (`/open-api/v1/guides/{id}/webhooks/`, `/open-api/v1.1/…`): registration and the
 * delivery log, one class per version (the same webhooks on both).
 */
function webhooksController(version: GuidebookVersion): Type<unknown> {
  @ApiTags('guidebook')
  @Controller(`open-api/${version}/guides/:id/webhooks`)
  @Auth()
  @UseGuards(GuidebookDailyLimitGuard)
  @UseInterceptors(FormBodyInterceptor)
  class WebhooksController {
    constructor(readonly webhooks: WebhooksService) {}

    @Post()
    @ApiCreateWebhook(version)
    create(
      @CurrentUser() auth: AuthUser,
      @Param('id', IdPipe) guide: number,
      @Body() dto: CreateWebhookDto,
    ): Promise<CreatedWebhookDto> {
      return this.webhooks.create(auth, guide, dto);
    }

    @Get()
    @ApiListWebhooks(version)
    async list(
      @CurrentUser() auth: AuthUser,
      @Req() req: Request,
      @Param('id', IdPipe) guide: number,
      @Query() query: PageQueryDto,
    ): Promise<DrfPage<WebhookDto>> {
      const pr = query.toPageRequest(50);
      return toDrfPage(req, pr, await this.webhooks.list(auth, guide, pr));
    }

    @Delete(':webhookId')
    @HttpCode(204)
    @ApiDeleteWebhook(version)
    remove(
      @CurrentUser() auth: AuthUser,
      @Param('id', IdPipe) guide: number,
      @Param('webhookId', IdPipe) id: number,
    ): Promise<void> {
      return this.webhooks.remove(auth, guide, id);
    }

    @Get(':webhookId/deliveries')
    @ApiListWebhookDeliveries(version)
    async deliveries(
      @CurrentUser() auth: AuthUser,
      @Req() req: Request,
      @Param('id', IdPipe) guide: number,
      @Param('webhookId', IdPipe) id: number,
      @Query() query: PageQueryDto,
    ): Promise<DrfPage<WebhookDeliveryDto>> {
      const pr = query.toPageRequest(50);
      return toDrfPage(req, pr, await this.webhooks.deliveries(auth, guide, id, pr));
    }
  }
  return named(WebhooksController, version === 'v1' ? 'WebhooksController' : 'WebhooksV11Controller');
}

export const WebhooksController = webhooksController('v1');
export const WebhooksV11Controller = webhooksController('v1.1');
