import { join } from 'node:path';
import Fuse from 'fuse.js';
import { buildCore } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { OUT_OF_SCOPE, readLabelled, type LabelledQuestion } from '../../src/nlu/evaluate.js';
import { LANGUAGES, type Language } from '../../src/nlu/language.js';
import { resolveFromRoot } from '../../src/util/projectRoot.js';
import { machineInfo, type MachineInfo } from './machine.js';
import { round } from './stats.js';

/** One matcher's speed and top-1 on the labelled questions. */
export interface MatcherSpeed {
  system: 'this bot' | 'NLP.js' | 'fuse.js';
  /** What was run, in a few words. */
  setup: string;
  /** Mean CPU time per question over the timed passes, in microseconds (this process's user + system). */
  microsPerQuestion: number;
  /** The same over the first pass of all (untimed in the figure above): the code not yet optimised by V8. Absent in results from before the warm-up. */
  firstPassMicros?: number;
  /** Untimed passes before the timed ones (at least one, then until the warm-up time had passed). Absent likewise. */
  warmupPasses?: number;
  questionsPerSecond: number;
  /** In-scope questions whose first candidate is the labelled entry. */
  top1: number;
  /** Training or index build, in milliseconds. */
  buildMs: number;
}

/** Everything `bench:match` writes to match.json. */
export interface MatchResult {
  benchmark: 'match';
  machine: MachineInfo;
  /** Entries of the knowledge base per language. */
  entries: Record<Language, number>;
  questions: number;
  inScope: number;
  passes: number;
  /** CPU seconds of untimed passes before each matcher's timed passes (after at least one); absent in results from before the warm-up. */
  warmupSeconds?: number;
  /** Matchers not measured, with why (a devDependency not installed). */
  skipped: { system: MatcherSpeed['system']; reason: string }[];
  matchers: MatcherSpeed[];
}

/** Options of `bench match`. */
export interface MatchOptions {
  /** Timed passes over all the questions, after the warm-up. */
  passes: number;
  /**
   * Untimed passes first, at least one and then until this many CPU seconds have passed, so the timed
   * passes measure the code as V8 runs it once optimised (steady state), as a long-running bot runs.
   */
  warmupSeconds: number;
  progress?: (line: string) => void;
}

/** What each matcher needs: a function that names the first entry for a question. */
type Match = (question: LabelledQuestion) => string | undefined | Promise<string | undefined>;

/** The NlpManager of node-nlp, as far as this benchmark uses it (the package ships no types). */
interface NlpManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, utterance: string): Promise<{ intent?: string }>;
}

/**
 * The bot's recognizer against what a developer would pick instead, on the bot's own knowledge base
 * and labelled questions (`test/labelled/`), one after another in this process: NLP.js's NlpManager
 * trained on every entry's question and alternates (an intent per entry), and a fuse.js search over
 * the same phrasings. Each is timed in CPU time over the same passes.
 */
export async function runMatchBenchmark(options: MatchOptions): Promise<MatchResult> {
  const core = buildCore(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  const { knowledge, recognizer } = core;
  const labelledDir = resolveFromRoot('test/labelled');
  const questions = LANGUAGES.flatMap((language) => readLabelled(join(labelledDir, `${language}.tsv`), language));
  const inScope = questions.filter((q) => q.expected !== OUT_OF_SCOPE).length;
  const matchers: MatcherSpeed[] = [];
  const skipped: MatchResult['skipped'] = [];

  const cpuMicros = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  const measure = async (system: MatcherSpeed['system'], setup: string, buildMs: number, match: Match) => {
    // The first pass counts top-1 and is timed on its own; further untimed passes until the warm-up has passed.
    let right = 0;
    const warmupStart = cpuMicros();
    for (const question of questions) {
      const id = await match(question);
      if (question.expected !== OUT_OF_SCOPE && id === question.expected) right += 1;
    }
    const firstPass = cpuMicros() - warmupStart;
    let warmupPasses = 1;
    while (cpuMicros() - warmupStart < options.warmupSeconds * 1e6) {
      for (const question of questions) await match(question);
      warmupPasses += 1;
    }
    const timedStart = cpuMicros();
    for (let pass = 0; pass < options.passes; pass += 1) for (const question of questions) await match(question);
    const micros = (cpuMicros() - timedStart) / (options.passes * questions.length);
    const result: MatcherSpeed = {
      system,
      setup,
      microsPerQuestion: round(micros, 1),
      firstPassMicros: round(firstPass / questions.length, 1),
      warmupPasses,
      questionsPerSecond: Math.round(1e6 / micros),
      top1: round(right / inScope, 4),
      buildMs: round(buildMs, 1),
    };
    matchers.push(result);
    options.progress?.(`${system}: ${result.microsPerQuestion} µs a question (first pass ${result.firstPassMicros} µs, ${warmupPasses} untimed passes), top-1 ${(result.top1 * 100).toFixed(1)} %`);
  };

  await measure('this bot', 'Recognizer.recognize (normaliser, index, spelling, entry and chat-intent classifiers, outcome)', Number.NaN, (q) => recognizer.recognize(q.question, q.language).top?.id);

  let started = performance.now();
  const fuses = Object.fromEntries(
    LANGUAGES.map((language) => {
      const phrasings = knowledge.entries[language].flatMap((entry) => [entry.question, ...entry.alternates].map((text) => ({ id: entry.id, text })));
      return [language, new Fuse(phrasings, { keys: ['text'], includeScore: true })];
    }),
  ) as Record<Language, Fuse<{ id: string; text: string }>>;
  const fuseBuild = performance.now() - started;
  await measure('fuse.js', 'Fuse over every question and alternate, default options; the first hit', fuseBuild, (q) => fuses[q.language].search(q.question, { limit: 1 })[0]?.item.id);

  const nlp = loadNodeNlp();
  if (typeof nlp === 'string') {
    skipped.push({ system: 'NLP.js', reason: nlp });
    options.progress?.(`NLP.js skipped: ${nlp}`);
  } else {
    started = performance.now();
    const manager = new nlp.NlpManager({ languages: ['en', 'zh'], autoSave: false, autoLoad: false, nlu: { log: false } });
    for (const language of LANGUAGES) {
      for (const entry of knowledge.entries[language]) for (const text of [entry.question, ...entry.alternates]) manager.addDocument(nlpLocale(language), text, entry.id);
    }
    await silenced(() => manager.train());
    const nlpBuild = performance.now() - started;
    await measure('NLP.js', 'node-nlp NlpManager (en, zh), an intent per entry trained on its question and alternates; process() as documented', nlpBuild, async (q) => {
      const { intent } = await manager.process(nlpLocale(q.language), q.question);
      return intent === 'None' ? undefined : intent;
    });
  }
  return {
    benchmark: 'match',
    machine: machineInfo(),
    entries: { en: knowledge.entries.en.length, 'zh-CN': knowledge.entries['zh-CN'].length },
    questions: questions.length,
    inScope,
    passes: options.passes,
    warmupSeconds: options.warmupSeconds,
    skipped,
    matchers,
  };
}

function nlpLocale(language: Language): string {
  return language === 'zh-CN' ? 'zh' : 'en';
}

/** node-nlp when installed (a devDependency, for this comparison only), else why not. */
function loadNodeNlp(): { NlpManager: new (settings: object) => NlpManager } | string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('node-nlp') as { NlpManager: new (settings: object) => NlpManager };
  } catch (error) {
    return `node-nlp is not installed (npm install): ${(error as Error).message.split('\n')[0]}`;
  }
}

/** Runs with console.log silenced: NLP.js prints its training progress. */
async function silenced<T>(run: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await run();
  } finally {
    console.log = log;
  }
}
