import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuthUser } from '../common/auth-user';
import { SESSION_STARTED, SESSION_STOPPED, SessionLifecycleEvent } from '../common/domain-events';
import { ConflictError } from '../common/errors';
import { Micros, nowMicros } from '../common/time';
import type { SqlPlan } from '../database/sql';
import { Session, SessionType } from './entities/session.entity';
import { SessionsRepository } from './sessions.repository';

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
 * The statements another module adds to a start or stop, run in its transaction: the Events module's
 * `start_session` / `stop_session` rows, which must exist exactly when the start or stop does.
 */
export type SessionRecorder = (sessionId: number, change: 'start' | 'stop', at: Micros) => SqlPlan<unknown>;

/**
 * Starting and stopping the one Session, whichever surface asks. The recorder registered with
 * `recordWith` (the Events module's) writes its rows in the same transaction, so a start and its
 * `start_session` event commit together, once. Each committed start or stop is then published as a
 * domain event (SESSION_STARTED / SESSION_STOPPED); this module does not know who records or listens.
 */
@Injectable()
export class SessionLifecycle {
  private readonly logger = new Logger(SessionLifecycle.name);
  private recorder?: SessionRecorder;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly events: EventEmitter2,
  ) {}

  /** Registers the one recorder of starts and stops (see `SessionRecorder`). */
  recordWith(recorder: SessionRecorder): void {
    if (this.recorder) throw new Error('SessionLifecycle: a recorder is registered already');
    this.recorder = recorder;
  }

  /** Starts a session owned by `auth` (the caller has already been checked against the project). */
  async start(auth: AuthUser, fields: NewSession): Promise<Session> {
    const now = nowMicros();
    const recorder = this.recorder;
    const session = await this.sessions.insert(
      {
        projectId: fields.projectId,
        ownerId: auth.id,
        startTime: now,
        sessionType: fields.sessionType ?? 'development',
        deviceId: fields.deviceId ?? null,
        clientType: fields.clientType ?? null,
        clientSystem: fields.clientSystem ?? null,
        languageId: fields.languageId ?? null,
        timezone: fields.timezone ?? null,
        geoListenEnabled: fields.geoListenEnabled ?? false,
        demoStreamEnabled: fields.demoStreamEnabled ?? false,
      },
      recorder && ((started) => recorder(started.id, 'start', now)),
    );
    await this.publish(SESSION_STARTED, { sessionId: session.id, userId: auth.id, at: now });
    return session;
  }

  /**
   * Ends a running session at `at` (default now). The update is conditional on the session still
   * running, so of two concurrent stops (on any instance) exactly one wins; the other gets 409.
   */
  async stop(auth: AuthUser, session: Session, at: Micros = nowMicros()): Promise<Session> {
    const modifiedAt = nowMicros();
    const recorder = this.recorder;
    const stopped = await this.sessions.stopIfRunning(
      { id: session.id, stopTime: at, endedById: auth.id, modifiedAt },
      recorder && (() => recorder(session.id, 'stop', at)),
    );
    if (!stopped) throw new ConflictError('This session has already been stopped.');
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
