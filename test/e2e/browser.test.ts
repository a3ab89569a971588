import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../../tools/chromium';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

/** Debian's Chromium (installed by .ci/run), driven by playwright-core. */
const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');

let server: Server;
let browser: Browser;
let page: Page;
let base: string;
/** What Chromium reports when the page's Content-Security-Policy blocks something. */
const cspViolations: string[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = buildServer(testConfig(), testBotApp(), () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 900, height: 1000 }, locale: 'en-US' });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const transcript = () => page.locator('.webchat__basic-transcript').first();
const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

async function send(text: string): Promise<void> {
  const box = page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]').first();
  await box.fill(text);
  await box.press('Enter');
}

describe('the chat page in a real browser', () => {
  it('shows Web Chat with the welcome message', async () => {
    await page.goto(base, { waitUntil: 'domcontentloaded' });
    await transcript().getByText('ICP Filing Assistant', { exact: false }).first().waitFor({ timeout: 20_000 });
    await shot('1-welcome');
  });

  it('answers a question', async () => {
    await send('do I need an ICP filing if my server is in Hong Kong');
    await transcript().getByText(/doesn.t need an ICP filing/).first().waitFor({ timeout: 15_000 });
    await shot('2-answer');
  });

  it('answers a suggested action when clicked', async () => {
    await page.getByRole('button', { name: 'Do I need an ICP filing to use a CDN?' }).first().click();
    await transcript().getByText('where the CDN serves', { exact: false }).first().waitFor({ timeout: 15_000 });
    await shot('3-suggested-action');
  });

  it('runs a short eligibility check to its Adaptive Card', async () => {
    // The server's place was said in this conversation already (Hong Kong): the check keeps it and asks about a CDN.
    await send('check my situation');
    await transcript().getByText('Will a CDN with nodes in mainland China serve your site?', { exact: false }).first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'No', exact: true }).last().click();
    const resultCard = page.locator('.ac-adaptiveCard', { hasText: 'Your ICP filing check' }).last();
    await resultCard.waitFor({ timeout: 15_000 });
    await shot('4-check-result');
    // The sources are folded until asked for.
    const links = resultCard.locator('a[href^="https://"]');
    expect(await links.first().isVisible()).toBe(false);
    const folded = (await resultCard.boundingBox())?.height ?? 0;
    await resultCard.getByRole('button', { name: /^Sources \(\d+\)$/ }).click();
    await links.first().waitFor({ state: 'visible' });
    expect((await resultCard.boundingBox())?.height ?? 0).toBeGreaterThan(folded);
  });

  it('switches to Chinese: Web Chat and the bot answer in Chinese', async () => {
    await page.getByRole('button', { name: '简体中文' }).click();
    await transcript().getByText('接下来我会用中文回复', { exact: false }).first().waitFor({ timeout: 15_000 });
    await send('论坛网站可以备案吗');
    await transcript().getByText('论坛', { exact: false }).last().waitFor({ timeout: 15_000 });
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('input[data-id="webchat-sendbox-input"], textarea[data-id="webchat-sendbox-input"]').first().getAttribute('placeholder')).toMatch(/[\u4e00-\u9fff]/);
    await shot('5-chinese');
  });

  it('ran all of that under the page\'s Content-Security-Policy without a violation', async () => {
    const policy = await page.evaluate(() => fetch('/').then((res) => res.headers.get('content-security-policy')));
    expect(policy).toMatch(/script-src 'self'; .*connect-src 'self'/);
    expect(cspViolations).toEqual([]);
  });
});
