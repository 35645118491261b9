import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql';

/** Every statement on `refresh_sessions`. */
@Injectable()
export class RefreshSessionsRepository {
  constructor(private readonly sql: Sql) {}

  /** Opens a session (and drops the user's expired ones in the same write). */
  async open(id: string, userId: number, createdAt: number, expiresAt: number): Promise<void> {
    await this.sql.transaction(async () => {
      await this.sql.run('DELETE FROM refresh_sessions WHERE user_id = ? AND expires_at < ?', [
        userId,
        Date.now(),
      ]);
      await this.sql.run(
        'INSERT INTO refresh_sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
        [id, userId, createdAt, expiresAt],
      );
    });
  }

  /** Deletes a live session; true when it existed (one statement, so two refreshes cannot both win). */
  async close(id: string, userId: number): Promise<boolean> {
    const rows = await this.sql.all<{ id: string }>(
      'DELETE FROM refresh_sessions WHERE id = ? AND user_id = ? AND expires_at >= ? RETURNING id',
      [id, userId, Date.now()],
    );
    return rows.length > 0;
  }

  /** Whether a session is open and unexpired. */
  async isLive(id: string, userId: number): Promise<boolean> {
    const row = await this.sql.one<{ id: string }>(
      'SELECT id FROM refresh_sessions WHERE id = ? AND user_id = ? AND expires_at >= ?',
      [id, userId, Date.now()],
    );
    return row !== undefined;
  }

  /** Deletes every session of a user. */
  async closeAll(userId: number): Promise<void> {
    await this.sql.run('DELETE FROM refresh_sessions WHERE user_id = ?', [userId]);
  }
}
