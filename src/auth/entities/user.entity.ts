import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../common/auth-user';

/**
 * Usernames are unique regardless of case (`Admin` and `admin` cannot coexist): a unique index on
 * `lower(username)`, created by migration 1763800005500 (an expression index, which TypeORM cannot
 * declare, hence `synchronize: false`).
 */
@Entity('users')
@Index('IDX_users_username_lower', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('IDX_users_username', { unique: true })
  @Column({ type: 'varchar', length: 150 })
  username: string;

  /** argon2id hash; null for device users registered through `POST /api/2/users/` (they use a key). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** Roundware device registration: the same device gets the same user back. */
  @Index('IDX_users_device_id', { unique: true })
  @Column({ name: 'device_id', type: 'varchar', length: 255, nullable: true })
  deviceId: string | null;

  @Column({ name: 'client_type', type: 'varchar', length: 128, nullable: true })
  clientType: string | null;

  @Column({ name: 'created_at', type: 'bigint' })
  createdAt: number;

  @Column({ name: 'updated_at', type: 'bigint' })
  updatedAt: number;

  /**
   * JWTs of this user issued at or before this time (milliseconds since the epoch, compared with the
   * token's `iat_ms`) are refused: bumped by a password change, a lowered role, a logout or an admin.
   */
  @Column({ name: 'tokens_valid_after', type: 'bigint', default: 0 })
  tokensValidAfter: number;
}
