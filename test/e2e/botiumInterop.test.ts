import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'restify';
import { buildServer } from '../../src/app';
import { testBotApp, testConfig } from '../helpers';

/*
 * Interop: the project's conversation scripts are real BotiumScript. A handful of them run with
 * Botium itself (botium-core's BotDriver, compiler and convo runner, botium-connector-directline3)
 * against the bot's own Direct Line 3.0 endpoint, served by the real server on a free port.
 *
 * Botium is configured by test/e2e/botium/botium.json:
 * - CONTAINERMODE directline3, DIRECTLINE3_DOMAIN = the endpoint (set here), WebSocket stream;
 * - DIRECTLINE3_BUTTON_TYPE message / DIRECTLINE3_BUTTON_VALUE_FIELD text: the bot's buttons are
 *   imBack, so `BUTTON x` must send a message with text x (the connector's default is an event);
 * - DIRECTLINE3_GENERATE_USERNAME: a new user per convo, as the language switch lives in user state;
 * - SCRIPTING_MATCHING_MODE includeIgnoreCase: plain #bot lines are "contained in the reply";
 * - ASSERTERS: LANGUAGE (languageAsserter.js), as the project's runner checks it;
 * - LOGIC_HOOKS: SKIP_WELCOME (skipWelcomeLogicHook.js, global): Botium would hand the welcome,
 *   which every new Direct Line conversation gets first, to a script's first #bot; the dialect
 *   skips it unless the script starts with #bot;
 * - WAITFORBOTTIMEOUT 5 s (the bot answers in milliseconds here; keeps a failing run short).
 * Each script runs twice: against an endpoint with DIRECTLINE_SECRET (Botium gets the same), and
 * against the open endpoint (Botium gets a secret of its own making; see docs/botium.md).
 */

// botium-core and its connector are plain JavaScript without types: the few parts used here.
interface BotiumConvo {
  header: { name: string };
  Run(container: BotiumContainer): Promise<unknown>;
}
interface BotiumCompiler {
  convos: BotiumConvo[];
  ReadScript(dir: string, filename: string): unknown;
  ExpandConvos(): void;
}
interface BotiumContainer {
  Start(): Promise<unknown>;
  Stop(): Promise<unknown>;
  Clean(): Promise<unknown>;
}
interface BotiumDriver {
  BuildCompiler(): BotiumCompiler;
  Build(): Promise<BotiumContainer>;
}
const { BotDriver } = require('botium-core') as { BotDriver: new (caps: Record<string, unknown>) => BotiumDriver };

const SCRIPTS = join(__dirname, '..', 'dialogs', 'scripts');
const BOTIUM = join(__dirname, 'botium');
const FALLBACK_SCRIPTS = join(BOTIUM, 'scripts');
/**
 * The connector refuses to start without DIRECTLINE3_SECRET, and directlinejs then sends it as the
 * bearer of every request instead of adopting the conversation's token. With DIRECTLINE_SECRET the
 * endpoint and Botium share it; the open endpoint takes any secret of 16 or more characters as the
 * key to the conversations started with it.
 */
const SECRET = 'botium-interop-direct-line-secret';
const ENDPOINTS: { name: string; endpointSecret?: string; botiumSecret: string }[] = [
  { name: 'with DIRECTLINE_SECRET', endpointSecret: SECRET, botiumSecret: SECRET },
  { name: 'on the open endpoint (no DIRECTLINE_SECRET)', botiumSecret: 'any-secret-of-botiums-own-making' },
];

/**
 * The scripts to run: for each kind, the first of its project scripts (test/dialogs/scripts) that
 * exists, else its stand-in in test/e2e/botium/scripts (same dialect), so that a renamed script
 * shows up as "stand-in" in the test name instead of failing the run.
 *
 * Only project scripts without several plain-text lines in one #bot block qualify: the project's
 * runner checks each such line on its own, Botium joins the lines into one text that the reply
 * must contain as a whole, so e.g. faq-cdn-en.convo.txt (lines 8-10) fails in Botium. All faq-*
 * scripts and check-hongkong-* have such blocks.
 */
const SLOTS: { kind: string; names: string[]; fallback: string }[] = [
  { kind: 'greeting in several phrasings (utterances file, TEXT_EQUALS, BUTTONS)', names: ['greet-hello-en.convo.txt', 'greet-hello-zh.convo.txt'], fallback: 'greet-welcome.convo.txt' },
  { kind: 'welcome checked by a leading #bot, then its 中文 button (LANGUAGE zh-CN)', names: ['lang-welcome-button-zh.convo.txt'], fallback: 'faq-hong-kong-zh.convo.txt' },
  { kind: 'eligibility check by BUTTON clicks, in Chinese', names: ['check-individual-zh.convo.txt', 'check-why-and-back-zh.convo.txt'], fallback: 'check-hong-kong.convo.txt' },
  { kind: 'eligibility check in English (TEXT_CONTAINS_ALL, BUTTON)', names: ['check-individual-en.convo.txt', 'check-mainland-cdn-en.convo.txt'], fallback: 'faq-cdn.convo.txt' },
  { kind: 'FAQ answer after a help BUTTON (BUTTONS, LANGUAGE en)', names: ['help-province-button-en.convo.txt'], fallback: 'faq-hong-kong.convo.txt' },
];

interface Script {
  kind: string;
  dir: string;
  file: string;
}

function selectScripts(): Script[] {
  return SLOTS.map(({ kind, names, fallback }) => {
    const file = names.find((name) => existsSync(join(SCRIPTS, name)));
    return file === undefined ? { kind, dir: FALLBACK_SCRIPTS, file: fallback } : { kind, dir: SCRIPTS, file };
  });
}

/** The capabilities of botium.json, plus where the endpoint is and where the asserter and logic hook live. */
function capabilities(domain: string, secret: string, tempDir: string): Record<string, unknown> {
  const config = JSON.parse(readFileSync(join(BOTIUM, 'botium.json'), 'utf8')) as { botium: { Capabilities: Record<string, unknown> } };
  return {
    ...config.botium.Capabilities,
    DIRECTLINE3_DOMAIN: domain,
    DIRECTLINE3_SECRET: secret,
    // ASSERTERS / LOGIC_HOOKS name their modules relative to SAFEDIR.
    SAFEDIR: BOTIUM,
    TEMPDIR: tempDir,
  };
}

/** Botium's own account of a failed convo: its error (prettified when it is a BotiumError) and the transcript. */
function describeFailure(name: string, error: unknown): string {
  const err = error as { message?: string; cause?: { prettify?: () => string }; transcript?: { steps?: { actual?: { prettify?: () => string } }[] } };
  const lines = [`${name}: ${err.message ?? String(error)}`];
  // A BotiumError prettifies itself with the transcript up to the failure; other errors get the transcript here.
  if (typeof err.cause?.prettify === 'function') return [...lines, err.cause.prettify()].join('\n');
  const steps = err.transcript?.steps ?? [];
  if (steps.length > 0) {
    lines.push('------------ BOTIUM TRANSCRIPT ------------');
    for (const step of steps) if (typeof step.actual?.prettify === 'function') lines.push(step.actual.prettify());
  }
  return lines.join('\n');
}

const scripts = selectScripts();

describe.each(ENDPOINTS)('BotiumScript interop: botium-core + botium-connector-directline3 against the bot’s Direct Line endpoint $name', ({ endpointSecret, botiumSecret }) => {
  let server: Server;
  let domain: string;
  let tempDir: string;
  let container: BotiumContainer | undefined;
  let driver: BotiumDriver;

  beforeAll(async () => {
    const env: Record<string, string> = endpointSecret ? { DIRECTLINE_SECRET: endpointSecret } : {};
    server = buildServer(testConfig(env), testBotApp(env), () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    domain = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
    tempDir = mkdtempSync(join(tmpdir(), 'botium-interop-'));
    driver = new BotDriver(capabilities(domain, botiumSecret, join(tempDir, 'work')));
    container = await driver.Build();
  });

  afterAll(async () => {
    await container?.Clean();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  it.each(scripts.map((script) => [`${script.kind}: ${script.dir === SCRIPTS ? '' : 'stand-in '}${script.file}`, script] as const))('%s', async (_title, script) => {
    // A compiler per script: its own convos, and the utterances of its folder.
    const compiler = driver.BuildCompiler();
    for (const file of readdirSync(script.dir).filter((name) => name.endsWith('.utterances.txt'))) compiler.ReadScript(script.dir, file);
    compiler.ReadScript(script.dir, script.file);
    compiler.ExpandConvos();
    expect(compiler.convos.length).toBeGreaterThan(0);

    const failures: string[] = [];
    for (const convo of compiler.convos) {
      // Each convo is a new Direct Line conversation (and a new user).
      await container!.Start();
      try {
        await convo.Run(container!);
      } catch (error) {
        failures.push(describeFailure(convo.header.name, error));
      } finally {
        await container!.Stop();
      }
    }
    if (failures.length > 0) throw new Error(`Botium reports a failure in ${script.file}:\n${failures.join('\n\n')}`);
  });
});
