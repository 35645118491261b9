import { ApiProperty, ApiPropertyOptional, getSchemaPath, PartialType } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MEDIA_TYPES } from '../entities/library.entity';
import type { MediaType } from '../entities/library.entity';
import { ABS_ID_PATTERN } from '../playback-rules';
import { AudioTrackDto, LibraryItemDto } from './catalogue.dto';
import { MAX_PAGE, QueryInt } from './query.decorators';

const finite = { allowNaN: false, allowInfinity: false };
const ID_MESSAGE = 'Must be 1-64 letters, digits, "_" or "-".';

/** One sync never claims more than a day; anything larger is garbage, not listening (400). */
export const MAX_SYNC_SECONDS = 24 * 3600;
/** No position or duration is longer than a year. */
export const MAX_MEDIA_SECONDS = 366 * 24 * 3600;

/** An optional position or duration in seconds: a finite number from 0 to a year. */
function OptionalSeconds(doc: Parameters<typeof ApiPropertyOptional>[0]) {
  return applyDecorators(
    ApiPropertyOptional(doc),
    IsOptional(),
    IsNumber(finite),
    Min(0),
    Max(MAX_MEDIA_SECONDS),
  );
}

export class DeviceInfoInputDto {
  @ApiPropertyOptional({ description: 'Stable id of the client device', example: '7c2a9e1f0b' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  deviceId?: string;

  @ApiPropertyOptional({ example: 'Abs Android' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  clientName?: string;
  @ApiPropertyOptional({ example: '0.9.60' }) @IsOptional() @IsString() @MaxLength(64) clientVersion?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) manufacturer?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) model?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) sdkVersion?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) osName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) osVersion?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) browserName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) browserVersion?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) deviceName?: string;
}

/**
 * A play flag as the clients send it: JSON booleans (web, Android) or the iOS app's strings (`"1"`, `""`,
 * `"true"`, `"0"`, `"false"`), read as upstream's truthiness does (`""` is false).
 */
const ABS_FLAG_STRINGS: Record<string, boolean> = {
  '1': true,
  true: true,
  '0': false,
  false: false,
  '': false,
};
function AbsFlag() {
  return applyDecorators(
    ApiPropertyOptional({
      oneOf: [{ type: 'boolean' }, { type: 'string', pattern: '^(1|0|true|false|)$' }],
      description: 'A boolean, or the iOS app\'s `"1"` / `""` / `"true"` / `"0"` / `"false"`',
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && value in ABS_FLAG_STRINGS ? ABS_FLAG_STRINGS[value] : value,
    ),
    IsBoolean(),
  );
}

export class PlayItemDto {
  @ApiPropertyOptional({ type: DeviceInfoInputDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DeviceInfoInputDto)
  deviceInfo?: DeviceInfoInputDto;

  @ApiPropertyOptional({ example: 'html5' }) @IsOptional() @IsString() @MaxLength(100) mediaPlayer?: string;
  @AbsFlag() forceDirectPlay?: boolean;
  @AbsFlag() forceTranscode?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['audio/mpeg'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  supportedMimeTypes?: string[];
}

export class SyncSessionDto {
  @ApiProperty({ description: 'Playback position, seconds', example: 636.09262 })
  @IsDefined()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_MEDIA_SECONDS)
  currentTime: number;

  @ApiProperty({
    description: `Seconds listened since the previous sync (at most ${MAX_SYNC_SECONDS}; credited up to the wall-clock time since the previous sync plus the tolerance)`,
    example: 5,
  })
  @IsDefined()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_SYNC_SECONDS)
  timeListened: number;

  @OptionalSeconds({
    description: "The item's duration as the client knows it, seconds",
    example: 1454.18449,
  })
  duration?: number;
}

/** Closing takes the sync's fields, all optional; an empty body closes without a sync. */
export class CloseSessionDto extends PartialType(SyncSessionDto) {}

/**
 * A local (offline) session uploaded by a client. Only these fields are read; the rest of the
 * Playback Session shape a client sends (mediaMetadata, displayTitle, date, …) is accepted and ignored
 * — the server takes those from its own catalogue and clock.
 */
export class LocalSessionDto {
  @ApiProperty({ example: 'play_local_i00492kps6ow4axlvq' })
  @IsDefined()
  @IsString()
  @Matches(ABS_ID_PATTERN, { message: ID_MESSAGE })
  id: string;

  @ApiProperty({ example: 'li_bufnnmp4y5o2gbbxfm' })
  @IsDefined()
  @IsString()
  @MaxLength(64)
  libraryItemId: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ep_lh6ko39pumnrma3dhv' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  episodeId?: string | null;

  @ApiProperty({ description: 'Seconds listened in this session', example: 20 })
  @IsDefined()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_MEDIA_SECONDS)
  timeListening: number;

  @OptionalSeconds({ example: 616.291374 })
  startTime?: number;

  @ApiProperty({ example: 636.09262 })
  @IsDefined()
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_MEDIA_SECONDS)
  currentTime: number;

  @OptionalSeconds({ example: 1454.18449 })
  duration?: number;

  @ApiProperty({ description: 'Epoch milliseconds', example: 1668580247687 })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(8_640_000_000_000)
  startedAt: number;

  @ApiProperty({ description: 'Epoch milliseconds', example: 1668580396623 })
  @IsDefined()
  @IsInt()
  @Min(0)
  @Max(8_640_000_000_000)
  updatedAt: number;

  @ApiPropertyOptional({ example: 0 }) @IsOptional() @IsInt() @Min(0) @Max(3) playMethod?: number;
  @ApiPropertyOptional({ example: 'html5' }) @IsOptional() @IsString() @MaxLength(100) mediaPlayer?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  deviceInfo?: Record<string, unknown>;
}

/**
 * The schema of a local session body as it is accepted: `LocalSessionDto`'s fields, plus any other field
 * (ignored). Written as a one-member `allOf` with `additionalProperties` so the spec says both.
 */
export const LOCAL_SESSION_BODY_SCHEMA = {
  allOf: [{ $ref: getSchemaPath(LocalSessionDto) }],
  additionalProperties: true,
  description:
    'A Playback Session as the client stores it: the fields of LocalSessionDto are read and type-checked, ' +
    'any other field (`userId`, `mediaMetadata`, `displayTitle`, `date`, …) is accepted and ignored',
};

export class LocalSessionsDto {
  @ApiProperty({
    type: 'array',
    items: LOCAL_SESSION_BODY_SCHEMA,
    maxItems: 500,
    description: 'Up to 500 local sessions; each one succeeds or fails on its own',
  })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(500)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => LocalSessionDto)
  sessions: LocalSessionDto[];
}

export class BatchDeleteSessionsDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 500,
    description: 'Ids of the sessions to delete (1 to 500; ids that do not exist are skipped)',
    example: ['play_4oq00chunexu9s03jw'],
  })
  @IsDefined()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Matches(ABS_ID_PATTERN, { each: true, message: ID_MESSAGE })
  sessions: string[];
}

export const SESSION_SORT_KEYS = [
  'displayTitle',
  'duration',
  'playMethod',
  'startTime',
  'currentTime',
  'timeListening',
  'updatedAt',
  'startedAt',
  'createdAt',
] as const;
export type SessionSortKey = (typeof SESSION_SORT_KEYS)[number];

/** Page size bounds of every Audiobookshelf list. */
export const MAX_ITEMS_PER_PAGE = 500;
export class AbsPageQueryDto {
  @QueryInt(1, MAX_ITEMS_PER_PAGE, {
    type: 'integer',
    minimum: 1,
    maximum: MAX_ITEMS_PER_PAGE,
    default: 10,
    description: 'Sessions per page',
  })
  itemsPerPage?: number;

  @QueryInt(0, MAX_PAGE, {
    type: 'integer',
    minimum: 0,
    maximum: MAX_PAGE,
    default: 0,
    description: 'Page, 0-indexed; a page past the last one answers an empty `sessions` list',
  })
  page?: number;
}

/** `GET /sessions/open`: the same paging (and validation), 100 sessions per page by default. */
export class OpenSessionsQueryDto extends AbsPageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ITEMS_PER_PAGE,
    default: 100,
    description: 'Sessions per page',
  })
  declare itemsPerPage?: number;
}

export const DESC_FLAGS = ['0', '1', 'true', 'false'] as const;

export class ListSessionsQueryDto extends AbsPageQueryDto {
  @ApiPropertyOptional({
    description:
      "Only the sessions of this user id. A value that is no user id (such as upstream's `root`) matches " +
      'nothing and is still echoed as `userFilter`. Without it, every session carries its `user`.',
    example: '1',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  user?: string;

  @ApiPropertyOptional({
    enum: SESSION_SORT_KEYS,
    enumName: 'AbsSessionSort',
    default: 'updatedAt',
    description: 'Sort key (`createdAt` is the same as `startedAt`); ties are broken by session id',
  })
  @IsOptional()
  @IsIn(SESSION_SORT_KEYS)
  sort?: SessionSortKey;

  @ApiPropertyOptional({
    enum: DESC_FLAGS,
    enumName: 'AbsDescFlag',
    default: '0',
    description: "`1` or `true`: descending; absent, `0` or `false`: ascending (upstream's `desc === '1'`)",
  })
  @IsOptional()
  @IsIn(DESC_FLAGS)
  desc?: string;
}

export class SessionUserDto {
  @ApiProperty({ example: '1' }) id: string;
  @ApiProperty({ example: 'root' }) username: string;
}

export class PlaybackSessionDto {
  @ApiProperty({ example: 'play_i00492kps6ow4axlvq' }) id: string;
  @ApiProperty({ example: '1', description: 'String form of the user id' }) userId: string;
  @ApiProperty({ example: 'lib_p9wkw2i85qy9oltijt' }) libraryId: string;
  @ApiProperty({ example: 'li_bufnnmp4y5o2gbbxfm' }) libraryItemId: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'ep_lh6ko39pumnrma3dhv' }) episodeId:
    string | null;
  @ApiProperty({ enum: MEDIA_TYPES, enumName: 'AbsMediaType' }) mediaType: MediaType;
  @ApiProperty({ type: 'object', additionalProperties: true }) mediaMetadata: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) chapters: unknown[];
  @ApiProperty({ example: '1 - Pilot' }) displayTitle: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Night Vale Presents' }) displayAuthor:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) coverPath: string | null;
  @ApiProperty({ example: 1454.18449 }) duration: number;
  @ApiProperty({ example: 0, description: '0 = direct play' }) playMethod: number;
  @ApiProperty({ example: 'html5' }) mediaPlayer: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) deviceInfo: Record<string, unknown>;
  @ApiProperty({ example: '2022-11-13', description: 'Start day in APP_TIMEZONE' }) date: string;
  @ApiProperty({ example: 'Sunday' }) dayOfWeek: string;
  @ApiProperty({ example: 15 }) timeListening: number;
  @ApiProperty({ example: 596.779402 }) startTime: number;
  @ApiProperty({ example: 611.590717 }) currentTime: number;
  @ApiProperty({ example: 1668330137087, description: 'Epoch milliseconds' }) startedAt: number;
  @ApiProperty({ example: 1668330152157, description: 'Epoch milliseconds' }) updatedAt: number;
  @ApiPropertyOptional({ type: SessionUserDto, description: 'Only in lists without a `user` filter' })
  user?: SessionUserDto;
}

export class PlaybackSessionExpandedDto extends PlaybackSessionDto {
  @ApiProperty({ type: [AudioTrackDto] }) audioTracks: AudioTrackDto[];
  @ApiPropertyOptional({ type: Object, nullable: true }) videoTrack: null;
  @ApiProperty({ type: LibraryItemDto }) libraryItem: LibraryItemDto;
}

export class SessionPageDto {
  @ApiProperty({ example: 37 }) total: number;
  @ApiProperty({ example: 4 }) numPages: number;
  @ApiProperty({ example: 0 }) page: number;
  @ApiProperty({ example: 10 }) itemsPerPage: number;
  @ApiProperty({ type: [PlaybackSessionDto] }) sessions: PlaybackSessionDto[];
}

export class SessionListDto extends SessionPageDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The `user` parameter, if given' })
  userFilter: string | null;
  @ApiPropertyOptional({ description: "The `user` parameter, only when given (today's clients read this)" })
  userId?: string;
}

export class OpenSessionsDto extends SessionPageDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [],
    description: "Upstream's open share-link sessions: always empty (the hub has no share links)",
  })
  shareSessions: Record<string, unknown>[];
}

export class LocalSyncResultDto {
  @ApiProperty({ example: 'play_local_i00492kps6ow4axlvq' }) id: string;
  @ApiProperty() success: boolean;
  @ApiPropertyOptional({ description: 'Only when success is true' }) progressSynced?: boolean;
  @ApiPropertyOptional({ description: 'Only when success is false' }) error?: string;
}

export class LocalSyncResultsDto {
  @ApiProperty({ type: [LocalSyncResultDto] }) results: LocalSyncResultDto[];
}

export class MediaProgressDto {
  @ApiProperty({
    example: 'mp_12',
    description:
      'The progress id (`DELETE /me/progress/{id}`, remove-from-continue-listening), not an item id',
  })
  id: string;
  @ApiProperty({ example: 'li_bufnnmp4y5o2gbbxfm' }) libraryItemId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) episodeId: string | null;
  @ApiProperty({ example: 1454.18449 }) duration: number;
  @ApiProperty({ example: 0.437, description: '0..1' }) progress: number;
  @ApiProperty({ example: 636.09262 }) currentTime: number;
  @ApiProperty() isFinished: boolean;
  @ApiProperty() hideFromContinueListening: boolean;
  @ApiProperty({ description: 'Epoch milliseconds' }) lastUpdate: number;
  @ApiProperty({ description: 'Epoch milliseconds' }) startedAt: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Epoch milliseconds' }) finishedAt:
    number | null;
}

export class ListeningStatsItemDto {
  @ApiProperty({ example: 'li_bufnnmp4y5o2gbbxfm' }) id: string;
  @ApiProperty({ example: 1200 }) timeListening: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) mediaMetadata: Record<
    string,
    unknown
  > | null;
}

export class ListeningStatsDto {
  @ApiProperty({ description: 'Seconds, all sessions' }) totalTime: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/ListeningStatsItemDto' },
  })
  items: Record<string, ListeningStatsItemDto>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { '2022-11-13': 900 },
    description: 'Seconds per start day (APP_TIMEZONE)',
  })
  days: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { Sunday: 900 } })
  dayOfWeek: Record<string, number>;
  @ApiProperty({ description: 'Seconds of sessions that started today (APP_TIMEZONE)' }) today: number;
  @ApiProperty({ type: [PlaybackSessionDto], description: 'The 10 most recently updated sessions' })
  recentSessions: PlaybackSessionDto[];
}

/**
 * A progress write (`PATCH /me/progress/:libraryItemId[/:episodeId]`) as the clients send it: mark
 * finished `{isFinished}`, a position, or an e-reader position. Every field is optional; unknown fields
 * are refused (400).
 */
export class ProgressUpdateDto {
  @ApiPropertyOptional({
    description: 'true: finished (progress 1); false: not finished (restarts a finished item)',
  })
  @IsOptional()
  @IsBoolean()
  isFinished?: boolean;

  @OptionalSeconds({
    description: 'Position, seconds (at most 1 s past the duration)',
    example: 636.09262,
  })
  currentTime?: number;

  @OptionalSeconds({
    description: "The client's duration, seconds: validated and ignored (the catalogue's duration counts)",
    example: 1454.18449,
  })
  duration?: number;

  @ApiPropertyOptional({
    description: '0..1; without `currentTime` it sets the position (`progress × duration`), else ignored',
    example: 0.437,
  })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  progress?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'E-reader position (EPUB CFI): accepted and not stored (the hub serves no ebooks)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  ebookLocation?: string | null;

  @ApiPropertyOptional({
    description: 'E-reader progress 0..1: accepted and not stored (the hub serves no ebooks)',
  })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  ebookProgress?: number;

  @ApiPropertyOptional({
    description:
      'When the client made the change, epoch milliseconds (default now; a future time counts as now). The ' +
      'write applies only if it is not older than the stored progress',
    example: 1668580396623,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(8_640_000_000_000)
  lastUpdate?: number;

  @ApiPropertyOptional({ description: 'Hide from (true) or show in (false) continue-listening' })
  @IsOptional()
  @IsBoolean()
  hideFromContinueListening?: boolean;
}

/** One entry of `PATCH /me/progress/batch/update`: the item (and episode) and the change. */
export class BatchProgressUpdateDto extends ProgressUpdateDto {
  @ApiProperty({ example: 'li_bufnnmp4y5o2gbbxfm' })
  @IsDefined()
  @IsString()
  @Matches(ABS_ID_PATTERN, { message: ID_MESSAGE })
  libraryItemId: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'ep_lh6ko39pumnrma3dhv' })
  @IsOptional()
  @IsString()
  @Matches(ABS_ID_PATTERN, { message: ID_MESSAGE })
  episodeId?: string | null;
}

/** The most entries one batch progress update takes. */
export const MAX_BATCH_PROGRESS = 500;

export class ItemsInProgressQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_ITEMS_PER_PAGE,
    default: 25,
    description: 'At most this many items (upstream: 25 by default)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ITEMS_PER_PAGE)
  limit?: number;
}

export class ItemInProgressDto extends LibraryItemDto {
  @ApiProperty({ description: "The progress's `lastUpdate`, epoch milliseconds", example: 1668580396623 })
  progressLastUpdate: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Podcasts: the episode in progress (the item appears once per episode in progress)',
  })
  recentEpisode?: Record<string, unknown>;
}

export class ItemsInProgressDto {
  @ApiProperty({ type: [ItemInProgressDto] }) libraryItems: ItemInProgressDto[];
}
