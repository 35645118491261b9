import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { SESSION_STARTED, SESSION_STOPPED, SessionLifecycleEvent } from '../common/domain-events';
import { ConflictError } from '../common/errors';
import { Micros, nowMicros } from '../common/time';
import { Sql } from '../database/sql';
import { Session, SessionType } from './entities/session.entity';

export interface NewSession {
  projectId: number;
  sessionType?: SessionType;
  deviceId?: string | null;
  clientType?: string | null;
  clientSystem?: string | null;
  languageId?: number | null;
  timezone?: string | null;
  geoListenEnabled?: boolean;
  demoStreamEnabled?: boolean;
}

/**
 * Starting and stopping the one Session, whichever surface asks. Each committed start or stop is
 * published as a domain event (SESSION_STARTED / SESSION_STOPPED), which the Events module records as
 * `start_session` / `stop_session`; this module does not know who listens.
 */
@Injectable()
export class SessionLifecycle {
  private readonly logger = new Logger(SessionLifecycle.name);

  private readonly toSession: (row: Record<string, unknown>) => Session;

  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly events: EventEmitter2,
    private readonly sql: Sql,
  ) {
    this.toSession = sql.rowMapper(Session);
  }

  /** Starts a session owned by `auth` (the caller has already been checked against the project). */
  async start(auth: AuthUser, fields: NewSession): Promise<Session> {
    const now = nowMicros();
    // One INSERT … RETURNING through Sql: atomic by itself, no transaction (a save() transaction on the
    // one connection TypeORM shares on SQLite made concurrent starts nest savepoints into one long
    // transaction), and no re-read of the row.
    const row = await this.sql.one<Record<string, unknown>>(
      `INSERT INTO sessions (project_id, owner_id, ended_by_id, start_time, stop_time, is_active, session_type,
         device_id, client_type, client_system, language_id, timezone, geo_listen_enabled, demo_stream_enabled,
         created_by_id, created_at, modified_by_id, modified_at)
       VALUES (?, ?, NULL, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      [
        fields.projectId,
        auth.id,
        now,
        true,
        fields.sessionType ?? 'development',
        fields.deviceId ?? null,
        fields.clientType ?? null,
        fields.clientSystem ?? null,
        fields.languageId ?? null,
        fields.timezone ?? null,
        fields.geoListenEnabled ?? false,
        fields.demoStreamEnabled ?? false,
        auth.id,
        now,
        auth.id,
        now,
      ],
    );
    const session = this.toSession(row!);
    await this.publish(SESSION_STARTED, { sessionId: session.id, userId: auth.id, at: now });
    return session;
  }

  /**
   * Ends a running session at `at` (default now). The update is conditional on the session still
   * running, so of two concurrent stops (on any instance) exactly one wins; the other gets 409.
   */
  async stop(auth: AuthUser, session: Session, at: Micros = nowMicros()): Promise<Session> {
    const modifiedAt = nowMicros();
    const result = await this.sessions
      .createQueryBuilder()
      .update(Session)
      .set({ isActive: false, stopTime: at, endedById: auth.id, modifiedById: auth.id, modifiedAt })
      .where('id = :id AND is_active = :active', { id: session.id, active: true })
      .execute();
    if (!result.affected) throw new ConflictError('This session has already been stopped.');
    await this.publish(SESSION_STOPPED, { sessionId: session.id, userId: auth.id, at });
    return Object.assign(session, {
      isActive: false,
      stopTime: at,
      endedById: auth.id,
      modifiedById: auth.id,
      modifiedAt,
    });
  }

  /**
   * Publishes after the write committed and waits for the listeners, so the event is recorded when the
   * response is sent. A failing listener is logged; it does not turn a committed start/stop into an error.
   */
  private async publish(name: string, payload: SessionLifecycleEvent): Promise<void> {
    try {
      await this.events.emitAsync(name, payload);
    } catch (err) {
      this.logger.error(
        { err, event: name, sessionId: payload.sessionId },
        'A session event listener failed',
      );
    }
  }
}
