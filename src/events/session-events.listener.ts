import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SESSION_STARTED, SESSION_STOPPED } from '../common/domain-events';
import type { SessionLifecycleEvent } from '../common/domain-events';
import { EventsService, START_SESSION } from './events.service';

/**
 * Server-logged events: the Sessions module announces starts and stops, and they are recorded as
 * `start_session` / `stop_session` events at the session's own start/stop time.
 */
@Injectable()
export class SessionEventsListener {
  private readonly logger = new Logger(SessionEventsListener.name);

  constructor(private readonly events: EventsService) {}

  @OnEvent(SESSION_STARTED, { promisify: true })
  onStarted(event: SessionLifecycleEvent): Promise<void> {
    return this.record(event, START_SESSION);
  }

  @OnEvent(SESSION_STOPPED, { promisify: true })
  onStopped(event: SessionLifecycleEvent): Promise<void> {
    return this.record(event, 'stop_session');
  }

  private async record(event: SessionLifecycleEvent, type: string): Promise<void> {
    try {
      await this.events.logServerEvent(event.sessionId, type, event.at);
    } catch (error) {
      // A failed log entry must not fail the session action that announced it.
      this.logger.error({ err: error, sessionId: event.sessionId }, `Could not record ${type}`);
    }
  }
}
