import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../../tools/chromium';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';
import { Client, type Received } from './directLineClient';

/** Debian's Chromium (installed by .ci/run), driven by playwright-core. */
const SCREENSHOTS = join(__dirname, '..', '..', 'test-output', 'screenshots');
const ENV = { HANDOFF: 'desk', AGENT_ACCOUNTS: 'alice:alice-secret-123' };
const fromBot = (pattern: RegExp) => (a: Received) => a.from.role === 'bot' && a.type === 'message' && pattern.test(a.text ?? '');

let server: Server;
let browser: Browser;
let agent: Page;
let user: Client;
let base: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = buildServer(testConfig(ENV), testBotApp(ENV), () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  agent = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'en-US' });
  user = new Client({ domain: `${base}/v3/directline`, webSocket: true });
}, 60_000);

afterAll(async () => {
  user?.end();
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const shot = (name: string) => agent.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

describe('a user over Direct Line and an agent at the desk in a real browser', () => {
  it('hands the conversation to the agent and back to the bot', async () => {
    // The user asks for a person and joins the queue.
    await user.post('do I need a filing for a server in Hong Kong');
    await user.waitFor(fromBot(/Hong Kong/i), 'an answer');
    await user.post('I want a human');
    await user.waitFor(fromBot(/Shall I connect you/), 'the offer');
    await user.post('Yes, connect me');
    await user.waitFor(fromBot(/number 1/), 'the queue place');

    // The agent signs in and sees the case, with what the user said before.
    await agent.goto(`${base}/agent`);
    await agent.fill('#login-name', 'alice');
    await agent.fill('#login-password', 'alice-secret-123');
    await agent.click('#login button[type=submit]');
    const item = agent.locator('#queue button', { hasText: 'asked for a person' }).first();
    await item.waitFor();
    expect(await agent.locator('#login').isVisible()).toBe(false);
    // The queue shows the user's question, not their "Yes, connect me".
    expect(await item.locator('.preview').innerText()).toBe('do I need a filing for a server in Hong Kong');
    await item.click();
    await agent.locator('#log li.user', { hasText: 'do I need a filing for a server in Hong Kong' }).waitFor();
    // The bot's lines look as the user saw them in Web Chat: Markdown rendered, no stars, links to the sources.
    const botLines = agent.locator('#log li.bot');
    expect(await botLines.locator('strong').count()).toBeGreaterThan(0);
    expect(await botLines.locator('a[href^="https://"][target="_blank"]').count()).toBeGreaterThan(0);
    expect((await botLines.allInnerTexts()).join('\n')).not.toMatch(/\*\*|\]\(https?:/);
    // The desk has the bot's icon, as the chat page does.
    expect(await agent.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.ico');
    expect(await agent.evaluate(() => fetch('/favicon.ico').then((res) => `${res.status} ${res.headers.get('content-type')}`))).toBe('200 image/x-icon');
    await shot('agent-desk-queue');

    // Claim: the user is told who joined.
    await agent.click('#claim');
    await agent.locator('#reply').waitFor({ state: 'visible' });
    await user.waitFor(fromBot(/alice from our support team has joined/), 'the agent joining');

    // Messages both ways, live: the user's message appears without a reload.
    await agent.fill('#reply-text', 'Hello! Is your company registered in mainland China?');
    await agent.click('#reply button[type=submit]');
    await user.waitFor(fromBot(/\*\*alice \(support\):\*\* Hello! Is your company registered/), 'the agent message');
    await user.post('No, it is registered in Singapore <b>bold</b>');
    const userLine = agent.locator('#log li.user', { hasText: 'registered in Singapore' });
    await userLine.waitFor();
    // What the user typed is shown as text, never as markup.
    expect(await userLine.innerText()).toContain('<b>bold</b>');
    expect(await agent.locator('#log b').count()).toBe(0);
    await shot('agent-desk-chat');

    // The agent ends; the bot is back and answers the next question.
    await agent.click('#end');
    await user.waitFor(fromBot(/alice has ended the conversation/), 'the end of the handoff');
    await agent.locator('#queue-empty').waitFor({ state: 'visible' });
    await user.post('can a foreign company apply for an ICP filing');
    // This conversation's site is in Hong Kong: the bot answers for that case (nothing to file), or from the FAQ.
    await user.waitFor(fromBot(/branch|hosted outside mainland China/), 'the bot answering again');
  }, 90_000);
});
