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
import { put, wavFile } from '../audiobookshelf/audio-fixtures';
import { tempMediaDir } from '../project-content/helpers';
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
    env = { ...baseTestEnv(), ...db.env, MEDIA_DIR: tempMediaDir() };
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
  it('scan-library scans a library with a progress bar; without an id or --all it exits 1', async () => {
    // an admin of its own (an earlier test changed the first admin's password)
    expect(
      cli(['create-user', 'cli-scanner', '--role', 'admin', '--password-stdin'], 'scanner-password\n').code,
    ).toBe(0);
    const admin = (await login('cli-scanner', 'scanner-password').expect(200)).body.access_token as string;
    const created = await http
      .post('/audiobookshelf/api/libraries')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'CLI books', mediaType: 'book', folders: [{ fullPath: 'cli-books' }] })
      .expect(200);
    put(join(env.MEDIA_DIR, 'cli-books', 'Ann', 'One', '01.wav'), wavFile(1, { album: 'One' }));
    put(join(env.MEDIA_DIR, 'cli-books', 'Ann', 'Two', '01.wav'), wavFile(1, { album: 'Two' }));
    const run = cli(['scan-library', created.body.id]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('[############------------] 1/2  cli-books/Ann/One\n');
    expect(run.stdout).toContain('[########################] 2/2  cli-books/Ann/Two\n');
    expect(run.stdout).toContain(`Scanned ${created.body.id}: 2 added, 0 updated, 0 missing, 0 unreadable`);
    const items = await http
      .get(`/audiobookshelf/api/libraries/${created.body.id}/items?sort=media.metadata.title`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(
      items.body.results.map((i: { media: { metadata: { title: string } } }) => i.media.metadata.title),
    ).toEqual(['One', 'Two']);
    expect(cli(['scan-library', '--all']).stdout).toContain('0 added, 2 updated');
    expect(cli(['scan-library'])).toMatchObject({ code: 1, stderr: 'Give a library id or --all.\n' });
    expect(cli(['scan-library', 'lib_nope'])).toMatchObject({ code: 1, stderr: 'Library not found\n' });
  });
});
