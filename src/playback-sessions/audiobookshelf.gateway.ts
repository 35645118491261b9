import { Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service';
import { UsersService } from '../auth/users.service';
import { AuthUser, Role } from '../common/auth-user';
import { AppConfig } from '../config/app-config';
import {
  ABS_PROGRESS_UPDATED,
  ABS_SCAN_COMPLETE,
  ABS_SCAN_PROGRESS,
  ABS_SCAN_STARTED,
  ABS_SESSION_CLOSED,
  ABS_SESSION_OPENED,
  ABS_USER_UPDATED,
} from './abs-events';
import type { AbsProgressEvent, AbsScanEvent, AbsSessionEvent, AbsUserEvent } from './abs-events';
import { toAbsSession, toAbsUser, toMediaProgressDto } from './audiobookshelf.mapper';
import type { PlaybackSession } from './entities/playback-session.entity';
import { PlaybackSessionsRepository } from './playback-sessions.repository';

/** The room of one user's sockets, and the room of admins' sockets (stream updates). */
const userRoom = (id: number) => `abs:user:${id}`;
const ADMINS = 'abs:admins';

/** Upstream's `deviceDescription`: what the device says it is. */
function deviceDescription(deviceInfo: string): string {
  try {
    const d = JSON.parse(deviceInfo) as Record<string, unknown>;
    const parts = [d.manufacturer, d.model].filter((p) => typeof p === 'string' && p);
    if (parts.length) return parts.join(' ');
    return typeof d.clientName === 'string' ? d.clientName : 'Unknown device';
  } catch {
    return 'Unknown device';
  }
}

/**
 * Audiobookshelf's socket.io endpoint (`/audiobookshelf/socket.io`, the server address's path + `/socket.io`
 * as the clients build it; websocket and polling, any origin as upstream: the socket is authorised by its
 * token, never by a cookie). A socket sends `auth` with its access token (or passes `auth.token` in the
 * handshake); the token is checked as the HTTP guard checks it (signature, expiry, user, revocation) and
 * the socket joins its user's room (and the admins' room) and gets `init`, or gets `auth_failed`. Events
 * go only to the rooms of the user they concern, so no socket hears another user's progress. With several
 * instances on PostgreSQL, rooms span instances through the socket.io PostgreSQL adapter (HubIoAdapter).
 */
@WebSocketGateway({ path: '/audiobookshelf/socket.io', cors: { origin: '*' } })
export class AudiobookshelfGateway implements OnGatewayConnection {
  private readonly logger = new Logger(AudiobookshelfGateway.name);
  @WebSocketServer() private readonly server!: Server;

  /** One process (SQLite): a room with no socket here has none anywhere, and an event for it costs nothing. */
  private readonly singleInstance: boolean;

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: PlaybackSessionsRepository,
    private readonly users: UsersService,
    config: AppConfig,
  ) {
    this.singleInstance = config.db.type === 'sqlite';
  }

  /**
   * Whether anyone may hear `room` (on PostgreSQL its sockets may be on another instance). No one does in
   * an application context without a socket server (the admin CLI).
   */
  private heard(room: string): boolean {
    if (!this.server) return false;
    return !this.singleInstance || (this.server.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  private emit(room: string, event: string, payload: unknown): void {
    if (this.server) this.server.to(room).emit(event, payload);
  }

  async handleConnection(socket: Socket): Promise<void> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token === 'string') await this.authenticate(socket, token);
  }

  @SubscribeMessage('auth')
  async onAuth(@ConnectedSocket() socket: Socket, @MessageBody() token: unknown): Promise<void> {
    await this.authenticate(socket, token);
  }

  private async authenticate(socket: Socket, token: unknown): Promise<void> {
    const user =
      typeof token === 'string' && token ? await this.auth.userFromCredentials(undefined, token) : false;
    if (!user) {
      socket.emit('auth_failed', { message: 'Invalid token' });
      return;
    }
    const previous = socket.data as { user?: AuthUser };
    if (previous.user && previous.user.id !== user.id) {
      await socket.leave(userRoom(previous.user.id));
      await socket.leave(ADMINS);
    }
    previous.user = user;
    await socket.join(userRoom(user.id));
    const admin = user.role === Role.Admin;
    if (admin) await socket.join(ADMINS);
    socket.emit('init', {
      userId: String(user.id),
      username: user.username,
      ...(admin ? { usersOnline: [] } : {}),
    });
  }

  @OnEvent(ABS_PROGRESS_UPDATED)
  async progressUpdated(event: AbsProgressEvent): Promise<void> {
    if (!this.heard(userRoom(event.userId))) return;
    try {
      const row = await this.sessions.findProgress(event.userId, event.libraryItemId, event.episodeId ?? '');
      if (!row) return;
      const data = toMediaProgressDto(row);
      this.emit(userRoom(event.userId), 'user_item_progress_updated', {
        id: data.id,
        sessionId: event.session?.id ?? null,
        deviceDescription: event.session ? deviceDescription(event.session.deviceInfo) : null,
        data,
      });
    } catch (error) {
      this.logger.warn(`progress update not relayed: ${(error as Error).message}`);
    }
  }

  /** Upstream's `user_updated`: the user's JSON (with its media progress) after a progress write. */
  @OnEvent(ABS_USER_UPDATED)
  async userUpdated({ userId }: AbsUserEvent): Promise<void> {
    if (!this.heard(userRoom(userId))) return;
    try {
      const user = await this.users.findById(userId);
      if (user)
        this.emit(userRoom(userId), 'user_updated', toAbsUser(user, await this.sessions.progressOf(userId)));
    } catch (error) {
      this.logger.warn(`user update not relayed: ${(error as Error).message}`);
    }
  }

  @OnEvent(ABS_SESSION_OPENED)
  sessionOpened({ session }: AbsSessionEvent): void {
    this.streamUpdate(session, true);
  }

  @OnEvent(ABS_SESSION_CLOSED)
  sessionClosed({ session }: AbsSessionEvent): void {
    this.emit(userRoom(session.userId), 'user_session_closed', session.id);
    this.streamUpdate(session, false);
  }

  /** Admins follow library scans as upstream's web client does (`scan_start`, `scan_progress`, `scan_complete`). */
  @OnEvent(ABS_SCAN_STARTED)
  scanStarted(scan: AbsScanEvent): void {
    this.emit(ADMINS, 'scan_start', { ...scan, type: 'scan', name: scan.libraryName });
  }

  @OnEvent(ABS_SCAN_PROGRESS)
  scanProgress(scan: AbsScanEvent): void {
    if (this.heard(ADMINS))
      this.emit(ADMINS, 'scan_progress', { ...scan, type: 'scan', name: scan.libraryName });
  }

  @OnEvent(ABS_SCAN_COMPLETE)
  scanComplete(scan: AbsScanEvent): void {
    this.emit(ADMINS, 'scan_complete', { ...scan, type: 'scan', name: scan.libraryName });
  }

  /** Admins see who is listening: the user with their open session, or none. */
  private streamUpdate(session: PlaybackSession, open: boolean): void {
    this.emit(ADMINS, 'user_stream_update', {
      id: String(session.userId),
      session: open ? toAbsSession(session) : null,
    });
  }
}
