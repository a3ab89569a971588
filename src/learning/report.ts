import { createHash } from 'node:crypto';
import type { Language } from '../nlu/language.js';
import { clusterQuestions } from './cluster.js';
import { daysBetween } from './eventLog.js';
import { dayOf, type FeedbackEvent, type LearningEvent, type PickEvent, type QuestionEvent, type ScoredEntry } from './events.js';

/** What a report needs besides the events. */
export interface ReportOptions {
  from: Date;
  to: Date;
  /** The matcher's thresholds, marked on the score chart and used by suggestions. */
  thresholds: { answer: number; clarify: number };
  /** Turns a question into matcher terms, for grouping similar questions. */
  normalizer: { terms(text: string): string[] };
  /** Events that did not parse (from the log). */
  unreadable?: number;
  now?: () => Date;
}

/** Why a question is in the report's clusters. */
export type ProblemReason = 'none' | 'clarify' | 'disliked';

/** One question that was not answered directly, or whose answer got a 👎. */
export interface ProblemQuestion {
  eventId: string;
  at: string;
  text: string;
  reason: ProblemReason;
  /** The best candidate the matcher had for it. */
  best?: ScoredEntry;
  /** The entry the user picked afterwards (after "Did you mean…" or after the 👎). */
  picked?: string;
  /** The entry rated 👎. */
  disliked?: string;
}

/** Questions that say much the same thing, with what happened to them. */
export interface ClusterSummary {
  /** Stable for the same representative question. */
  id: string;
  language: Language;
  representative: string;
  /** Questions in the cluster (events). */
  count: number;
  reasons: Record<ProblemReason, number>;
  /** Distinct texts, most frequent first (at most 8). */
  examples: string[];
  /** Entries picked afterwards, most often first. */
  picked: { entry: string; count: number }[];
  /** Entries rated 👎, most often first. */
  disliked: { entry: string; count: number }[];
  /** The best candidate the matcher found for any member. */
  best?: ScoredEntry;
  members: ProblemQuestion[];
}

/** Counts of one day, or of the whole period. */
export interface PeriodStats {
  questions: number;
  answered: number;
  clarified: number;
  unanswered: number;
  picks: number;
  helpful: number;
  notHelpful: number;
  /** answered / questions; null without questions. */
  answerRate: number | null;
  /** helpful / (helpful + notHelpful); null without feedback. */
  helpfulRate: number | null;
}

/** The learning loop's report: what `icp-bot report` prints and GET /api/stats returns. */
export interface LearningReport {
  generatedAt: string;
  from: string;
  to: string;
  thresholds: { answer: number; clarify: number };
  totals: PeriodStats & { users: number; unreadable: number };
  days: (PeriodStats & { day: string })[];
  clusters: ClusterSummary[];
  /** Entries users picked from the offered ones, most often after a clarify first. */
  picks: { entry: string; language: Language; afterClarify: number; afterDislike: number }[];
  /** Entry pairs the matcher mixed up: the user wanted `picked` where it put `shown` first (or answered it). */
  confusions: { a: string; b: string; count: number; aForB: number; bForA: number }[];
  /** Best scores of all questions in bins of 0.05, with the thresholds. */
  scores: { from: number; to: number; count: number }[];
}

const SCORE_BIN = 0.05;
const MAX_EXAMPLES = 8;

/** Builds the report of a period from its events. */
export function buildReport(events: readonly LearningEvent[], options: ReportOptions): LearningReport {
  const questions = events.filter((e): e is QuestionEvent => e.type === 'question');
  const picks = events.filter((e): e is PickEvent => e.type === 'pick');
  const feedback = events.filter((e): e is FeedbackEvent => e.type === 'feedback');
  const byId = new Map(events.map((e) => [e.id, e]));
  const pickByRef = new Map(picks.map((p) => [p.ref, p]));

  const days = daysBetween(options.from, options.to).map((day) => ({ day, ...stats(events.filter((e) => dayOf(e.at) === day)) }));
  const problems: { language: Language; question: ProblemQuestion }[] = [];
  // Follow-ups ("and is it free?") are counted in the days' figures but suggest no phrasing: their words alone do not say what they ask.
  for (const q of questions) {
    if (q.outcome === 'answer' || q.followUp) continue;
    problems.push({ language: q.language, question: { eventId: q.id, at: q.at, text: q.text, reason: q.outcome, best: q.candidates[0], picked: pickByRef.get(q.id)?.entry } });
  }
  for (const f of feedback) {
    if (f.helpful || f.followUp) continue;
    const rated = byId.get(f.ref);
    const best = rated?.type === 'question' ? rated.candidates[0] : undefined;
    problems.push({ language: f.language, question: { eventId: f.id, at: f.at, text: f.text, reason: 'disliked', best, picked: pickByRef.get(f.id)?.entry, disliked: f.entry } });
  }
  const clusters = clusterQuestions(problems.map((p) => ({ text: p.question.text, language: p.language, terms: options.normalizer.terms(p.question.text), item: p.question }))).map(
    (cluster): ClusterSummary => {
      const members = cluster.members.map((m) => m.item);
      const best = members.map((m) => m.best).reduce<ScoredEntry | undefined>((a, b) => (b && (!a || b.score > a.score) ? b : a), undefined);
      return {
        id: `c-${shortHash(`${cluster.language}\n${cluster.representative}`)}`,
        language: cluster.language,
        representative: cluster.representative,
        count: members.length,
        reasons: { none: count(members, 'none'), clarify: count(members, 'clarify'), disliked: count(members, 'disliked') },
        examples: ranked(members.map((m) => m.text)).slice(0, MAX_EXAMPLES).map((r) => r.key),
        picked: ranked(members.flatMap((m) => (m.picked ? [m.picked] : []))).map((r) => ({ entry: r.key, count: r.count })),
        disliked: ranked(members.flatMap((m) => (m.disliked ? [m.disliked] : []))).map((r) => ({ entry: r.key, count: r.count })),
        ...(best ? { best } : {}),
        members,
      };
    },
  );

  const pickRows = new Map<string, { entry: string; language: Language; afterClarify: number; afterDislike: number }>();
  const pairs = new Map<string, { a: string; b: string; count: number; aForB: number; bForA: number }>();
  for (const p of picks) {
    const key = `${p.language}\n${p.entry}`;
    const row = pickRows.get(key) ?? { entry: p.entry, language: p.language, afterClarify: 0, afterDislike: 0 };
    if (p.after === 'clarify') row.afterClarify += 1;
    else row.afterDislike += 1;
    pickRows.set(key, row);
    if (!p.shown || p.shown === p.entry) continue;
    const [a, b] = [p.shown, p.entry].sort();
    const pair = pairs.get(`${a}\n${b}`) ?? { a, b, count: 0, aForB: 0, bForA: 0 };
    pair.count += 1;
    // "aForB": the matcher offered a first where the user wanted b.
    if (p.shown === a) pair.aForB += 1;
    else pair.bForA += 1;
    pairs.set(`${a}\n${b}`, pair);
  }

  const bins = Array.from({ length: Math.round(1 / SCORE_BIN) }, (_, i) => ({ from: round(i * SCORE_BIN), to: round((i + 1) * SCORE_BIN), count: 0 }));
  for (const q of questions) {
    const score = Math.min(Math.max(q.candidates[0]?.score ?? 0, 0), 1);
    bins[Math.min(Math.floor(score / SCORE_BIN + 1e-9), bins.length - 1)].count += 1;
  }

  return {
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    thresholds: options.thresholds,
    totals: { ...stats(events), users: new Set(events.map((e) => e.user)).size, unreadable: options.unreadable ?? 0 },
    days,
    clusters,
    picks: [...pickRows.values()].sort((x, y) => y.afterClarify - x.afterClarify || y.afterDislike - x.afterDislike || x.entry.localeCompare(y.entry)),
    confusions: [...pairs.values()].sort((x, y) => y.count - x.count || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)),
    scores: bins,
  };
}

function stats(events: readonly LearningEvent[]): PeriodStats {
  let questions = 0;
  let answered = 0;
  let clarified = 0;
  let unanswered = 0;
  let picks = 0;
  let helpful = 0;
  let notHelpful = 0;
  for (const e of events) {
    if (e.type === 'question') {
      questions += 1;
      if (e.outcome === 'answer') answered += 1;
      else if (e.outcome === 'clarify') clarified += 1;
      else unanswered += 1;
    } else if (e.type === 'pick') picks += 1;
    else if (e.helpful) helpful += 1;
    else notHelpful += 1;
  }
  return {
    questions,
    answered,
    clarified,
    unanswered,
    picks,
    helpful,
    notHelpful,
    answerRate: questions > 0 ? round(answered / questions, 4) : null,
    helpfulRate: helpful + notHelpful > 0 ? round(helpful / (helpful + notHelpful), 4) : null,
  };
}

function count(members: readonly ProblemQuestion[], reason: ProblemReason): number {
  return members.filter((m) => m.reason === reason).length;
}

/** Distinct values, most frequent first, then alphabetical. */
function ranked(values: readonly string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([key, n]) => ({ key, count: n })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The first 8 hex digits of a SHA-256. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8);
}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
