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
import { CatalogueService } from '../playback-sessions/catalogue.service';

/** An error the CLI reports as one line on stderr, exiting 1. */
class CliError extends Error {}

interface Services {
  users: UsersService;
  auth: AuthService;
  catalogue: CatalogueService;
}

interface Io {
  out(text: string): void;
  /** Whether `out` is a terminal (progress bars redraw one line there, print a line per step elsewhere). */
  tty?: boolean;
  /** All of standard input (for --password-stdin). */
  readStdin(): Promise<string>;
}

/** Boots the app's modules (no HTTP listener) on the configured database, runs `fn`, closes them. */
async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  // a command never starts the server's background library scan (scan-library scans on purpose)
  const config = loadAppConfig({ ...process.env, ABS_SCAN_ON_START: 'false' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: false });
  try {
    return await fn({
      users: app.get(UsersService),
      auth: app.get(AuthService),
      catalogue: app.get(CatalogueService),
    });
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

/** `[#########---------------]  9/24  books/Ann Author/Title`: one step of a progress bar. */
export function progressBar(done: number, total: number, label: string, width = 24): string {
  const filled = total ? Math.round((done / total) * width) : width;
  const count = String(total).length;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(done).padStart(count)}/${total}  ${label}`;
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

  program
    .command('scan-library')
    .description(
      "Scan an Audiobookshelf library's folders now (or every library with folders), with a progress bar",
    )
    .argument('[libraryId]', 'the library (lib_…); omit with --all')
    .option('--all', 'scan every library that has folders')
    .action(async (libraryId: string | undefined, opts: { all?: boolean }) => {
      if (!libraryId === !opts.all) throw new CliError('Give a library id or --all.');
      const progress = (done: number, total: number, path: string) =>
        io.out(
          io.tty
            ? `\r${progressBar(done, total, path).padEnd(100).slice(0, 100)}`
            : `${progressBar(done, total, path)}\n`,
        );
      const reports = await services(async ({ catalogue }) => {
        if (opts.all) return catalogue.scanAll(progress);
        // the CLI acts as the operator of the machine: an admin
        const root = { id: 0, username: 'cli', role: Role.Admin };
        try {
          return [await catalogue.scan(root, libraryId!, progress)];
        } catch (error) {
          throw new CliError((error as Error).message);
        }
      });
      if (io.tty) io.out('\n');
      for (const r of reports) {
        io.out(
          `Scanned ${r.libraryId}: ${r.added} added, ${r.updated} updated, ${r.missing} missing, ` +
            `${r.failed.length} unreadable (${r.elapsedMs} ms)\n`,
        );
        for (const path of r.failed) io.out(`  unreadable: ${path}\n`);
      }
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
