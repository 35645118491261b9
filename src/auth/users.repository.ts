import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Role } from '../common/auth-user';
import { Sql } from '../database/sql';
import { User } from './entities/user.entity';

/** The caller as the guard needs it: who, which role, and since when their JWTs count. */
export interface CredentialOwner {
  id: number;
  username: string;
  role: Role;
  tokensValidAfter: number;
}

export type NewUser = Omit<User, 'id' | 'tokensValidAfter'>;

/** Every statement on `users`. */
@Injectable()
export class UsersRepository {
  private readonly toUser: (row: Record<string, unknown>) => User;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sql: Sql,
  ) {
    this.toUser = sql.rowMapper(User);
  }

  async findById(id: number): Promise<User | null> {
    const row = await this.sql.one<Record<string, unknown>>('SELECT * FROM users WHERE id = ?', [id]);
    return row ? this.toUser(row) : null;
  }

  /** The user of exactly this username (logins are case-sensitive). */
  async findByUsername(username: string): Promise<User | null> {
    const row = await this.sql.one<Record<string, unknown>>('SELECT * FROM users WHERE username = ?', [
      username,
    ]);
    return row ? this.toUser(row) : null;
  }

  async findByDeviceId(deviceId: string): Promise<User | null> {
    const row = await this.sql.one<Record<string, unknown>>('SELECT * FROM users WHERE device_id = ?', [
      deviceId,
    ]);
    return row ? this.toUser(row) : null;
  }

  /** Whether another user (not `exceptId`) has this username in any case. */
  async usernameTaken(username: string, exceptId = 0): Promise<boolean> {
    const row = await this.sql.one(
      'SELECT id FROM users WHERE lower(username) = lower(?) AND id <> ? LIMIT 1',
      [username, exceptId],
    );
    return row !== undefined;
  }

  async credentialOwner(id: number): Promise<CredentialOwner | undefined> {
    const row = await this.sql.one<{ id: number; username: string; role: Role; tokens_valid_after: number }>(
      'SELECT id, username, role, tokens_valid_after FROM users WHERE id = ?',
      [id],
    );
    return row && { ...row, tokensValidAfter: Number(row.tokens_valid_after) };
  }

  async deviceAndCreation(id: number): Promise<{ device_id: string | null; created_at: number } | undefined> {
    return this.sql.one('SELECT device_id, created_at FROM users WHERE id = ?', [id]);
  }

  count(): Promise<number> {
    return this.users.count();
  }

  insert(user: NewUser): Promise<User> {
    return this.users.save(this.users.create(user));
  }

  save(user: User): Promise<User> {
    return this.users.save(user);
  }

  page(offset: number, limit: number): Promise<[User[], number]> {
    return this.users.findAndCount({ order: { id: 'ASC' }, skip: offset, take: limit });
  }

  async delete(id: number): Promise<void> {
    await this.users.delete({ id });
  }

  /**
   * Refuses every JWT of `id` issued up to `atMs` (never moves the mark back). Answers whether the user
   * exists.
   */
  async revokeTokensUpTo(id: number, atMs: number): Promise<boolean> {
    const result = await this.sql.run(
      'UPDATE users SET tokens_valid_after = CASE WHEN tokens_valid_after > ? THEN tokens_valid_after ' +
        'ELSE ? END WHERE id = ?',
      [atMs, atMs, id],
    );
    return result.changes > 0;
  }
}
