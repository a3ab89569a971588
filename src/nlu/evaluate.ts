import { readFileSync } from 'node:fs';
import { LANGUAGES, type Language } from './language.js';
import type { MessagePlan } from './plan.js';
import type { Recognition, Recognizer, Thresholds } from './recognizer.js';

/** Label of a labelled question that no entry answers. */
export const OUT_OF_SCOPE = 'none';

/** One labelled question: the entry id that answers it, or {@link OUT_OF_SCOPE}. */
export interface LabelledQuestion {
  expected: string;
  question: string;
  language: Language;
}

/** Accuracy figures for one language (or all). */
export interface EvaluationScores {
  inScope: number;
  outOfScope: number;
  /** In scope: the best candidate is right. Out of scope: the outcome is 'none'. */
  top1: number;
  /** In scope: the right entry is among the first three candidates. */
  top3: number;
  /** In scope: answered directly and correctly. */
  answeredCorrectly: number;
  /** In scope: answered directly with the wrong entry (the costly error). */
  answeredWrongly: number;
  /** Out of scope: fraction given the fallback rather than an answer or a clarify. */
  outOfScopeRejection: number;
  /** Out of scope: fraction answered directly with some entry. */
  outOfScopeAnswered: number;
}

/** Reads a `id<TAB>question` file with a header line. */
export function readLabelled(path: string, language: Language): LabelledQuestion[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const out: LabelledQuestion[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    if (tab <= 0) throw new Error(`readLabelled(): ${path}:${i + 2}: expected "id<TAB>question"`);
    out.push({ expected: line.slice(0, tab).trim(), question: line.slice(tab + 1).trim(), language });
  });
  return out;
}

/** Reads a file of out-of-scope messages, one a line; blank lines and lines starting with `#` are skipped. */
export function readOutOfScope(path: string, language: Language): LabelledQuestion[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((question) => ({ expected: OUT_OF_SCOPE, question, language }));
}

/** How many messages of an out-of-scope set were answered directly, and how often with each entry. */
export interface OutOfScopeAnswers {
  messages: number;
  answered: number;
  /** Entry id → messages answered with it, most first. */
  entries: Record<string, number>;
}

/** Runs the recognizer over out-of-scope messages and counts the direct answers, by entry. */
export function answeredOutOfScope(recognizer: Recognizer, questions: readonly LabelledQuestion[]): OutOfScopeAnswers {
  const counts = new Map<string, number>();
  for (const { question, language } of questions) {
    const recognition = recognizer.recognize(question, language);
    if (recognition.outcome === 'answer' && recognition.top) counts.set(recognition.top.id, (counts.get(recognition.top.id) ?? 0) + 1);
  }
  const entries = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  return { messages: questions.length, answered: [...counts.values()].reduce((sum, n) => sum + n, 0), entries };
}

/** Scores recognitions against their labels. */
export function scoreRecognitions(pairs: readonly { labelled: LabelledQuestion; recognition: Recognition }[]): EvaluationScores {
  const inScope = pairs.filter((p) => p.labelled.expected !== OUT_OF_SCOPE);
  const outOfScope = pairs.filter((p) => p.labelled.expected === OUT_OF_SCOPE);
  const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
  const isTop1 = (p: (typeof pairs)[number]) =>
    p.labelled.expected === OUT_OF_SCOPE ? p.recognition.outcome === 'none' : p.recognition.top?.id === p.labelled.expected;
  return {
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    top1: ratio(pairs.filter(isTop1).length, pairs.length),
    top3: ratio(inScope.filter((p) => p.recognition.candidates.slice(0, 3).some((c) => c.id === p.labelled.expected)).length, inScope.length),
    answeredCorrectly: ratio(inScope.filter((p) => p.recognition.outcome === 'answer' && p.recognition.top?.id === p.labelled.expected).length, inScope.length),
    answeredWrongly: ratio(inScope.filter((p) => p.recognition.outcome === 'answer' && p.recognition.top?.id !== p.labelled.expected).length, inScope.length),
    outOfScopeRejection: ratio(outOfScope.filter((p) => p.recognition.outcome === 'none').length, outOfScope.length),
    outOfScopeAnswered: ratio(outOfScope.filter((p) => p.recognition.outcome === 'answer').length, outOfScope.length),
  };
}

/** Runs the recognizer over a labelled set; per language and overall. */
export function evaluate(recognizer: Recognizer, questions: readonly LabelledQuestion[]): Record<Language | 'all', EvaluationScores> {
  const pairs = questions.map((labelled) => ({ labelled, recognition: recognizer.recognize(labelled.question, labelled.language) }));
  return {
    en: scoreRecognitions(pairs.filter((p) => p.labelled.language === 'en')),
    'zh-CN': scoreRecognitions(pairs.filter((p) => p.labelled.language === 'zh-CN')),
    all: scoreRecognitions(pairs),
  };
}

/** Threshold settings tried by a sweep. */
export function thresholdGrid(): Thresholds[] {
  const grid: Thresholds[] = [];
  for (let answer = 0.2; answer <= 0.8001; answer += 0.05) {
    for (let clarify = 0.1; clarify <= answer + 0.0001; clarify += 0.05) {
      for (const margin of [0, 0.05, 0.1]) grid.push({ answer: round(answer), clarify: round(clarify), margin });
    }
  }
  return grid;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A setting of the answer threshold and margin with its figures per language, from {@link boundedSweep}. */
export interface BoundedSetting {
  thresholds: Thresholds;
  scores: Record<Language, EvaluationScores>;
  /** The languages' shares of in-scope questions answered rightly, averaged. */
  answered: number;
}

/**
 * The answer threshold and margin settings that answer the most questions rightly while, in each
 * language, at most `maxWrong` of the in-scope questions are answered wrongly and of the out-of-scope
 * messages answered at all; best first. Meant for the training part of the calibration data, so the
 * held-out part still measures the setting chosen.
 * @param languages the languages whose ceilings a setting must keep and whose answers count: one, to choose its own threshold.
 */
export function boundedSweep(
  recognizer: Recognizer,
  questions: readonly LabelledQuestion[],
  clarify: number,
  maxWrong: number,
  languages: readonly Language[] = LANGUAGES,
): BoundedSetting[] {
  const settings: BoundedSetting[] = [];
  for (let answer = 0.2; answer <= 0.6001; answer += 0.025) {
    for (const margin of [0, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2]) {
      const thresholds = { answer: Math.round(answer * 1000) / 1000, clarify: Math.min(clarify, Math.round(answer * 1000) / 1000), margin };
      const { en, 'zh-CN': zh } = evaluate(recognizer.withThresholds(thresholds), questions);
      const scores = { en, 'zh-CN': zh };
      const counted = languages.map((language) => scores[language]);
      if (counted.some((s) => s.answeredWrongly > maxWrong || s.outOfScopeAnswered > maxWrong)) continue;
      settings.push({ thresholds, scores, answered: counted.reduce((sum, s) => sum + s.answeredCorrectly, 0) / counted.length });
    }
  }
  return settings.sort((a, b) => b.answered - a.answered || a.thresholds.answer - b.thresholds.answer || a.thresholds.margin - b.thresholds.margin);
}

/** How the bot replies to labelled questions, through the plan it follows (not the recognizer alone). */
export interface ReplyScores {
  inScope: number;
  /** Answered with the labelled entry (first, or as the answer to a second question of the message). */
  rightEntry: number;
  wrongEntry: number;
  /** A verdict of the rules or the one fact they ask for, or the check started. */
  fromRules: number;
  /** …of which verdicts that cite the labelled entry (or answer a second question with it): on the question's topic. */
  rulesCitingEntry: number;
  /** …and questions back (the one fact the rules ask, or the check started): the question is not answered yet. */
  rulesAsking: number;
  clarify: number;
  /** Fallback or a chat intent. */
  noAnswer: number;
  /** Questions labelled `none`, and how many of them got an entry or a rules reply. */
  outOfScope: number;
  outOfScopeAnswered: number;
}

/** A reply plan in the few kinds {@link scoreReplies} counts. */
export type PlannedReply =
  | { kind: 'answer'; entryId: string; also?: string }
  /** `asks`: a fact asked back or the check started, rather than a verdict; `cites`: the entries a verdict cites and any entry sent with it. */
  | { kind: 'rules'; asks?: boolean; cites?: readonly string[] }
  | { kind: 'clarify' }
  | { kind: 'none' };

/** A reply plan as {@link scoreReplies} counts it. */
export function plannedReply(plan: MessagePlan): PlannedReply {
  switch (plan.kind) {
    case 'answer':
      return { kind: 'answer', entryId: plan.entryId, ...(plan.also ? { also: plan.also } : {}) };
    case 'situation': {
      const { decision } = plan;
      if (decision.kind !== 'verdict') return { kind: 'rules', asks: true };
      const cites = [...decision.assessment.cites, ...(plan.alsoDecision?.kind === 'verdict' ? plan.alsoDecision.assessment.cites : []), ...(plan.also ? [plan.also] : [])];
      return { kind: 'rules', cites };
    }
    case 'check':
      return { kind: 'rules', asks: true };
    case 'clarify':
      return { kind: 'clarify' };
    default:
      return { kind: 'none' };
  }
}

/** Counts, per language, how the bot's replies to labelled questions come out. */
export function scoreReplies(questions: readonly LabelledQuestion[], replyTo: (question: LabelledQuestion) => PlannedReply): Record<Language, ReplyScores> {
  const empty = (): ReplyScores => ({
    inScope: 0,
    rightEntry: 0,
    wrongEntry: 0,
    fromRules: 0,
    rulesCitingEntry: 0,
    rulesAsking: 0,
    clarify: 0,
    noAnswer: 0,
    outOfScope: 0,
    outOfScopeAnswered: 0,
  });
  const scores = { en: empty(), 'zh-CN': empty() } as Record<Language, ReplyScores>;
  for (const question of questions) {
    const s = scores[question.language];
    const reply = replyTo(question);
    const answered = reply.kind === 'answer' || reply.kind === 'rules';
    if (question.expected === OUT_OF_SCOPE) {
      s.outOfScope += 1;
      if (answered) s.outOfScopeAnswered += 1;
      continue;
    }
    s.inScope += 1;
    if (reply.kind === 'answer') {
      if (reply.entryId === question.expected || reply.also === question.expected) s.rightEntry += 1;
      else s.wrongEntry += 1;
    } else if (reply.kind === 'rules') {
      s.fromRules += 1;
      if (reply.asks === true) s.rulesAsking += 1;
      else if (reply.cites?.includes(question.expected)) s.rulesCitingEntry += 1;
    }
    else if (reply.kind === 'clarify') s.clarify += 1;
    else s.noAnswer += 1;
  }
  return scores;
}

/** The table of {@link scoreReplies}, per language. */
export function formatReplyScores(scores: Record<Language, ReplyScores>, title = 'as the bot replies'): string {
  const pct = (n: number, of: number) => (of === 0 ? '–' : `${((n / of) * 100).toFixed(1)}%`);
  const lines = [
    '',
    `${title} (through the plan: facts, rules and the recognizer together)`,
    'language  in-scope  right-entry  wrong-entry  from-rules  did-you-mean  no-answer  none-answered',
  ];
  for (const [language, s] of Object.entries(scores)) {
    lines.push(
      `${language.padEnd(8)}  ${String(s.inScope).padStart(8)}  ${pct(s.rightEntry, s.inScope).padStart(11)}  ${pct(s.wrongEntry, s.inScope).padStart(11)}  ${pct(s.fromRules, s.inScope).padStart(10)}  ${pct(s.clarify, s.inScope).padStart(12)}  ${pct(s.noAnswer, s.inScope).padStart(9)}  ${pct(s.outOfScopeAnswered, s.outOfScope).padStart(13)}`,
    );
  }
  lines.push('(a rules reply to a question labelled with an entry is counted apart: it answers the case, not the entry)');
  lines.push('of the rules replies: a verdict citing the labelled entry / another verdict / a fact asked back or the check started');
  for (const [language, s] of Object.entries(scores)) {
    const other = s.fromRules - s.rulesCitingEntry - s.rulesAsking;
    lines.push(`${language.padEnd(8)}  ${pct(s.rulesCitingEntry, s.inScope)} / ${pct(other, s.inScope)} / ${pct(s.rulesAsking, s.inScope)}`);
  }
  return `${lines.join('\n')}\n`;
}
