import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KnowledgeBase } from '../knowledge/types.js';
import type { LabelledQuestion } from '../nlu/evaluate.js';
import { LANGUAGES, type Language } from '../nlu/language.js';
import type { FeedbackEvent, LearningEvent, PickEvent } from './events.js';
import { hasRedaction } from './redact.js';

/** A question a user's own action labelled with the entry that answers it. */
export interface LabelledExample {
  entry: string;
  text: string;
  /** What labelled it: an entry picked after "Did you mean…" or a 👎, or a 👍 on the answer. */
  from: 'pick' | 'helpful';
}

/**
 * Labelled examples for the calibration from the learning loop: the entry a user picked after
 * "Did you mean…" or after a 👎 answers their question, and so does an answer rated 👍. A 👎 with
 * no pick says which entry is wrong but not which is right, and is left out; so is a question
 * labelled with two different entries, one with removed personal data, one already in the labelled
 * data, one whose entry no longer exists, and a follow-up read in the topic of the reply before it.
 */
export function labelledExamplesFrom(events: readonly LearningEvent[], knowledge: KnowledgeBase, labelled: readonly LabelledQuestion[]): Record<Language, LabelledExample[]> {
  const known = new Set(labelled.map((q) => keyOf(q.language, q.question)));
  const found = new Map<string, { language: Language; example: LabelledExample; conflicting: boolean }>();
  for (const event of events) {
    const label = labelOf(event);
    // A follow-up's words alone do not say what it asks ("and is it free?"): they label nothing.
    if (!label || event.followUp) continue;
    const text = event.text.replace(/\s+/g, ' ').trim();
    if (text === '' || hasRedaction(text) || !knowledge.entries[event.language].some((e) => e.id === label.entry)) continue;
    const key = keyOf(event.language, text);
    if (known.has(key)) continue;
    const before = found.get(key);
    if (before) before.conflicting ||= before.example.entry !== label.entry;
    else found.set(key, { language: event.language, example: { entry: label.entry, text, from: label.from }, conflicting: false });
  }
  const out = Object.fromEntries(LANGUAGES.map((l) => [l, [] as LabelledExample[]])) as Record<Language, LabelledExample[]>;
  for (const { language, example, conflicting } of found.values()) if (!conflicting) out[language].push(example);
  return out;
}

/** The file reviewed feedback examples go to, read by `eval --calibrate` with the rest of the labelled data. */
export function feedbackFile(labelledDir: string, language: Language): string {
  return join(labelledDir, 'feedback', `${language}.tsv`);
}

/** Appends examples to a language's feedback file (created with its header line); returns those not there yet. */
export function appendLabelledExamples(labelledDir: string, language: Language, examples: readonly Pick<LabelledExample, 'entry' | 'text'>[]): Pick<LabelledExample, 'entry' | 'text'>[] {
  const path = feedbackFile(labelledDir, language);
  const present = existsSync(path) ? new Set(readFileSync(path, 'utf8').split(/\r?\n/).slice(1).map((line) => keyOf(language, line.slice(line.indexOf('\t') + 1)))) : new Set<string>();
  const added = examples.filter((e) => {
    const key = keyOf(language, e.text);
    if (present.has(key)) return false;
    present.add(key);
    return true;
  });
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, 'id\tquestion\n');
  }
  // A tab or line break inside a question would break the file's two columns.
  appendFileSync(path, added.map((e) => `${e.entry}\t${e.text.replace(/[\t\r\n]+/g, ' ').trim()}\n`).join(''));
  return added;
}

function labelOf(event: LearningEvent): { entry: string; from: LabelledExample['from'] } | undefined {
  if (event.type === 'pick') return { entry: (event as PickEvent).entry, from: 'pick' };
  if (event.type === 'feedback' && (event as FeedbackEvent).helpful) return { entry: event.entry, from: 'helpful' };
  return undefined;
}

function keyOf(language: Language, text: string): string {
  return `${language}\n${text.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}
