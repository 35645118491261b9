import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.setup';
import { Role } from '../../src/common/auth-user';
import { contractAgent } from './contract';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';

export interface TestUser {
  id: number;
  username: string;
  password: string;
  role: Role;
  /** An access JWT. */
  token: string;
}

export interface TestApp {
  app: NestExpressApplication;
  /**
   * supertest on the app. Every response is validated against the committed spec (test/utils/contract.ts):
   * an undocumented status, content type or body shape fails the request.
   */
  http: TestAgent;
  env: Record<string, string>;
  /** Creates a user of `role` through the admin API and logs them in. */
  makeUser(options?: { role?: Role; username?: string }): Promise<TestUser>;
  /** The bootstrap admin, logged in. */
  admin(): Promise<TestUser>;
  /** A new API key of `user`. */
  apiKey(user: TestUser, name?: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A fresh database for one test app: a new SQLite file, or with TEST_DATABASE_URL a new PostgreSQL
 * database (created here, dropped at close), so the same suite runs on both engines.
 */
export async function freshDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const name = `sh_test_${process.pid}_${Date.now()}_${counter++}_${randomBytes(3).toString('hex')}`;
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      env: { DB_TYPE: 'postgres', DATABASE_URL: url.toString() },
      drop: async () => {
        const c = new Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'sessions-hub-test-'));
  return {
    env: { DB_TYPE: 'sqlite', DB_PATH: join(dir, 'test.sqlite') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function baseTestEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD,
    JWT_SECRET: TEST_JWT_SECRET,
    // Guidebook webhooks are not delivered by test apps unless a test turns the poller on (no outbound
    // requests from suites that register webhooks to example URLs)
    WEBHOOK_POLL_MS: '0',
  };
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await freshDatabase();
  // A media store of its own unless the test names one: no test writes into the checkout's data/.
  const ownMedia = env.MEDIA_DIR ? undefined : mkdtempSync(join(tmpdir(), 'sessions-hub-media-'));
  const fullEnv = { ...baseTestEnv(), ...db.env, ...(ownMedia ? { MEDIA_DIR: ownMedia } : {}), ...env };
  const app = await createApp({ env: fullEnv });
  const server = app.getHttpServer();
  const http = contractAgent(request(server));
  let adminUser: TestUser | undefined;
  let seq = 0;

  const login = async (username: string, password: string) => {
    const res = await http.post('/auth/login').send({ username, password });
    if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status} ${res.text}`);
    return res.body as { access_token: string; user: { id: number; role: Role } };
  };

  const t: TestApp = {
    app,
    http,
    env: fullEnv,
    async admin() {
      if (!adminUser) {
        const body = await login('admin', ADMIN_PASSWORD);
        adminUser = {
          id: body.user.id,
          username: 'admin',
          password: ADMIN_PASSWORD,
          role: Role.Admin,
          token: body.access_token,
        };
      }
      return adminUser;
    },
    async makeUser(options = {}) {
      const admin = await t.admin();
      const role = options.role ?? Role.User;
      const username = options.username ?? `${role}${++seq}_${randomBytes(2).toString('hex')}`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const res = await http
        .post('/users')
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ username, password, role });
      if (res.status !== 201) throw new Error(`creating ${username} failed: ${res.status} ${res.text}`);
      const body = await login(username, password);
      return { id: body.user.id, username, password, role, token: body.access_token };
    },
    async apiKey(user, name = 'test key') {
      const res = await http
        .post('/auth/api-keys')
        .set('Authorization', `Bearer ${user.token}`)
        .send({ name });
      if (res.status !== 201) throw new Error(`creating an API key failed: ${res.status} ${res.text}`);
      return res.body.key as string;
    },
    async close() {
      await app.close();
      await db.drop();
      if (ownMedia) rmSync(ownMedia, { recursive: true, force: true });
    },
  };
  return t;
}

export const bearer = (user: { token: string }) => `Bearer ${user.token}`;
