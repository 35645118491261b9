import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MEDIA_TYPES } from '../entities/library.entity';
import { MAX_PAGE, QueryInt } from './query.decorators';
import type { MediaType } from '../entities/library.entity';

/** Longest audio file or episode we accept: ten days. */
export const MAX_TRACK_SECONDS = 10 * 24 * 3600;

const finite = { allowNaN: false, allowInfinity: false };

export class CreateLibraryDto {
  @ApiProperty({ example: 'Podcasts' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiProperty({ enum: MEDIA_TYPES, enumName: 'AbsMediaType', example: 'podcast' })
  @IsDefined()
  @IsIn(MEDIA_TYPES)
  mediaType: MediaType;

  @ApiPropertyOptional({
    type: () => [LibraryFolderInputDto],
    description:
      'Folders on disk the library is scanned from (`POST /libraries/:id/scan`, and at start). Without ' +
      'folders the library holds only items added as JSON.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LibraryFolderInputDto)
  folders?: LibraryFolderInputDto[];

  @ApiPropertyOptional({ example: 'audiobookshelf', description: "Upstream's icon name; echoed" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  icon?: string;

  @ApiPropertyOptional({
    example: 'google',
    description: "Upstream's metadata provider; accepted and ignored",
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  provider?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "Upstream's library settings (cover ratio, watcher, …); accepted and ignored",
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;
}

export class LibraryFolderInputDto {
  @ApiProperty({
    example: 'books',
    description:
      'A folder inside the media store (`MEDIA_DIR`): relative to it, or an absolute path under it. Created ' +
      "if missing. The store's own folders (`roundware`, `guidebook`, dot folders) and the store itself are refused.",
  })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  fullPath: string;
}

export class MetadataInputDto {
  @ApiProperty({ example: 'Welcome to Night Vale' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional({ example: 'Night Vale Presents' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  author?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) subtitle?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) narrator?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) description?: string;

  @ApiPropertyOptional({ type: [String], example: ['Science Fiction', 'Podcasts'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  genres?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) publishedYear?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) publisher?: string;
  @ApiPropertyOptional({ example: '2022-10-20T19:00:00Z' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  releaseDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) language?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() explicit?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) isbn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) asin?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) feedUrl?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) imageUrl?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) itunesPageUrl?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() itunesId?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() itunesArtistId?: number;
}

export class AudioFileInputDto {
  @ApiProperty({ example: '1 - Pilot.mp3' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  filename: string;

  @ApiProperty({ description: 'Seconds', example: 1454.18449 })
  @IsDefined()
  @IsNumber(finite)
  @Min(0.001)
  @Max(MAX_TRACK_SECONDS)
  duration: number;

  @ApiPropertyOptional({ example: 'audio/mpeg' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  mimeType?: string;

  @ApiPropertyOptional({ description: 'Bytes', example: 23653735 })
  @IsOptional()
  @IsInt()
  @Min(0)
  size?: number;
}

export class EpisodeInputDto {
  @ApiProperty({ example: '1 - Pilot' })
  @IsDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) subtitle?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20000) description?: string;
  @ApiPropertyOptional({ example: 'Fri, 15 Jun 2012 12:00:00 -0000' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  pubDate?: string;

  @ApiProperty({ type: AudioFileInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AudioFileInputDto)
  audioFile: AudioFileInputDto;
}

export class MediaInputDto {
  @ApiProperty({ type: MetadataInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MetadataInputDto)
  metadata: MetadataInputDto;

  @ApiPropertyOptional({ example: '/metadata/items/li_bufnnmp4y5o2gbbxfm/cover.jpg' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  coverPath?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [AudioFileInputDto], description: 'A book: its audio files, in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AudioFileInputDto)
  audioFiles?: AudioFileInputDto[];

  @ApiPropertyOptional({ type: [EpisodeInputDto], description: 'A podcast: its episodes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EpisodeInputDto)
  episodes?: EpisodeInputDto[];
}

export class CreateLibraryItemDto {
  @ApiProperty({ type: MediaInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MediaInputDto)
  media: MediaInputDto;
}

export class LibraryFolderDto {
  @ApiProperty({ example: 'fol_crxarzs17jtw5k7ie9' }) id: string;
  @ApiProperty({ example: '/podcasts' }) fullPath: string;
  @ApiProperty({ example: 'lib_p9wkw2i85qy9oltijt' }) libraryId: string;
  @ApiProperty({ description: 'Epoch milliseconds' }) addedAt: number;
}

export class LibraryStatsDto {
  @ApiProperty() totalItems: number;
  @ApiProperty({ description: 'Bytes' }) totalSize: number;
  @ApiProperty({ description: 'Seconds' }) totalDuration: number;
  @ApiProperty() numAudioFiles: number;
}

export class LibraryDto {
  @ApiProperty({ example: 'lib_p9wkw2i85qy9oltijt' }) id: string;
  @ApiProperty({ example: 'Podcasts' }) name: string;
  @ApiProperty({
    type: [LibraryFolderDto],
    description:
      'Folders scanned, `fullPath` shown relative to the media store with a leading `/`; a library of JSON ' +
      'items has one virtual folder `/<name>`',
  })
  folders: LibraryFolderDto[];
  @ApiProperty({ example: 1 }) displayOrder: number;
  @ApiProperty({ example: 'audiobookshelf' }) icon: string;
  @ApiProperty({ enum: MEDIA_TYPES, enumName: 'AbsMediaType' }) mediaType: MediaType;
  @ApiProperty({ example: 'google' }) provider: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings: Record<string, unknown>;
  @ApiProperty({ type: Number, nullable: true, description: 'Epoch milliseconds of the last scan' })
  lastScan: number | null;
  @ApiProperty({ type: String, nullable: true }) lastScanVersion: string | null;
  @ApiProperty({ description: 'Epoch milliseconds' }) createdAt: number;
  @ApiProperty({ description: 'Epoch milliseconds' }) lastUpdate: number;
  @ApiPropertyOptional({ type: LibraryStatsDto, description: 'With `include=stats`' })
  stats?: LibraryStatsDto;
}

export class AudioFileMetadataDto {
  @ApiProperty({ example: '1 - Pilot.mp3' }) filename: string;
  @ApiProperty({ example: '.mp3' }) ext: string;
  @ApiProperty({ example: '/podcasts/Welcome to Night Vale/1 - Pilot.mp3' }) path: string;
  @ApiProperty({ example: '1 - Pilot.mp3' }) relPath: string;
  @ApiProperty() size: number;
  @ApiProperty() mtimeMs: number;
  @ApiProperty() ctimeMs: number;
  @ApiProperty() birthtimeMs: number;
}

export class AudioTrackDto {
  @ApiProperty({ example: 1 }) index: number;
  @ApiProperty({ description: 'Seconds from the start of the item', example: 0 }) startOffset: number;
  @ApiProperty({ example: 1454.18449 }) duration: number;
  @ApiProperty({ example: '1 - Pilot.mp3' }) title: string;
  @ApiProperty({ example: '/s/item/li_bufnnmp4y5o2gbbxfm/1 - Pilot.mp3' }) contentUrl: string;
  @ApiProperty({ example: 'audio/mpeg' }) mimeType: string;
  @ApiProperty({ type: AudioFileMetadataDto }) metadata: AudioFileMetadataDto;
}

export class LibraryItemDto {
  @ApiProperty({ example: 'li_bufnnmp4y5o2gbbxfm' }) id: string;
  @ApiProperty({ example: '652' }) ino: string;
  @ApiProperty({ example: 'lib_p9wkw2i85qy9oltijt' }) libraryId: string;
  @ApiProperty({ example: 'fol_crxarzs17jtw5k7ie9' }) folderId: string;
  @ApiProperty({ example: '/podcasts/Welcome to Night Vale' }) path: string;
  @ApiProperty({ example: 'Welcome to Night Vale' }) relPath: string;
  @ApiProperty() isFile: boolean;
  @ApiProperty() mtimeMs: number;
  @ApiProperty() ctimeMs: number;
  @ApiProperty() birthtimeMs: number;
  @ApiProperty({ description: 'Epoch milliseconds' }) addedAt: number;
  @ApiProperty({ description: 'Epoch milliseconds' }) updatedAt: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) lastScan: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) scanVersion: string | null;
  @ApiProperty() isMissing: boolean;
  @ApiProperty() isInvalid: boolean;
  @ApiProperty({ enum: MEDIA_TYPES, enumName: 'AbsMediaType' }) mediaType: MediaType;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Book: `{libraryItemId, metadata, coverPath, tags, audioFiles, chapters, duration, size, tracks}`; ' +
      'podcast: `{libraryItemId, metadata, coverPath, tags, episodes, …, size}`',
  })
  media: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  libraryFiles: Record<string, unknown>[];
  @ApiProperty() size: number;
}

/** `include`: a comma-separated list; the words a route does not know are ignored, as upstream. */
const INCLUDE = {
  description: 'Comma-separated extras (`stats`, `filterdata`, `progress`, …); unknown words ignored',
};
/** Upstream's query flags: `1` (or `true`) on, anything else off. */
const FLAG_VALUES = ['0', '1', 'true', 'false'];

export class LibrariesQueryDto {
  @ApiPropertyOptional(INCLUDE) @IsOptional() @IsString() @MaxLength(200) include?: string;
}

export class LibraryQueryDto extends LibrariesQueryDto {}

export class LibraryItemsQueryDto extends LibrariesQueryDto {
  @QueryInt(0, 1000, { description: 'Items per page; 0 or absent: all', example: 20 })
  limit?: number;

  @QueryInt(0, MAX_PAGE, { description: 'Page, 0-indexed', example: 0 })
  page?: number;

  @ApiPropertyOptional({
    description:
      'Sort key: `media.metadata.title` (default), `media.metadata.authorName`, `media.metadata.authorNameLF`, ' +
      '`media.metadata.publishedYear`, `media.duration`, `addedAt`, `updatedAt`, `size`, `birthtimeMs`, `mtimeMs`; ' +
      'others sort by title',
    example: 'media.metadata.title',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  sort?: string;

  @ApiPropertyOptional({ enum: FLAG_VALUES, enumName: 'AbsQueryFlag', description: '`1`: descending' })
  @IsOptional()
  @IsIn(FLAG_VALUES)
  desc?: string;

  @ApiPropertyOptional({
    description:
      "Upstream's `group.base64(value)`: `authors`, `genres`, `tags`, `narrators`, `languages`, `progress` " +
      '(`finished`, `in-progress`, `not-started`, `not-finished`), `missing`; other groups match nothing',
    example: 'progress.ZmluaXNoZWQ=',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  filter?: string;

  @ApiPropertyOptional({ enum: FLAG_VALUES, enumName: 'AbsQueryFlag', description: '`1`: minified items' })
  @IsOptional()
  @IsIn(FLAG_VALUES)
  minified?: string;

  @ApiPropertyOptional({
    enum: FLAG_VALUES,
    enumName: 'AbsQueryFlag',
    description: 'Accepted; the hub has no series, so nothing collapses',
  })
  @IsOptional()
  @IsIn(FLAG_VALUES)
  collapseseries?: string;
}

export class PersonalizedQueryDto extends LibrariesQueryDto {
  @ApiPropertyOptional({ description: 'Items per shelf (default 10)', example: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    enum: FLAG_VALUES,
    enumName: 'AbsQueryFlag',
    description: 'Accepted; shelf entities are always minified',
  })
  @IsOptional()
  @IsIn(FLAG_VALUES)
  minified?: string;
}

export class ItemQueryDto extends LibrariesQueryDto {
  @ApiPropertyOptional({
    enum: FLAG_VALUES,
    enumName: 'AbsQueryFlag',
    description: 'Accepted; the item is always expanded',
  })
  @IsOptional()
  @IsIn(FLAG_VALUES)
  expanded?: string;

  @ApiPropertyOptional({
    description: 'With `include=progress`: the episode whose progress to add (podcasts)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  episode?: string;
}

export class ScanQueryDto {
  @ApiPropertyOptional({
    enum: FLAG_VALUES,
    enumName: 'AbsQueryFlag',
    description: 'Accepted; every scan re-reads every file',
  })
  @IsOptional()
  @IsIn(FLAG_VALUES)
  force?: string;
}

export class MediaTokenQueryDto {
  @ApiPropertyOptional({ description: 'The access token, for players that cannot send a header' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  token?: string;
}

export class CoverQueryDto {
  @ApiPropertyOptional({ description: 'Cache-buster the clients add; ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  ts?: string;

  @ApiPropertyOptional({ description: 'Accepted; covers are sent as stored' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  width?: string;

  @ApiPropertyOptional({ description: 'Accepted; covers are sent as stored' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  format?: string;

  @ApiPropertyOptional({ description: 'Accepted; covers are sent as stored' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  raw?: string;
}

export class LibrariesDto {
  @ApiProperty({ type: [LibraryDto] }) libraries: LibraryDto[];
}

export class FilterEntityDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

export class LibraryFilterDataDto {
  @ApiProperty({ type: [FilterEntityDto] }) authors: FilterEntityDto[];
  @ApiProperty({ type: [String] }) genres: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [FilterEntityDto] }) series: FilterEntityDto[];
  @ApiProperty({ type: [String] }) narrators: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: [String] }) publishers: string[];
  @ApiProperty({ type: [String] }) publishedDecades: string[];
  @ApiProperty() bookCount: number;
  @ApiProperty() authorCount: number;
  @ApiProperty() seriesCount: number;
  @ApiProperty() podcastCount: number;
  @ApiProperty() numIssues: number;
}

export class LibraryWithFilterDataDto {
  @ApiProperty({ type: LibraryDto }) library: LibraryDto;
  @ApiProperty({ type: LibraryFilterDataDto }) filterdata: LibraryFilterDataDto;
  @ApiProperty({ description: 'Items missing on disk' }) issues: number;
  @ApiProperty() numUserPlaylists: number;
}

const LOOSE_ITEMS = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

export class LibraryItemsPageDto {
  @ApiProperty({ ...LOOSE_ITEMS, description: 'Library items (minified with `minified=1`)' })
  results: Record<string, unknown>[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() page: number;
  @ApiProperty({ type: String, nullable: true }) sortBy: string | null;
  @ApiProperty() sortDesc: boolean;
  @ApiProperty({ type: String, nullable: true }) filterBy: string | null;
  @ApiProperty({ enum: MEDIA_TYPES, enumName: 'AbsMediaType' }) mediaType: MediaType;
  @ApiProperty() minified: boolean;
  @ApiProperty() collapseseries: boolean;
  @ApiProperty() include: string;
  @ApiProperty() offset: number;
}

export class ShelfDto {
  @ApiProperty({ example: 'continue-listening' }) id: string;
  @ApiProperty({ example: 'Continue Listening' }) label: string;
  @ApiProperty({ example: 'LabelContinueListening' }) labelStringKey: string;
  @ApiProperty({ enum: ['book', 'podcast', 'episode'], enumName: 'AbsShelfType' }) type: string;
  @ApiProperty({
    ...LOOSE_ITEMS,
    description: 'Minified library items (an episode shelf adds `recentEpisode`)',
  })
  entities: Record<string, unknown>[];
  @ApiProperty() total: number;
}

export class ScanReportDto {
  @ApiProperty() libraryId: string;
  @ApiProperty() added: number;
  @ApiProperty() updated: number;
  @ApiProperty() missing: number;
  @ApiProperty({ type: [String], description: 'Audio files that could not be read (skipped)' })
  failed: string[];
  @ApiProperty() elapsedMs: number;
}

/** `GET /items/:id` with upstream's includes: the item, and what `include` asked for. */
export class LibraryItemExpandedDto extends LibraryItemDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "With `include=progress`: the caller's media progress of the item (or `episode`), if any",
  })
  userMediaProgress?: Record<string, unknown>;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'With `include=rssfeed`: always null',
  })
  rssFeed?: null;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'With `include=share`: always null',
  })
  mediaItemShare?: null;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'With `include=downloads` (podcasts): empty',
  })
  episodeDownloadsQueued?: unknown[];
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'With `include=downloads` (podcasts): empty',
  })
  episodesDownloading?: unknown[];
}
