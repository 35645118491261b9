/**
 * The admin CLI (`node dist/src/cli.js`, what `npm run cli --` runs), spawned on the same database as a
 * running app; every command's effect is then proven over HTTP.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.setup';
import { ensureBuilt, ROOT } from '../utils/spawn-server';
import { ADMIN_PASSWORD, baseTestEnv, freshDatabase } from '../utils/test-app';

const CLI_JS = join(ROOT, 'dist', 'src', 'cli.js');

describe('admin CLI (e2e)', () => {
  let app: NestExpressApplication;
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let http: ReturnType<typeof request>;

  const cli = (args: string[], input?: string) => {
    const run = spawnSync(process.execPath, [CLI_JS, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      input,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
  const login = (username: string, password: string) => http.post('/auth/login').send({ username, password });

  beforeAll(async () => {
    ensureBuilt();
    const db = await freshDatabase();
    drop = db.drop;
    env = { ...baseTestEnv(), ...db.env };
    app = await createApp({ env });
    http = request(app.getHttpServer());
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('create-user makes a user who logs in with the printed password, or one read from stdin', async () => {
    const made = cli(['create-user', 'cli-op', '--role', 'operator']);
    expect(made).toMatchObject({ code: 0, stderr: '' });
    const password = /with password: (\S+)\n$/.exec(made.stdout)?.[1];
    expect(password).toBeDefined();
    const res = await login('cli-op', password!).expect(200);
    expect(res.body.user).toMatchObject({ username: 'cli-op', role: 'operator' });

    expect(
      cli(['create-user', 'cli-user', '--role', 'user', '--password-stdin'], 'chosen-password\n'),
    ).toMatchObject({
      code: 0,
    });
    await login('cli-user', 'chosen-password').expect(200);

    const taken = cli(['create-user', 'CLI-OP', '--role', 'user']);
    expect(taken.code).toBe(1);
    const badRole = cli(['create-user', 'someone', '--role', 'root']);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/must be one of admin, operator, user/);
  });

  it('reset-password gives the admin a new password (printed, or from stdin) and refuses the old tokens', async () => {
    const before = (await login('admin', ADMIN_PASSWORD).expect(200)).body.access_token as string;
    const reset = cli(['reset-password', 'admin']);
    expect(reset.code).toBe(0);
    const password = /New password of "admin": (\S+)\n$/.exec(reset.stdout)?.[1];
    await login('admin', ADMIN_PASSWORD).expect(401);
    await login('admin', password!).expect(200);
    await http.get('/auth/me').set('Authorization', `Bearer ${before}`).expect(401);

    expect(cli(['reset-password', 'admin', '--password-stdin'], 'admin-from-stdin\n').code).toBe(0);
    await login('admin', 'admin-from-stdin').expect(200);
    expect(cli(['reset-password', 'admin', '--password-stdin'], 'short\n')).toMatchObject({
      code: 1,
      stderr: 'The password must be at least 8 characters.\n',
    });
    expect(cli(['reset-password', 'nobody'])).toMatchObject({ code: 1, stderr: 'No user named "nobody".\n' });
  });

  it('create-api-key prints a key that authenticates as the user', async () => {
    const made = cli(['create-api-key', 'cli-user', '--name', 'ops script']);
    expect(made.code).toBe(0);
    const key = made.stdout.trim();
    expect(key).toMatch(/^shk_/);
    const me = await http.get('/auth/me').set('Authorization', `token ${key}`).expect(200);
    expect(me.body).toMatchObject({ username: 'cli-user', auth_method: 'api_key' });
    const keys = await http.get('/auth/api-keys').set('Authorization', `token ${key}`).expect(200);
    expect(keys.body.map((k: { name: string }) => k.name)).toEqual(['ops script']);
  });

  it("revoke-tokens refuses the user's JWTs; a new login works", async () => {
    const token = (await login('cli-user', 'chosen-password').expect(200)).body.access_token as string;
    await http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(cli(['revoke-tokens', 'cli-user'])).toMatchObject({
      code: 0,
      stdout: 'Revoked the JWTs of "cli-user".\n',
    });
    await http.get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    const fresh = (await login('cli-user', 'chosen-password').expect(200)).body.access_token as string;
    await http.get('/auth/me').set('Authorization', `Bearer ${fresh}`).expect(200);
  });
});
