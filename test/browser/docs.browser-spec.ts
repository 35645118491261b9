import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, startTestApp, TestApp } from '../utils/test-app';
import { listen } from '../utils/typed-client';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = join(__dirname, '..', '..', 'test-output', 'browser');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Swagger UI at /docs in a real browser: log in, authorize, "Try it out" on GET /auth/me. */
describe('Swagger UI (/docs) in headless Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await listen(t);
    profile = mkdtempSync(join(tmpdir(), 'sessions-hub-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 1600 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await t.close();
  });

  it('authorizes with a token from POST /auth/login and runs GET /auth/me', async () => {
    const login = await t.http
      .post('/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD })
      .expect(200);
    const token = login.body.access_token as string;

    await page.goto(`${baseUrl}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await expectText(page.locator('.swagger-ui .info'), 'Logging in and authorizing this page');
    // grouped by surface: one section per tag
    for (const tag of ['auth', 'users', 'roundware', 'experiments', 'audiobookshelf', 'health']) {
      await page.locator(`#operations-tag-${tag}`).waitFor();
    }

    await page.locator('.swagger-ui .auth-wrapper .authorize').click();
    const bearer = page.locator('.auth-container').filter({ hasText: 'bearer' }).first();
    await bearer.locator('input').fill(token);
    await bearer.locator('button.authorize').click();
    await page.locator('.dialog-ux .btn-done').first().click();

    const me = page.locator('#operations-auth-getMe');
    await me.locator('.opblock-summary').click();
    await me.locator('.try-out__btn').click();
    await me.locator('button.execute').click();
    const status = me.locator('.live-responses-table .response .response-col_status').first();
    await expectText(status, '200');
    await expectText(
      me.locator('.live-responses-table .response-col_description pre').first(),
      '"username": "admin"',
    );
    await me.locator('.live-responses-table').scrollIntoViewIfNeeded();

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'docs-authorized-get-me.png'), fullPage: false });
    expect(problems).toEqual([]);

    // the authorization is kept across a reload (persistAuthorization)
    await page.reload();
    await page.locator('.swagger-ui .auth-wrapper .authorize.locked').waitFor();
  });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).waitFor({ timeout: 15000 });
  expect(await locator.textContent()).toContain(text);
}
