import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Role } from '../common/auth-user';
import { Sql } from '../database/sql';
import { ApiKey } from './entities/api-key.entity';

export interface KeyOwner {
  keyId: number;
  id: number;
  username: string;
  role: Role;
}

/** Every statement on `api_keys`. */
@Injectable()
export class ApiKeysRepository {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly sql: Sql,
  ) {}

  /** The owner of the key with this hash (one indexed join), or undefined. */
  async ownerOf(keyHash: string): Promise<KeyOwner | undefined> {
    const row = await this.sql.one<{ key_id: number; id: number; username: string; role: Role }>(
      'SELECT k.id AS key_id, u.id, u.username, u.role FROM api_keys k JOIN users u ON u.id = k.user_id ' +
        'WHERE k.key_hash = ?',
      [keyHash],
    );
    return row && { keyId: row.key_id, id: row.id, username: row.username, role: row.role };
  }

  /**
   * Inserts a key unless its user already holds `cap` keys, in one statement (so two parallel requests
   * cannot both pass a count taken before them). Answers the new row's id, or undefined at the cap.
   */
  async insertBelowCap(key: Omit<ApiKey, 'id' | 'user'>, cap: number): Promise<number | undefined> {
    const row = await this.sql.one<{ id: number }>(
      'INSERT INTO api_keys (user_id, name, key_hash, key_prefix, created_at) ' +
        'SELECT ?, ?, ?, ?, ? WHERE (SELECT COUNT(*) FROM api_keys WHERE user_id = ?) < ? RETURNING id',
      [key.userId, key.name, key.keyHash, key.keyPrefix, key.createdAt, key.userId, cap],
    );
    return row?.id;
  }

  /** Deletes the user's keys named `name` except the newest `keep` of them. */
  async deleteAllButNewest(userId: number, name: string, keep: number): Promise<void> {
    await this.sql.run(
      'DELETE FROM api_keys WHERE user_id = ? AND name = ? AND id NOT IN ' +
        '(SELECT id FROM api_keys WHERE user_id = ? AND name = ? ORDER BY id DESC LIMIT ?)',
      [userId, name, userId, name, keep],
    );
  }

  listOf(userId: number): Promise<ApiKey[]> {
    return this.keys.find({ where: { userId }, order: { id: 'ASC' } });
  }

  /** Deletes key `id` if it belongs to `userId`; answers whether it did. */
  async deleteOwned(id: number, userId: number): Promise<boolean> {
    const result = await this.keys.delete({ id, userId });
    return (result.affected ?? 0) > 0;
  }
}
