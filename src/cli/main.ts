import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildCore, type Core } from '../app.js';
import { ConfigError, loadConfig, recognizerThresholds } from '../config.js';
import { report, suggest } from './learning.js';
import { parseFaqPage, renderDraft } from '../knowledge/import.js';
import { readKnowledge } from '../knowledge/load.js';
import { LANGUAGES, languageOfLocale, type Language } from '../nlu/language.js';
import { answeredOutOfScope, boundedSweep, evaluate, formatReplyScores, readLabelled, readOutOfScope, plannedReply, scoreReplies, thresholdGrid, type EvaluationScores, type LabelledQuestion, type OutOfScopeAnswers, type PlannedReply } from '../nlu/evaluate.js';
import { CHINESE_ANSWER_MIN_WORDS, type Recognition } from '../nlu/recognizer.js';
import { calibrationExamples, fitCalibration, MAX_WRONG_ANSWERS, partOf, readCalibrationData, reportCalibration } from '../nlu/calibrate.js';
import { Calibration, CALIBRATION_FILE, calibrationStatus } from '../nlu/calibration.js';
import { calibrationHtml, calibrationMarkdown, calibrationTables, reliabilitySvg } from '../nlu/calibrationReport.js';
import { knowledgeFingerprint } from '../knowledge/fingerprint.js';
import { CheckReplies } from '../check/replies.js';
import { chosenClarify, clarifySweep } from './clarifySweep.js';
import { formatFollowUps, scoreFollowUps } from './followUps.js';
import { planOf } from './planOf.js';
import { BLIND_SETS, formatUnderstandingReport, readSituations, scoreOutOfScope, splitHeldOut, scoreSituations, type LanguageUnderstanding, type Understanding } from '../nlu/evaluateSituations.js';
import { Replies } from '../replies.js';
import { assess, conditionalAdvice, parseProfile } from '../rules/index.js';
import { projectRoot, resolveFromRoot } from '../util/projectRoot.js';

/** Where a command writes; tests pass their own. */
export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const USAGE = `usage: icp-bot <command>

  ask [--locale en|zh-CN] [--json]   answer one question per line read from stdin
  kb lint [--dir DIR]                check the knowledge base; exit 1 on problems
  kb import FILE --source ID [--language en|zh-CN] [--out DIR]
                                     turn an FAQ page (Markdown) into draft entry files
  eval --situations [--json] [--out FILE]
                                     facts and first replies on test/labelled/situations/, and
                                     out-of-scope messages answered (docs/understanding.md)
  eval --follow-ups [--json]         replies to the follow-ups of test/labelled/follow-ups/, read alone
                                     and after the message before them
  eval [--sweep] [--json]            top-1, top-3 and out-of-scope rejection on test/labelled/,
                                     and how many messages of its out-of-scope/ sets are answered
  eval --calibrate [--json]          fit the calibrated confidence on the training part of test/labelled/
                                     (knowledge/calibration.json) and write its held-out figures (and
                                     the blind set's, test/labelled/faq-blind/) and reliability diagram
                                     to docs/calibration.md; run after every change to knowledge/
  eval --held-out [--json] [--html FILE]
                                     the stored calibration's figures on the held-out part and the
                                     blind set
  check [--json] [--locale en|zh-CN] assess a profile (JSON on stdin): is a filing needed, where, how
  report [--since 7d] [--format text|json|html] [--out FILE]
                                     unanswered and 👎 questions grouped, picks, mix-ups, answer and
                                     helpful rate per day, from the event log in the configured store
  suggest [--since 30d] [--dir DIR] [--labelled DIR]
                                     propose alternates, new entries and calibration examples (from
                                     picks and 👍) as files in DIR (data/suggestions)
  suggest --accept ID | --reject ID [--dir DIR] [--labelled DIR]
                                     apply a suggestion to knowledge/ (and run kb lint) or to the
                                     labelled data's feedback/ (default test/labelled), or drop it

Conversation scripts (test-dialogs, record, generate-dialogs, check-report) are development tools
outside this command: npm run convo -- <command> in a checkout (docs/conversation-scripts.md).
`;

/** Runs one icp-bot command; resolves to the process exit code. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'ask':
        return await ask(rest, io);
      case 'kb':
        return kb(rest, io);
      case 'eval':
        return runEval(rest, io);
      case 'check':
        return await check(rest, io);
      case 'report':
        return await report(rest, io);
      case 'suggest':
        return await suggest(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.stderr(`icp-bot: unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof ConfigError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`icp-bot ${command}: ${(error as Error).message}\n`);
      return 2;
    }
    io.stderr(`icp-bot ${command}: ${(error as Error).message}\n`);
    return 1;
  }
}

async function ask(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { locale: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const config = loadConfig(io.env);
  let locale: Language | undefined;
  if (values.locale !== undefined) {
    locale = languageOfLocale(values.locale);
    if (!locale) {
      io.stderr(`icp-bot ask: unsupported --locale "${values.locale}" (use en or zh-CN)\n`);
      return 2;
    }
  }
  const { recognizer } = buildCore(config);
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const question = line.slice(0, config.MAX_TEXT_CHARS).trim();
    if (question.length === 0) continue;
    const recognition = recognizer.recognize(question, locale ?? config.DEFAULT_LOCALE);
    io.stdout(values.json ? `${JSON.stringify(askJson(recognition, locale))}\n` : `${askText(recognition)}\n`);
  }
  return 0;
}

/** The `ask --json` line: question, locale, outcome, top and candidates. */
export function askJson(recognition: Recognition, locale?: Language) {
  const candidate = (c: { id: string; question: string; score: number }) => ({ id: c.id, question: c.question, score: round(c.score) });
  return {
    question: recognition.text,
    locale: locale ?? recognition.language,
    outcome: recognition.outcome,
    ...(recognition.intent ? { intent: recognition.intent } : {}),
    top: recognition.top ? candidate(recognition.top) : null,
    candidates: recognition.candidates.map(candidate),
  };
}

function askText(r: Recognition): string {
  if (r.outcome === 'intent') return `intent ${r.intent} (${round(r.confidence)})\t${r.text}`;
  const top = r.top ? `${r.top.id} (${round(r.top.score)})` : '-';
  return `${r.outcome}\t${top}\t${r.text}`;
}

async function check(args: string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false }, locale: { type: 'string', default: 'en' } }, strict: true });
  const language = languageOfLocale(values.locale);
  if (!language) {
    io.stderr(`icp-bot check: unsupported --locale "${values.locale}" (use en or zh-CN)\n`);
    return 2;
  }
  let input: unknown;
  const text = await readAll(io.stdin);
  try {
    input = JSON.parse(text.trim() === '' ? '{}' : text);
  } catch (error) {
    io.stderr(`icp-bot check: stdin is not JSON: ${(error as Error).message}\n`);
    return 2;
  }
  let profile;
  try {
    profile = parseProfile(input, 'check');
  } catch (error) {
    io.stderr(`icp-bot ${(error as Error).message}\n`);
    return 2;
  }
  const assessment = assess(profile);
  if (values.json) {
    io.stdout(`${JSON.stringify(assessment, null, 2)}\n`);
    return 0;
  }
  const { knowledge, i18n } = buildCore(loadConfig(io.env));
  const reply = new CheckReplies(new Replies(i18n, knowledge, language), knowledge).result(assessment, 'cli', conditionalAdvice(profile));
  io.stdout(`${reply.text ?? ''}\n`);
  return 0;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

function kb(args: string[], io: CliIO): number {
  const [sub, ...rest] = args;
  if (sub === 'lint') {
    const { values } = parseArgs({ args: rest, options: { dir: { type: 'string' } }, strict: true });
    const dir = values.dir ?? resolveFromRoot(loadConfig(io.env).KNOWLEDGE_DIR);
    const { knowledge, problems: found, undated } = readKnowledge(dir);
    const problems = [...found, ...undated];
    for (const p of problems) io.stderr(`${join(basename(dir), p.file)}: ${p.message}\n`);
    const counts = (Object.keys(knowledge.entries) as Language[]).map((l) => `${knowledge.entries[l].length} ${l}`).join(', ');
    const calibration = calibrationStatus(join(dir, CALIBRATION_FILE), knowledge);
    if (calibration.kind === 'broken') problems.push({ file: CALIBRATION_FILE, message: calibration.problem });
    // Said whether or not there are problems too: entries still without a dated source must not hide a stale calibration.
    if (calibration.kind === 'missing' || calibration.kind === 'stale') io.stderr(`kb lint: warning: ${calibration.warning}\n`);
    if (problems.length > 0) {
      if (calibration.kind === 'broken') io.stderr(`${join(basename(dir), CALIBRATION_FILE)}: ${calibration.problem}\n`);
      io.stderr(`kb lint: ${problems.length} problem(s)\n`);
      return 1;
    }
    io.stdout(`kb lint: ok (${counts} entries)\n`);
    return 0;
  }
  if (sub === 'import') {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { source: { type: 'string' }, language: { type: 'string', default: 'en' }, out: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) {
      io.stderr('kb import: give exactly one FILE\n');
      return 2;
    }
    if (!values.source) {
      io.stderr('kb import: --source ID is required (an id from knowledge/sources.yaml)\n');
      return 2;
    }
    const language = languageOfLocale(values.language);
    if (!language) {
      io.stderr(`kb import: unsupported --language "${values.language}"\n`);
      return 2;
    }
    if (!existsSync(file)) {
      io.stderr(`kb import: no such file: ${file}\n`);
      return 2;
    }
    const drafts = parseFaqPage(readFileSync(file, 'utf8'));
    if (drafts.length === 0) {
      io.stderr(`kb import: no "## " or "### " questions found in ${file}\n`);
      return 1;
    }
    const out = join(values.out ?? join(projectRoot(), 'knowledge-drafts'), language);
    mkdirSync(out, { recursive: true });
    for (const draft of drafts) {
      const path = join(out, `${draft.id}.md`);
      if (existsSync(path)) {
        io.stderr(`kb import: ${path} exists, left unchanged\n`);
        continue;
      }
      writeFileSync(path, renderDraft(draft, values.source));
      io.stdout(`${path}\n`);
    }
    io.stdout(`kb import: ${drafts.length} draft(s) from ${file}; add alternates and translations, then move them into knowledge/\n`);
    return 0;
  }
  io.stderr(`icp-bot kb: unknown subcommand "${sub ?? ''}" (lint or import)\n`);
  return 2;
}

/**
 * `eval --situations`: the facts read and the first reply planned for each labelled situation, and
 * how many out-of-scope messages get an answer, through the same planMessage the root dialog follows.
 */
function evalSituations(core: Core, labelledDir: string, options: { json?: boolean; out?: string }, io: CliIO): number {
  const results: LanguageUnderstanding[] = LANGUAGES.map((language) => {
    const understand = (text: string): Understanding => {
      const reading = core.facts.readMessage(text);
      const read = reading.facts;
      // Providers' display names are said back, not labelled: the labelled set names the host by hostingProviderId. Nor do the
      // labels carry the moves, added sites, ages, domain holders, phone numbers and accounts (fields newer than every labelled set):
      // those count by the replies they lead to.
      const {
        hostingProvider: _host,
        desiredFilingProvider: _wanted,
        movedFromProvince: _movedFrom,
        movingToAnotherProvider: _movingProvider,
        addingSiteToFiling: _addingSite,
        applicantUnder18: _under18,
        idFromOutsideMainland: _idAbroad,
        livesOutsideMainland: _livesAbroad,
        domainHolderIsFiler: _holder,
        phoneFromAnotherProvince: _phone,
        internationalSiteAccount: _international,
        ...profile
      } = read.profile;
      const extracted: Record<string, unknown> = { ...profile };
      if (read.serverProvince) extracted.serverProvince = read.serverProvince;
      if (read.desiredProvince) extracted.desiredProvince = read.desiredProvince;
      if (read.hostingProviderId) extracted.hostingProviderId = read.hostingProviderId;
      return { facts: extracted, plan: planOf(core, text, language, reading) };
    };
    // The development sets: the first (situations/) and a second written later by another helper (situations-more/).
    const moreFile = join(labelledDir, 'situations-more', `${language}.yaml`);
    const first = readSituations(join(labelledDir, 'situations', `${language}.yaml`));
    const more = existsSync(moreFile) ? readSituations(moreFile) : [];
    const items = [...first, ...more];
    const bySet = more.length > 0 ? { bySet: [{ name: 'situations/', scores: scoreSituations(first, understand) }, { name: 'situations-more/', scores: scoreSituations(more, understand) }] } : {};
    const outOfScope = readOutOfScope(join(labelledDir, 'out-of-scope', `${language}.txt`), language).map((q) => q.question);
    // The blind sets, each in a half read for general causes and a sealed half.
    const halves = (set: string) => {
      const file = join(labelledDir, set, `${language}.yaml`);
      if (!existsSync(file)) return undefined;
      const { read, sealed } = splitHeldOut(readSituations(file));
      return { read: scoreSituations(read, understand), sealed: scoreSituations(sealed, understand) };
    };
    const blind = BLIND_SETS.flatMap(({ dir }) => {
      const h = halves(dir);
      return h ? [{ set: dir, ...h }] : [];
    });
    return {
      language,
      situations: scoreSituations(items, understand),
      outOfScope: scoreOutOfScope(outOfScope, understand),
      ...(blind.length > 0 ? { blind } : {}),
      ...bySet,
    };
  });
  if (options.json) {
    io.stdout(`${JSON.stringify(results)}\n`);
    return 0;
  }
  const page = formatUnderstandingReport(
    results,
    `# Understanding situations\n\nMade by \`npm run eval -- --situations --out docs/understanding.md\` on ${new Date().toISOString().slice(0, 10)}, on the labelled situations (the development sets test/labelled/situations/ and situations-more/) and out-of-scope messages (test/labelled/out-of-scope/), written apart from the code they measure. A first reply is right when the planned reply is the labelled one: the verdict and its value, the one fact asked for, the FAQ entry, or no answer (fallback, "Did you mean…" or a chat intent) for \`none\`. Out of scope counts FAQ answers, situation replies and a started check.`,
  );
  if (options.out) writeFileSync(options.out, page);
  else io.stdout(page);
  return 0;
}

function runEval(args: string[], io: CliIO): number {
  const { values } = parseArgs({
    args,
    options: {
      sweep: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      situations: { type: 'boolean', default: false },
      'follow-ups': { type: 'boolean', default: false },
      calibrate: { type: 'boolean', default: false },
      'held-out': { type: 'boolean', default: false },
      html: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig(io.env);
  // --calibrate rebuilds the calibration and --held-out measures it; the other evaluations measure the bot as configured (CALIBRATED_ANSWERS).
  const core = buildCore(config, { calibration: values.calibrate ? 'skip' : values['held-out'] ? 'load' : undefined });
  const { recognizer } = core;
  const labelledDir = join(projectRoot(), 'test', 'labelled');
  if (values.situations) return evalSituations(core, labelledDir, values, io);
  if (values['follow-ups']) {
    const scores = scoreFollowUps(core, labelledDir);
    io.stdout(values.json ? `${JSON.stringify(scores)}\n` : formatFollowUps(scores));
    return 0;
  }
  if (values.calibrate) return calibrate(core, labelledDir, config, values, io);
  if (values['held-out']) return heldOut(core, labelledDir, values, io);
  const questions = [...readLabelled(join(labelledDir, 'en.tsv'), 'en'), ...readLabelled(join(labelledDir, 'zh-CN.tsv'), 'zh-CN')];
  const results = evaluate(recognizer, questions);
  // Messages written to be out of scope, near misses included: how often the bot answers one anyway.
  const outOfScopeSet = Object.fromEntries(
    LANGUAGES.map((language) => [language, answeredOutOfScope(recognizer, readOutOfScope(join(labelledDir, 'out-of-scope', `${language}.txt`), language))]),
  ) as Record<Language, OutOfScopeAnswers>;
  // The same questions as the bot replies to them: the plan may take another entry, ask a fact or answer from the rules.
  const replyTo = ({ question, language }: LabelledQuestion): PlannedReply => plannedReply(planOf(core, question, language));
  const replies = scoreReplies(questions, replyTo);
  // The blind set too (whole, in counts): what users who phrase questions their own way get.
  const blindSet = readBlindSet(labelledDir);
  const blindReplies = blindSet.length > 0 ? scoreReplies(blindSet, replyTo) : undefined;
  if (values.json) io.stdout(`${JSON.stringify({ ...results, outOfScopeSet, replies, ...(blindReplies ? { blindReplies } : {}) })}\n`);
  else
    io.stdout(
      formatScores(results, config, recognizer.calibration?.file.thresholds) +
        formatOutOfScope(outOfScopeSet) +
        formatReplyScores(replies) +
        (blindReplies ? formatReplyScores(blindReplies, `the blind set (${BLIND_SET}/) as the bot replies`) : ''),
    );
  if (values.sweep) {
    const rows = thresholdGrid().map((thresholds) => {
      const scores = evaluate(recognizer.withThresholds(thresholds), questions).all;
      return { thresholds, scores, utility: utility(scores) };
    });
    rows.sort((a, b) => b.utility - a.utility);
    io.stdout('\nthreshold sweep, best 10 by utility (right answers minus wrong answers, in and out of scope, weighted by their share)\n');
    io.stdout('answer clarify margin  utility  answered-right answered-wrong oos-rejected oos-answered\n');
    for (const row of rows.slice(0, 10)) {
      const { answer, clarify, margin } = row.thresholds;
      const s = row.scores;
      io.stdout(`${f(answer)}   ${f(clarify)}    ${f(margin)}   ${f(row.utility)}     ${pct(s.answeredCorrectly)}          ${pct(s.answeredWrongly)}          ${pct(s.outOfScopeRejection)}        ${pct(s.outOfScopeAnswered)}\n`);
    }
    // The defaults of ANSWER_THRESHOLD and ANSWER_MARGIN come from this table: on the training part only, so the held-out part measures them.
    const training = readCalibrationData(labelledDir).filter((q) => partOf(q) === 'train');
    const bounded = boundedSweep(recognizer, training, config.CLARIFY_THRESHOLD, MAX_WRONG_ANSWERS);
    io.stdout(`\nbest 5 on the calibration's training part with at most ${pct(MAX_WRONG_ANSWERS).trim()} answered wrongly and out of scope answered in each language\n`);
    io.stdout('answer margin  answered-right en  zh-CN  answered-wrong en  zh-CN\n');
    const row = ({ thresholds, scores }: (typeof bounded)[number]) =>
      `${thresholds.answer.toFixed(3)}  ${thresholds.margin.toFixed(3)}   ${pct(scores.en.answeredCorrectly)}   ${pct(scores['zh-CN'].answeredCorrectly)}   ${pct(scores.en.answeredWrongly)}   ${pct(scores['zh-CN'].answeredWrongly)}\n`;
    for (const setting of bounded.slice(0, 5)) io.stdout(row(setting));
    // What each language alone would choose, within its own ceilings: where the languages' best settings part (Chinese scores run lower).
    io.stdout(`\nbest for each language alone (its own ceilings only)\n`);
    for (const language of LANGUAGES) {
      const [best] = boundedSweep(recognizer, training, config.CLARIFY_THRESHOLD, MAX_WRONG_ANSWERS, [language]);
      io.stdout(`${language.padEnd(6)} ${best ? row(best) : 'none within the ceilings\n'}`);
    }
    // CLARIFY_THRESHOLD's default comes from this table: the labelled questions and out-of-scope sets, never the blind set.
    const outOfScope = LANGUAGES.flatMap((language) => readOutOfScope(join(labelledDir, 'out-of-scope', `${language}.txt`), language));
    const clarifyRows = clarifySweep(core, recognizerThresholds(config), [...questions, ...outOfScope]);
    io.stdout('\n"Did you mean…" by clarify threshold, as the bot replies (labelled questions and out-of-scope sets): offering the labelled entry / all others\n');
    io.stdout(`clarify  ${LANGUAGES.map((language) => language.padEnd(12)).join('')}\n`);
    for (const { clarify, counts } of clarifyRows) io.stdout(`${f(clarify)}     ${LANGUAGES.map((language) => `${counts[language].right} / ${counts[language].other}`.padEnd(12)).join('')}\n`);
    io.stdout(`chosen: ${f(chosenClarify(clarifyRows))} (the lowest reached stepping down while, in each language, the "Did you mean…" added offer the entry at least as often as not)\n`);
  }
  return 0;
}

/** Where `eval --calibrate` writes the page and the diagram of its figures. */
const CALIBRATION_PAGE = join('docs', 'calibration.md');
const RELIABILITY_SVG = 'calibration-reliability.svg';
/** The folder, under test/labelled/, of the FAQ set written blind, measured whole beside the held-out part. */
const BLIND_SET = 'faq-blind';

/**
 * `eval --calibrate`: fits the calibrated confidence on the training part of the labelled data,
 * writes it to the knowledge folder, measures it on the held-out part against the score thresholds
 * and writes the figures with the reliability diagram to docs/.
 */
function calibrate(core: Core, labelledDir: string, config: { KNOWLEDGE_DIR: string }, options: { json?: boolean }, io: CliIO): number {
  const questions = readCalibrationData(labelledDir);
  const examples = calibrationExamples(core.recognizer.withCalibration(undefined), questions);
  const fit = fitCalibration(examples, knowledgeFingerprint(core.knowledge));
  const path = join(resolveFromRoot(config.KNOWLEDGE_DIR), CALIBRATION_FILE);
  writeFileSync(path, `${JSON.stringify(fit.file, null, 2)}\n`);
  const report = reportCalibration(core.recognizer, questions, new Calibration(fit.file), readBlindSet(labelledDir));
  const docs = join(projectRoot(), 'docs');
  writeFileSync(join(docs, RELIABILITY_SVG), reliabilitySvg(report.reliability.bins, 'Predicted confidence vs first candidate right (held out)'));
  writeFileSync(join(projectRoot(), CALIBRATION_PAGE), calibrationMarkdown(report, 'npm run eval -- --calibrate', RELIABILITY_SVG));
  if (options.json) {
    io.stdout(`${JSON.stringify({ crossValidated: fit.crossValidated, ...report })}\n`);
    return 0;
  }
  const cv = fit.crossValidated;
  io.stdout(
    `calibration: wrote ${path}, ${CALIBRATION_PAGE} and docs/${RELIABILITY_SVG}\n` +
      `cross-validated on the training part: log loss ${cv.first.logLoss.toFixed(3)} (L2 ${cv.first.l2}) first candidate right, ${cv.offered.logLoss.toFixed(3)} (L2 ${cv.offered.l2}) right entry offered\n` +
      `thresholds: answer ${fit.file.thresholds.answer.toFixed(3)}, clarify ${fit.file.thresholds.clarify}\n\n${calibrationTables(report)}\n` +
      `expected calibration error, both languages: ${report.reliability.ece.toFixed(3)}\n`,
  );
  return 0;
}

/** The FAQ questions and out-of-scope messages written blind (test/labelled/faq-blind/), when the folder is there. */
function readBlindSet(labelledDir: string): LabelledQuestion[] {
  const dir = join(labelledDir, BLIND_SET);
  return existsSync(dir) ? readCalibrationData(dir) : [];
}

/** `eval --held-out`: the stored calibration measured on the held-out part, as text, JSON or an HTML page with the reliability diagrams. */
function heldOut(core: Core, labelledDir: string, options: { json?: boolean; html?: string }, io: CliIO): number {
  const calibration = core.recognizer.calibration;
  if (!calibration) {
    io.stderr(`icp-bot eval: no ${CALIBRATION_FILE} in the knowledge folder; run "npm run eval -- --calibrate"\n`);
    return 1;
  }
  const report = reportCalibration(core.recognizer, readCalibrationData(labelledDir), calibration, readBlindSet(labelledDir));
  if (options.html) {
    writeFileSync(options.html, calibrationHtml(report, 'npm run eval -- --held-out --html FILE'));
    io.stdout(`${options.html}\n`);
  } else if (options.json) io.stdout(`${JSON.stringify(report)}\n`);
  else io.stdout(`${calibrationTables(report)}\nexpected calibration error, both languages: ${report.reliability.ece.toFixed(3)}\n`);
  return 0;
}

/**
 * The sweep's objective, per question: an in-scope question answered right +1, answered wrong −1;
 * an out-of-scope question given the fallback +1, answered −1; a clarify or fallback on an
 * in-scope question 0 (the user still gets a way forward).
 */
function utility(s: EvaluationScores): number {
  const inScopeShare = s.inScope / (s.inScope + s.outOfScope);
  const inScope = s.answeredCorrectly - s.answeredWrongly;
  const outOfScope = s.outOfScopeRejection - s.outOfScopeAnswered;
  return inScopeShare * inScope + (1 - inScopeShare) * outOfScope;
}

/** The Chinese answer threshold as `eval` prints it beside the answer threshold, when it is lower. */
function chineseThreshold(config: { ANSWER_THRESHOLD: number; ANSWER_THRESHOLD_ZH?: number }): string {
  const zh = config.ANSWER_THRESHOLD_ZH;
  return zh !== undefined && zh < config.ANSWER_THRESHOLD ? ` (Chinese of ${CHINESE_ANSWER_MIN_WORDS} words or more: ${zh})` : '';
}

function formatScores(
  results: Record<Language | 'all', EvaluationScores>,
  config: { ANSWER_THRESHOLD: number; ANSWER_THRESHOLD_ZH?: number; CLARIFY_THRESHOLD: number; ANSWER_MARGIN: number },
  calibrated?: { answer: number; clarify: number },
): string {
  const lines = [
    calibrated
      ? `calibrated (${CALIBRATION_FILE}): answer at P(first right) ${calibrated.answer.toFixed(3)}, clarify at P(right offered) ${calibrated.clarify}; training and held-out parts together (held out alone: eval --held-out)`
      : `thresholds: answer ${config.ANSWER_THRESHOLD}${chineseThreshold(config)}, clarify ${config.CLARIFY_THRESHOLD}, margin ${config.ANSWER_MARGIN}`,
    'language  questions  top-1   top-3   answered-right  answered-wrong  oos-rejection  oos-answered',
  ];
  for (const [name, s] of Object.entries(results)) {
    lines.push(
      `${name.padEnd(8)}  ${String(s.inScope + s.outOfScope).padStart(9)}  ${pct(s.top1)}  ${pct(s.top3)}  ${pct(s.answeredCorrectly).padStart(14)}  ${pct(s.answeredWrongly).padStart(14)}  ${pct(s.outOfScopeRejection).padStart(13)}  ${pct(s.outOfScopeAnswered).padStart(12)}`,
    );
  }
  return `${lines.join('\n')}\n(top-1 counts an out-of-scope question as right when the bot falls back; top-3 is over in-scope questions)\n`;
}

function formatOutOfScope(sets: Record<Language, OutOfScopeAnswers>): string {
  return Object.entries(sets)
    .map(([language, { messages, answered, entries }]) => {
      const share = messages === 0 ? 0 : (answered / messages) * 100;
      const hit = Object.entries(entries).map(([id, n]) => `${id} ${n}`);
      return `${language.padEnd(8)}  out-of-scope set: answered ${answered} of ${messages} (${share.toFixed(1)} %)${hit.length > 0 ? `: ${hit.join(', ')}` : ''}\n`;
    })
    .join('');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`.padStart(6);
}
function f(x: number): string {
  return x.toFixed(2);
}
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
