import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { knowledgeFingerprint } from '../knowledge/fingerprint.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { Language } from './language.js';
import { predictLogistic } from './logistic.js';

/** The calibration's file name in the knowledge folder. */
export const CALIBRATION_FILE = 'calibration.json';

/**
 * What the recognizer knows about its first candidate, the calibrated confidence's inputs. All of
 * it comes from the ranking the recognizer makes anyway.
 */
export interface ConfidenceEvidence {
  language: Language;
  /** The first candidate's score (index and classifier mixed). */
  score: number;
  /** Its index cosine. */
  index: number;
  /** Its classifier probability. */
  classifier: number;
  /** Its score minus the second candidate's. */
  lead: number;
  /** Its index cosine minus the highest of any other entry. */
  indexLead: number;
  /** Its classifier probability minus the highest of any other entry. */
  classifierLead: number;
  /** Share of the message's words its phrasings or answer hold. */
  explained: number;
  /** The largest share of its phrasings that use a word of the message. */
  keyShare: number;
  /** Whether it passes the answer guard (enough of the message's words, one of them a key word). */
  corroborated: boolean;
  /** Whether the message is about filing (it names filing or its institutions, or the entry holds every word of it): off the topic the bot never answers outright. */
  onTopic: boolean;
  /** Share of the message's words replaced by spelling correction. */
  corrected: number;
  /** The message's distinct words (English words, Chinese character pairs). */
  words: number;
}

/** The features of the models, in the order of their weights; the calibration file names them, so a change of features makes an old file fail to load. */
export const CONFIDENCE_FEATURES = [
  'score',
  'index',
  'classifier',
  'lead',
  'indexLead',
  'classifierLead',
  'explained',
  'keyShare',
  'corroborated',
  'onTopic',
  'corrected',
  'chinese',
  'logWords',
] as const;

/** The evidence as the models' feature vector. */
export function featureVector(e: ConfidenceEvidence): number[] {
  return [
    e.score,
    e.index,
    e.classifier,
    e.lead,
    e.indexLead,
    e.classifierLead,
    e.explained,
    e.keyShare,
    e.corroborated ? 1 : 0,
    e.onTopic ? 1 : 0,
    e.corrected,
    e.language === 'zh-CN' ? 1 : 0,
    Math.log1p(e.words),
  ];
}

const Model = z.strictObject({
  mean: z.array(z.number()).length(CONFIDENCE_FEATURES.length),
  scale: z.array(z.number().positive()).length(CONFIDENCE_FEATURES.length),
  weights: z.array(z.number()).length(CONFIDENCE_FEATURES.length),
  bias: z.number(),
});

/** The calibration file (knowledge/calibration.json), written by `icp-bot eval --calibrate`. */
export const CalibrationFile = z.strictObject({
  version: z.literal(1),
  /** {@link knowledgeFingerprint} of the knowledge base it was fitted on. */
  knowledge: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  /** When it was fitted (UTC date). */
  built: z.string(),
  features: z.array(z.string()),
  /** The probability that the first candidate is the right entry. */
  first: Model,
  /** The probability that the right entry is among the ones "Did you mean…" offers. */
  offered: Model,
  thresholds: z.strictObject({
    /** Answer directly at or above this probability that the first candidate is right (and the guard passes). */
    answer: z.number().min(0).max(1),
    /** Otherwise offer "Did you mean…" at or above this probability that the right entry is among the offered. */
    clarify: z.number().min(0).max(1),
  }),
  /** What it was fitted on, for the reader: example counts of the training part. */
  training: z.record(z.string(), z.number()),
});
export type CalibrationFile = z.infer<typeof CalibrationFile>;

/** The two probabilities of a message. */
export interface Confidence {
  /** That the first candidate is the right entry. */
  first: number;
  /** That the right entry is among the offered ones. */
  offered: number;
}

/** A calibration as the recognizer uses it. */
export class Calibration {
  constructor(readonly file: CalibrationFile) {}

  /** The calibrated probabilities for a message's first candidate. */
  confidence(evidence: ConfidenceEvidence): Confidence {
    const x = featureVector(evidence);
    return { first: predictLogistic(this.file.first, x), offered: predictLogistic(this.file.offered, x) };
  }

  /**
   * Answer when the first candidate is right with the probability the thresholds ask for and the
   * guard passes; "Did you mean…" when the right entry is probably among the offered; otherwise none.
   */
  decide(evidence: ConfidenceEvidence, confidence = this.confidence(evidence)): 'answer' | 'clarify' | 'none' {
    if (evidence.corroborated && confidence.first >= this.file.thresholds.answer) return 'answer';
    if (confidence.offered >= this.file.thresholds.clarify) return 'clarify';
    return 'none';
  }
}

/** Parses a calibration file's text; throws naming the file and what is wrong. */
export function parseCalibration(text: string, path: string): Calibration {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`loadCalibration(): ${path}: not JSON: ${(error as Error).message}`);
  }
  const features = z.object({ features: z.array(z.string()) }).safeParse(data);
  if (features.success && features.data.features.join(',') !== CONFIDENCE_FEATURES.join(',')) {
    throw new Error(
      `loadCalibration(): ${path}: fitted on the features ${features.data.features.join(', ')}, the recognizer computes ${CONFIDENCE_FEATURES.join(', ')}; rebuild it with "npm run eval -- --calibrate"`,
    );
  }
  const parsed = CalibrationFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`loadCalibration(): ${path}: ${issue.path.join('.') || '(top)'}: ${issue.message}; rebuild it with "npm run eval -- --calibrate"`);
  }
  return new Calibration(parsed.data);
}

/** Reads the calibration file: undefined when there is none (the recognizer then uses its score thresholds); throws on a bad one. */
export function loadCalibration(path: string): Calibration | undefined {
  if (!existsSync(path)) return undefined;
  return parseCalibration(readFileSync(path, 'utf8'), path);
}

/** What `kb lint` says about the calibration file beside a knowledge base. */
export type CalibrationStatus =
  | { kind: 'current' }
  | { kind: 'missing' | 'stale'; warning: string }
  | { kind: 'broken'; problem: string };

/**
 * Whether the calibration file was fitted on this knowledge base: a missing or stale one is a
 * warning (the bot still starts: without it the score thresholds decide; with a stale one the
 * probabilities are those of the old knowledge base), one that does not load is a problem.
 */
export function calibrationStatus(path: string, knowledge: KnowledgeBase): CalibrationStatus {
  let calibration: Calibration | undefined;
  try {
    calibration = loadCalibration(path);
  } catch (error) {
    return { kind: 'broken', problem: (error as Error).message };
  }
  const rebuild = 'run "npm run eval -- --calibrate" and commit it';
  if (!calibration) return { kind: 'missing', warning: `no ${CALIBRATION_FILE}: the bot decides by the score thresholds; ${rebuild}` };
  if (calibration.file.knowledge !== knowledgeFingerprint(knowledge)) {
    return { kind: 'stale', warning: `${CALIBRATION_FILE} (${calibration.file.built}) was fitted on another version of the knowledge base; ${rebuild}` };
  }
  return { kind: 'current' };
}
