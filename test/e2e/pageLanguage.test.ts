import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from '../../tools/chromium';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

/*
 * The chat page's language in real Chromium: it starts in `?locale=` or the browser's language
 * (Web Chat's words, the welcome and its buttons), a question written in Chinese gets Chinese on
 * an English page, and a switch written to the bot switches the page's own words too.
 */

const HAN = /[\u4e00-\u9fff]/;

let server: Server;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = buildServer(testConfig(), testBotApp(), () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 60_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A page in a browser set to `locale`, with the console's warnings collected. */
async function open(locale: string, path = '/'): Promise<{ page: Page; warnings: string[] }> {
  const context = await browser.newContext({ locale, viewport: { width: 900, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  await page.goto(`${base}${path}`, { waitUntil: 'domcontentloaded' });
  return { page, warnings };
}

const transcript = (page: Page) => page.locator('.webchat__basic-transcript').first();
const sendBox = (page: Page) => page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]').first();

async function send(page: Page, text: string): Promise<void> {
  await sendBox(page).fill(text);
  await sendBox(page).press('Enter');
}

describe('the chat page’s language', () => {
  it('starts in Chinese with ?locale=zh-CN on an English browser: welcome, its buttons and Web Chat’s words', async () => {
    const { page } = await open('en-US', '/?locale=zh-CN');
    await transcript(page).getByText('我是 ICP 备案助手', { exact: false }).first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: '服务器在香港要备案吗？' }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await sendBox(page).getAttribute('placeholder')).toMatch(HAN);
    expect(await page.title()).toBe('ICP 备案助手');
  });

  it('starts in Chinese in a browser set to Chinese', async () => {
    const { page } = await open('zh-CN');
    await transcript(page).getByText('我是 ICP 备案助手', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await sendBox(page).getAttribute('placeholder')).toMatch(HAN);
    expect(await page.getByRole('button', { name: '简体中文' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('starts in English with ?locale=en in a browser set to Chinese', async () => {
    const { page } = await open('zh-CN', '/?locale=en');
    await transcript(page).getByText('I answer questions about ICP filing', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await sendBox(page).getAttribute('placeholder')).not.toMatch(HAN);
  });

  it('answers a question written in Chinese in Chinese on the English page, and logs no Web Chat warning', async () => {
    const { page, warnings } = await open('en-US');
    await transcript(page).getByText('I answer questions about ICP filing', { exact: false }).first().waitFor({ timeout: 20_000 });
    await send(page, '服务器在香港需要备案吗');
    await transcript(page).getByText('不需要', { exact: false }).first().waitFor({ timeout: 15_000 });
    expect(await transcript(page).getByText(/doesn.t need/).count()).toBe(0);
    expect(warnings.filter((text) => /Web Chat|DirectLineJS/.test(text))).toEqual([]);
  });

  it('follows a switch written to the bot: Web Chat’s placeholder and timestamps, the title and the buttons', async () => {
    const { page } = await open('en-US');
    await transcript(page).getByText('I answer questions about ICP filing', { exact: false }).first().waitFor({ timeout: 20_000 });
    expect(await sendBox(page).getAttribute('placeholder')).not.toMatch(HAN);
    await transcript(page).getByText('Just now', { exact: true }).first().waitFor({ timeout: 10_000 });
    await send(page, '中文');
    await transcript(page).getByText('接下来我会用中文回复', { exact: false }).first().waitFor({ timeout: 15_000 });
    await page.locator('html[lang="zh-CN"]').waitFor({ state: 'attached', timeout: 10_000 });
    await page.locator('[data-id="webchat-sendbox-input"][placeholder*="消息"]').waitFor({ timeout: 10_000 });
    expect(await page.title()).toBe('ICP 备案助手');
    expect(await page.getByRole('button', { name: '简体中文' }).getAttribute('aria-pressed')).toBe('true');
    // Web Chat's timestamps ("Just now" / "刚刚") are its own words in the page's language.
    await transcript(page).getByText('刚刚', { exact: true }).first().waitFor({ timeout: 10_000 });
    expect(await transcript(page).getByText('Just now', { exact: true }).count()).toBe(0);
  });
});
