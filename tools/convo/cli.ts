import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseArgs } from 'node:util';
import { buildCore } from '../../src/app.js';
import type { CliIO } from '../../src/cli/main.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { makeLogger } from '../../src/log.js';
import { projectRoot } from '../../src/util/projectRoot.js';
import { formatCheckReport, turnsToResult } from './checkReport.js';
import {
  ConvoLoadError,
  convoFromTranscript,
  formatReport,
  formatResultLine,
  freshBotApps,
  LiveOptions,
  loadScripts,
  recordLive,
  runScriptInProcess,
  runScriptLive,
  toJUnitXml,
  type Convo,
  type ConvoResult,
  type RecordedConvo,
} from './index.js';
import { compareRuleScripts, GENERATED_DIR, generateRuleScripts, writeRuleScripts } from './ruleScripts.js';

const USAGE = `usage: npm run convo -- <command>   (node dist-tools/tools/convo/main.js <command>)

  test-dialogs [--live URL] [--secret S] [--junit FILE] [--timeout MS] [FILE|DIR ...]
                                     run conversation scripts (*.convo.txt, default test/dialogs) in
                                     process, or over Direct Line at URL; exit 1 when one fails
  record --transcript FILE [--out FILE] [--name NAME]
  record --live URL [--secret S] [--timeout MS] [--out FILE] [--name NAME]
                                     write a conversation script from an Emulator transcript, or
                                     from user lines read on stdin and sent over Direct Line
  generate-dialogs [--check]         rewrite test/dialogs/generated/ from the rules (--check: exit 1 when stale)
  check-report [--before DIR] [--out FILE]
                                     user turns to a result over the generated scripts (and those in
                                     DIR, e.g. an earlier commit's), and the conditional rules
`;

/** How long a live run waits for each expected bot message unless --timeout says otherwise. */
const DEFAULT_LIVE_TIMEOUT_MS = 10_000;

/**
 * Runs one conversation-script command; resolves to the process exit code. These commands drive
 * the bot from a checkout (scripts under test/, the rules' generated walks), so they live with the
 * tooling rather than in the icp-bot command the production build ships.
 */
export async function runConvoCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'test-dialogs':
        return await testDialogs(rest, io);
      case 'record':
        return await record(rest, io);
      case 'generate-dialogs':
        return generateDialogs(rest, io);
      case 'check-report':
        return checkReport(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`convo: unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    io.stderr(`convo ${command}: ${(error as Error).message}\n`);
    return error instanceof ConfigError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) ? 2 : 1;
  }
}

async function testDialogs(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { live: { type: 'string' }, secret: { type: 'string' }, junit: { type: 'string' }, timeout: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const live = liveOptions('test-dialogs', values, io);
  if (live === null) return 2;
  let convos: Convo[];
  try {
    convos = loadScripts(positionals.length > 0 ? positionals : [join(projectRoot(), 'test', 'dialogs')]).convos;
  } catch (error) {
    if (!(error instanceof ConvoLoadError)) throw error;
    io.stderr(`convo test-dialogs: ${error.problems.length} problem(s) in the scripts\n${error.message}\n`);
    return 2;
  }
  if (convos.length === 0) {
    io.stderr(`convo test-dialogs: no *.convo.txt in ${positionals.join(', ') || 'test/dialogs'}\n`);
    return 2;
  }
  const config = loadConfig(io.env);
  const apps = freshBotApps(config, makeLogger(config.LOG_LEVEL, io.stderr));
  const results: ConvoResult[] = [];
  for (const convo of convos) {
    for (const result of live ? await runScriptLive(convo, live) : await runScriptInProcess(convo, { app: apps })) {
      results.push(result);
      io.stdout(`${formatResultLine(result)}\n`);
    }
  }
  io.stdout(`\n${formatReport(results)}`);
  if (values.junit) writeFileSync(values.junit, toJUnitXml(results));
  return results.every((r) => r.passed) ? 0 : 1;
}

function generateDialogs(args: string[], io: CliIO): number {
  const { values } = parseArgs({ args, options: { check: { type: 'boolean', default: false } }, strict: true });
  const { i18n } = buildCore(loadConfig(io.env));
  const expected = generateRuleScripts(i18n);
  const dir = join(projectRoot(), GENERATED_DIR);
  const difference = compareRuleScripts(expected, dir);
  const stale = [...difference.missing, ...difference.changed, ...difference.extra];
  if (values.check) {
    if (stale.length === 0) {
      io.stdout(`generate-dialogs: ${expected.size} scripts are current\n`);
      return 0;
    }
    io.stderr(`generate-dialogs: out of date: ${stale.join(', ')}; run "npm run generate:dialogs"\n`);
    return 1;
  }
  writeRuleScripts(expected, dir);
  io.stdout(`generate-dialogs: wrote ${expected.size} scripts to ${GENERATED_DIR} (${stale.length} changed)\n`);
  return 0;
}

async function record(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      transcript: { type: 'string' },
      live: { type: 'string' },
      secret: { type: 'string' },
      timeout: { type: 'string' },
      out: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  if ((values.transcript === undefined) === (values.live === undefined)) {
    io.stderr('convo record: give either --transcript FILE or --live URL\n');
    return 2;
  }
  let recorded: RecordedConvo;
  if (values.transcript !== undefined) {
    if (values.secret !== undefined || values.timeout !== undefined) {
      io.stderr('convo record: --secret and --timeout go with --live\n');
      return 2;
    }
    if (!existsSync(values.transcript)) {
      io.stderr(`convo record: no such file: ${values.transcript}\n`);
      return 2;
    }
    const name = values.name ?? basename(values.transcript).replace(/\.transcript$/, '');
    try {
      recorded = convoFromTranscript(readFileSync(values.transcript, 'utf8'), { name, description: `Recorded from ${basename(values.transcript)}.` });
    } catch (error) {
      io.stderr(`convo record: ${values.transcript}: ${(error as Error).message}\n`);
      return 2;
    }
  } else {
    const live = liveOptions('record', values, io);
    if (!live) return 2;
    recorded = await recordLive(linesOf(io.stdin), live, { name: values.name ?? 'Recorded conversation', description: `Recorded over Direct Line from ${live.url}.` });
  }
  for (const warning of recorded.warnings) io.stderr(`convo record: ${warning}\n`);
  if (values.out === undefined) {
    io.stdout(recorded.script);
    return 0;
  }
  writeFileSync(values.out, recorded.script);
  io.stdout(`${values.out}\n`);
  return 0;
}

/**
 * The Direct Line options of --live, --secret and --timeout: undefined when there is no --live
 * (in process; --timeout is then only checked), null after reporting a bad value.
 */
function liveOptions(command: string, values: { live?: string; secret?: string; timeout?: string }, io: CliIO): LiveOptions | undefined | null {
  const timeoutMs = values.timeout === undefined ? DEFAULT_LIVE_TIMEOUT_MS : Number(values.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    io.stderr(`convo ${command}: --timeout "${values.timeout}": must be a whole number of milliseconds above 0\n`);
    return null;
  }
  if (values.live === undefined) {
    if (values.secret === undefined) return undefined;
    io.stderr(`convo ${command}: --secret goes with --live URL\n`);
    return null;
  }
  const parsed = LiveOptions.safeParse({ url: values.live, secret: values.secret, timeoutMs });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    io.stderr(`convo ${command}: --${issue.path[0] === 'url' ? 'live' : String(issue.path[0])}: ${issue.message}\n`);
    return null;
  }
  return parsed.data;
}

/**
 * The lines of a stream as they arrive. (readline's async iterator stalls when each line is
 * awaited for long, as record --live does while the bot answers.)
 */
async function* linesOf(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  for await (const chunk of stream) {
    buffer += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      yield buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
    }
  }
  buffer += decoder.end();
  if (buffer !== '') yield buffer;
}

function checkReport(args: string[], io: CliIO): number {
  const { values } = parseArgs({ args, options: { before: { type: 'string' }, out: { type: 'string' } }, strict: true });
  const { i18n } = buildCore(loadConfig(io.env));
  const titles = ['en', 'zh-CN'].map((language) => i18n.getFixedT(language)('check.result.title'));
  const after = turnsToResult(join(projectRoot(), GENERATED_DIR), titles);
  const before = values.before ? turnsToResult(values.before, titles) : undefined;
  const page = formatCheckReport(before, after, `# The eligibility check: turns to a result\n\nMade by \`npm run convo -- check-report${values.before ? ' --before DIR' : ''}\` on ${new Date().toISOString().slice(0, 10)}. A script is one walk through the check per rule and language (test/dialogs/generated/); a user turn is a message the user sends, the first being "check my situation".`);
  if (values.out) writeFileSync(values.out, page);
  else io.stdout(page);
  return 0;
}
