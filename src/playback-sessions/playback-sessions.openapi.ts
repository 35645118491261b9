import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiAbsErrors, ApiAbsPage } from '../common/api-responses';
import { AbsUserDto } from './dto/abs-auth.dto';
import {
  BatchProgressUpdateDto,
  CloseSessionDto,
  ItemsInProgressDto,
  ListeningStatsDto,
  LOCAL_SESSION_BODY_SCHEMA,
  LocalSessionDto,
  LocalSessionsDto,
  LocalSyncResultDto,
  LocalSyncResultsDto,
  MediaProgressDto,
  PlaybackSessionDto,
  PlaybackSessionExpandedDto,
  PlayItemDto,
  ProgressUpdateDto,
  SyncSessionDto,
} from './dto/sessions.dto';
import {
  SEED_LOCAL_SESSION,
  SEED_LOCAL_SESSIONS,
  SEED_LOCAL_SYNC_RESULT,
  SEED_LOCAL_SYNC_RESULTS,
  SEED_OPEN_SESSION,
  SEED_SESSION_LIST,
  SEED_SYNC_BODY,
} from './dto/seed-examples';

/** The OpenAPI prose and examples of PlaybackSessionsController's routes, one composed decorator each. */
/** The body of the 200 that Audiobookshelf answers with `sendStatus(200)` (deletes). */
export const OK_TEXT = 'OK';

const SESSION_ID = { name: 'id', description: 'Session id (`play_…`)', example: 'play_i00492kps6ow4axlvq' };
const ITEM_ID = { name: 'id', description: 'Library item id (`li_…`)', example: 'li_bufnnmp4y5o2gbbxfm' };
const PROGRESS_ITEM_ID = {
  name: 'libraryItemId',
  description: 'Library item id (`li_…`)',
  example: 'li_bufnnmp4y5o2gbbxfm',
};
const EPISODE_ID = {
  name: 'episodeId',
  description: 'Podcast episode id (`ep_…`)',
  example: 'ep_lh6ko39pumnrma3dhv',
};

/** `me/progress/{id}`: one path for GET/PATCH (an item id) and DELETE (a progress id), as upstream's `:id`. */
const PROGRESS_PATH_ITEM_ID = {
  name: 'id',
  description: 'Library item id (`li_…`)',
  example: 'li_bufnnmp4y5o2gbbxfm',
};
const PROGRESS_ID = {
  name: 'id',
  description: "A progress id (`mp_…`, a progress's `id`), not a library item id",
  example: 'mp_12',
};
const USER_ID = { name: 'id', description: 'User id', example: '2' };

const OPEN_SESSION_404 = {
  status: 404,
  description:
    'No open session with this id, or (for a user) an open session of another user: closed sessions, ' +
    "unknown ids and other users' sessions all answer the same",
  example: 'Not Found',
};
const SYNC_400 = {
  status: 400,
  description:
    'A field that is not a finite number ≥ 0, `timeListened` over 86400 s, a position or duration over a ' +
    "year, an unknown field, or `currentTime` more than 1 s past the session's duration",
  example: 'currentTime 99999 is past the duration (1454.18449 s)',
};
const OK_RESPONSE = {
  content: {
    'text/plain': { schema: { type: 'string' as const, example: OK_TEXT }, example: OK_TEXT },
  },
};

const SYNC_RULES =
  "Positions and durations are seconds. `currentTime` may overshoot the session's duration (the server's " +
  "duration of the item or episode; the client's `duration` is validated and otherwise ignored) by at most " +
  '1 s, and is then stored as the duration. `timeListened` (at most 86400 per request) is credited only up to ' +
  'the wall-clock time since the previous sync plus `PLAYBACK_SYNC_TOLERANCE_SECONDS` (10 s): larger claims ' +
  "are clamped, never refused, and the tolerance is one shared slack for the whole session. The session's " +
  "owner's media progress follows the position (finished when fewer than " +
  '`PLAYBACK_FINISHED_THRESHOLD_SECONDS` remain). A user may only act on their own open sessions (another ' +
  "user's answers 404); operators and admins may act on anyone's, and the progress then moves for the owner.";

export const PlayDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'playAbsItem',
      summary: 'Open a listening session on a book; unknown body fields are ignored',
      description:
        'Starts playback of a book: opens a session for the caller at their saved position (0 when the book is ' +
        'finished or never started) and answers it expanded with its audio tracks and library item. The same ' +
        "user's other open sessions on the same device are closed (the device is `deviceInfo.deviceId`, else " +
        'the user, IP address, User-Agent and client name). The body is optional and lenient: the fields below ' +
        'are type-checked, any other field is ignored. `deviceInfo` is echoed in the session with `ipAddress` ' +
        'added. A podcast needs its episode: use `POST /audiobookshelf/api/items/{id}/play/{episodeId}`.',
    }),
    ApiParam(ITEM_ID),
    ApiBody({ type: PlayItemDto, required: false }),
    ApiOkResponse({ type: PlaybackSessionExpandedDto, description: 'The new open session, expanded' }),
    ApiAbsErrors(
      { status: 400, description: 'A known field of the wrong type, or a body that is not a JSON object' },
      {
        status: 404,
        description:
          'No library item with this id (`Library item not found`), or the item is a podcast (`Episode not found`)',
        example: 'Library item not found',
      },
    ),
  );

export const PlayEpisodeDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'playAbsEpisode',
      summary: 'Open a listening session on a podcast episode; unknown body fields are ignored',
      description:
        'Starts playback of one episode of a podcast, as `POST /audiobookshelf/api/items/{id}/play` does for a ' +
        "book: a session for the caller at their saved position in the episode, expanded with the episode's " +
        "track and the library item; the caller's other open sessions on the same device are closed. The " +
        'optional body is lenient (unknown fields ignored).',
    }),
    ApiParam(ITEM_ID),
    ApiParam(EPISODE_ID),
    ApiBody({ type: PlayItemDto, required: false }),
    ApiOkResponse({ type: PlaybackSessionExpandedDto, description: 'The new open session, expanded' }),
    ApiAbsErrors(
      { status: 400, description: 'A known field of the wrong type, or a body that is not a JSON object' },
      {
        status: 404,
        description:
          'No library item with this id (`Library item not found`), or no such episode in it, or the item is ' +
          'a book (`Episode not found`)',
        example: 'Episode not found',
      },
    ),
  );

export const SyncLocalDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'syncAbsLocalSession',
      summary: 'Upload a local (offline) session; unknown Playback Session fields are ignored',
      description:
        "Stores a session that a client played offline, as the caller's, and moves the caller's media progress " +
        'to its position if it is newer than the stored progress (`progressSynced`). Clients send a whole ' +
        'Playback Session: the fields below are type-checked and every other field (`userId`, `mediaMetadata`, ' +
        '`displayTitle`, `date`, …) is ignored — the owner is the caller, item data comes from the catalogue and ' +
        "`date`/`dayOfWeek` from `APP_TIMEZONE`. `timeListening` is clamped to the session's own span " +
        '(`updatedAt − startedAt`) plus the tolerance; an `updatedAt` in the future counts as now. The id may be ' +
        "new (`play_local_…`, a UUID) or one of the caller's stored sessions: a local one uploaded before, or " +
        'one the server opened (`play_…`) whose syncs failed. A stored session is updated only by a copy that ' +
        'is not older (`updatedAt`): its listening time and position are replaced, clamped to the span from the ' +
        'start the server stored; a server-opened session keeps its player and device and stays open or closed ' +
        'as it is (as upstream), and its later syncs are not credited the uploaded time again. Where upstream ' +
        'answers 500, this answers 400, 404 or 409.',
    }),
    ApiExtraModels(LocalSessionDto),
    ApiBody({
      schema: LOCAL_SESSION_BODY_SCHEMA,
      examples: { seed: { summary: "The seed's local Playback Session", value: SEED_LOCAL_SESSION } },
    }),
    ApiOkResponse({
      type: LocalSyncResultDto,
      description: 'Stored; `success` is always true here',
      example: SEED_LOCAL_SYNC_RESULT,
    }),
    ApiAbsErrors(
      {
        status: 400,
        description:
          'A known field of the wrong type, `updatedAt` before `startedAt`, or `currentTime` past the duration',
        example: 'updatedAt is before startedAt',
      },
      {
        status: 404,
        description:
          'Unknown item or episode (`Library item not found`, `Episode not found`), or an id of another ' +
          "user's session or of a session of another item or episode (`Session id is not available`, the " +
          'same for all)',
        example: 'Session id is not available',
      },
      {
        status: 409,
        description: 'The same new session id is being uploaded concurrently',
        example: 'Local session is already syncing',
      },
    ),
  );

export const SyncLocalAllDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'syncAbsLocalSessions',
      summary: 'Upload several local sessions',
      description:
        'Uploads up to 500 local sessions, each with the rules of `POST /audiobookshelf/api/session/local`. ' +
        'Each one succeeds or fails on its own: the answer has one result per session, in order, with ' +
        '`success: false` and the `error` message (`Library item not found`, `Session id is not available`, …) ' +
        'for those that failed. A field of the wrong type in any session refuses the whole request (400).',
    }),
    ApiBody({
      type: LocalSessionsDto,
      examples: { seed: { summary: "The seed's upload of one local session", value: SEED_LOCAL_SESSIONS } },
    }),
    ApiOkResponse({
      type: LocalSyncResultsDto,
      description: 'One result per uploaded session',
      example: SEED_LOCAL_SYNC_RESULTS,
    }),
    ApiAbsErrors({
      status: 400,
      description:
        '`sessions` missing or not an array of objects, more than 500, or a field of the wrong type',
    }),
  );

export const GetOpenDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsOpenSession',
      summary: 'An open session, with its tracks and item',
      description:
        'An open session expanded with its audio tracks and library item. Users see only their own open ' +
        "sessions; operators and admins see anyone's. A closed session is not found (list it with " +
        '`GET /audiobookshelf/api/me/listening-sessions` or `GET /audiobookshelf/api/sessions`).',
    }),
    ApiParam(SESSION_ID),
    ApiOkResponse({
      type: PlaybackSessionExpandedDto,
      description: 'The open session, expanded',
      example: SEED_OPEN_SESSION,
    }),
    ApiAbsErrors(OPEN_SESSION_404),
  );

export const SyncDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'syncAbsSession',
      summary: 'Sync the position and listening time of an open session',
      description: `Stores the client's playback position and adds the time listened since the previous sync, then answers the session. ${SYNC_RULES}`,
    }),
    ApiParam(SESSION_ID),
    ApiBody({
      type: SyncSessionDto,
      examples: { seed: { summary: "The seed's sync", value: SEED_SYNC_BODY } },
    }),
    ApiOkResponse({ type: PlaybackSessionDto, description: 'The session after the sync' }),
    ApiAbsErrors(SYNC_400, OPEN_SESSION_404),
  );

export const CloseDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'closeAbsSession',
      summary: 'Close an open session, optionally syncing it first',
      description:
        'Closes an open session and answers it (upstream answers an empty 200). An empty body closes without a ' +
        'sync; a body with `currentTime` or `timeListened` syncs first (a missing `currentTime` keeps the ' +
        `position, a missing \`timeListened\` counts as 0). ${SYNC_RULES}`,
    }),
    ApiParam(SESSION_ID),
    ApiBody({
      type: CloseSessionDto,
      required: false,
      examples: {
        seed: { summary: "The seed's close with a final sync", value: SEED_SYNC_BODY },
        empty: { summary: 'Close without a sync', value: {} },
      },
    }),
    ApiOkResponse({ type: PlaybackSessionDto, description: 'The closed session' }),
    ApiAbsErrors(SYNC_400, OPEN_SESSION_404),
  );

export const ListDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listAbsSessions',
      summary: 'All listening sessions (operators and admins; 404 for users, as upstream)',
      description:
        'Every stored session (open, closed and uploaded local ones) of every user, one page at a time: pages ' +
        'are 0-indexed, `itemsPerPage` 1 to 500 (default 10), sorted by `sort` (default `updatedAt`, ascending ' +
        'unless `desc` is `1`/`true`, as upstream). Without `user`, each session carries `user` `{id, username}`; ' +
        "with `user`, only that user's sessions, and `userId` and `userFilter` echo it (`userFilter` is null " +
        'without; `userId` is then absent, as upstream). A page past the last ' +
        'answers an empty `sessions` list. Unknown query parameters, sort keys or flags answer 400.',
    }),
    ApiAbsPage(
      PlaybackSessionDto,
      'sessions',
      {
        userFilter: {
          type: 'string',
          nullable: true,
          description: 'The `user` parameter as given; null without one',
          example: '1',
        },
      },
      'One page of sessions',
      { userId: { type: 'string', description: 'The `user` parameter, only when given', example: '1' } },
    ),
    ApiOkResponse({ example: SEED_SESSION_LIST }),
  );

export const ListOpenDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listAbsOpenSessions',
      summary: 'Open sessions of everyone (operators and admins)',
      description:
        'The sessions open right now, of every user, most recently synced first, each with its `user` ' +
        '`{id, username}`. Paginated like `GET /audiobookshelf/api/sessions` (0-indexed pages, 100 per page by ' +
        "default) beside upstream's `sessions` and `shareSessions` (always empty: the hub has no share links); " +
        'clients reading `sessions` keep working. Sessions not synced for `PLAYBACK_IDLE_TIMEOUT_SECONDS` are ' +
        'closed by the idle sweep.',
    }),
    ApiAbsPage(
      PlaybackSessionDto,
      'sessions',
      {
        shareSessions: {
          type: 'array',
          items: { type: 'object', additionalProperties: true },
          maxItems: 0,
          description: "Upstream's open share-link sessions: always empty",
          example: [],
        },
      },
      'One page of open sessions',
    ),
  );

export const RemoveManyDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'deleteAbsSessions',
      summary: 'Delete several sessions (admin)',
      description:
        'Deletes the listed sessions, open or closed, of any user; ids that do not exist are skipped. Answers ' +
        "`OK` as plain text (upstream's `sendStatus(200)`), or 404 when none of the ids exists.",
    }),
    ApiOkResponse({ description: 'Deleted (ids that did not exist are skipped)', ...OK_RESPONSE }),
    ApiAbsErrors(
      {
        status: 400,
        description:
          '`sessions` missing, empty, over 500 ids, or an id that is not 1-64 letters, digits, `_` or `-`',
      },
      { status: 404, description: 'None of the listed sessions exists' },
    ),
  );

export const RemoveDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'deleteAbsSession',
      summary: 'Delete a session (admin)',
      description:
        "Deletes a session, open or closed, of any user. Answers `OK` as plain text (upstream's " +
        "`sendStatus(200)`). The user's media progress is kept.",
    }),
    ApiParam(SESSION_ID),
    ApiOkResponse({ description: 'Deleted', ...OK_RESPONSE }),
    ApiAbsErrors({ status: 404, description: 'No session with this id' }),
  );

export const ListOwnDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listAbsOwnSessions',
      summary: "The caller's sessions, newest first",
      description:
        "The caller's own sessions (open, closed and uploaded local ones), most recently updated first, one " +
        'page at a time: pages are 0-indexed, `itemsPerPage` 1 to 500 (default 10); a page past the last ' +
        'answers an empty `sessions` list. Any role may call it and sees only their own sessions.',
    }),
    ApiAbsPage(PlaybackSessionDto, 'sessions', {}, "One page of the caller's sessions"),
  );

export const StatsDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsListeningStats',
      summary: "The caller's listening totals",
      description:
        "Sums of the caller's listening time in seconds: all time, per item, per start day and weekday (a " +
        'session counts, whole, on the day it started in `APP_TIMEZONE`), today, and the 10 most recently ' +
        "updated sessions. Only sessions with listening time count; the totals add up to the sessions' " +
        '`timeListening`.',
    }),
    ApiOkResponse({ type: ListeningStatsDto, description: "The caller's totals" }),
  );

export const ProgressDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsItemProgress',
      summary: "The caller's progress in a book",
      description:
        "The caller's media progress in a book, as the last sync, close or local upload left it: position, " +
        "progress 0..1, finished when fewer than `PLAYBACK_FINISHED_THRESHOLD_SECONDS` remained. A podcast's " +
        'progress is per episode: `GET /audiobookshelf/api/me/progress/{libraryItemId}/{episodeId}`.',
    }),
    ApiParam(PROGRESS_PATH_ITEM_ID),
    ApiOkResponse({ type: MediaProgressDto, description: "The caller's progress" }),
    ApiAbsErrors({
      status: 404,
      description: 'The caller has no progress in this item (never synced, or no such item)',
    }),
  );

export const EpisodeProgressDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsEpisodeProgress',
      summary: "The caller's progress in a podcast episode",
      description:
        "The caller's media progress in one podcast episode, as the last sync, close or local upload left it.",
    }),
    ApiParam(PROGRESS_ITEM_ID),
    ApiParam(EPISODE_ID),
    ApiOkResponse({ type: MediaProgressDto, description: "The caller's progress" }),
    ApiAbsErrors({
      status: 404,
      description: 'The caller has no progress in this episode (never synced, or no such item or episode)',
    }),
  );

const PROGRESS_RULES =
  "The caller's progress is created if there is none. `isFinished: true` finishes it (progress 1, `finishedAt` " +
  'set, kept if it was already finished); `isFinished: false` un-finishes a finished item and restarts it ' +
  '(position 0, progress 0). Without `isFinished`, a `currentTime` (or, without one, `progress` × duration) ' +
  'that moves the position follows the rule of syncs: finished when fewer than ' +
  '`PLAYBACK_FINISHED_THRESHOLD_SECONDS` remain, un-finished by an earlier position. A moved position shows ' +
  'the item in continue-listening again unless `hideFromContinueListening` says otherwise. The duration is ' +
  "the catalogue's (the client's `duration` is validated and ignored). The write applies only if its " +
  '`lastUpdate` (default now) is not older than the stored one; an older write still answers `OK`. ' +
  '`ebookLocation` and `ebookProgress` are validated and not stored (the hub serves no ebooks); a body with ' +
  'nothing else stores nothing. Answers `OK` as plain text, as upstream (Android reads it as `{}`).';

const PROGRESS_400 = {
  status: 400,
  description:
    'A field of the wrong type or out of range, an unknown field, `currentTime` more than 1 s past the ' +
    'duration, or a podcast without its episode (`Library item is not a book`)',
  example: 'Library item is not a book',
};
const PROGRESS_404 = {
  status: 404,
  description:
    'No such library item (`Library item not found`), or no such episode in it (`Episode not found`)',
  example: 'Library item not found',
};

export const UpdateProgressDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'updateAbsItemProgress',
      summary: "Set the caller's progress in a book (mark finished, position)",
      description: `${PROGRESS_RULES} A podcast episode's progress: \`PATCH /audiobookshelf/api/me/progress/{libraryItemId}/{episodeId}\`.`,
    }),
    ApiParam(PROGRESS_PATH_ITEM_ID),
    ApiBody({
      type: ProgressUpdateDto,
      required: false,
      examples: {
        finished: { summary: 'Mark finished', value: { isFinished: true } },
        position: { summary: 'A position', value: { currentTime: 636.09262 } },
      },
    }),
    ApiOkResponse({ description: 'Stored (or older than the stored progress)', ...OK_RESPONSE }),
    ApiAbsErrors(PROGRESS_400, PROGRESS_404),
  );

export const UpdateEpisodeProgressDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'updateAbsEpisodeProgress',
      summary: "Set the caller's progress in a podcast episode",
      description: PROGRESS_RULES,
    }),
    ApiParam(PROGRESS_ITEM_ID),
    ApiParam(EPISODE_ID),
    ApiBody({ type: ProgressUpdateDto, required: false }),
    ApiOkResponse({ description: 'Stored (or older than the stored progress)', ...OK_RESPONSE }),
    ApiAbsErrors(PROGRESS_400, PROGRESS_404),
  );

export const UpdateProgressBatchDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'batchUpdateAbsProgress',
      summary: "Set the caller's progress in several items at once, all or nothing",
      description:
        'The web client\'s multi-select "mark finished": a JSON array of changes, each with its ' +
        '`libraryItemId` (and `episodeId` for a podcast) and the fields of ' +
        '`PATCH /audiobookshelf/api/me/progress/{id}`, with the same rules. Up to 500 entries, ' +
        'stored in one transaction: an invalid entry, an unknown item or episode refuses the whole batch and ' +
        'stores nothing (upstream skips such entries). Answers `OK` as plain text.',
    }),
    ApiExtraModels(BatchProgressUpdateDto),
    ApiBody({
      schema: {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        items: { $ref: getSchemaPath(BatchProgressUpdateDto) },
      },
      examples: {
        finished: {
          summary: 'Mark two books finished',
          value: [
            { libraryItemId: 'li_bufnnmp4y5o2gbbxfm', isFinished: true },
            { libraryItemId: 'li_8gch9ve09orgn4fdz8', isFinished: true },
          ],
        },
      },
    }),
    ApiOkResponse({ description: 'All stored', ...OK_RESPONSE }),
    ApiAbsErrors(
      {
        status: 400,
        description:
          'Not an array or an empty one (`Missing request payload`, as upstream), over 500 entries, an ' +
          'invalid entry (`[i] field: message`), or a podcast entry without its episode',
        example: 'Missing request payload',
      },
      PROGRESS_404,
    ),
  );

export const RemoveProgressDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'deleteAbsProgress',
      summary: "Reset (delete) one of the caller's progress rows",
      description:
        "Deletes the caller's progress named by its id (the `id` of a progress in `user.mediaProgress` or " +
        '`GET /audiobookshelf/api/me/progress/{id}`), not by the item id: the item then has no ' +
        "progress (its sessions stay). Another user's progress id is not found. Answers `OK` as plain text.",
    }),
    ApiParam(PROGRESS_ID),
    ApiOkResponse({ description: 'Deleted', ...OK_RESPONSE }),
    ApiAbsErrors({ status: 404, description: 'The caller has no progress with this id' }),
  );

export const HideProgressDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'hideAbsProgressFromContinueListening',
      summary: 'Remove a progress from continue-listening',
      description:
        "Hides one of the caller's progress rows (by progress id) from continue-listening " +
        '(`GET /audiobookshelf/api/me/items-in-progress`): it keeps its position and is listed in ' +
        '`user.mediaProgress` with `hideFromContinueListening: true`, until a sync, a local upload or a write ' +
        "moves its position (as upstream). Hiding a hidden progress changes nothing. Answers the caller's " +
        'user, as upstream.',
    }),
    ApiParam(PROGRESS_ID),
    ApiOkResponse({ type: AbsUserDto, description: 'The caller, with their media progress' }),
    ApiAbsErrors({ status: 404, description: 'The caller has no progress with this id' }),
  );

export const ItemsInProgressDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listAbsItemsInProgress',
      summary: "The caller's items in progress, most recently listened first",
      description:
        "Android Auto's continue shelf: the items (of every library) where the caller has a position past 0, " +
        'not finished and not removed from continue-listening, most recently updated first, at most `limit` ' +
        '(default 25). Each is the library item plus `progressLastUpdate` (epoch ms); a podcast appears once ' +
        'per episode in progress, with that episode as `recentEpisode`. The item is in its full shape (a ' +
        "superset of upstream's minified one).",
    }),
    ApiOkResponse({ type: ItemsInProgressDto, description: "The caller's items in progress" }),
  );

const ITEM_SESSIONS_TEXT =
  'most recently updated first, one page at a time: pages are 0-indexed, `itemsPerPage` 1 to 500 (default ' +
  "10), as `GET /audiobookshelf/api/me/listening-sessions`. Only the caller's sessions.";

export const ListOwnItemSessionsDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listAbsOwnItemSessions',
      summary: "The caller's sessions of a book",
      description: `The caller's sessions (open, closed, uploaded) of one book, ${ITEM_SESSIONS_TEXT} A podcast needs its episode: \`GET /audiobookshelf/api/me/item/listening-sessions/{libraryItemId}/{episodeId}\`.`,
    }),
    ApiParam(PROGRESS_ITEM_ID),
    ApiAbsPage(PlaybackSessionDto, 'sessions', {}, "One page of the caller's sessions of the book"),
    ApiAbsErrors({
      status: 404,
      description:
        'No such library item (`Library item not found`), or it is a podcast (`Episode not found`)',
      example: 'Library item not found',
    }),
  );

export const ListOwnEpisodeSessionsDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listAbsOwnEpisodeSessions',
      summary: "The caller's sessions of a podcast episode",
      description: `The caller's sessions of one podcast episode, ${ITEM_SESSIONS_TEXT}`,
    }),
    ApiParam(PROGRESS_ITEM_ID),
    ApiParam(EPISODE_ID),
    ApiAbsPage(PlaybackSessionDto, 'sessions', {}, "One page of the caller's sessions of the episode"),
    ApiAbsErrors({
      status: 404,
      description:
        'No such library item (`Library item not found`), or no such episode in it, or it is a book ' +
        '(`Episode not found`)',
      example: 'Episode not found',
    }),
  );

export const ListUserSessionsDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'listAbsUserSessions',
      summary: "A user's sessions (operators and admins; 404 for users, as GET /sessions)",
      description:
        "One user's sessions (open, closed, uploaded), most recently updated first, each with its `user` " +
        '`{id, username}` as upstream; paged as `GET /audiobookshelf/api/me/listening-sessions`. Callers ' +
        'below operator are answered 404, as by `GET /audiobookshelf/api/sessions`.',
    }),
    ApiParam(USER_ID),
    ApiAbsPage(PlaybackSessionDto, 'sessions', {}, "One page of the user's sessions"),
    ApiAbsErrors({ status: 404, description: 'No user with this id' }),
  );

export const UserStatsDocs = () =>
  applyDecorators(
    ApiOperation({
      operationId: 'getAbsUserListeningStats',
      summary: "A user's listening totals (operators and admins; 404 for users)",
      description:
        'The listening totals of `GET /audiobookshelf/api/me/listening-stats`, of the user named in the path. ' +
        'Callers below operator are answered 404, as by `GET /audiobookshelf/api/sessions`.',
    }),
    ApiParam(USER_ID),
    ApiOkResponse({ type: ListeningStatsDto, description: "The user's totals" }),
    ApiAbsErrors({ status: 404, description: 'No user with this id' }),
  );
