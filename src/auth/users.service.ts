import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthUser, Role } from '../common/auth-user';
import { FieldErrorsException } from '../common/errors';
import { drfPage, DrfPage, offsetOf, PageRequest } from '../common/pagination';
import { nowMicros, toOffsetIso } from '../common/time';
import { Sql } from '../database/sql';
import type { Request } from 'express';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/auth.dto';
import { User } from './entities/user.entity';
import { hashPassword } from './passwords';

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

@Injectable()
export class UsersService {
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

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOneBy({ username });
  }

  count(): Promise<number> {
    return this.users.count();
  }

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
    if (await this.users.existsBy({ username: dto.username })) {
      throw FieldErrorsException.of('username', 'A user with that username already exists.');
    }
    const now = nowMicros();
    return this.users.save(
      this.users.create({
        username: dto.username,
        passwordHash: dto.password === null ? null : await hashPassword(dto.password),
        role: dto.role,
        deviceId: dto.deviceId ?? null,
        clientType: dto.clientType ?? null,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  createFromDto(auth: AuthUser, dto: CreateUserDto): Promise<User> {
    return this.create(auth, { username: dto.username, password: dto.password, role: dto.role });
  }

  async list(_auth: AuthUser, req: Request, page: PageRequest): Promise<DrfPage<UserDto>> {
    const [rows, count] = await this.users.findAndCount({
      order: { id: 'ASC' },
      skip: offsetOf(page),
      take: page.pageSize,
    });
    return drfPage(req, page, count, rows.map(toUserDto));
  }

  async get(_auth: AuthUser, id: number): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException();
    return user;
  }

  async update(auth: AuthUser, id: number, dto: UpdateUserDto): Promise<User> {
    const user = await this.get(auth, id);
    if (dto.role !== undefined && user.id === auth.id && dto.role !== Role.Admin) {
      throw FieldErrorsException.of('role', 'You cannot take the admin role away from yourself.');
    }
    if (dto.password !== undefined) user.passwordHash = await hashPassword(dto.password);
    if (dto.role !== undefined) user.role = dto.role;
    user.updatedAt = nowMicros();
    return this.users.save(user);
  }

  async remove(auth: AuthUser, id: number): Promise<void> {
    const user = await this.get(auth, id);
    if (user.id === auth.id) throw new BadRequestException('You cannot delete yourself.');
    await this.users.delete({ id: user.id });
  }

  /** Roundware device registration: the same device id always maps to the same user. */
  async findOrCreateDeviceUser(deviceId: string, clientType: string | null): Promise<User> {
    const existing = await this.users.findOneBy({ deviceId });
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
      const winner = await this.users.findOneBy({ deviceId });
      if (winner) return winner;
      throw error;
    }
  }
}
