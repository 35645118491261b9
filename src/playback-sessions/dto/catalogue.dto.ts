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

export class LibraryDto {
  @ApiProperty({ example: 'lib_p9wkw2i85qy9oltijt' }) id: string;
  @ApiProperty({ example: 'Podcasts' }) name: string;
  @ApiProperty({ type: [LibraryFolderDto] }) folders: LibraryFolderDto[];
  @ApiProperty({ enum: MEDIA_TYPES, enumName: 'AbsMediaType' }) mediaType: MediaType;
  @ApiProperty({ description: 'Epoch milliseconds' }) createdAt: number;
  @ApiProperty({ description: 'Epoch milliseconds' }) lastUpdate: number;
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
