/**
 * Audiobookshelf realtime (issue 15 item 5, CLIENTS.md 2.10): socket.io at `/audiobookshelf/socket.io`, the
 * websocket transport without upgrade as the clients connect, the `auth` event with the access token →
 * `init` (or `auth_failed`), then `user_item_progress_updated` after a sync, `user_session_closed` after a
 * close, `user_stream_update` and the scan events to admins; nothing reaches another user's socket. With two instances on
 * PostgreSQL a sync on one reaches a socket on the other (the socket.io PostgreSQL adapter); on SQLite
 * (one process) events stay in the instance that made them.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { io, Socket } from 'socket.io-client';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { Role } from '../../src/common/auth-user';
import { makeCatalogue, Catalogue } from '../playback-sessions/abs-helpers';
import { bearer, startTestApp, TestApp, TestUser } from '../utils/test-app';
import { put, wavFile } from './audio-fixtures';

const onPostgres = !!process.env.TEST_DATABASE_URL;

/** The next `event` on `socket` (rejects after `ms`). */
function next<T = unknown>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Collects every `event` on `socket`. */
function collect<T = unknown>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Audiobookshelf realtime (e2e)', () => {
  let t: TestApp;
  let base: string;
  let c: Catalogue;
  let alice: TestUser;
  let bob: TestUser;
  const sockets: Socket[] = [];

  /** A socket connected as the clients connect (websocket only, no upgrade), authenticated with `token`. */
  async function connect(url: string, token: string | null): Promise<Socket> {
    const socket = io(url, {
      path: '/audiobookshelf/socket.io',
      transports: ['websocket'],
      upgrade: false,
      reconnection: false,
    });
    sockets.push(socket);
    await next(socket, 'connect');
    if (token !== null) {
      const init = next<{ userId: string; username: string }>(socket, 'init');
      socket.emit('auth', token);
      await init;
    }
    return socket;
  }

  beforeAll(async () => {
    t = await startTestApp({ JWT_EXPIRES_IN: '3600' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    c = await makeCatalogue(t);
    alice = await t.makeUser({ role: Role.User });
    bob = await t.makeUser({ role: Role.User });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  const play = async (user: TestUser, device: string) =>
    (
      await t.http
        .post(`/audiobookshelf/api/items/${c.bookId}/play`)
        .set('Authorization', bearer(user))
        .send({
          mediaPlayer: 'exo-player',
          deviceInfo: { deviceId: device, manufacturer: 'Google', model: 'Pixel 8' },
        })
        .expect(200)
    ).body.id as string;

  it('answers auth with init, and a bad or missing token with auth_failed', async () => {
    const socket = await connect(base, null);
    const init = next<{ userId: string; username: string; usersOnline?: unknown }>(socket, 'init');
    socket.emit('auth', alice.token);
    expect(await init).toEqual({ userId: String(alice.id), username: alice.username });
    const bad = await connect(base, null);
    const failed = next<{ message: string }>(bad, 'auth_failed');
    bad.emit('auth', 'not-a-token');
    expect(await failed).toEqual({ message: expect.any(String) });
    const refresh = await t.http
      .post('/audiobookshelf/login')
      .set('x-return-tokens', 'true')
      .send({ username: alice.username, password: alice.password })
      .expect(200);
    const refreshOnly = await connect(base, null);
    const refused = next(refreshOnly, 'auth_failed');
    refreshOnly.emit('auth', refresh.body.user.refreshToken);
    await refused;
    const admin = await connect(base, null);
    const adminInit = next<{ usersOnline?: unknown }>(admin, 'init');
    admin.emit('auth', (await t.admin()).token);
    expect((await adminInit).usersOnline).toEqual([]);
  });

  it('tells the owner of a sync, and no one else; tells the owner and admins of a close', async () => {
    const mine = await connect(base, alice.token);
    const theirs = await connect(base, bob.token);
    const admin = await connect(base, (await t.admin()).token);
    const bobHeard = collect(theirs, 'user_item_progress_updated');
    const streams = collect<{ id: string; session: { id: string } | null }>(admin, 'user_stream_update');
    const sid = await play(alice, 'pixel-1');
    await pause(1100);
    const progress = next<{
      id: string;
      sessionId: string;
      deviceDescription: string;
      data: Record<string, unknown>;
    }>(mine, 'user_item_progress_updated');
    await t.http
      .post(`/audiobookshelf/api/session/${sid}/sync`)
      .set('Authorization', bearer(alice))
      .send({ timeListened: 1, currentTime: 42.5, duration: c.bookDuration })
      .expect(200);
    expect(await progress).toEqual({
      id: expect.stringMatching(/^mp_\d+$/),
      sessionId: sid,
      deviceDescription: 'Google Pixel 8',
      data: expect.objectContaining({ libraryItemId: c.bookId, currentTime: 42.5, isFinished: false }),
    });
    const closed = next<string>(mine, 'user_session_closed');
    await t.http
      .post(`/audiobookshelf/api/session/${sid}/close`)
      .set('Authorization', bearer(alice))
      .expect(200);
    expect(await closed).toBe(sid);
    await pause(200);
    expect(bobHeard).toEqual([]);
    expect(streams).toEqual([
      { id: String(alice.id), session: expect.objectContaining({ id: sid }) },
      { id: String(alice.id), session: null },
    ]);
  });

  it('tells the owner of an offline upload that moved their progress', async () => {
    const mine = await connect(base, alice.token);
    const progress = next<{ sessionId: string | null; data: { currentTime: number } }>(
      mine,
      'user_item_progress_updated',
    );
    const now = Date.now();
    const res = await t.http
      .post('/audiobookshelf/api/session/local-all')
      .set('Authorization', bearer(alice))
      .send({
        sessions: [
          {
            id: 'play_local_rt1',
            libraryItemId: c.bookId,
            timeListening: 30,
            startTime: 0,
            currentTime: 77,
            startedAt: now - 60_000,
            updatedAt: now,
          },
        ],
        deviceInfo: { deviceId: 'ios-1' },
      })
      .expect(200);
    expect(res.body.results[0]).toMatchObject({ success: true, progressSynced: true });
    expect(await progress).toMatchObject({ sessionId: null, data: { currentTime: 77 } });
  });

  it('sends user_updated with the new media progress after a progress write, to that user only', async () => {
    const mine = await connect(base, alice.token);
    const theirs = await connect(base, bob.token);
    const bobHeard = collect(theirs, 'user_updated');
    const updated = next<{ id: string; mediaProgress: { libraryItemId: string; isFinished: boolean }[] }>(
      mine,
      'user_updated',
    );
    await t.http
      .patch(`/audiobookshelf/api/me/progress/${c.bookId}`)
      .set('Authorization', bearer(alice))
      .send({ isFinished: true })
      .expect(200);
    const user = await updated;
    expect(user.id).toBe(String(alice.id));
    expect(user.mediaProgress.find((p) => p.libraryItemId === c.bookId)?.isFinished).toBe(true);
    await pause(100);
    expect(bobHeard).toEqual([]);
  });

  it('tells admins of a library scan (scan_start, scan_progress, scan_complete), and users nothing', async () => {
    const admin = await connect(base, (await t.admin()).token);
    const user = await connect(base, alice.token);
    const userHeard = collect(user, 'scan_complete');
    const progress = collect<{ done: number; total: number }>(admin, 'scan_progress');
    const folder = `rt-books-${Date.now()}`;
    put(join(t.env.MEDIA_DIR, folder, 'Ann', 'Book', '01.wav'), wavFile(1, { album: 'Book' }));
    const start = next<{ libraryId: string; type: string }>(admin, 'scan_start');
    const complete = next<{ libraryId: string; results: { added: number } }>(admin, 'scan_complete');
    const library = await t.http
      .post('/audiobookshelf/api/libraries')
      .set('Authorization', bearer(await t.admin()))
      .send({ name: 'Realtime', mediaType: 'book', folders: [{ fullPath: folder }] })
      .expect(200);
    expect(await start).toMatchObject({ libraryId: library.body.id, type: 'scan', name: 'Realtime' });
    expect((await complete).results).toMatchObject({ added: 1, updated: 0, missing: 0 });
    expect(progress).toEqual([expect.objectContaining({ done: 1, total: 1 })]);
    await pause(100);
    expect(userHeard).toEqual([]);
  });

  it(
    onPostgres
      ? 'relays a sync made on another instance to the socket (PostgreSQL adapter)'
      : 'keeps events in the instance that made them (SQLite: one process)',
    async () => {
      const second: NestExpressApplication = await createApp({ env: t.env });
      await second.listen(0, '127.0.0.1');
      try {
        const mine = await connect(base, alice.token);
        const heard = collect<{ data: { currentTime: number } }>(mine, 'user_item_progress_updated');
        const other = request(second.getHttpServer());
        const sid = (
          await other
            .post(`/audiobookshelf/api/items/${c.bookId}/play`)
            .set('Authorization', bearer(alice))
            .send({ deviceInfo: { deviceId: 'pixel-2' } })
            .expect(200)
        ).body.id as string;
        await pause(1100);
        await other
          .post(`/audiobookshelf/api/session/${sid}/sync`)
          .set('Authorization', bearer(alice))
          .send({ timeListened: 1, currentTime: 99, duration: c.bookDuration })
          .expect(200);
        for (let i = 0; i < (onPostgres ? 50 : 15) && heard.length === 0; i++) await pause(100);
        if (onPostgres) expect(heard.map((h) => h.data.currentTime)).toEqual([99]);
        else expect(heard).toEqual([]);
      } finally {
        await second.close();
      }
    },
    20_000,
  );
});
