import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuthUser, Role } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { offsetOf, Page, PageRequest } from '../common/pagination';
import { nowMicros, toOffsetIso } from '../common/time';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/auth.dto';
import { User } from './entities/user.entity';
import { hashPassword } from './passwords';
import { UsersRepository } from './users.repository';

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    device_id: user.deviceId,
    created_at: toOffsetIso(user.createdAt),
  };
}

export function toAuthUser(user: User): AuthUser {
  return { id: user.id, username: user.username, role: user.role };
}

const RANK: Record<Role, number> = { [Role.User]: 0, [Role.Operator]: 1, [Role.Admin]: 2 };

const USERNAME_TAKEN = 'A user with that username already exists.';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  findById(id: number): Promise<User | null> {
    return this.users.findById(id);
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findByUsername(username);
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /** Usernames are unique regardless of case; the unique index on lower(username) settles a race. */
  async create(
    _auth: AuthUser | null,
    dto: {
      username: string;
      password: string | null;
      role: Role;
      deviceId?: string;
      clientType?: string | null;
    },
  ): Promise<User> {
    if (await this.users.usernameTaken(dto.username))
      throw FieldErrorsException.of('username', USERNAME_TAKEN);
    const now = nowMicros();
    const passwordHash = dto.password === null ? null : await hashPassword(dto.password);
    try {
      return await this.users.insert({
        username: dto.username,
        passwordHash,
        role: dto.role,
        deviceId: dto.deviceId ?? null,
        clientType: dto.clientType ?? null,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (await this.users.usernameTaken(dto.username))
        throw FieldErrorsException.of('username', USERNAME_TAKEN);
      throw error;
    }
  }

  createFromDto(auth: AuthUser, dto: CreateUserDto): Promise<User> {
    return this.create(auth, { username: dto.username, password: dto.password, role: dto.role });
  }

  async list(_auth: AuthUser, page: PageRequest): Promise<Page<UserDto>> {
    const [rows, count] = await this.users.page(offsetOf(page), page.pageSize);
    return { count, items: rows.map(toUserDto) };
  }

  async get(_auth: AuthUser, id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException();
    return user;
  }

  /**
   * Changes a user's username, password or role. A device user (registered by `device_id`) is always a
   * plain `user` without a password: promoting one or giving it a password answers 400 (create a named
   * user instead). A new password or a lower role refuses the user's earlier JWTs.
   */
  async update(auth: AuthUser, id: number, dto: UpdateUserDto): Promise<User> {
    const user = await this.get(auth, id);
    if (dto.role !== undefined && user.id === auth.id && dto.role !== Role.Admin) {
      throw FieldErrorsException.of('role', 'You cannot take the admin role away from yourself.');
    }
    if (user.deviceId !== null && dto.role !== undefined && dto.role !== Role.User) {
      throw FieldErrorsException.of('role', 'A device user always has the role user.');
    }
    if (user.deviceId !== null && dto.password !== undefined) {
      throw FieldErrorsException.of(
        'password',
        'A device user has no password; it signs in with its device key.',
      );
    }
    if (dto.username !== undefined && (await this.users.usernameTaken(dto.username, user.id))) {
      throw FieldErrorsException.of('username', USERNAME_TAKEN);
    }
    const revoke = dto.password !== undefined || (dto.role !== undefined && RANK[dto.role] < RANK[user.role]);
    if (dto.username !== undefined) user.username = dto.username;
    if (dto.password !== undefined) user.passwordHash = await hashPassword(dto.password);
    if (dto.role !== undefined) user.role = dto.role;
    user.updatedAt = nowMicros();
    let saved: User;
    try {
      saved = await this.users.save(user);
    } catch (error) {
      if (dto.username !== undefined && (await this.users.usernameTaken(dto.username, user.id))) {
        throw FieldErrorsException.of('username', USERNAME_TAKEN);
      }
      throw error;
    }
    if (revoke) await this.users.revokeTokensUpTo(user.id, Date.now());
    return saved;
  }

  /** Sets a new password and refuses the user's earlier JWTs (the admin CLI's reset-password). */
  async resetPassword(id: number, password: string): Promise<void> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundException();
    if (user.deviceId !== null) {
      throw FieldErrorsException.of(
        'password',
        'A device user has no password; it signs in with its device key.',
      );
    }
    user.passwordHash = await hashPassword(password);
    user.updatedAt = nowMicros();
    await this.users.save(user);
    await this.users.revokeTokensUpTo(user.id, Date.now());
  }

  async remove(auth: AuthUser, id: number): Promise<void> {
    const user = await this.get(auth, id);
    if (user.id === auth.id) throw new BadRequestException('You cannot delete yourself.');
    await this.users.delete(user.id);
  }

  /**
   * Roundware device registration: the same device id always maps to the same user, a plain `user`
   * without a password.
   */
  async findOrCreateDeviceUser(deviceId: string, clientType: string | null): Promise<User> {
    const existing = await this.users.findByDeviceId(deviceId);
    if (existing) {
      if (clientType && existing.clientType !== clientType) {
        existing.clientType = clientType;
        existing.updatedAt = nowMicros();
        await this.users.save(existing);
      }
      return existing;
    }
    try {
      return await this.create(null, {
        username: `device-${randomBytes(6).toString('hex')}`,
        password: null,
        role: Role.User,
        deviceId,
        clientType,
      });
    } catch (error) {
      // Two registrations of one new device raced: the unique index let one through; return it.
      const winner = await this.users.findByDeviceId(deviceId);
      if (winner) return winner;
      throw error;
    }
  }
}
