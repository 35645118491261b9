import { Injectable } from '@nestjs/common';
import { TooManyRequestsError } from '../common/errors';
import { AppConfig } from '../config/app-config';

/** Seconds a refused export is told to wait (exports are long; a client should back off, not spin). */
export const EXPORT_RETRY_AFTER_SECONDS = 5;

/**
 * How many event exports run at once, per user (EXPORTS_PER_USER) and on this instance (EXPORTS_TOTAL).
 * An export beyond either answers 429 with Retry-After; a slot is freed when its stream ends, fails or
 * the client goes away.
 */
@Injectable()
export class ExportSlots {
  private total = 0;
  private readonly perUser = new Map<number, number>();

  constructor(private readonly config: AppConfig) {}

  /** Takes a slot for `userId` or throws 429; returns the function that frees it (call it once). */
  acquire(userId: number): () => void {
    const { exportsPerUser, exportsTotal } = this.config.sessev;
    const mine = this.perUser.get(userId) ?? 0;
    if (mine >= exportsPerUser || this.total >= exportsTotal) {
      throw new TooManyRequestsError(
        `Request was throttled. Expected available in ${EXPORT_RETRY_AFTER_SECONDS} seconds.`,
        EXPORT_RETRY_AFTER_SECONDS,
      );
    }
    this.total++;
    this.perUser.set(userId, mine + 1);
    return () => {
      this.total--;
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left) this.perUser.set(userId, left);
      else this.perUser.delete(userId);
    };
  }
}
