import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiAbsErrors } from '../common/api-responses';
import {
  LibrariesDto,
  LibraryDto,
  LibraryItemDto,
  LibraryItemExpandedDto,
  LibraryItemsPageDto,
  LibraryWithFilterDataDto,
  ScanReportDto,
  ShelfDto,
} from './dto/catalogue.dto';

/** The OpenAPI prose of the catalogue's routes (libraries, items, scans, media files), one decorator each. */

const LIBRARY_ID = { name: 'id', description: 'Library id (`lib_…`)', example: 'lib_p9wkw2i85qy9oltijt' };
const ITEM_ID = { name: 'id', description: 'Library item id (`li_…`)', example: 'li_bufnnmp4y5o2gbbxfm' };
const LIBRARY_404 = { status: 404, description: 'No library with this id', example: 'Library not found' };
const ITEM_404 = {
  status: 404,
  description: 'No library item with this id',
  example: 'Library item not found',
};

const AUDIO = ['audio/mpeg', 'audio/mp4', 'audio/aac', 'audio/ogg', 'audio/flac', 'audio/wav', 'audio/webm'];
const IMAGES = ['image/jpeg', 'image/png'];
const BINARY = { schema: { type: 'string', format: 'binary' } } as const;
const TEXT = { 'text/plain': { schema: { type: 'string' } } } as const;

/** 200 / 206 / 404 / 416 of a file route (Range as Express's `sendFile`; errors as plain text). */
function FileResponses(types: string[], what: string) {
  const content = Object.fromEntries(types.map((t) => [t, BINARY]));
  return applyDecorators(
    ApiProduces(...types),
    ApiResponse({ status: 200, description: `The whole ${what}`, content }),
    ApiResponse({ status: 206, description: 'The requested byte range (`Range: bytes=…`)', content }),
    ApiResponse({ status: 404, description: `No such ${what}`, content: TEXT }),
    ApiResponse({
      status: 416,
      description: 'Range not satisfiable (`Content-Range: bytes */<size>`)',
      content: TEXT,
    }),
  );
}

export const CreateLibraryDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'createAbsLibrary',
      summary: 'Create a library of books or podcasts (admin)',
      description:
        "Creates a library of `book` or `podcast` items. With `folders` (upstream's body), each folder must lie " +
        'inside the media store (`MEDIA_DIR`), is created if missing, and the library is scanned before the ' +
        'answer (see the scan route). Without folders it has one virtual folder and holds items added as JSON ' +
        '(`POST /libraries/:id/items`). Every user sees every library. Answers 200 like the rest of the surface.',
    }),
    ApiOkResponse({ type: LibraryDto, description: 'The new library' }),
    ApiAbsErrors({
      status: 400,
      description:
        '`name` missing, empty or over 255 characters, an unknown `mediaType`, or a folder outside the media ' +
        "store, in one of the store's own folders, or overlapping another folder of the library",
    }),
  );

export const CreateItemDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'createAbsLibraryItem',
      summary: 'Add a book (with audio files) or a podcast (with episodes) to a library (admin)',
      description:
        "Our own endpoint: adds an item to a library, in the library's media type. A book needs at least one " +
        'audio file (its tracks, in order) and no episodes; a podcast at least one episode (each with one audio ' +
        'file) and no audio files. Durations are seconds, more than 0 and at most 10 days. Ids, paths, ' +
        '`contentUrl`s and MIME types (from the file extension when not given) are assigned by the server; ' +
        'such an item has no audio on disk (scan a library folder for items that play).',
    }),
    ApiParam(LIBRARY_ID),
    ApiOkResponse({ type: LibraryItemDto, description: 'The new library item' }),
    ApiAbsErrors(
      {
        status: 400,
        description:
          'A field that fails validation, audio files in a podcast library or episodes in a book library, or ' +
          'an item without any',
        example: 'media.audioFiles: A book needs at least one audio file.',
      },
      LIBRARY_404,
    ),
  );

export const ScanDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'scanAbsLibrary',
      summary: "Scan a library's folders (admin)",
      description:
        'Reads the library folders into items as upstream lays them out: in a book library each folder with ' +
        'audio files is a book (the folder above it names the author) and a lone audio file in the library ' +
        'folder a book of its own; in a podcast library each folder is a podcast and its audio files episodes. ' +
        'Durations, titles, authors, narrators (composer), genres, chapters and embedded covers are read from ' +
        'the files; a `cover.jpg`/`cover.png` in the folder wins. Items keep their ids across scans; an item ' +
        'whose folder is gone is marked `isMissing`. Symbolic links are not followed. Unlike upstream, which ' +
        'answers `OK` at once and reports by socket events, the answer waits for the scan and reports it. ' +
        'Libraries with folders are also scanned at start (`ABS_SCAN_ON_START`, default on).',
    }),
    ApiParam(LIBRARY_ID),
    ApiOkResponse({ type: ScanReportDto, description: 'What the scan did' }),
    ApiAbsErrors(
      { status: 400, description: 'The library has no folders', example: 'Library has no folders to scan' },
      LIBRARY_404,
    ),
  );

export const ListLibrariesDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listAbsLibraries',
      summary: 'Every library',
      description:
        'Every library in display order (every user sees every library). `include=stats` adds each ' +
        "library's `stats` (item count, size, duration, audio files), as Android asks.",
    }),
    ApiOkResponse({ type: LibrariesDto, description: 'The libraries' }),
  );

export const GetLibraryDocs = () =>
  applyDecorators(
    ApiExtraModels(LibraryDto, LibraryWithFilterDataDto),
    ApiOperation({
      operationId: 'getAbsLibrary',
      summary: 'A library (with its filter data)',
      description:
        "The library; with `include=filterdata`, upstream's `{library, filterdata, issues, numUserPlaylists}` " +
        'that the web client needs to open a library page: the authors (with ids), genres, tags, narrators, ' +
        'languages, publishers and decades its filters offer, and its counts. Series and playlists are empty.',
    }),
    ApiParam(LIBRARY_ID),
    ApiOkResponse({
      description: 'The library, or the filter-data wrapper with `include=filterdata`',
      schema: {
        oneOf: [{ $ref: getSchemaPath(LibraryDto) }, { $ref: getSchemaPath(LibraryWithFilterDataDto) }],
      },
    }),
    ApiAbsErrors(LIBRARY_404),
  );

export const ListItemsDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listAbsLibraryItems',
      summary: "A library's items, paged, sorted and filtered",
      description:
        "Upstream's bookshelf query: `limit` (0 = all) and `page` (0-indexed), `sort` and `desc=1`, `filter` " +
        "(`group.base64(value)`; progress filters use the caller's progress), `minified=1` for the minified " +
        'shape. Ties sort by title, then id, so pages are stable. `collapseseries` is accepted (there are no ' +
        'series). A filter that does not decode matches nothing.',
    }),
    ApiParam(LIBRARY_ID),
    ApiOkResponse({ type: LibraryItemsPageDto, description: 'One page of items' }),
    ApiAbsErrors({ status: 400, description: 'A query parameter of the wrong form' }, LIBRARY_404),
  );

export const PersonalizedDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsPersonalizedShelves',
      summary: "A library's home shelves for the caller",
      description:
        "The shelves the apps' home page shows, those with entries: `continue-listening` (the caller's " +
        'unfinished progress, newest first; each entity has `progressLastUpdate`), `newest-episodes` (podcasts), ' +
        '`recently-added`, `listen-again` (finished). Entities are minified items; on episode shelves each has ' +
        '`recentEpisode`. `limit` is per shelf (default 10); `total` counts the whole shelf.',
    }),
    ApiParam(LIBRARY_ID),
    ApiOkResponse({ type: [ShelfDto], description: 'The shelves' }),
    ApiAbsErrors({ status: 400, description: 'A query parameter of the wrong form' }, LIBRARY_404),
  );

export const GetItemDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsLibraryItem',
      summary: 'A library item',
      description:
        'A library item with its whole media (metadata with author ids, cover, audio files, chapters and ' +
        'tracks for a book, episodes for a podcast) and files; `expanded=1` is accepted (it always is). ' +
        "`include=progress` adds `userMediaProgress`, the caller's progress (of `episode` for a podcast) when " +
        'there is one; `rssfeed`, `share` and `downloads` add `rssFeed: null`, `mediaItemShare: null` and ' +
        'empty download queues. Every user sees every library, so any caller may read any item.',
    }),
    ApiParam(ITEM_ID),
    ApiOkResponse({ type: LibraryItemExpandedDto, description: 'The library item' }),
    ApiAbsErrors({ status: 400, description: 'A query parameter of the wrong form' }, ITEM_404),
  );

export const ItemFileDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsItemFile',
      summary: "An item's audio file",
      description:
        "A scanned item's audio file by its `ino`, as older apps and iOS fetch it, authorised by the Bearer " +
        'header or `?token=<access token>` (players that cannot send headers). Direct play only: the hub does ' +
        'not transcode. Only files inside `MEDIA_DIR` are ever served.',
    }),
    ApiParam(ITEM_ID),
    ApiParam({
      name: 'ino',
      description: "The file's `ino` (from the item's `audioFiles`)",
      example: '649644248522215260',
    }),
    FileResponses(AUDIO, 'audio file'),
    ApiAbsErrors({ status: 400, description: 'A query parameter of the wrong form' }),
  );

export const CoverDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsItemCover',
      summary: "An item's cover image",
      description:
        "The cover of a scanned item (the folder's `cover.jpg`/`cover.png` or the picture embedded in its " +
        'first audio file). Served without credentials, as upstream does for `<img>` elements; item ids are ' +
        'random. `ts`, `width`, `format` and `raw` are accepted; the image is sent as stored.',
    }),
    ApiParam(ITEM_ID),
    FileResponses(IMAGES, 'cover'),
    ApiAbsErrors({ status: 400, description: 'A query parameter of the wrong form' }),
  );

export const SessionTrackDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsSessionTrack',
      summary: "An open session's audio track",
      description:
        'Where every current client plays from (`/public/session/<id>/track/<index>`): unauthenticated as ' +
        "upstream, the open session's random id being the capability; a closed or unknown session is 404. " +
        "A caller who sends a credential anyway (Bearer or `?token=`) is held to it: another user's session is " +
        '404 for them, an invalid credential 401. ' +
        "`index` is the track's (1-based); a podcast episode's one track also answers to 0. Range as the " +
        'file route.',
    }),
    ApiParam({ name: 'id', description: 'Open session id (`play_…`)', example: 'play_i00492kps6ow4axlvq' }),
    ApiParam({ name: 'index', description: 'Track index', example: '1' }),
    FileResponses(AUDIO, 'track'),
    ApiResponse({ status: 401, description: 'A credential was sent and is not valid', content: TEXT }),
    ApiAbsErrors({ status: 400, description: 'A query parameter of the wrong form' }),
  );
