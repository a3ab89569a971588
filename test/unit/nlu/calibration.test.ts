import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Calibration, CALIBRATION_FILE, calibrationStatus, CONFIDENCE_FEATURES, loadCalibration, parseCalibration, type CalibrationFile, type ConfidenceEvidence } from '../../../src/nlu/calibration';
import { sharedCore } from '../../helpers';

const n = CONFIDENCE_FEATURES.length;
/** A model that gives every message the same probability. */
const constant = (probability: number) => ({ mean: Array(n).fill(0), scale: Array(n).fill(1), weights: Array(n).fill(0), bias: Math.log(probability / (1 - probability)) });
const file = (first: number, offered: number): CalibrationFile => ({
  version: 1,
  knowledge: `sha256:${'0'.repeat(64)}`,
  built: '2026-12-04',
  features: [...CONFIDENCE_FEATURES],
  first: constant(first),
  offered: constant(offered),
  thresholds: { answer: 0.8, clarify: 0.5 },
  training: {},
});
const evidence: ConfidenceEvidence = {
  language: 'en',
  score: 0.5,
  index: 0.5,
  classifier: 0.5,
  lead: 0.2,
  indexLead: 0.2,
  classifierLead: 0.2,
  explained: 1,
  keyShare: 1,
  corroborated: true,
  onTopic: true,
  corrected: 0,
  words: 4,
};

describe('Calibration.decide', () => {
  it.each([
    [0.9, 0.95, 'answer'],
    [0.8, 0.95, 'answer'],
    [0.7, 0.95, 'clarify'],
    [0.3, 0.5, 'clarify'],
    [0.3, 0.4, 'none'],
  ] as const)('first %s, offered %s: %s', (first, offered, outcome) => {
    expect(new Calibration(file(first, offered)).decide(evidence)).toBe(outcome);
  });

  it('never answers when the guard fails, however confident', () => {
    expect(new Calibration(file(0.99, 0.99)).decide({ ...evidence, corroborated: false })).toBe('clarify');
  });
});

describe('the recognizer with a calibration', () => {
  const { recognizer } = sharedCore();

  it('answers what the calibration is sure of, with its probability as the confidence', () => {
    const result = recognizer.withCalibration(new Calibration(file(0.99, 0.99))).recognize('bbs filing');
    expect(result).toEqual(expect.objectContaining({ outcome: 'answer', top: expect.objectContaining({ id: 'bbs-website' }) }));
    expect(result.confidence).toBeCloseTo(0.99, 10);
  });

  it('falls back when the calibration doubts even the offered entries', () => {
    const text = '境外企业备案';
    expect(recognizer.withCalibration(undefined).recognize(text).outcome).toBe('clarify');
    expect(recognizer.withCalibration(new Calibration(file(0.01, 0.01))).recognize(text).outcome).toBe('none');
  });

  it('keeps the answers of the score thresholds, however doubtful the calibration', () => {
    expect(recognizer.withCalibration(new Calibration(file(0.01, 0.01))).recognize('bbs filing').outcome).toBe('answer');
  });

  it('answers what the score thresholds leave to "Did you mean…" when the calibration is sure', () => {
    const text = 'foreign enterprise icp steps';
    expect(recognizer.withCalibration(undefined).recognize(text).outcome).not.toBe('answer');
    expect(recognizer.withCalibration(new Calibration(file(0.99, 0.99))).recognize(text).outcome).toBe('answer');
  });

  it.each(['what time is it', 'delete my account', '删除账号'])('keeps the answer guard: %s is not answered even by a sure calibration', (text) => {
    expect(recognizer.withCalibration(new Calibration(file(0.99, 0.99))).recognize(text).outcome).not.toBe('answer');
  });

  it('leaves chat intents to the intent classifier', () => {
    expect(recognizer.withCalibration(new Calibration(file(0.99, 0.99))).recognize('hello').outcome).toBe('intent');
  });
});

describe('loadCalibration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'calibration-'));

  it('gives none for a missing file, so the score thresholds decide', () => {
    expect(loadCalibration(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('reads a file it wrote', () => {
    const path = join(dir, 'good.json');
    writeFileSync(path, JSON.stringify(file(0.9, 0.9)));
    expect(loadCalibration(path)?.file.thresholds.answer).toBe(0.8);
  });

  it.each([
    ['text that is not JSON', '{', /not JSON/],
    ['a missing model', JSON.stringify({ ...file(0.9, 0.9), first: undefined }), /first/],
    ['a threshold above 1', JSON.stringify({ ...file(0.9, 0.9), thresholds: { answer: 2, clarify: 0.5 } }), /thresholds\.answer/],
    ['other features', JSON.stringify({ ...file(0.9, 0.9), features: ['score'] }), /fitted on the features score/],
  ])('names the file and the problem for %s', (_, text, problem) => {
    expect(() => parseCalibration(text, 'knowledge/calibration.json')).toThrow(/^loadCalibration\(\): knowledge\/calibration\.json: /);
    expect(() => parseCalibration(text, 'knowledge/calibration.json')).toThrow(problem);
  });
});

describe('calibrationStatus', () => {
  const { knowledge } = sharedCore();
  const stored = join(__dirname, '..', '..', '..', 'knowledge', CALIBRATION_FILE);

  it('finds the stored calibration fitted on the knowledge base as it is', () => {
    expect(calibrationStatus(stored, knowledge)).toEqual({ kind: 'current' });
  });

  it('warns when an entry has changed since the fit', () => {
    const [first, ...rest] = knowledge.entries.en;
    const changed = { ...knowledge, entries: { ...knowledge.entries, en: [{ ...first, alternates: [...first.alternates, 'a new phrasing'] }, ...rest] } };
    expect(calibrationStatus(stored, changed)).toEqual({ kind: 'stale', warning: expect.stringMatching(/fitted on another version of the knowledge base; run "npm run eval -- --calibrate"/) });
  });

  it('warns when there is none, and reports one that does not load as a problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibration-status-'));
    expect(calibrationStatus(join(dir, CALIBRATION_FILE), knowledge).kind).toBe('missing');
    writeFileSync(join(dir, CALIBRATION_FILE), '{"version": 2}');
    expect(calibrationStatus(join(dir, CALIBRATION_FILE), knowledge)).toEqual({ kind: 'broken', problem: expect.stringMatching(/^loadCalibration\(\): .*version/) });
  });
});
