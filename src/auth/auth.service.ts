import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { nowMicros, toOffsetIso } from '../common/time';
import { AppConfig } from '../config/app-config';
import { Sql } from '../database/sql';
import { API_KEY_PREFIX } from './credentials';
import { ApiKeyDto, CreatedApiKeyDto, LoginResponseDto, MeDto } from './dto/auth.dto';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';
import { LoginLimiter } from './login-limiter.service';
import { verifyPassword } from './passwords';
import { UsersService } from './users.service';

export type TokenType = 'access' | 'refresh';

export interface JwtPayload {
  sub: number;
  username: string;
  role: string;
  typ: TokenType;
}

/** The one body every login surface answers for an unknown user and for a wrong password alike. */
export const BAD_CREDENTIALS = 'No active account found with the given credentials';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly limiter: LoginLimiter,
    private readonly config: AppConfig,
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
    private readonly sql: Sql,
  ) {}

  /** Checks a password login, counting failures per IP and username. Throws 429 or 401. */
  async checkPassword(username: string, password: string, ip: string): Promise<User> {
    await this.limiter.assertAllowed(ip, username);
    const user = await this.users.findByUsername(username);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok) {
      await this.limiter.recordFailure(ip, username);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    return user;
  }

  signToken(user: User | AuthUser, typ: TokenType = 'access'): string {
    const payload: JwtPayload = { sub: user.id, username: user.username, role: user.role, typ };
    const expiresIn =
      typ === 'access' ? this.config.jwt.expiresInSeconds : this.config.jwt.refreshExpiresInSeconds;
    return this.jwt.sign(payload, { expiresIn });
  }

  async login(username: string, password: string, ip: string): Promise<LoginResponseDto> {
    const user = await this.checkPassword(username, password, ip);
    return {
      access_token: this.signToken(user),
      token_type: 'Bearer',
      expires_in: this.config.jwt.expiresInSeconds,
      user: { id: user.id, username: user.username, role: user.role },
    };
  }

  /** AERPAW-style refresh: a valid refresh token of an existing user gives a new access token. */
  async refresh(refreshToken: string): Promise<string> {
    let payload: JwtPayload;
    try {
      payload = this.jwt.verify<JwtPayload>(refreshToken, { algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('Token is invalid or expired');
    }
    const user = payload.typ === 'refresh' ? await this.users.findById(payload.sub) : null;
    if (!user) throw new UnauthorizedException('Token is invalid or expired');
    return this.signToken(user);
  }

  /**
   * The caller behind a verified access JWT, or null when the user no longer exists. Looked up on every
   * request (one indexed read through `Sql`), so a deleted user or a changed role takes effect at once.
   */
  async userFromJwt(payload: JwtPayload): Promise<AuthUser | null> {
    if (payload.typ !== 'access' || typeof payload.sub !== 'number') return null;
    const user = await this.sql.one<AuthUser>('SELECT id, username, role FROM users WHERE id = ?', [
      payload.sub,
    ]);
    return user ? { id: user.id, username: user.username, role: user.role } : null;
  }

  /** The caller behind an API key, or null when the key is unknown or revoked (one indexed join). */
  async userFromApiKey(key: string): Promise<AuthUser | null> {
    if (!key.startsWith(API_KEY_PREFIX)) return null;
    const row = await this.sql.one<AuthUser & { key_id: number }>(
      'SELECT k.id AS key_id, u.id, u.username, u.role FROM api_keys k JOIN users u ON u.id = k.user_id ' +
        'WHERE k.key_hash = ?',
      [hashApiKey(key)],
    );
    return row ? { id: row.id, username: row.username, role: row.role, apiKeyId: row.key_id } : null;
  }

  async me(auth: AuthUser): Promise<MeDto> {
    const user = await this.sql.one<{ device_id: string | null; created_at: number }>(
      'SELECT device_id, created_at FROM users WHERE id = ?',
      [auth.id],
    );
    if (!user) throw new UnauthorizedException();
    return {
      id: auth.id,
      username: auth.username,
      role: auth.role,
      auth_method: auth.apiKeyId ? 'api_key' : 'jwt',
      device_id: user.device_id,
      created_at: toOffsetIso(user.created_at),
    };
  }

  async createApiKey(auth: AuthUser, name: string): Promise<CreatedApiKeyDto> {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await this.apiKeys.save(
      this.apiKeys.create({
        userId: auth.id,
        name,
        keyHash: hashApiKey(key),
        keyPrefix: key.slice(0, 12),
        createdAt: nowMicros(),
      }),
    );
    return { id: row.id, name: row.name, key, created_at: toOffsetIso(row.createdAt) };
  }

  /** Replaces the caller's key of this name (device registration hands out one key per device). */
  async replaceApiKey(auth: AuthUser, name: string): Promise<CreatedApiKeyDto> {
    await this.apiKeys.delete({ userId: auth.id, name });
    return this.createApiKey(auth, name);
  }

  async listApiKeys(auth: AuthUser): Promise<ApiKeyDto[]> {
    const rows = await this.apiKeys.find({ where: { userId: auth.id }, order: { id: 'ASC' } });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.keyPrefix,
      created_at: toOffsetIso(row.createdAt),
    }));
  }

  /** Revokes one of the caller's own keys; someone else's key is 404, as if it did not exist. */
  async revokeApiKey(auth: AuthUser, id: number): Promise<void> {
    const result = await this.apiKeys.delete({ id, userId: auth.id });
    if (!result.affected) throw new NotFoundException();
  }
}
