/**
 * Examples from the Audiobookshelf seed document (Sessions chapter), shown in the OpenAPI spec on the
 * routes they describe. Request bodies are the seed verbatim (a local upload sends a whole Playback
 * Session; the fields we do not read, such as `userId`, are ignored). In responses `userId` and
 * `userFilter` are `"1"`: our user ids are integers rendered as strings, so upstream's `"root"` would
 * match no user here. test/contract/abs-examples.e2e-spec.ts validates every example against its schema.
 */

/** The seed's podcast metadata as a session carries it (`mediaMetadata`). */
const SEED_MEDIA_METADATA = {
  title: 'Welcome to Night Vale',
  author: 'Night Vale Presents',
  description:
    "\n      Twice-monthly community updates for the small desert town of Night Vale, where every conspiracy theory is true. Turn on your radio and hide. Never listened before? It's an ongoing radio show. Start with the current episode, and you'll catch on in no time. Or, go right to Episode 1 if you wanna binge-listen.\n    ",
  releaseDate: '2022-10-20T19:00:00Z',
  genres: ['Science Fiction', 'Podcasts', 'Fiction'],
  feedUrl: 'http://feeds.nightvalepresents.com/welcometonightvalepodcast',
  imageUrl:
    'https://is4-ssl.mzstatic.com/image/thumb/Podcasts125/v4/4a/31/35/4a3135d0-1fe7-a2d7-fb43-d182ec175402/mza_8232698753950666850.jpg/600x600bb.jpg',
  itunesPageUrl: 'https://podcasts.apple.com/us/podcast/welcome-to-night-vale/id536258179?uo=4',
  itunesId: 536258179,
  itunesArtistId: 718704794,
  explicit: false,
  language: null,
};

/** `POST /session/:id/sync` and `/close` body. */
export const SEED_SYNC_BODY = {
  currentTime: 636.09262,
  timeListened: 5,
  duration: 1454.18449,
};

/** The seed's open Night Vale session ("Get an Open Session"); the other session examples vary it. */
const SEED_PLAYBACK_SESSION = {
  id: 'play_i00492kps6ow4axlvq',
  userId: '1',
  libraryId: 'lib_p9wkw2i85qy9oltijt',
  libraryItemId: 'li_bufnnmp4y5o2gbbxfm',
  episodeId: 'ep_lh6ko39pumnrma3dhv',
  mediaType: 'podcast',
  mediaMetadata: SEED_MEDIA_METADATA,
  chapters: [],
  displayTitle: '1 - Pilot',
  displayAuthor: 'Night Vale Presents',
  coverPath: '/metadata/items/li_bufnnmp4y5o2gbbxfm/cover.jpg',
  duration: 1454.18449,
  playMethod: 0,
  mediaPlayer: 'html5',
  deviceInfo: {
    ipAddress: '192.168.1.118',
    browserName: 'Firefox',
    browserVersion: '106.0',
    osName: 'Linux',
    osVersion: 'x86_64',
    serverVersion: '2.2.4',
  },
  date: '2022-11-16',
  dayOfWeek: 'Wednesday',
  timeListening: 15,
  startTime: 616.291374,
  currentTime: 631.09262,
  startedAt: 1668580247687,
  updatedAt: 1668580396623,
};

/** `POST /session/local` body: a whole local Playback Session. */
export const SEED_LOCAL_SESSION = {
  ...SEED_PLAYBACK_SESSION,
  id: 'play_local_i00492kps6ow4axlvq',
  userId: 'root',
  timeListening: 20,
  currentTime: 636.09262,
};

/** `POST /session/local-all` body. */
export const SEED_LOCAL_SESSIONS = { sessions: [SEED_LOCAL_SESSION] };

/** `POST /session/local-all` answer. */
export const SEED_LOCAL_SYNC_RESULTS = {
  results: [
    {
      id: 'play_local_i00492kps6ow4axlvq',
      success: true,
      progressSynced: true,
    },
  ],
};

/** `POST /session/local` answer (one result of the above). */
export const SEED_LOCAL_SYNC_RESULT = SEED_LOCAL_SYNC_RESULTS.results[0];

/** A session as lists show it (here with a `user` filter, so without `user`). */
const SEED_LIST_SESSION = {
  ...SEED_PLAYBACK_SESSION,
  id: 'play_4oq00chunexu9s03jw',
  deviceInfo: { ...SEED_PLAYBACK_SESSION.deviceInfo, serverVersion: '2.2.3' },
  date: '2022-11-13',
  dayOfWeek: 'Sunday',
  startTime: 596.779402,
  currentTime: 611.590717,
  startedAt: 1668330137087,
  updatedAt: 1668330152157,
};

/** `GET /sessions?user=1&itemsPerPage=1` answer. */
export const SEED_SESSION_LIST = {
  total: 37,
  numPages: 37,
  page: 0,
  itemsPerPage: 1,
  sessions: [SEED_LIST_SESSION],
  userFilter: '1',
};

/** The seed's one audio track, as the episode and the expanded session both show it. */
const SEED_AUDIO_TRACK = {
  index: 1,
  startOffset: 0,
  duration: 1454.18449,
  title: '1 - Pilot.mp3',
  contentUrl: '/s/item/li_bufnnmp4y5o2gbbxfm/1 - Pilot.mp3',
  mimeType: 'audio/mpeg',
  metadata: {
    filename: '1 - Pilot.mp3',
    ext: '.mp3',
    path: '/podcasts/Welcome to Night Vale/1 - Pilot.mp3',
    relPath: '1 - Pilot.mp3',
    size: 23653735,
    mtimeMs: 1667326682557,
    ctimeMs: 1667326682557,
    birthtimeMs: 1667326679508,
  },
};

/** The seed's library item (the Night Vale podcast), as the expanded session embeds it. */
const SEED_LIBRARY_ITEM = {
  id: 'li_bufnnmp4y5o2gbbxfm',
  ino: '652',
  libraryId: 'lib_p9wkw2i85qy9oltijt',
  folderId: 'fol_crxarzs17jtw5k7ie9',
  path: '/podcasts/Welcome to Night Vale',
  relPath: 'Welcome to Night Vale',
  isFile: false,
  mtimeMs: 1668124892694,
  ctimeMs: 1668124892694,
  birthtimeMs: 1667326662083,
  addedAt: 1667326662087,
  updatedAt: 1668157565937,
  lastScan: 1668234374487,
  scanVersion: '2.2.2',
  isMissing: false,
  isInvalid: false,
  mediaType: 'podcast',
  media: {
    libraryItemId: 'li_bufnnmp4y5o2gbbxfm',
    metadata: {
      title: 'Welcome to Night Vale',
      titleIgnorePrefix: 'Welcome to Night Vale',
      author: 'Night Vale Presents',
      description:
        "\n      Twice-monthly community updates for the small desert town of Night Vale, where every conspiracy theory is true. Turn on your radio and hide. Never listened before? It's an ongoing radio show. Start with the current episode, and you'll catch on in no time. Or, go right to Episode 1 if you wanna binge-listen.\n    ",
      releaseDate: '2022-10-20T19:00:00Z',
      genres: ['Science Fiction', 'Podcasts', 'Fiction'],
      feedUrl: 'http://feeds.nightvalepresents.com/welcometonightvalepodcast',
      imageUrl:
        'https://is4-ssl.mzstatic.com/image/thumb/Podcasts125/v4/4a/31/35/4a3135d0-1fe7-a2d7-fb43-d182ec175402/mza_8232698753950666850.jpg/600x600bb.jpg',
      itunesPageUrl: 'https://podcasts.apple.com/us/podcast/welcome-to-night-vale/id536258179?uo=4',
      itunesId: 536258179,
      itunesArtistId: 718704794,
      explicit: false,
      language: null,
    },
    coverPath: '/metadata/items/li_bufnnmp4y5o2gbbxfm/cover.jpg',
    tags: [],
    episodes: [
      {
        libraryItemId: 'li_bufnnmp4y5o2gbbxfm',
        id: 'ep_lh6ko39pumnrma3dhv',
        index: 1,
        season: '',
        episode: '',
        episodeType: 'full',
        title: '1 - Pilot',
        subtitle:
          'Pilot Episode. A new dog park opens in Night Vale. Carlos, a scientist, visits and discovers some interesting things. Seismic things. Plus, a helpful guide to surveillance helicopter-spotting. Weather: "These and More Than These" by Joseph Fink Music:...',
        description:
          '<div><br>Pilot Episode. A new dog park opens in Night Vale. Carlos, a scientist, visits and discovers some interesting things. Seismic things. Plus, a helpful guide to surveillance helicopter-spotting.<br><br></div><div><br>Weather: "These and More Than These" by Joseph Fink<br><br></div><div><br>Music: Disparition, disparition.info<br><br></div><div><br>Logo: Rob Wilson, silastom.com<br><br></div><div><br>Produced by Night Vale Presents. Written by Joseph Fink and Jeffrey Cranor. Narrated by Cecil Baldwin. More Info: welcometonightvale.com, and follow @NightValeRadio on Twitter or Facebook.<br><br></div>',
        enclosure: {
          url: 'https://www.podtrac.com/pts/redirect.mp3/dovetail.prxu.org/_/126/1fadf1ad-aad8-449f-843b-6e8bb6949622/1_Pilot.mp3',
          type: 'audio/mpeg',
          length: '20588611',
        },
        pubDate: 'Fri, 15 Jun 2012 12:00:00 -0000',
        audioFile: {
          index: 1,
          ino: '22587',
          metadata: {
            filename: '1 - Pilot.mp3',
            ext: '.mp3',
            path: '/podcasts/Welcome to Night Vale/1 - Pilot.mp3',
            relPath: '1 - Pilot.mp3',
            size: 23653735,
            mtimeMs: 1667326682557,
            ctimeMs: 1667326682557,
            birthtimeMs: 1667326679508,
          },
          addedAt: 1667326682605,
          updatedAt: 1668234380150,
          trackNumFromMeta: null,
          discNumFromMeta: null,
          trackNumFromFilename: null,
          discNumFromFilename: null,
          manuallyVerified: false,
          invalid: false,
          exclude: false,
          error: null,
          format: 'MP2/3 (MPEG audio layer 2/3)',
          duration: 1454.18449,
          bitRate: 128000,
          language: null,
          codec: 'mp3',
          timeBase: '1/14112000',
          channels: 2,
          channelLayout: 'stereo',
          chapters: [],
          embeddedCoverArt: 'mjpeg',
          metaTags: {
            tagAlbum: 'Welcome to Night Vale',
            tagArtist: 'Night Vale Presents',
            tagGenre: 'Podcast',
            tagTitle: '1 - Pilot',
            tagDate: '2012',
            tagEncoder: 'Lavf58.45.100',
          },
          mimeType: 'audio/mpeg',
        },
        audioTrack: SEED_AUDIO_TRACK,
        publishedAt: 1339761600000,
        addedAt: 1667326679503,
        updatedAt: 1667428186431,
        duration: 1454.18449,
        size: 23653735,
      },
    ],
    autoDownloadEpisodes: false,
    autoDownloadSchedule: '0 0 * * 1',
    lastEpisodeCheck: 1667326662087,
    maxEpisodesToKeep: 0,
    maxNewEpisodesToDownload: 3,
    size: 23653735,
  },
  libraryFiles: [
    {
      ino: '22587',
      metadata: {
        filename: '1 - Pilot.mp3',
        ext: '.mp3',
        path: '/podcasts/Welcome to Night Vale/1 - Pilot.mp3',
        relPath: '1 - Pilot.mp3',
        size: 23653735,
        mtimeMs: 1667326682557,
        ctimeMs: 1667326682557,
        birthtimeMs: 1667326679508,
      },
      addedAt: 1667326682561,
      updatedAt: 1667326682561,
      fileType: 'audio',
    },
    {
      ino: '10113',
      metadata: {
        filename: 'cover.jpg',
        ext: '.jpg',
        path: '/podcasts/Welcome to Night Vale/cover.jpg',
        relPath: 'cover.jpg',
        size: 52993,
        mtimeMs: 1667326662178,
        ctimeMs: 1667326662184,
        birthtimeMs: 1667326662090,
      },
      addedAt: 1667327311529,
      updatedAt: 1667327311529,
      fileType: 'image',
    },
  ],
  size: 23706728,
};

/** `GET /session/:id` answer: the open session with its tracks and item. */
export const SEED_OPEN_SESSION = {
  ...SEED_PLAYBACK_SESSION,
  audioTracks: [SEED_AUDIO_TRACK],
  videoTrack: null,
  libraryItem: SEED_LIBRARY_ITEM,
};
