import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.setup';
import { bearer, TestApp, TestUser } from '../utils/test-app';

export const NIGHT_VALE_DURATION = 1454.18449;

/**
 * Stores a playback session with plain SQL, as rows stored before a migration are (`q` runs it on a
 * DataSource whose migrations stop before the one under test).
 */
export function insertRawSession(
  q: { query: (sql: string) => Promise<unknown>; options: { type: string } },
  row: { id: string; userId: number; itemId: string; date: string; seconds: number },
) {
  const f = q.options.type === 'postgres' ? 'FALSE' : '0';
  return q.query(
    `INSERT INTO abs_playback_sessions (id, user_id, library_id, library_item_id, episode_id, media_type,
       media_metadata, chapters, display_title, display_author, cover_path, duration, play_method, media_player,
       device_info, device_key, date, day_of_week, time_listening, start_position, current_position, started_at,
       updated_at, credited_until, is_open, is_local, closed_at)
     VALUES ('${row.id}', ${row.userId}, 'lib', '${row.itemId}', NULL, 'book', '{}', '[]', 'T', NULL, NULL, 600, 0,
       'html5', '{}', NULL, '${row.date}', 'Friday', ${row.seconds}, 0, 0, 1, 1, 1, ${f}, ${f}, 1)`,
  );
}

/** The seed's podcast metadata. */
export const NIGHT_VALE_METADATA = {
  title: 'Welcome to Night Vale',
  author: 'Night Vale Presents',
  description:
    '\n      Twice-monthly community updates for the small desert town of Night Vale, where every conspiracy theory is true.\n    ',
  releaseDate: '2022-10-20T19:00:00Z',
  genres: ['Science Fiction', 'Podcasts', 'Fiction'],
  feedUrl: 'http://feeds.nightvalepresents.com/welcometonightvalepodcast',
  imageUrl: 'https://is4-ssl.mzstatic.com/image/thumb/Podcasts125/v4/4a/31/35/600x600bb.jpg',
  itunesPageUrl: 'https://podcasts.apple.com/us/podcast/welcome-to-night-vale/id536258179?uo=4',
  itunesId: 536258179,
  itunesArtistId: 718704794,
  explicit: false,
};

export interface Catalogue {
  podcastLibraryId: string;
  podcastId: string;
  episodeId: string;
  bookLibraryId: string;
  bookId: string;
  /** Total of the book's two tracks. */
  bookDuration: number;
}

/** A podcast library with the seed's Night Vale pilot, and a book library with a two-track book. */
export async function makeCatalogue(t: TestApp): Promise<Catalogue> {
  const admin = await t.admin();
  const post = (path: string, body: object) =>
    t.http.post(`/audiobookshelf/api${path}`).set('Authorization', bearer(admin)).send(body).expect(200);
  const podcasts = await post('/libraries', { name: 'Podcasts', mediaType: 'podcast' });
  const podcast = await post(`/libraries/${podcasts.body.id}/items`, {
    media: {
      metadata: NIGHT_VALE_METADATA,
      coverPath: '/metadata/items/nightvale/cover.jpg',
      episodes: [
        {
          title: '1 - Pilot',
          pubDate: 'Fri, 15 Jun 2012 12:00:00 -0000',
          audioFile: { filename: '1 - Pilot.mp3', duration: NIGHT_VALE_DURATION, size: 23653735 },
        },
      ],
    },
  });
  const books = await post('/libraries', { name: 'Audiobooks', mediaType: 'book' });
  const book = await post(`/libraries/${books.body.id}/items`, {
    media: {
      metadata: { title: 'The Hobbit', author: 'J. R. R. Tolkien', genres: ['Fantasy'] },
      audioFiles: [
        { filename: 'part1.mp3', duration: 1000 },
        { filename: 'part2.m4b', duration: 500.5 },
      ],
    },
  });
  return {
    podcastLibraryId: podcasts.body.id,
    podcastId: podcast.body.id,
    episodeId: podcast.body.media.episodes[0].id,
    bookLibraryId: books.body.id,
    bookId: book.body.id,
    bookDuration: 1500.5,
  };
}

/** The seed's local session (`POST /api/session/local`), pointed at our Night Vale item. */
export function seedLocalSession(c: Catalogue, overrides: Record<string, unknown> = {}) {
  return {
    id: 'play_local_i00492kps6ow4axlvq',
    userId: 'root',
    libraryId: c.podcastLibraryId,
    libraryItemId: c.podcastId,
    episodeId: c.episodeId,
    mediaType: 'podcast',
    mediaMetadata: { ...NIGHT_VALE_METADATA, language: null },
    chapters: [],
    displayTitle: '1 - Pilot',
    displayAuthor: 'Night Vale Presents',
    coverPath: '/metadata/items/li_bufnnmp4y5o2gbbxfm/cover.jpg',
    duration: NIGHT_VALE_DURATION,
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
    timeListening: 20,
    startTime: 616.291374,
    currentTime: 636.09262,
    startedAt: 1668580247687,
    updatedAt: 1668580396623,
    ...overrides,
  };
}

/** The seed's sync body. */
export const SEED_SYNC = { currentTime: 636.09262, timeListened: 5, duration: NIGHT_VALE_DURATION };

export function abs(t: { http: TestAgent }, user: TestUser) {
  const auth = bearer(user);
  return {
    get: (path: string) => t.http.get(`/audiobookshelf/api${path}`).set('Authorization', auth),
    post: (path: string, body?: unknown) => {
      const req = t.http.post(`/audiobookshelf/api${path}`).set('Authorization', auth);
      return body === undefined ? req : req.send(body as object);
    },
    patch: (path: string, body?: unknown) => {
      const req = t.http.patch(`/audiobookshelf/api${path}`).set('Authorization', auth);
      return body === undefined ? req : req.send(body as object);
    },
    delete: (path: string) => t.http.delete(`/audiobookshelf/api${path}`).set('Authorization', auth),
  };
}

export interface ExtraInstance {
  app: NestExpressApplication;
  http: TestAgent;
}

/**
 * Another instance of the app on an existing database (the env of a test app): a restart, or a second
 * server behind the same load balancer. The caller closes it; the database stays.
 */
export async function startInstance(env: Record<string, string>): Promise<ExtraInstance> {
  const app = await createApp({ env });
  return { app, http: request(app.getHttpServer()) };
}
