/**
 * Fits the calibrated confidence (`icp-bot eval --calibrate`): the labelled questions and the
 * out-of-scope messages are split once, by a hash of their text, into a training part and a held-out
 * part. The models and the answer thresholds are chosen on the training part alone (cross-validated
 * predictions, so a threshold is never chosen on a prediction the model was fitted to); the held-out
 * part only measures the result.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Calibration, CONFIDENCE_FEATURES, featureVector, type CalibrationFile } from './calibration.js';
import { OUT_OF_SCOPE, readLabelled, readOutOfScope, type LabelledQuestion } from './evaluate.js';
import { LANGUAGES, type Language } from './language.js';
import { fitLogistic, logLoss, predictLogistic, type LogisticModel } from './logistic.js';
import { offeredCandidates, type Recognition, type Recognizer } from './recognizer.js';

/** Share of the labelled messages held out from fitting, to measure on. */
export const HELD_OUT_SHARE = 1 / 3;
/** Folds of the cross-validation on the training part. */
export const FOLDS = 5;
/** L2 penalties tried; the one with the lowest cross-validated log loss is kept. */
export const L2_CHOICES = [0.001, 0.01, 0.1, 1] as const;
/** At most this share of in-scope questions answered wrongly, and of out-of-scope messages answered (on the training part's cross-validated predictions). */
export const MAX_WRONG_ANSWERS = 0.01;
/**
 * A wrong answer costs the user this many times what a right one saves over "Did you mean…" (a
 * click): they must notice it is wrong and ask again. So the bot answers only when
 * p − (1 − p) × cost > 0, that is when the first candidate is right with a probability above
 * cost / (1 + cost), even where the wrong-answer ceiling would allow less.
 */
export const WRONG_ANSWER_COST = 2;
/**
 * "Did you mean…" when the right entry is more likely than not among the offered: a clarification
 * that holds the right entry saves the user a rephrasing, one that does not costs a click, and the two
 * are weighed alike.
 */
export const CLARIFY_PROBABILITY = 0.5;

/** Which part of the data a message belongs to. */
export type Part = 'train' | 'held-out';

/** The part of a message, fixed by a hash of its language and text (lower case, spaces collapsed), so it never moves when others are added. */
export function partOf(question: Pick<LabelledQuestion, 'language' | 'question'>): Part {
  return hashFraction(`${question.language}\n${question.question.trim().toLowerCase().replace(/\s+/g, ' ')}`) < HELD_OUT_SHARE ? 'held-out' : 'train';
}

/**
 * The calibration data in a labelled folder (test/labelled/): the paraphrases (`<language>.tsv`), the
 * out-of-scope messages (`out-of-scope/<language>.txt`) as negatives, and the examples taken from
 * users' feedback after review (`feedback/<language>.tsv`, when there is one).
 */
export function readCalibrationData(labelledDir: string): LabelledQuestion[] {
  return LANGUAGES.flatMap((language) => {
    const feedback = join(labelledDir, 'feedback', `${language}.tsv`);
    return [
      ...readLabelled(join(labelledDir, `${language}.tsv`), language),
      ...readOutOfScope(join(labelledDir, 'out-of-scope', `${language}.txt`), language),
      ...(existsSync(feedback) ? readLabelled(feedback, language) : []),
    ];
  });
}

/** A labelled message with what the recognizer made of it. */
export interface CalibrationExample {
  labelled: LabelledQuestion;
  part: Part;
  recognition: Recognition;
  /** The first candidate is the labelled entry. */
  firstRight: boolean;
  /** The labelled entry is among the candidates "Did you mean…" would offer. */
  offeredRight: boolean;
}

/** Runs the recognizer over labelled messages; the same text twice in one language counts once. */
export function calibrationExamples(recognizer: Recognizer, questions: readonly LabelledQuestion[]): CalibrationExample[] {
  const seen = new Set<string>();
  const examples: CalibrationExample[] = [];
  for (const labelled of questions) {
    const key = `${labelled.language}\n${labelled.question.trim().toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const recognition = recognizer.recognize(labelled.question, labelled.language);
    const inScope = labelled.expected !== OUT_OF_SCOPE;
    examples.push({
      labelled,
      part: partOf(labelled),
      recognition,
      firstRight: inScope && recognition.top?.id === labelled.expected,
      offeredRight: inScope && offeredCandidates(recognition.candidates).some((c) => c.id === labelled.expected),
    });
  }
  return examples;
}

/** What a fit chose and how it did on its own training part. */
export interface CalibrationFit {
  file: CalibrationFile;
  /** Cross-validated log loss of the chosen penalty, per model. */
  crossValidated: { first: { l2: number; logLoss: number }; offered: { l2: number; logLoss: number } };
}

/**
 * Fits both models and the answer thresholds on the training examples (those with a candidate; a
 * message with none is never answered).
 */
export function fitCalibration(examples: readonly CalibrationExample[], knowledge: string, built = new Date()): CalibrationFit {
  const training = examples.filter((e) => e.part === 'train' && e.recognition.evidence);
  if (training.length < FOLDS * 2) throw new Error(`fitCalibration(): ${training.length} training examples, too few to fit`);
  const xs = training.map((e) => featureVector(e.recognition.evidence!));
  const folds = training.map((e) => Math.floor(hashFraction(`fold\n${e.labelled.language}\n${e.labelled.question}`) * FOLDS));
  const first = chooseAndFit(xs, training.map((e) => e.firstRight), folds);
  const offered = chooseAndFit(xs, training.map((e) => e.offeredRight), folds);

  // One threshold for both languages (the models take the language as a feature), low enough to answer
  // as much as it can while each language stays within its own ceiling: the target holds per language.
  const trainingPart = examples.filter((e) => e.part === 'train');
  const answer = Math.max(WRONG_ANSWER_COST / (1 + WRONG_ANSWER_COST), answerThreshold(
    training.map((e, i) => ({
      probability: first.outOfFold[i],
      // Only a message that reaches the decision can be answered: the guard passes, it is about filing and no chat intent took it.
      answerable: e.recognition.evidence!.corroborated && e.recognition.evidence!.onTopic && e.recognition.outcome !== 'intent',
      // The examples were recognized without a calibration: an answer is the score thresholds', which stays.
      answered: e.recognition.outcome === 'answer',
      right: e.firstRight,
      inScope: e.labelled.expected !== OUT_OF_SCOPE,
      group: e.labelled.language,
    })),
    Object.fromEntries(
      LANGUAGES.map((l) => {
        const mine = trainingPart.filter((e) => e.labelled.language === l);
        return [l, { inScope: mine.filter((e) => e.labelled.expected !== OUT_OF_SCOPE).length, outOfScope: mine.filter((e) => e.labelled.expected === OUT_OF_SCOPE).length }];
      }),
    ),
  ));
  const count = (part: (e: CalibrationExample) => boolean) => examples.filter((e) => e.part === 'train' && part(e)).length;
  const file: CalibrationFile = {
    version: 1,
    knowledge,
    built: built.toISOString().slice(0, 10),
    features: [...CONFIDENCE_FEATURES],
    first: first.model,
    offered: offered.model,
    thresholds: { answer, clarify: CLARIFY_PROBABILITY },
    training: Object.fromEntries(
      LANGUAGES.flatMap((l) => [
        [`${l} in scope`, count((e) => e.labelled.language === l && e.labelled.expected !== OUT_OF_SCOPE)],
        [`${l} out of scope`, count((e) => e.labelled.language === l && e.labelled.expected === OUT_OF_SCOPE)],
      ]),
    ),
  };
  return { file, crossValidated: { first: { l2: first.l2, logLoss: first.logLoss }, offered: { l2: offered.l2, logLoss: offered.logLoss } } };
}

/** A training message's cross-validated probability and what answering it would be. */
export interface ThresholdRow {
  probability: number;
  /** Whether it reaches the decision (guard passed, no chat intent). */
  answerable: boolean;
  /** Whether the score thresholds answer it whatever its probability. */
  answered?: boolean;
  right: boolean;
  inScope: boolean;
  /** Whose ceiling it counts against (the language). */
  group: string;
}

/** How many in-scope and out-of-scope messages a group (a language) has, which its ceilings are shares of. */
export interface GroupTotals {
  inScope: number;
  outOfScope: number;
}

/**
 * The lowest probability threshold at which, answering every answerable message at or above it (and
 * those the score thresholds answer anyway), at most {@link MAX_WRONG_ANSWERS} of each group's
 * in-scope messages are answered wrongly and of its out-of-scope ones answered at all. 1 when no
 * threshold below 1 qualifies: answer nothing more than the score thresholds do, but certainties.
 */
export function answerThreshold(rows: readonly ThresholdRow[], totals: Readonly<Record<string, GroupTotals>>, maxWrong = MAX_WRONG_ANSWERS): number {
  const ordered = rows.filter((r) => r.answerable && !r.answered).sort((a, b) => b.probability - a.probability);
  const wrong = new Map<string, number>();
  const outOfScope = new Map<string, number>();
  const count = (row: ThresholdRow, into: { wrong: Map<string, number>; outOfScope: Map<string, number> }) => {
    if (!row.inScope) into.outOfScope.set(row.group, (into.outOfScope.get(row.group) ?? 0) + 1);
    else if (!row.right) into.wrong.set(row.group, (into.wrong.get(row.group) ?? 0) + 1);
  };
  for (const row of rows) if (row.answered) count(row, { wrong, outOfScope });
  const within = (group: string, extra: { wrong: Map<string, number>; outOfScope: Map<string, number> }) => {
    const total = totals[group] ?? { inScope: 0, outOfScope: 0 };
    return (
      (wrong.get(group) ?? 0) + (extra.wrong.get(group) ?? 0) <= maxWrong * total.inScope &&
      (outOfScope.get(group) ?? 0) + (extra.outOfScope.get(group) ?? 0) <= maxWrong * total.outOfScope
    );
  };
  let threshold = 1;
  for (let i = 0; i < ordered.length; ) {
    // Messages with the same probability are answered together or not at all.
    const tied = { wrong: new Map<string, number>(), outOfScope: new Map<string, number>() };
    let j = i;
    for (; j < ordered.length && ordered[j].probability === ordered[i].probability; j += 1) count(ordered[j], tied);
    const groups = new Set([...tied.wrong.keys(), ...tied.outOfScope.keys()]);
    if (![...groups].every((group) => within(group, tied))) break;
    for (const [group, n] of tied.wrong) wrong.set(group, (wrong.get(group) ?? 0) + n);
    for (const [group, n] of tied.outOfScope) outOfScope.set(group, (outOfScope.get(group) ?? 0) + n);
    threshold = ordered[i].probability;
    i = j;
  }
  return threshold;
}

/** Picks the L2 penalty by cross-validated log loss and fits on all the rows with it; also returns the out-of-fold predictions. */
function chooseAndFit(xs: readonly number[][], ys: readonly boolean[], folds: readonly number[]) {
  let best: { l2: number; logLoss: number; outOfFold: number[] } | undefined;
  for (const l2 of L2_CHOICES) {
    const outOfFold = crossValidate(xs, ys, folds, l2);
    const loss = logLoss(outOfFold, ys);
    if (!best || loss < best.logLoss) best = { l2, logLoss: loss, outOfFold };
  }
  const chosen = best!;
  return { ...chosen, model: fitLogistic(xs, ys, { l2: chosen.l2 }) };
}

/** Each row's prediction by a model fitted on the other folds. */
export function crossValidate(xs: readonly number[][], ys: readonly boolean[], folds: readonly number[], l2: number): number[] {
  const out = new Array<number>(xs.length).fill(0);
  for (const fold of new Set(folds)) {
    const trainIdx = folds.flatMap((f, i) => (f === fold ? [] : [i]));
    const model: LogisticModel = fitLogistic(trainIdx.map((i) => xs[i]), trainIdx.map((i) => ys[i]), { l2 });
    folds.forEach((f, i) => {
      if (f === fold) out[i] = predictLogistic(model, xs[i]);
    });
  }
  return out;
}

/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  /** Mean predicted probability in the bin. */
  predicted: number;
  /** Share of the bin's messages whose first candidate was right. */
  observed: number;
}

/** Predictions in equal-width bins, with the expected calibration error (the bins' gaps weighted by their counts). */
export function reliability(pairs: readonly { probability: number; right: boolean }[], bins = 10): { bins: ReliabilityBin[]; ece: number } {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, count: 0, predicted: 0, observed: 0 }));
  for (const { probability, right } of pairs) {
    const bin = out[Math.min(bins - 1, Math.floor(probability * bins))];
    bin.count += 1;
    bin.predicted += probability;
    bin.observed += right ? 1 : 0;
  }
  let ece = 0;
  for (const bin of out) {
    if (bin.count === 0) continue;
    bin.predicted /= bin.count;
    bin.observed /= bin.count;
    ece += (bin.count / Math.max(1, pairs.length)) * Math.abs(bin.predicted - bin.observed);
  }
  return { bins: out, ece };
}

/** Figures of one decision rule on one language's messages. */
export interface HeldOutScores {
  inScope: number;
  outOfScope: number;
  /** In scope: the first candidate is right. */
  top1: number;
  /** In scope: the right entry is among the first three candidates. */
  top3: number;
  /** In scope: answered directly and rightly. */
  answeredRight: number;
  /** Answered right over top-1 right: how many of the questions the bot could answer it does. */
  answeredOfTop1: number;
  /** In scope: answered with the wrong entry. */
  answeredWrong: number;
  /** In scope: "Did you mean…" offered with the right entry among the options. */
  clarifiedRight: number;
  /** Out of scope: answered directly. */
  outOfScopeAnswered: number;
  /** Out of scope: the fallback (not "Did you mean…", not a chat intent). */
  outOfScopeFallback: number;
}

/** Scores recognitions of labelled messages. */
export function scoreHeldOut(rows: readonly { labelled: LabelledQuestion; recognition: Recognition }[]): HeldOutScores {
  const inScope = rows.filter((r) => r.labelled.expected !== OUT_OF_SCOPE);
  const outOfScope = rows.filter((r) => r.labelled.expected === OUT_OF_SCOPE);
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  const right = (r: (typeof rows)[number]) => r.recognition.top?.id === r.labelled.expected;
  const top1 = inScope.filter(right).length;
  const answeredRight = inScope.filter((r) => r.recognition.outcome === 'answer' && right(r)).length;
  return {
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    top1: share(top1, inScope.length),
    top3: share(inScope.filter((r) => r.recognition.candidates.slice(0, 3).some((c) => c.id === r.labelled.expected)).length, inScope.length),
    answeredRight: share(answeredRight, inScope.length),
    answeredOfTop1: share(answeredRight, top1),
    answeredWrong: share(inScope.filter((r) => r.recognition.outcome === 'answer' && !right(r)).length, inScope.length),
    clarifiedRight: share(inScope.filter((r) => r.recognition.outcome === 'clarify' && r.recognition.candidates.some((c) => c.id === r.labelled.expected)).length, inScope.length),
    outOfScopeAnswered: share(outOfScope.filter((r) => r.recognition.outcome === 'answer').length, outOfScope.length),
    outOfScopeFallback: share(outOfScope.filter((r) => r.recognition.outcome === 'none').length, outOfScope.length),
  };
}

/** One language's figures in a report: before (score thresholds) and after (the calibration), and the calibration's reliability. */
export interface LanguageFigures {
  before: HeldOutScores;
  after: HeldOutScores;
  reliability: { bins: ReliabilityBin[]; ece: number };
}

/** The held-out report: before (score thresholds) and after (the calibration), per language, and the calibration's reliability. */
export interface CalibrationReport {
  calibration: CalibrationFile;
  heldOut: Record<Language, LanguageFigures>;
  /** All languages together. */
  reliability: { bins: ReliabilityBin[]; ece: number };
  /**
   * The same figures on a set written apart from the labelled data and the knowledge base's phrasings (`test/labelled/faq-blind/`),
   * all of it held out: when there is one.
   */
  blind?: Record<Language, LanguageFigures>;
}

/**
 * Measures a calibration on the held-out messages against the recognizer's score thresholds. The
 * reliability counts every held-out message with a candidate (those with none get no confidence).
 * @param blind messages never split, never fitted on: measured whole, beside the held-out part.
 */
export function reportCalibration(recognizer: Recognizer, questions: readonly LabelledQuestion[], calibration: Calibration, blind: readonly LabelledQuestion[] = []): CalibrationReport {
  const heldOutPart = (examples: CalibrationExample[]) => examples.filter((e) => e.part === 'held-out');
  const measured = measure(recognizer, calibration, questions, heldOutPart);
  const report: CalibrationReport = { calibration: calibration.file, heldOut: measured.languages, reliability: measured.reliability };
  if (blind.length > 0) report.blind = measure(recognizer, calibration, blind, (examples) => examples).languages;
  return report;
}

/** Figures per language and together, on the messages `chosen` keeps. */
function measure(
  recognizer: Recognizer,
  calibration: Calibration,
  questions: readonly LabelledQuestion[],
  chosen: (examples: CalibrationExample[]) => CalibrationExample[],
): { languages: Record<Language, LanguageFigures>; reliability: { bins: ReliabilityBin[]; ece: number } } {
  const before = chosen(calibrationExamples(recognizer.withCalibration(undefined), questions));
  const after = chosen(calibrationExamples(recognizer.withCalibration(calibration), questions));
  const languages = {} as Record<Language, LanguageFigures>;
  const pairsOf = (examples: readonly CalibrationExample[]) =>
    examples.filter((e) => e.recognition.evidence).map((e) => ({ probability: calibration.confidence(e.recognition.evidence!).first, right: e.firstRight }));
  for (const language of LANGUAGES) {
    const mine = (e: CalibrationExample) => e.labelled.language === language;
    languages[language] = { before: scoreHeldOut(before.filter(mine)), after: scoreHeldOut(after.filter(mine)), reliability: reliability(pairsOf(after.filter(mine))) };
  }
  return { languages, reliability: reliability(pairsOf(after)) };
}

/** A number in [0, 1) from a text's SHA-256. */
function hashFraction(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}
