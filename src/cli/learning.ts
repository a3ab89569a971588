import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCore } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import {
  acceptSuggestion,
  buildReport,
  EventLog,
  formatReportText,
  listSuggestions,
  parseSince,
  proposeExampleSuggestions,
  proposeSuggestions,
  rejectSuggestion,
  renderReportHtml,
  reportSummary,
  thresholdsOf,
  writeSuggestions,
  type LearningEvent,
  type LearningReport,
} from '../learning/index.js';
import { readCalibrationData } from '../nlu/calibrate.js';
import { makeLogger } from '../log.js';
import { makeStorage } from '../storage/index.js';
import { projectRoot, resolveFromRoot } from '../util/projectRoot.js';
import type { CliIO } from './main.js';

const FORMATS = ['text', 'json', 'html'] as const;

/** `icp-bot report`: the learning report of a period, from the event log in the configured store. */
export async function report(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { since: { type: 'string', default: '7d' }, format: { type: 'string', default: 'text' }, out: { type: 'string' } },
    strict: true,
  });
  const format = FORMATS.find((f) => f === values.format);
  if (!format) {
    io.stderr(`icp-bot report: unsupported --format "${values.format}" (use text, json or html)\n`);
    return 2;
  }
  const config = loadConfig(io.env);
  const period = periodOf('report', values.since, io);
  if (!period) return 2;
  const { report: built } = await readReport(config, period, io);
  const output = format === 'json' ? `${JSON.stringify(reportSummary(built), null, 2)}\n` : format === 'html' ? renderReportHtml(built) : formatReportText(built);
  if (values.out === undefined) io.stdout(output);
  else {
    writeFileSync(values.out, output);
    io.stdout(`${values.out}\n`);
  }
  return 0;
}

/**
 * `icp-bot suggest`: proposes alternates and new entries from the period's clusters and writes them
 * as files for review, listing the pending ones; `--accept ID` applies one to the knowledge files
 * and runs kb lint; `--reject ID` drops it.
 */
export async function suggest(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { since: { type: 'string', default: '30d' }, dir: { type: 'string' }, labelled: { type: 'string' }, accept: { type: 'string' }, reject: { type: 'string' } },
    strict: true,
  });
  if (values.accept !== undefined && values.reject !== undefined) {
    io.stderr('icp-bot suggest: give --accept ID or --reject ID, not both\n');
    return 2;
  }
  const config = loadConfig(io.env);
  const dir = values.dir ?? join(projectRoot(), 'data', 'suggestions');
  const knowledgeDir = resolveFromRoot(config.KNOWLEDGE_DIR);
  // The calibration data that labelled examples from feedback join (eval --calibrate reads it).
  const labelledDir = values.labelled ?? join(projectRoot(), 'test', 'labelled');
  if (values.accept !== undefined) {
    try {
      const result = acceptSuggestion(dir, values.accept, knowledgeDir, labelledDir);
      for (const file of result.files) io.stdout(`${file}\n`);
      if (result.added.length > 0) io.stdout(`added ${result.added.map((a) => `"${a}"`).join(', ')}\n`);
      if (result.id.startsWith('lab-')) {
        io.stdout(`accepted ${result.id}: ${result.added.length} labelled example(s). Run "npm run eval -- --calibrate", review the diff and commit test/labelled/ and knowledge/calibration.json.\n`);
      } else {
        io.stdout(`accepted ${result.id}; kb lint: ok (${result.entries.en} en, ${result.entries['zh-CN']} zh-CN entries). Review the diff, run "npm run eval -- --calibrate" and commit knowledge/.\n`);
      }
      return 0;
    } catch (error) {
      io.stderr(`icp-bot suggest: ${(error as Error).message.replace(/^acceptSuggestion\(\): /, '')}\n`);
      return 1;
    }
  }
  if (values.reject !== undefined) {
    try {
      rejectSuggestion(dir, values.reject);
      io.stdout(`rejected ${values.reject}; it will not be proposed again\n`);
      return 0;
    } catch (error) {
      io.stderr(`icp-bot suggest: ${(error as Error).message.replace(/^rejectSuggestion\(\): /, '')}\n`);
      return 1;
    }
  }
  const period = periodOf('suggest', values.since, io);
  if (!period) return 2;
  const core = buildCore(config);
  const { report: built, events } = await readReport(config, period, io, core.recognizer.normalizer);
  const labelled = readCalibrationData(labelledDir);
  const suggestions = [
    ...proposeSuggestions(built, { recognizer: core.recognizer, knowledge: core.knowledge }),
    ...proposeExampleSuggestions(events, { knowledge: core.knowledge, labelled }),
  ];
  const written = writeSuggestions(dir, suggestions, knowledgeDir);
  const pending = listSuggestions(dir);
  io.stdout(`suggest: ${built.clusters.length} group(s) of questions, ${suggestions.length} suggestion(s): ${written.written.length} new, ${written.kept.length} already there or decided\n`);
  for (const s of pending) {
    const what =
      s.kind === 'alternate'
        ? `add to ${s.entry}: ${s.phrasings.map((p) => `"${p}"`).join(', ')}`
        : s.kind === 'examples'
          ? `${s.examples.length} labelled example(s) for the calibration: ${s.examples.slice(0, 3).map((e) => `"${e.text}" → ${e.entry}`).join(', ')}${s.examples.length > 3 ? ' …' : ''}`
          : `new entry ${s.entry}: "${s.phrasings[0] ?? ''}"`;
    io.stdout(`${s.id}  [${s.language}]  ${what}\n`);
  }
  if (pending.length > 0) io.stdout(`Review the files in ${dir}, then: icp-bot suggest --accept ID (or --reject ID)\n`);
  return 0;
}

function periodOf(command: string, since: string, io: CliIO): { from: Date; to: Date } | undefined {
  const to = new Date();
  try {
    return { from: parseSince(since, to), to };
  } catch (error) {
    io.stderr(`icp-bot ${command}: --since ${(error as Error).message.replace(/^parseSince\(\): /, '')}\n`);
    return undefined;
  }
}

async function readReport(
  config: Config,
  period: { from: Date; to: Date },
  io: CliIO,
  normalizer?: { terms(text: string): string[] },
): Promise<{ report: LearningReport; events: LearningEvent[] }> {
  const log = makeLogger(config.LOG_LEVEL, io.stderr);
  const store = makeStorage(config, log);
  try {
    await store.ready();
    const eventLog = new EventLog({ storage: store.storage, salt: config.EVENT_LOG_SALT, retentionDays: config.EVENT_RETENTION_DAYS, log });
    const { events, unreadable } = await eventLog.read(period.from, period.to);
    return { report: buildReport(events, { ...period, thresholds: thresholdsOf(config), normalizer: normalizer ?? buildCore(config).recognizer.normalizer, unreadable }), events };
  } finally {
    await store.close();
  }
}
