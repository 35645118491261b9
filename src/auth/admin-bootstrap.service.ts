import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Role } from '../common/auth-user';
import { AppConfig } from '../config/app-config';
import { UsersService } from './users.service';

/**
 * First start: when no user exists, create the admin from ADMIN_USERNAME / ADMIN_PASSWORD. Without
 * ADMIN_PASSWORD a random password is generated and written once to stdout (not to the structured log,
 * so it never lands in log storage); it is never shown again.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const generated = !this.config.admin.password;
    const password = this.config.admin.password ?? randomBytes(18).toString('base64url');
    try {
      await this.users.create(null, { username: this.config.admin.username, password, role: Role.Admin });
    } catch {
      return; // another instance created the first admin at the same moment
    }
    this.logger.log(`Created the first admin user "${this.config.admin.username}"`);
    if (generated) {
      process.stdout.write(
        `\n  First start: admin user "${this.config.admin.username}" created with password: ${password}\n` +
          '  It is shown only this once. Set ADMIN_PASSWORD to choose it yourself.\n\n',
      );
    }
  }
}
