import { NestFactory } from '@nestjs/core';
import { Command, InvalidArgumentError } from 'commander';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../app.module';
import { AuthService } from '../auth/auth.service';
import { USERNAME_MESSAGE, USERNAME_PATTERN } from '../auth/dto/auth.dto';
import { User } from '../auth/entities/user.entity';
import { toAuthUser, UsersService } from '../auth/users.service';
import { Role, ROLES } from '../common/auth-user';
import { loadAppConfig } from '../config/app-config';

/** An error the CLI reports as one line on stderr, exiting 1. */
class CliError extends Error {}

interface Services {
  users: UsersService;
  auth: AuthService;
}

interface Io {
  out(text: string): void;
  /** All of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

/** Boots the app's modules (no HTTP listener) on the configured database, runs `fn`, closes them. */
async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const config = loadAppConfig(process.env);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    return await fn({ users: app.get(UsersService), auth: app.get(AuthService) });
  } finally {
    await app.close();
  }
}

async function existingUser(users: UsersService, username: string): Promise<User> {
  const user = await users.findByUsername(username);
  if (!user) throw new CliError(`No user named "${username}".`);
  return user;
}

function generatedPassword(): string {
  return randomBytes(18).toString('base64url');
}

async function passwordFrom(io: Io, fromStdin: boolean | undefined): Promise<string | undefined> {
  if (!fromStdin) return undefined;
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (password.length < 8) throw new CliError('The password must be at least 8 characters.');
  if (password.length > 1024) throw new CliError('The password must be at most 1024 characters.');
  return password;
}

function role(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  }
  return value as Role;
}

/**
 * `npm run cli -- <command>` (or `node dist/src/cli.js <command>`): the admin's way in when the API is
 * not an option (the first-start password is lost, a token leaked). Uses the server's configuration
 * (DB_TYPE, DB_PATH / DATABASE_URL, …) and applies pending migrations like the server does.
 */
export function adminCli(io: Io, services = withServices): Command {
  const program = new Command('sessions-hub-cli')
    .description('Sessions Hub administration, on the database the server is configured with')
    .exitOverride()
    .configureOutput({ writeOut: io.out });

  program
    .command('reset-password')
    .description("Set a user's password (a new random one is printed) and revoke their JWTs")
    .argument('<username>')
    .option('--password-stdin', 'read the new password from standard input instead')
    .action(async (username: string, opts: { passwordStdin?: boolean }) => {
      const chosen = await passwordFrom(io, opts.passwordStdin);
      const password = chosen ?? generatedPassword();
      await services(async ({ users }) =>
        users.resetPassword((await existingUser(users, username)).id, password),
      );
      io.out(
        chosen ? `Password of "${username}" changed.\n` : `New password of "${username}": ${password}\n`,
      );
    });

  program
    .command('create-user')
    .description('Create a user (a random password is printed unless --password-stdin)')
    .argument('<username>')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, opts: { role: Role; passwordStdin?: boolean }) => {
      if (!USERNAME_PATTERN.test(username) || username.length > 150) throw new CliError(USERNAME_MESSAGE);
      const chosen = await passwordFrom(io, opts.passwordStdin);
      const password = chosen ?? generatedPassword();
      const user = await services(async ({ users }) => {
        if (await users.findByUsername(username)) throw new CliError(`A user named "${username}" exists.`);
        return users.create(null, { username, password, role: opts.role });
      });
      io.out(
        `Created ${user.role} "${user.username}" (id ${user.id})${chosen ? '' : ` with password: ${password}`}\n`,
      );
    });

  program
    .command('create-api-key')
    .description('Create an API key for a user and print it (shown once)')
    .argument('<username>')
    .requiredOption('--name <name>', 'what the key is for')
    .action(async (username: string, opts: { name: string }) => {
      if (!opts.name.trim() || opts.name.length > 100)
        throw new CliError('--name must be 1 to 100 characters.');
      const key = await services(async ({ users, auth }) =>
        auth.createApiKey(toAuthUser(await existingUser(users, username)), opts.name),
      );
      io.out(`${key.key}\n`);
    });

  program
    .command('revoke-tokens')
    .description('Refuse every JWT of a user issued until now (API keys stay; revoke them over the API)')
    .argument('<username>')
    .action(async (username: string) => {
      await services(async ({ users, auth }) => auth.revokeTokens((await existingUser(users, username)).id));
      io.out(`Revoked the JWTs of "${username}".\n`);
    });

  return program;
}

/** Runs the CLI on `argv` (as `process.argv`); answers the exit code. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  try {
    await adminCli(io).parseAsync(argv);
    return 0;
  } catch (error) {
    const e = error as { code?: string; exitCode?: number; message?: string };
    if (e.code?.startsWith('commander.')) {
      // commander already wrote its message (or the help) to stderr/stdout
      return e.exitCode ?? 1;
    }
    const message = error instanceof CliError ? error.message : (e.message ?? String(error));
    process.stderr.write(`${message}\n`);
    return 1;
  }
}
