import { Injectable, OnModuleInit } from '@nestjs/common';
import { SessionLifecycle } from '../sessions/session-lifecycle.service';
import { EventsService, START_SESSION } from './events.service';

/**
 * Server-logged events: every session start and stop is recorded as a `start_session` / `stop_session`
 * event at the session's own start/stop time, in the transaction of the start or stop itself (the
 * Sessions module runs the recorder registered here), so there is never a session without its
 * `start_session` event, nor an event for a start that rolled back.
 */
@Injectable()
export class SessionEventsRecorder implements OnModuleInit {
  constructor(
    private readonly lifecycle: SessionLifecycle,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    this.lifecycle.recordWith((sessionId, change, at) =>
      this.events.serverEventSteps(sessionId, change === 'start' ? START_SESSION : 'stop_session', at),
    );
  }
}
