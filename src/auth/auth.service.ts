import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { AuthUser } from '../common/auth-user';
import { ConflictError } from '../common/errors';
import { nowMicros, toOffsetIso } from '../common/time';
import { AppConfig } from '../config/app-config';
import { ApiKeysRepository } from './api-keys.repository';
import { RefreshSessionsRepository } from './refresh-sessions.repository';
import { API_KEY_PREFIX, credentialFromHeader } from './credentials';
import { ApiKeyDto, CreatedApiKeyDto, LoginResponseDto, MeDto } from './dto/auth.dto';
import { User } from './entities/user.entity';
import { LoginLimiter, PasswordHashGate } from './login-limiter.service';
import { verifyPassword } from './passwords';
import { CredentialOwner, UsersRepository } from './users.repository';

export type TokenType = 'access' | 'refresh';

export interface JwtPayload {
  sub: number;
  username: string;
  role: string;
  typ: TokenType;
  /** Issue time in milliseconds (JWT's own `iat` has second resolution), compared with tokens_valid_after. */
  iat_ms?: number;
  iat?: number;
  /** A refresh JWT of a refresh session (Audiobookshelf sign-in) names its `refresh_sessions` row. */
  sid?: string;
}

/** The two JWTs of a sign-in that refreshes (Audiobookshelf). */
export interface SessionTokens {
  owner: CredentialOwner;
  accessToken: string;
  refreshToken: string;
}

/** The one body every login surface answers for an unknown user and for a wrong password alike. */
export const BAD_CREDENTIALS = 'No active account found with the given credentials';
/** simplejwt's answer to a bad, expired or revoked token. */
export const TOKEN_INVALID = 'Token is invalid or expired';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A token counts when it was issued after its user's tokens_valid_after (both in milliseconds). */
export function issuedAfter(payload: JwtPayload, tokensValidAfter: number): boolean {
  const issuedMs =
    typeof payload.iat_ms === 'number'
      ? payload.iat_ms
      : typeof payload.iat === 'number'
        ? payload.iat * 1000
        : -1;
  return issuedMs > tokensValidAfter;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly keys: ApiKeysRepository,
    private readonly refreshSessions: RefreshSessionsRepository,
    private readonly jwt: JwtService,
    private readonly limiter: LoginLimiter,
    private readonly hashes: PasswordHashGate,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks a password login. The attempt is reserved against the address's failure budget before the
   * password is hashed (429 when spent), hashing waits for a slot (429 beyond the queue), and a right
   * password takes the reservation back. Throws 429 or 401.
   */
  async checkPassword(username: string, password: string, ip: string): Promise<User> {
    const attempt = await this.limiter.reserve(ip);
    let ok: boolean;
    let user: User | null;
    try {
      user = await this.users.findByUsername(username);
      ok = await this.hashes.run(() => verifyPassword(user?.passwordHash, password));
    } catch (error) {
      await attempt.release(); // never evaluated: it is not a failure
      throw error;
    }
    if (!user || !ok) throw new UnauthorizedException(BAD_CREDENTIALS);
    await attempt.release();
    return user;
  }

  /**
   * Signs a JWT for `user`. Its `iat_ms` is after the user's tokens_valid_after even when both fall in
   * the same millisecond, so a login right after a revocation is not revoked with it.
   */
  signToken(user: User | CredentialOwner, typ: TokenType = 'access', sid?: string): string {
    const payload: JwtPayload = {
      sub: user.id,
      username: user.username,
      role: user.role,
      typ,
      iat_ms: Math.max(Date.now(), Number(user.tokensValidAfter ?? 0) + 1),
      ...(sid ? { sid } : {}),
    };
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

  /** The verified payload of a JWT whose user exists and has not revoked it, or null. */
  private async liveToken(token: string): Promise<{ payload: JwtPayload; owner: CredentialOwner } | null> {
    let payload: JwtPayload;
    try {
      payload = this.jwt.verify<JwtPayload>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (typeof payload.sub !== 'number') return null;
    const owner = await this.users.credentialOwner(payload.sub);
    return owner && issuedAfter(payload, owner.tokensValidAfter) ? { payload, owner } : null;
  }

  /**
   * AERPAW-style refresh: a valid, unrevoked refresh token of an existing user gives a new access token
   * (a refresh session's token only while its session is open).
   */
  async refresh(refreshToken: string): Promise<string> {
    const live = await this.liveToken(refreshToken);
    if (!live || live.payload.typ !== 'refresh') throw new UnauthorizedException(TOKEN_INVALID);
    const sid = live.payload.sid;
    if (sid !== undefined && !(await this.refreshSessions.isLive(String(sid), live.owner.id)))
      throw new UnauthorizedException(TOKEN_INVALID);
    return this.signToken(live.owner);
  }

  /** Opens a refresh session for `user`: an access JWT and a refresh JWT naming the new session. */
  async openSession(user: User | CredentialOwner): Promise<SessionTokens> {
    const sid = randomBytes(16).toString('hex');
    const expiresAt = Date.now() + this.config.jwt.refreshExpiresInSeconds * 1000;
    await this.refreshSessions.open(sid, user.id, nowMicros(), expiresAt);
    return {
      owner: user,
      accessToken: this.signToken(user),
      refreshToken: this.signToken(user, 'refresh', sid),
    };
  }

  /**
   * Trades a refresh session's refresh JWT for a new pair: the old session is closed and a new one
   * opened, so a refresh JWT works once. 401 for anything else (expired, revoked, used, logged out).
   */
  async rotateSession(refreshToken: string): Promise<SessionTokens> {
    const live = await this.liveToken(refreshToken);
    const sid = live?.payload.sid;
    if (!live || live.payload.typ !== 'refresh' || typeof sid !== 'string')
      throw new UnauthorizedException(TOKEN_INVALID);
    if (!(await this.refreshSessions.close(sid, live.owner.id)))
      throw new UnauthorizedException(TOKEN_INVALID);
    return this.openSession(live.owner);
  }

  /** Closes the refresh session a refresh JWT names; anything that is not one is ignored. */
  async closeSession(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const live = await this.liveToken(refreshToken);
    const sid = live?.payload.sid;
    if (live && live.payload.typ === 'refresh' && typeof sid === 'string')
      await this.refreshSessions.close(sid, live.owner.id);
  }

  /** simplejwt's verify: any live token of ours (access or refresh), else 401. */
  async verify(token: string): Promise<void> {
    if (!(await this.liveToken(token))) throw new UnauthorizedException(TOKEN_INVALID);
  }

  /**
   * The caller behind a verified access JWT, or null when the user no longer exists or revoked the token.
   * Looked up on every request (one indexed read), so a deleted user, a changed role or a revocation
   * takes effect at once.
   */
  async userFromJwt(payload: JwtPayload): Promise<AuthUser | null> {
    if (payload.typ !== 'access' || typeof payload.sub !== 'number') return null;
    const owner = await this.users.credentialOwner(payload.sub);
    if (!owner || !issuedAfter(payload, owner.tokensValidAfter)) return null;
    return { id: owner.id, username: owner.username, role: owner.role };
  }

  /**
   * The caller behind an `Authorization` header or a `?token=` (an access JWT or an API key) on a route
   * that is public but treats a credential it is given as a claim to check; null when none is given,
   * `false` when one is given and is not valid.
   */
  async userFromCredentials(
    authorization: string | undefined,
    token: string | undefined,
  ): Promise<AuthUser | null | false> {
    const credential = credentialFromHeader(authorization) ?? token ?? null;
    if (!credential) return null;
    if (credential.startsWith(API_KEY_PREFIX)) return (await this.userFromApiKey(credential)) ?? false;
    const live = await this.liveToken(credential);
    return (live && (await this.userFromJwt(live.payload))) ?? false;
  }

  /** The caller behind an API key, or null when the key is unknown or revoked (one indexed join). */
  async userFromApiKey(key: string): Promise<AuthUser | null> {
    if (!key.startsWith(API_KEY_PREFIX)) return null;
    const row = await this.keys.ownerOf(hashApiKey(key));
    return row ? { id: row.id, username: row.username, role: row.role, apiKeyId: row.keyId } : null;
  }

  /** Refuses every JWT of `userId` issued until now (API keys stay: they are revoked one by one). */
  async revokeTokens(userId: number): Promise<void> {
    if (!(await this.users.revokeTokensUpTo(userId, Date.now()))) throw new NotFoundException();
  }

  async me(auth: AuthUser): Promise<MeDto> {
    const user = await this.users.deviceAndCreation(auth.id);
    if (!user) throw new UnauthorizedException();
    return {
      id: auth.id,
      username: auth.username,
      role: auth.role,
      auth_method: auth.apiKeyId ? 'api_key' : 'jwt',
      device_id: user.device_id,
      created_at: toOffsetIso(Number(user.created_at)),
    };
  }

  /** A new API key of the caller; 409 when they already hold MAX_API_KEYS_PER_USER keys. */
  async createApiKey(auth: AuthUser, name: string): Promise<CreatedApiKeyDto> {
    const cap = this.config.authLimits.maxApiKeysPerUser;
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const createdAt = nowMicros();
    const id = await this.keys.insertBelowCap(
      { userId: auth.id, name, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 12), createdAt },
      cap,
    );
    if (id === undefined) {
      throw new ConflictError(`You already have ${cap} API keys, the most allowed. Revoke one first.`);
    }
    return { id, name, key, created_at: toOffsetIso(createdAt) };
  }

  /**
   * A new key of this name for the caller, keeping the newest `keep` keys of that name (with the new one):
   * device registration, so a second tab or a restart does not revoke the first one's key.
   */
  async rotateApiKey(auth: AuthUser, name: string, keep: number): Promise<CreatedApiKeyDto> {
    await this.keys.deleteAllButNewest(auth.id, name, keep - 1);
    return this.createApiKey(auth, name);
  }

  async listApiKeys(auth: AuthUser): Promise<ApiKeyDto[]> {
    const rows = await this.keys.listOf(auth.id);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.keyPrefix,
      created_at: toOffsetIso(row.createdAt),
    }));
  }

  /** Revokes one of the caller's own keys; someone else's key is 404, as if it did not exist. */
  async revokeApiKey(auth: AuthUser, id: number): Promise<void> {
    if (!(await this.keys.deleteOwned(id, auth.id))) throw new NotFoundException();
  }
}
