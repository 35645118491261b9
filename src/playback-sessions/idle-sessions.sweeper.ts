import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { PlaybackSessionsService } from './playback-sessions.service';

const JOB = 'playback-sessions.close-idle';

/**
 * The scheduled job (@nestjs/schedule) that closes open sessions idle for longer than
 * PLAYBACK_IDLE_TIMEOUT_SECONDS, every PLAYBACK_IDLE_SWEEP_SECONDS. Every instance runs it; the UPDATE
 * is idempotent, so instances sharing a database need no coordination.
 */
@Injectable()
export class IdleSessionsSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdleSessionsSweeper.name);

  constructor(
    private readonly sessions: PlaybackSessionsService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const timer = setInterval(() => void this.sweep(), this.config.playback.idleSweepSeconds * 1000);
    timer.unref();
    this.registry.addInterval(JOB, timer);
  }

  onModuleDestroy(): void {
    if (this.registry.doesExist('interval', JOB)) this.registry.deleteInterval(JOB);
  }

  async sweep(): Promise<void> {
    try {
      await this.sessions.closeIdle();
    } catch (error) {
      this.logger.error({ err: error }, 'Closing idle playback sessions failed');
    }
  }
}
