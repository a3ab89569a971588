/**
 * Scores situation understanding on a labelled set (test/labelled/situations/): the facts read from
 * each message, field by field, and whether the first reply is the one the label asks for; and how
 * many out-of-scope messages (test/labelled/out-of-scope/) get an answer they should not.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { nextQuestion, SITUATION_QUESTIONS } from '../rules/index.js';
import type { MessagePlan } from './plan.js';

const ReplyLabel = z.union([
  z.literal('none'),
  z.strictObject({ verdict: z.enum(SITUATION_QUESTIONS), value: z.union([z.string(), z.array(z.string())]) }),
  z.strictObject({ ask: z.string().min(1) }),
  z.strictObject({ faq: z.string().min(1) }),
]);
export type ReplyLabel = z.infer<typeof ReplyLabel>;

const SituationItem = z.strictObject({
  text: z.string().min(1),
  facts: z.record(z.string(), z.unknown()),
  asks: z.enum(SITUATION_QUESTIONS).optional(),
  reply: ReplyLabel,
});
export type SituationItem = z.infer<typeof SituationItem>;

/** What the bot made of one message: the facts it read (profile fields and the extra ones) and its plan. */
export interface Understanding {
  facts: Record<string, unknown>;
  plan: MessagePlan;
}

/** Precision and recall of one fact field. */
export interface FieldScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SituationScores {
  items: number;
  fields: Record<string, FieldScore>;
  /** Micro-averaged over every field. */
  overall: FieldScore;
  repliesRight: number;
  repliesRightShare: number;
  /** The items whose first reply was not the labelled one, for reading. */
  misses: { text: string; expected: string; got: string }[];
}

export interface OutOfScopeScores {
  messages: number;
  answered: number;
  answeredShare: number;
  examples: { text: string; got: string }[];
}

/** Reads a labelled situations file, naming the item that does not fit the schema. */
/** The held-out set in its two halves: the items at odd positions (read) and the rest (sealed). */
export function splitHeldOut<T>(items: readonly T[]): { read: T[]; sealed: T[] } {
  return { read: items.filter((_, i) => i % 2 === 0), sealed: items.filter((_, i) => i % 2 === 1) };
}

export function readSituations(path: string): SituationItem[] {
  const data: unknown = parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(data)) throw new Error(`readSituations(): ${path}: expected a YAML list`);
  return data.map((item, i) => {
    const parsed = SituationItem.safeParse(item);
    if (!parsed.success) throw new Error(`readSituations(): ${path}: item ${i + 1}: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    return parsed.data;
  });
}

/** Scores the facts and first replies of every item. */
export function scoreSituations(items: readonly SituationItem[], understand: (text: string) => Understanding): SituationScores {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const count = (field: string) => {
    let c = counts.get(field);
    if (!c) counts.set(field, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  let right = 0;
  const misses: SituationScores['misses'] = [];
  for (const item of items) {
    const { facts, plan } = understand(item.text);
    for (const field of new Set([...Object.keys(item.facts), ...Object.keys(facts)])) {
      const expected = item.facts[field];
      const got = facts[field];
      if (expected !== undefined && got !== undefined && sameValue(expected, got)) count(field).tp++;
      else {
        if (got !== undefined) count(field).fp++;
        if (expected !== undefined) count(field).fn++;
      }
    }
    const got = describePlan(plan);
    if (replyMatches(item.reply, plan)) right++;
    else misses.push({ text: item.text, expected: describeLabel(item.reply), got });
  }
  const fields = Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)).map(([field, c]) => [field, fieldScore(c.tp, c.fp, c.fn)]));
  const total = [...counts.values()].reduce((sum, c) => ({ tp: sum.tp + c.tp, fp: sum.fp + c.fp, fn: sum.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    items: items.length,
    fields,
    overall: fieldScore(total.tp, total.fp, total.fn),
    repliesRight: right,
    repliesRightShare: items.length === 0 ? 0 : right / items.length,
    misses,
  };
}

/**
 * Counts out-of-scope messages that get an answer: an FAQ answer, a situation verdict or question,
 * or the check. "Did you mean…", the fallback and chat intents (a greeting, thanks) are not answers.
 */
export function scoreOutOfScope(texts: readonly string[], understand: (text: string) => Understanding): OutOfScopeScores {
  const examples: OutOfScopeScores['examples'] = [];
  for (const text of texts) {
    const { plan } = understand(text);
    if (plan.kind === 'answer' || plan.kind === 'situation' || plan.kind === 'check') examples.push({ text, got: describePlan(plan) });
  }
  return { messages: texts.length, answered: examples.length, answeredShare: texts.length === 0 ? 0 : examples.length / texts.length, examples };
}

function fieldScore(tp: number, fp: number, fn: number): FieldScore {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].map(String).sort().join('|') === [...b].map(String).sort().join('|');
  return String(a) === String(b);
}

function replyMatches(label: ReplyLabel, plan: MessagePlan): boolean {
  if (label === 'none') return plan.kind === 'none' || plan.kind === 'clarify' || plan.kind === 'intent';
  if ('faq' in label) return plan.kind === 'answer' && plan.entryId === label.faq;
  // A statement of facts starts the check, whose first reply asks the first open question.
  if ('ask' in label && plan.kind === 'check') return nextQuestion(plan.profile)?.field === label.ask;
  if (plan.kind !== 'situation') return false;
  const { decision } = plan;
  if ('ask' in label) return decision.kind === 'ask' && decision.field === label.ask;
  if (decision.kind !== 'verdict') return false;
  // "Which permits?" for what cannot be filed at all is answered "you cannot apply": the labels may say either.
  if (label.verdict === 'permits' && label.value === 'no') return decision.verdict.question === 'can-apply' && decision.verdict.value === 'no';
  return decision.verdict.question === label.verdict && sameValue(decision.verdict.value, label.value);
}

function describeLabel(label: ReplyLabel): string {
  if (label === 'none') return 'none';
  if ('faq' in label) return `faq ${label.faq}`;
  if ('ask' in label) return `ask ${label.ask}`;
  return `verdict ${label.verdict}=${String(label.value)}`;
}

/** A plan in the labels' words, for the misses list. */
export function describePlan(plan: MessagePlan): string {
  switch (plan.kind) {
    case 'situation':
      return plan.decision.kind === 'ask' ? `ask ${plan.decision.field}` : `verdict ${plan.decision.verdict.question}=${String(plan.decision.verdict.value)}`;
    case 'answer':
      return `faq ${plan.entryId}`;
    case 'check':
      return `check (asks ${nextQuestion(plan.profile)?.field ?? 'nothing'})`;
    case 'intent':
      return `intent ${plan.intent}`;
    case 'clarify':
      return `clarify ${plan.candidates.map((c) => c.id).join(',')}`;
    default:
      return plan.kind;
  }
}

/** The figures of one language, for the report. */
/**
 * The blind sets under test/labelled/, in the order they were written: each by a helper who saw neither the code nor the other
 * sets, measured before anyone read it, then read in halves (see {@link splitHeldOut}). A new set is one more row.
 */
export const BLIND_SETS = [
  {
    dir: 'situations-heldout',
    title: 'Held-out set',
    about:
      'Written by a separate helper on 2026-12-04 without seeing the code or the set above. The misses of its first half (the items at odd positions) were read once, to find general causes; the second half was never read, and is the fair test. Misses of neither half are listed here.',
  },
  {
    dir: 'situations-third',
    title: 'Third set',
    about:
      'Written by another helper on 2026-12-05 without seeing the code or the other sets (test/labelled/situations-third/), and measured before anyone read it. Then the misses of its first half were read for general causes; its second half stays sealed. Misses of neither half are listed here.',
  },
  {
    dir: 'situations-fourth',
    title: 'Fourth set',
    about:
      'Written by another helper later on 2026-12-05 in the same way (test/labelled/situations-fourth/). Measured before anyone read it, on the code of the session start and again on the code of that day: both 78.9 % (en) and 82.0 % (zh-CN). Then the misses of its first half were read for general causes; its second half stays sealed. Misses of neither half are listed here.',
  },
  {
    dir: 'situations-fifth',
    title: 'Fifth set',
    about:
      'Written by another helper on 2026-12-05 in the same way (test/labelled/situations-fifth/), during session 18. Measured whole before anyone read it, on the code of that session\'s start: 85.1 % (en, 148 of 174) and 86.1 % (zh-CN, 143 of 166). Then the misses of its first half were read for general causes; its second half stays sealed. Misses of neither half are listed here.',
  },
  {
    dir: 'situations-sixth',
    title: 'Sixth set',
    about:
      'Written by another helper on 2026-12-05 in the same way (test/labelled/situations-sixth/), at the end of session 18. Scored whole, counts only, before anyone read it: on that session\'s starting code 88.0 % (en, 103 of 117) and 90.2 % (zh-CN, 101 of 112); on its final code 88.9 % (104) and 91.1 % (102). Then, in session 19, the misses of its first half were read for general causes; its second half stays sealed. Misses of neither half are listed here.',
  },
  {
    dir: 'situations-seventh',
    title: 'Seventh set',
    about:
      'Written by another helper on 2026-12-06 in the same way (test/labelled/situations-seventh/), during session 19. Scored whole, counts only, before anyone read it: on that session\'s starting code and again on its code of that hour, both 86.1 % (en, 99 of 115) and 86.0 % (zh-CN, 98 of 114). Then the misses of its first half were read for general causes; its second half stays sealed. Misses of neither half are listed here.',
  },
] as const;

export type BlindSet = (typeof BLIND_SETS)[number];

export interface LanguageUnderstanding {
  language: string;
  situations: SituationScores;
  outOfScope: OutOfScopeScores;
  /**
   * The blind sets ({@link BLIND_SETS}) present, each in two halves: items at odd positions (1st, 3rd …), whose misses were
   * read once to find general causes, and the rest, never read. Figures only: their misses are not listed.
   */
  blind?: { set: BlindSet['dir']; read: SituationScores; sealed: SituationScores }[];
  /** Each development set on its own (the first, test/labelled/situations/, and a later one, situations-more/), when there are several. */
  bySet?: { name: string; scores: SituationScores }[];
}

/** The report page (docs/understanding.md): per language, facts per field, first replies, out-of-scope answered, and the misses. */
export function formatUnderstandingReport(results: readonly LanguageUnderstanding[], heading: string): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [heading, ''];
  lines.push('| language | situations | facts precision | facts recall | facts F1 | first replies right | out-of-scope answered |', '|---|---|---|---|---|---|---|');
  for (const { language, situations: s, outOfScope: o } of results) {
    lines.push(
      `| ${language} | ${s.items} | ${pct(s.overall.precision)} | ${pct(s.overall.recall)} | ${s.overall.f1.toFixed(3)} | ${s.repliesRight} (${pct(s.repliesRightShare)}) | ${o.answered} of ${o.messages} (${pct(o.answeredShare)}) |`,
    );
  }
  const bySet = results.filter((r) => r.bySet && r.bySet.length > 1);
  if (bySet.length > 0) {
    lines.push('', '### Each development set', '', '| language | set | situations | facts F1 | first replies right |', '|---|---|---|---|---|');
    for (const { language, bySet: sets } of bySet) {
      for (const { name, scores: s } of sets!) lines.push(`| ${language} | ${name} | ${s.items} | ${s.overall.f1.toFixed(3)} | ${s.repliesRight} (${pct(s.repliesRightShare)}) |`);
    }
  }
  for (const { dir, title, about } of BLIND_SETS) {
    const measured = results.flatMap((r) => r.blind?.filter((b) => b.set === dir).map((b) => ({ language: r.language, halves: b })) ?? []);
    if (measured.length === 0) continue;
    lines.push('', `### ${title}`, '', about, '', '| language | half | situations | facts precision | facts recall | facts F1 | first replies right |', '|---|---|---|---|---|---|---|');
    for (const { language, halves } of measured) {
      for (const [half, s] of [['read', halves.read], ['sealed', halves.sealed]] as const) {
        lines.push(`| ${language} | ${half} | ${s.items} | ${pct(s.overall.precision)} | ${pct(s.overall.recall)} | ${s.overall.f1.toFixed(3)} | ${s.repliesRight} (${pct(s.repliesRightShare)}) |`);
      }
    }
  }
  for (const { language, situations: s, outOfScope: o } of results) {
    lines.push('', `## ${language}: facts per field`, '', '| field | precision | recall | F1 | right | wrong or extra | missed |', '|---|---|---|---|---|---|---|');
    for (const [field, f] of Object.entries(s.fields)) {
      lines.push(`| ${field} | ${pct(f.precision)} | ${pct(f.recall)} | ${f.f1.toFixed(3)} | ${f.truePositives} | ${f.falsePositives} | ${f.falseNegatives} |`);
    }
    lines.push('', `## ${language}: first replies not as labelled (${s.misses.length})`, '');
    for (const miss of s.misses) lines.push(`- "${miss.text.replace(/\s+/g, ' ')}": expected ${miss.expected}, got ${miss.got}`);
    lines.push('', `## ${language}: out-of-scope messages answered (${o.answered})`, '');
    for (const example of o.examples) lines.push(`- "${example.text}": ${example.got}`);
  }
  return `${lines.join('\n')}\n`;
}
