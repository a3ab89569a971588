/**
 * Takes the screenshots in docs/screenshots/ with real Chromium (playwright-core, a devDependency)
 * against the real server on a free port: the chat page in English and in Chinese (each answering
 * a question), and the agent desk with a user waiting. Run with `npm run screenshots`; set
 * CHROMIUM_PATH when Chromium is not /usr/bin/chromium.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { buildBotApp, buildServer } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/util/projectRoot.js';

const OUT = join(projectRoot(), 'docs', 'screenshots');
const AGENT = { name: 'alice', password: 'screenshot-only-password' };
const VIEWPORT = { width: 960, height: 900 };

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const config = loadConfig({ STORAGE: 'memory', LOG_LEVEL: 'silent', HANDOFF: 'desk', AGENT_ACCOUNTS: `${AGENT.name}:${AGENT.password}` });
  const app = buildBotApp(config, { storage: new MemoryStorage(), log: () => undefined });
  const server = buildServer(config, app, () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchChromium();
  try {
    await chatPage(browser, base, 'en-US', 'do I need an ICP filing if my server is in Hong Kong', /doesn.t need an ICP filing/, 'page-en.png');
    await chatPage(browser, base, 'zh-CN', '服务器在香港需要备案吗', /不需要/, 'page-zh-CN.png');
    await desk(browser, base);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** A new visitor in a browser set to `locale` asks `question`; the page is taken (into `file`) once the answer shows. */
async function chatPage(browser: Browser, base: string, locale: string, question: string, answer: RegExp, file?: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(base, { waitUntil: 'domcontentloaded' });
  await say(page, question);
  await page.locator('.webchat__basic-transcript').getByText(answer).first().waitFor({ timeout: 20_000 });
  if (file) {
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, file) });
    process.stdout.write(`wrote ${join(OUT, file)}\n`);
  }
  return page;
}

/** A visitor asks a question, then for a person; the agent signs in and opens the case. */
async function desk(browser: Browser, base: string): Promise<void> {
  const user = await chatPage(browser, base, 'en-US', 'can a foreign company apply for an ICP filing', /foreign|branch|mainland/i);
  await say(user, 'talk to a person');
  await user.getByRole('button', { name: 'Yes, connect me' }).last().click();
  await user.locator('.webchat__basic-transcript').getByText('in the queue for a person', { exact: false }).first().waitFor({ timeout: 15_000 });

  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } });
  const agent = await context.newPage();
  await agent.goto(`${base}/agent`);
  await agent.fill('#login-name', AGENT.name);
  await agent.fill('#login-password', AGENT.password);
  await agent.click('#login button[type=submit]');
  await agent.locator('#queue button').first().click();
  await agent.locator('#log li.bot').first().waitFor();
  await agent.waitForTimeout(300);
  await agent.screenshot({ path: join(OUT, 'desk.png') });
  process.stdout.write(`wrote ${join(OUT, 'desk.png')}\n`);
}

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]').first();
  await box.waitFor({ timeout: 20_000 });
  await box.fill(text);
  await box.press('Enter');
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
