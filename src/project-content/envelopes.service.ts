import { HttpException, HttpStatus, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { parseFile } from 'music-metadata';
import type { AuthUser } from '../common/auth-user';
import { FieldErrors, FieldErrorsException } from '../common/errors';
import { nowMicros } from '../common/time';
import { audioExtensionOf, MediaStore, ROUNDWARE_FOLDER } from '../media/media-store.service';
import { AssetsService, MediaBase } from './assets.service';
import { tagsOfProject } from './audiotracks.service';
import { ContentAccess } from './content-access.service';
import { AssetsRepository, EnvelopesRepository, TagsRepository } from './content.repository';
import type { AssetDto } from './dto/asset.dto';
import { CreateEnvelopeDto, EnvelopeDto, UploadEnvelopeDto } from './dto/envelope.dto';
import { parseIdList, ID_LIST_MESSAGE } from './dto/fields';
import type { Envelope } from './entities/envelope.entity';
import { toRoundwareEnvelope } from './roundware-content.mapper';

/** The store's extension for a container music-metadata names (`WAVE`, `MPEG`, `EBML/webm`, `M4A/isom`…). */
function extensionOfContainer(container: string): string | undefined {
  if (container.includes('wav')) return 'wav';
  if (container.includes('webm')) return 'webm';
  if (container.includes('ogg')) return 'ogg';
  if (container.includes('flac')) return 'flac';
  if (container.includes('m4a') || container.includes('mp4') || container.includes('isom')) return 'm4a';
  if (container.includes('adts') || container.includes('aac')) return 'aac';
  if (container.includes('mpeg')) return 'mp3';
  return undefined;
}

/** The part of a multer upload the service reads. */
export interface UploadedAudio {
  path: string;
  originalname: string;
  mimetype: string;
  size: number;
}

const unsupported = (type: string) =>
  new HttpException(`Unsupported media type "${type}" in request.`, HttpStatus.UNSUPPORTED_MEDIA_TYPE);

function coordinate(
  text: string | undefined,
  limit: number,
  field: string,
  errors: FieldErrors,
): number | null {
  if (text === undefined || text.trim() === '') return null;
  // what JavaScript's Number#toString writes, exponents included (`1e-7`); at most 32 characters
  const value =
    text.length <= 32 && /^\s*-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text) ? Number(text) : NaN;
  if (!(Math.abs(value) <= limit)) {
    errors[field] = [`A valid number between -${limit} and ${limit} is required.`];
    return null;
  }
  return value;
}

/**
 * Envelopes: a client opens one in its session (`POST`), then uploads an audio file into it
 * (`PATCH`, multipart), which creates an asset of the session's project. An upload is all or nothing:
 * the file is checked (declared type, readable audio, duration read with music-metadata), the asset row
 * is committed, and only then is the file moved from `.incoming/` to its final name; any failure before
 * leaves neither row nor file (the route's `UploadCleanupInterceptor` removes an upload that was not kept).
 */
@Injectable()
export class EnvelopesService {
  private readonly logger = new Logger(EnvelopesService.name);

  constructor(
    private readonly envelopes: EnvelopesRepository,
    private readonly assetRows: AssetsRepository,
    private readonly tags: TagsRepository,
    private readonly assets: AssetsService,
    private readonly access: ContentAccess,
    private readonly media: MediaStore,
  ) {}

  async create(auth: AuthUser, dto: CreateEnvelopeDto): Promise<EnvelopeDto> {
    const session = await this.access.sessionFromBody(auth, dto.session_id);
    const envelope = await this.envelopes.insert({
      sessionId: session.id,
      projectId: session.projectId,
      created: nowMicros(),
    });
    return toRoundwareEnvelope(envelope, []);
  }

  async get(auth: AuthUser, id: number): Promise<EnvelopeDto> {
    const envelope = await this.visible(auth, id);
    const ids = await this.assetRows.idsByEnvelope([envelope.id]);
    return toRoundwareEnvelope(envelope, ids.get(envelope.id) ?? []);
  }

  async upload(
    auth: AuthUser,
    id: number,
    file: UploadedAudio | undefined,
    body: UploadEnvelopeDto,
    base: MediaBase,
  ): Promise<AssetDto> {
    const envelope = await this.visible(auth, id);
    if (!file) throw FieldErrorsException.of('file', 'No file was submitted.');
    // a Blob appended without a type (the web client's FormData) arrives as application/octet-stream: the
    // content decides then, as upstream's ValidatedFileField sniffs it
    const declared = audioExtensionOf(file.mimetype);
    const untyped = ['', 'application/octet-stream'].includes(
      file.mimetype.split(';')[0].trim().toLowerCase(),
    );
    if (!declared && !untyped) throw unsupported(file.mimetype);
    const errors: FieldErrors = {};
    if (body.session_id !== undefined && body.session_id !== String(envelope.sessionId))
      errors.session_id = [`The envelope belongs to session ${envelope.sessionId}.`];
    const latitude = coordinate(body.latitude, 90, 'latitude', errors);
    const longitude = coordinate(body.longitude, 180, 'longitude', errors);
    if (body.media_type !== undefined && body.media_type !== '' && body.media_type !== 'audio')
      errors.media_type = ['Only audio assets can be uploaded here: use audio.'];
    if (body.description !== undefined && body.description.length > 2048)
      errors.description = ['Ensure this field has no more than 2048 characters.'];
    if (body.tag_ids !== undefined && parseIdList(body.tag_ids) === undefined)
      errors.tag_ids = [ID_LIST_MESSAGE];
    if (Object.keys(errors).length) throw new FieldErrorsException(errors);
    const tagIds = await tagsOfProject(this.tags, envelope.projectId, body.tag_ids ?? '', 'tag_ids');
    const { seconds, container } = await this.audioOf(file);
    const ext = declared ?? extensionOfContainer(container);
    if (!ext) throw unsupported(file.mimetype);
    const mediaPath = `${ROUNDWARE_FOLDER}/${this.media.newName(ext)}`;
    const now = nowMicros();
    const asset = await this.assetRows.inTransaction((manager) =>
      this.assetRows.insert(
        {
          projectId: envelope.projectId,
          sessionId: envelope.sessionId,
          userId: auth.id,
          envelopeId: envelope.id,
          latitude,
          longitude,
          filename: file.originalname.replace(/\0/g, '').slice(0, 256) || null,
          mediaPath,
          audioLength: seconds,
          tagIds,
          mediaType: 'audio',
          description: body.description ?? '',
          submitted: true,
          volume: 1,
          weight: 50,
          created: now,
          updated: now,
        },
        manager,
      ),
    );
    try {
      await this.media.commit(file.path, mediaPath);
    } catch (err) {
      this.logger.error(
        { err, assetId: asset.id },
        'Moving an upload into the media store failed; asset removed',
      );
      await this.assetRows.deleteById(asset.id);
      throw err;
    }
    return (await this.assets.toDtos(auth, [asset], base))[0];
  }

  /** The audio's duration in seconds and its container; a file that is not readable audio is a 415. */
  private async audioOf(file: UploadedAudio): Promise<{ seconds: number | null; container: string }> {
    try {
      const meta = await parseFile(file.path, { duration: true, skipCovers: true });
      if (!meta.format.container && !meta.format.codec) throw new Error('no audio format');
      const d = meta.format.duration;
      return {
        seconds: typeof d === 'number' && Number.isFinite(d) ? Math.round(d * 1000) / 1000 : null,
        container: (meta.format.container ?? '').toLowerCase(),
      };
    } catch {
      throw unsupported(file.mimetype);
    }
  }

  /** The envelope if `auth` sees its session, else 404. */
  private async visible(auth: AuthUser, id: number): Promise<Envelope> {
    const envelope = await this.envelopes.findById(id);
    if (!envelope || !(await this.access.session(auth, envelope.sessionId))) throw new NotFoundException();
    return envelope;
  }
}
