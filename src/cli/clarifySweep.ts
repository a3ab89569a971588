/**
 * How `eval --sweep` chooses CLARIFY_THRESHOLD: "Did you mean…" replies at each of a grid of thresholds, counted as the bot
 * replies on the labelled questions and the out-of-scope sets (never the blind set), and the lowest threshold whose added
 * replies offer the right entry at least as often as not.
 */
import type { Core } from '../app.js';
import { OUT_OF_SCOPE, type LabelledQuestion } from '../nlu/evaluate.js';
import { LANGUAGES, type Language } from '../nlu/language.js';
import { planInConversation } from '../nlu/followUp.js';
import type { Thresholds } from '../nlu/recognizer.js';

/** The clarify thresholds `eval --sweep` tries, highest first. */
export const CLARIFY_GRID = [0.3, 0.29, 0.28, 0.27, 0.26, 0.25, 0.24, 0.23, 0.22, 0.21, 0.2, 0.18, 0.15];

export interface ClarifyRow {
  clarify: number;
  /** "Did you mean…" replies per language: offering the labelled entry (`right`), and all others (without it, or to an out-of-scope message). */
  counts: Record<Language, { right: number; other: number }>;
}

/** "Did you mean…" at each clarify threshold of {@link CLARIFY_GRID}, as the bot replies (the plan, not the recognizer alone). */
export function clarifySweep(core: Core, thresholds: Thresholds, questions: readonly LabelledQuestion[]): ClarifyRow[] {
  // Each message read once (its facts and its words without the case), for every threshold.
  const read = questions.map((question) => ({ question, reading: core.facts.readMessage(question.question) }));
  return CLARIFY_GRID.map((clarify) => {
    const parts = { ...core, recognizer: core.recognizer.withThresholds({ ...thresholds, clarify }) };
    const counts = { en: { right: 0, other: 0 }, 'zh-CN': { right: 0, other: 0 } } as ClarifyRow['counts'];
    for (const { question, reading } of read) {
      const { question: text, language, expected } = question;
      const { plan } = planInConversation(text, language, parts, { reading });
      if (plan.kind !== 'clarify') continue;
      if (expected !== OUT_OF_SCOPE && plan.candidates.some((candidate) => candidate.id === expected)) counts[language].right += 1;
      else counts[language].other += 1;
    }
    return { clarify, counts };
  });
}

/**
 * The clarify threshold {@link clarifySweep} chooses: stepping down from the highest, a threshold is kept when, in each language,
 * the "Did you mean…" replies it adds since the last one kept offer the labelled entry at least as often as not, and some do.
 * A "Did you mean" with the entry saves a rephrasing; one without it, or to a message we cannot answer, costs a reading.
 */
export function chosenClarify(rows: readonly ClarifyRow[]): number {
  let kept = rows[0]!;
  for (const row of rows.slice(1)) {
    const gained = LANGUAGES.map((language) => ({
      right: row.counts[language].right - kept.counts[language].right,
      other: row.counts[language].other - kept.counts[language].other,
    }));
    if (gained.every(({ right, other }) => right >= other) && gained.some(({ right }) => right > 0)) kept = row;
  }
  return kept.clarify;
}
