import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiDrfErrors } from '../common/api-responses';
import type { AuthUser } from '../common/auth-user';
import { Auth, CurrentUser } from '../common/decorators/auth.decorator';
import { IdPipe } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { mediaUrlBase } from '../common/media-links';
import { UploadCleanupInterceptor } from '../media/media.module';
import { AssetDto } from './dto/asset.dto';
import {
  CreateEnvelopeDto,
  EnvelopeDetailQueryDto,
  EnvelopeDto,
  UploadEnvelopeDto,
} from './dto/envelope.dto';
import { EnvelopesService, UploadedAudio } from './envelopes.service';

const NOT_FOUND = { status: 404, description: 'No such envelope, or one of a session the caller cannot see' };

/** Roundware API v2 `/api/2/envelopes/`: contributing recordings. */
@ApiTags('roundware')
@Controller('api/2/envelopes')
@Auth()
export class EnvelopesController {
  constructor(
    private readonly envelopes: EnvelopesService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'createRoundwareEnvelope',
    summary: 'Open an envelope in one of your sessions',
    description:
      'Answers 200 `{id, created, session_id, asset_ids: []}`, as upstream. The session must be one the ' +
      'caller sees (their own; operators and admins: any), else 400 `Invalid pk`.',
  })
  @ApiBody({
    type: CreateEnvelopeDto,
    examples: { open: { summary: 'An envelope', value: { session_id: 1 } } },
  })
  @ApiOkResponse({ type: EnvelopeDto })
  @ApiDrfErrors({
    status: 400,
    description: 'A missing or foreign session',
    example: { session_id: ['This field is required.'] },
  })
  create(@CurrentUser() auth: AuthUser, @Body() dto: CreateEnvelopeDto): Promise<EnvelopeDto> {
    return this.envelopes.create(auth, dto);
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'getRoundwareEnvelope',
    summary: 'One envelope (with or without the trailing slash, as the client asks)',
    description:
      '`{id, created, session_id, asset_ids}`; `session_id` in the query is accepted (the client sends it). ' +
      'Visible to whoever sees its session.',
  })
  @ApiOkResponse({ type: EnvelopeDto })
  @ApiDrfErrors(NOT_FOUND)
  get(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @Query() _query: EnvelopeDetailQueryDto,
  ): Promise<EnvelopeDto> {
    return this.envelopes.get(auth, id);
  }

  @Patch(':id')
  @UseInterceptors(FileInterceptor('file'), UploadCleanupInterceptor)
  @ApiOperation({
    operationId: 'uploadRoundwareEnvelopeAsset',
    summary: 'Upload a recording into an envelope (multipart), creating an asset',
    description:
      'multipart/form-data as the Roundware client sends it: `file` (audio: wav, mp3, m4a/mp4, aac, ogg/opus, ' +
      'webm, flac), `session_id`, `latitude`, `longitude`, `tag_ids` (`"3,8"`, tags of the project), optional ' +
      "`media_type` (`audio`). Creates an asset in the session's project and answers it (200), its `file` an " +
      'absolute URL that plays in a browser and `audio_length_in_seconds` read from the file. A file over ' +
      'UPLOAD_MAX_BYTES answers 413; a file that is not audio (declared type or content) 415; a bad field 400. ' +
      'Nothing is stored unless everything is: the file is moved into the media store only after the asset row commits.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        session_id: { type: 'string', example: '1' },
        latitude: { type: 'string', example: '40.7' },
        longitude: { type: 'string', example: '-73.9' },
        tag_ids: { type: 'string', example: '3,8' },
        media_type: { type: 'string', example: 'audio' },
        description: { type: 'string' },
      },
    },
  })
  @ApiOkResponse({ type: AssetDto, description: 'The new asset' })
  @ApiDrfErrors(
    {
      status: 400,
      description: 'A missing file or a bad field',
      example: { file: ['No file was submitted.'] },
    },
    NOT_FOUND,
    { status: 413, description: 'The file is larger than UPLOAD_MAX_BYTES' },
    { status: 415, description: 'The body is not multipart, or the file is not audio' },
  )
  upload(
    @CurrentUser() auth: AuthUser,
    @Param('id', IdPipe) id: number,
    @UploadedFile() file: UploadedAudio | undefined,
    @Body() body: UploadEnvelopeDto,
    @Req() req: Request,
  ): Promise<AssetDto> {
    return this.envelopes.upload(auth, id, file, body, mediaUrlBase(req, this.config.http.publicUrl));
  }
}
