import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A fixed-window counter shared by every instance through the database (login failures, daily budgets). */
@Entity('rate_counters')
export class RateCounter {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** Start of the current window, microseconds since the epoch. */
  @Column({ name: 'window_start', type: 'bigint' })
  windowStart: number;

  @Column({ type: 'integer' })
  count: number;
}
