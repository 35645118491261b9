import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/decorators/auth.decorator';
import { sendMedia } from './media-send';
import { GUIDEBOOK_FOLDER, IMAGE_TYPES, MediaStore, ROUNDWARE_FOLDER } from './media-store.service';

/** The only names the store gives Roundware uploads: 22 base64url characters and an audio extension. */
const UPLOAD_NAME = /^[A-Za-z0-9_-]{22}\.(wav|mp3|m4a|mp4|aac|ogg|oga|opus|webm|flac)$/;

/** The only names the store gives Guidebook session images: 22 base64url characters and png/jpg. */
const IMAGE_NAME = /^[A-Za-z0-9_-]{22}\.(png|jpg)$/;

const AUDIO = ['audio/wav', 'audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg', 'audio/webm', 'audio/flac'];
const BINARY = { schema: { type: 'string', format: 'binary' } } as const;

/** Media store files, over HTTP with Range. */
@ApiTags('roundware')
@Controller('media')
export class MediaController {
  constructor(private readonly store: MediaStore) {}

  @Get(`${ROUNDWARE_FOLDER}/:name`)
  @Public()
  @ApiOperation({
    operationId: 'getRoundwareMedia',
    summary: "A Roundware asset's audio (the asset's `file` URL)",
    description:
      'Served without credentials, as upstream Roundware serves its media: a browser `<audio>` element ' +
      'cannot send an `Authorization` header. The name is 128 random bits, known only from the asset JSON, ' +
      "which needs a credential and the project's visibility. HTTP Range is supported (`Range: bytes=0-99` → 206 " +
      'with `Content-Range`; an unsatisfiable range → 416 with `Content-Range: bytes */<size>`). Only files ' +
      'inside `MEDIA_DIR` are ever served.',
  })
  @ApiParam({
    name: 'name',
    example: 'q3h2Jk9sXb1m0fWcT5yZpA.wav',
    description: "The file's name in the store (from the asset's `file`)",
  })
  @ApiProduces(...AUDIO)
  @ApiResponse({
    status: 200,
    description: 'The whole file',
    content: Object.fromEntries(AUDIO.map((t) => [t, BINARY])),
  })
  @ApiResponse({
    status: 206,
    description: 'The requested byte range',
    content: Object.fromEntries(AUDIO.map((t) => [t, BINARY])),
  })
  @ApiResponse({
    status: 404,
    description: 'No such file',
    content: {
      'application/json': { schema: { type: 'object', properties: { detail: { type: 'string' } } } },
    },
  })
  @ApiResponse({
    status: 416,
    description: 'Range not satisfiable',
    content: {
      'application/json': { schema: { type: 'object', properties: { detail: { type: 'string' } } } },
    },
  })
  async roundware(@Param('name') name: string, @Res() res: Response): Promise<void> {
    if (!UPLOAD_NAME.test(name)) {
      res.status(404).json({ detail: 'Not found.' });
      return;
    }
    await sendMedia(res, await this.store.resolveExisting(`${ROUNDWARE_FOLDER}/${name}`));
  }
}

const IMAGES = [...new Set(Object.values(IMAGE_TYPES))];
const JSON_DETAIL = {
  'application/json': { schema: { type: 'object', properties: { detail: { type: 'string' } } } },
} as const;

/** Guidebook session images (a session's `image` URL), over HTTP with Range. */
@ApiTags('guidebook')
@Controller('media')
export class GuidebookMediaController {
  constructor(private readonly store: MediaStore) {}

  @Get(`${GUIDEBOOK_FOLDER}/:name`)
  @Public()
  @ApiOperation({
    operationId: 'getGuidebookSessionImage',
    summary: "A Guidebook session's image (the session's `image` URL)",
    description:
      'Served without credentials, as Guidebook serves session images from its CDN to the apps: the name is ' +
      '128 random bits, known only from the session JSON, which needs a credential that reads the guide. ' +
      'PNG or JPEG (the type sniffed from the upload); HTTP Range as for every media file. Only files inside ' +
      '`MEDIA_DIR` are ever served.',
  })
  @ApiParam({
    name: 'name',
    example: 'q3h2Jk9sXb1m0fWcT5yZpA.png',
    description: "The file's name in the store (from the session's `image`)",
  })
  @ApiProduces(...IMAGES)
  @ApiResponse({
    status: 200,
    description: 'The whole image',
    content: Object.fromEntries(IMAGES.map((t) => [t, BINARY])),
  })
  @ApiResponse({
    status: 206,
    description: 'The requested byte range',
    content: Object.fromEntries(IMAGES.map((t) => [t, BINARY])),
  })
  @ApiResponse({ status: 404, description: 'No such image', content: JSON_DETAIL })
  @ApiResponse({ status: 416, description: 'Range not satisfiable', content: JSON_DETAIL })
  async guidebook(@Param('name') name: string, @Res() res: Response): Promise<void> {
    if (!IMAGE_NAME.test(name)) {
      res.status(404).json({ detail: 'Not found.' });
      return;
    }
    await sendMedia(res, await this.store.resolveExisting(`${GUIDEBOOK_FOLDER}/${name}`));
  }
}
