import { performance } from 'node:perf_hooks';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { StopWords } from '../../src/nlu/normalize.js';
import { resolveFromRoot } from '../../src/util/projectRoot.js';
import { checkDataDir, loadBraun, loadCorpus50, loadHint3, type Corpus } from './datasets.js';
import { machineInfo, type MachineInfo } from './machine.js';
import { round } from './stats.js';
import { TrainedRecognizer, type Prediction } from './trainedRecognizer.js';

/** Which family of published results a data set belongs to. */
export type DatasetGroup = 'braun' | 'hint3' | 'corpus50';

/** Whose stop words the matcher uses: none (idf alone weighs common words), or the bot's ICP list. */
export type StopWordChoice = 'none' | 'bot';

/** Accuracy when answers below a confidence threshold count as "out of scope". */
export interface SweepPoint {
  threshold: number;
  accuracy: number;
}

/** One data set's figures. */
export interface DatasetResult {
  group: DatasetGroup;
  name: string;
  trainSize: number;
  testSize: number;
  labels: number;
  /** Test queries whose label is "out of scope" (HINT3) or the corpus's None class. */
  rejectTestSize: number;
  /** What a rejected query is predicted as: the corpus's out-of-scope label or its None class. */
  rejectLabel: string | null;
  /** Test queries labelled right with the top label always taken (no threshold). */
  correct: number;
  /** correct / testSize; for Braun this is micro-F1. */
  accuracy: number;
  /** Accuracy at confidence threshold 0.1, as HINT3 reports. */
  atThreshold01: number;
  best: SweepPoint;
  sweep: SweepPoint[];
  /** Training and testing time in milliseconds. */
  millis: number;
}

/** Headline figures of a run with one stop-word choice. */
export interface NluSummary {
  stopWords: StopWordChoice;
  braunOverall: number;
  hint3Best: Record<string, number>;
  corpus50: number;
}

/** Everything `bench:nlu` writes to nlu.json. */
export interface NluResult {
  benchmark: 'nlu';
  machine: MachineInfo;
  /** The stop words of the reported figures. */
  stopWords: StopWordChoice;
  datasets: DatasetResult[];
  /** Micro-F1 over all Braun test sentences. */
  braunOverall: number;
  /** The same run with the other stop-word choice, for comparison. */
  alternative: NluSummary;
}

/** Thresholds of the sweep: 0, 0.01, … 1. */
export const SWEEP = Array.from({ length: 101 }, (_, i) => i / 100);

/** The label a query gets when it is rejected: HINT3's out-of-scope label, or a trained "None" class, else none. */
export function rejectLabel(corpus: Corpus): string | undefined {
  return corpus.outOfScope ?? corpus.train.find((e) => e.label.toLowerCase() === 'none')?.label;
}

/** Trains the bot's recognizer on a corpus's training split and scores its test split, over the threshold sweep. */
export function evaluateCorpus(corpus: Corpus, group: DatasetGroup, stopWords: StopWords): DatasetResult {
  const started = performance.now();
  const recognizer = new TrainedRecognizer(corpus.train, stopWords);
  const predictions = corpus.test.map((example) => ({ expected: example.label, prediction: recognizer.predict(example.text) }));
  const millis = performance.now() - started;
  const reject = rejectLabel(corpus);
  const accuracyAt = (threshold: number) => {
    const right = predictions.filter(({ expected, prediction }) => predicted(prediction, threshold, reject) === expected).length;
    return right / predictions.length;
  };
  const sweep = SWEEP.map((threshold) => ({ threshold, accuracy: round(accuracyAt(threshold), 4) }));
  const best = sweep.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  return {
    group,
    name: corpus.name,
    trainSize: corpus.train.length,
    testSize: corpus.test.length,
    labels: new Set(corpus.train.map((e) => e.label)).size,
    rejectTestSize: reject === undefined ? 0 : corpus.test.filter((e) => e.label === reject).length,
    rejectLabel: reject ?? null,
    correct: Math.round(accuracyAt(0) * predictions.length),
    accuracy: round(accuracyAt(0), 4),
    atThreshold01: round(accuracyAt(0.1), 4),
    best,
    sweep,
    millis: round(millis, 1),
  };
}

function predicted(prediction: Prediction, threshold: number, reject: string | undefined): string | undefined {
  return prediction.label !== undefined && prediction.score >= threshold && prediction.score > 0 ? prediction.label : reject;
}

/** Options of `bench nlu`. */
export interface NluOptions {
  dataDir: string;
  /** Reports progress (one line per data set). */
  progress?: (line: string) => void;
}

/**
 * Runs the matcher on every benchmark corpus: Braun et al. (micro-F1), HINT3 v1 (accuracy at 0.1 and
 * best threshold) and Corpus50; the reported run uses no stop words, the alternative the bot's list.
 */
export function runNluBenchmark(options: NluOptions): NluResult {
  checkDataDir(options.dataDir);
  const corpora: { group: DatasetGroup; corpus: Corpus }[] = [
    ...loadBraun(options.dataDir).map((corpus) => ({ group: 'braun' as const, corpus })),
    ...loadHint3(options.dataDir).map((corpus) => ({ group: 'hint3' as const, corpus })),
    { group: 'corpus50', corpus: loadCorpus50(options.dataDir) },
  ];
  const botStopWords = loadKnowledge(resolveFromRoot('knowledge')).stopWords;
  const choices: Record<StopWordChoice, StopWords> = { none: { en: [], 'zh-CN': [] }, bot: botStopWords };
  const run = (choice: StopWordChoice) =>
    corpora.map(({ group, corpus }) => {
      const result = evaluateCorpus(corpus, group, choices[choice]);
      options.progress?.(`${choice === 'none' ? '' : '(bot stop words) '}${corpus.name}: accuracy ${result.accuracy}, best ${result.best.accuracy} at ${result.best.threshold}`);
      return result;
    });
  const datasets = run('none');
  return {
    benchmark: 'nlu',
    machine: machineInfo(),
    stopWords: 'none',
    datasets,
    braunOverall: braunOverall(datasets),
    alternative: summarise('bot', run('bot')),
  };
}

/** Micro-F1 over all Braun test sentences (each has one label and one prediction, so it equals accuracy). */
export function braunOverall(datasets: readonly DatasetResult[]): number {
  const braun = datasets.filter((d) => d.group === 'braun');
  const total = braun.reduce((sum, d) => sum + d.testSize, 0);
  return total === 0 ? 0 : round(braun.reduce((sum, d) => sum + d.correct, 0) / total, 4);
}

function summarise(stopWords: StopWordChoice, datasets: readonly DatasetResult[]): NluSummary {
  return {
    stopWords,
    braunOverall: braunOverall(datasets),
    hint3Best: Object.fromEntries(datasets.filter((d) => d.group === 'hint3').map((d) => [d.name, d.best.accuracy])),
    corpus50: datasets.find((d) => d.group === 'corpus50')?.accuracy ?? 0,
  };
}
