import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { parseFrontMatter } from '../knowledge/frontMatter.js';
import { readKnowledge } from '../knowledge/load.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { LANGUAGES, type Language } from '../nlu/language.js';
import type { Recognizer } from '../nlu/recognizer.js';
import type { LabelledQuestion } from '../nlu/evaluate.js';
import type { LearningEvent } from './events.js';
import { addAlternates } from './knowledgeEdit.js';
import { appendLabelledExamples, feedbackFile, labelledExamplesFrom } from './labelledExamples.js';
import { hasRedaction } from './redact.js';
import { shortHash, type ClusterSummary, type LearningReport } from './report.js';

/** What a suggestion proposes: phrasings for an entry, a new entry, or labelled examples for the calibration. */
export type SuggestionKind = 'alternate' | 'new-entry' | 'examples';

/** A change to the knowledge base proposed from a cluster of questions, for an editor to review. */
export interface Suggestion {
  id: string;
  kind: SuggestionKind;
  language: Language;
  /** The entry that gets the phrasings (alternate), or the id proposed for the new entry. */
  entry: string;
  /** Alternates to add, or the new entry's question followed by its alternates. */
  phrasings: string[];
  /** Why, in one sentence. */
  reason: string;
  /** For 'examples': questions labelled by users' picks and 👍, for the calibration data. */
  examples?: { entry: string; text: string }[];
  evidence?: {
    group: string;
    questions: number;
    unanswered: number;
    clarify: number;
    disliked: number;
    picked: Record<string, number>;
    bestMatch?: { entry: string; score: number };
    examples: string[];
  };
}

/** A best match this close below the clarify threshold (or above it) makes a cluster an alternate of that entry. */
export const CLOSE_SCORE_MARGIN = 0.1;
/** Phrasings proposed as alternates per suggestion. */
const MAX_ALTERNATES = 3;
/** Phrasings of a new entry's draft (question and alternates). */
const MAX_DRAFT_PHRASINGS = 8;
/** Suggestion ids: kind and a hash. */
export const SUGGESTION_ID = /^(alt|new|lab)-[0-9a-f]{8}$/;
const SUGGESTION_FILE = 'suggestion.yaml';

/**
 * For each cluster of the report, proposes an alternate phrasing for an existing entry (when users
 * picked that entry after "Did you mean…" or a 👎, or the best match scored close to the clarify
 * threshold) or a draft of a new entry. Clusters the current knowledge base already answers, and
 * phrasings with removed personal data, are left out.
 */
export function proposeSuggestions(report: LearningReport, deps: { recognizer: Recognizer; knowledge: KnowledgeBase }): Suggestion[] {
  const suggestions: Suggestion[] = [];
  for (const cluster of report.clusters) {
    const texts = cluster.examples.map((e) => e.replace(/\s+/g, ' ').trim()).filter((e) => e.length > 0 && !hasRedaction(e));
    if (texts.length === 0) continue;
    const target = targetOf(cluster, report.thresholds.clarify);
    const evidence = evidenceOf(cluster);
    if (target) {
      const entry = deps.knowledge.entries[cluster.language].find((e) => e.id === target.entry);
      if (!entry) continue; // the entry was removed since
      const known = new Set([entry.question, ...entry.alternates].map((p) => p.toLowerCase()));
      const phrasings = texts
        .filter((t) => !known.has(t.toLowerCase()))
        .filter((t) => {
          const now = deps.recognizer.recognize(t, cluster.language);
          return !(now.outcome === 'answer' && now.top?.id === entry.id);
        })
        .slice(0, MAX_ALTERNATES);
      if (phrasings.length === 0) continue;
      suggestions.push({
        id: `alt-${shortHash(`${cluster.language}\nalternate\n${entry.id}\n${cluster.representative}`)}`,
        kind: 'alternate',
        language: cluster.language,
        entry: entry.id,
        phrasings,
        reason: target.reason,
        evidence,
      });
      continue;
    }
    const now = deps.recognizer.recognize(cluster.representative, cluster.language);
    if (now.outcome === 'answer') continue; // answered by the knowledge base as it is now
    suggestions.push({
      id: `new-${shortHash(`${cluster.language}\nnew-entry\n${cluster.representative}`)}`,
      kind: 'new-entry',
      language: cluster.language,
      entry: proposedId(cluster, deps.knowledge),
      phrasings: texts.slice(0, MAX_DRAFT_PHRASINGS),
      reason: cluster.best
        ? `no entry fits: the best match, ${cluster.best.id}, scored ${cluster.best.score.toFixed(2)} (clarify threshold ${report.thresholds.clarify})${cluster.disliked.length > 0 ? `, and answers with ${cluster.disliked.map((d) => d.entry).join(', ')} got a 👎` : ''}`
        : 'no entry matches these questions at all',
      evidence,
    });
  }
  return suggestions;
}

function targetOf(cluster: ClusterSummary, clarify: number): { entry: string; reason: string } | undefined {
  const picked = cluster.picked[0];
  if (picked) return { entry: picked.entry, reason: `users picked ${picked.entry} ${picked.count} time(s) after being offered it for these questions` };
  const best = cluster.best;
  const disliked = new Set(cluster.disliked.map((d) => d.entry));
  if (best && best.score >= clarify - CLOSE_SCORE_MARGIN && !disliked.has(best.id)) {
    return { entry: best.id, reason: `the best match, ${best.id}, scored ${best.score.toFixed(2)}, close to the clarify threshold ${clarify}` };
  }
  return undefined;
}

function evidenceOf(cluster: ClusterSummary): Suggestion['evidence'] {
  return {
    group: cluster.id,
    questions: cluster.count,
    unanswered: cluster.reasons.none,
    clarify: cluster.reasons.clarify,
    disliked: cluster.reasons.disliked,
    picked: Object.fromEntries(cluster.picked.map((p) => [p.entry, p.count])),
    ...(cluster.best ? { bestMatch: { entry: cluster.best.id, score: cluster.best.score } } : {}),
    examples: cluster.examples,
  };
}

/** An id for a new entry: the English question's main words, or `new-<hash>`; never one in use. */
function proposedId(cluster: ClusterSummary, knowledge: KnowledgeBase): string {
  const stop = new Set(knowledge.stopWords.en.map((w) => w.toLowerCase()));
  const words = cluster.language === 'en' ? (cluster.representative.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !stop.has(w)).slice(0, 5) : [];
  const base = words.length > 0 ? words.join('-') : `new-${shortHash(cluster.representative).slice(0, 6)}`;
  const used = new Set(LANGUAGES.flatMap((l) => knowledge.entries[l].map((e) => e.id)));
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The stored form of a suggestion (what an editor may change: entry, phrasings). */
const SuggestionFile = z.object({
  id: z.string().regex(SUGGESTION_ID),
  kind: z.enum(['alternate', 'new-entry', 'examples']),
  language: z.enum(LANGUAGES),
  entry: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens'),
  phrasings: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  reason: z.string().optional(),
  examples: z.array(z.object({ entry: z.string().min(1), text: z.string().min(1) })).default([]),
  evidence: z.unknown().optional(),
});

/** Where suggestions are kept: pending ones in `dir/<id>/`, decided ones under `accepted/` and `rejected/`. */
export interface SuggestionWriteResult {
  written: string[];
  /** Already there, or decided before (accepted or rejected): left as they are. */
  kept: string[];
}

/**
 * Writes each suggestion as files an editor reviews: `<dir>/<id>/suggestion.yaml`, and for a new
 * entry the drafts `en.md` and `zh-CN.md` in the knowledge file format. A suggestion already
 * there, accepted or rejected is not written again.
 */
export function writeSuggestions(dir: string, suggestions: readonly Suggestion[], knowledgeDir: string): SuggestionWriteResult {
  const result: SuggestionWriteResult = { written: [], kept: [] };
  for (const s of suggestions) {
    if ([join(dir, s.id), join(dir, 'accepted', s.id), join(dir, 'rejected', s.id)].some((path) => existsSync(path))) {
      result.kept.push(s.id);
      continue;
    }
    const folder = join(dir, s.id);
    mkdirSync(folder, { recursive: true });
    const accept = `npm run --silent icp-bot -- suggest --accept ${s.id}`;
    const reject = `npm run --silent icp-bot -- suggest --reject ${s.id}`;
    const header =
      s.kind === 'examples'
        ? [
            `# Suggestion ${s.id}: questions users labelled (an entry picked after "Did you mean…" or a 👎, or an answer rated 👍),`,
            `# to add to the calibration data (test/labelled/feedback/${s.language}.tsv). Review: delete or correct wrong labels, then accept`,
            '# and run "npm run eval -- --calibrate"; or reject to drop them.',
          ]
        : s.kind === 'alternate'
        ? [
            `# Suggestion ${s.id}: add these phrasings to the alternates of ${relative(process.cwd(), join(knowledgeDir, s.language, `${s.entry}.md`)) || `${s.entry}.md`}.`,
            '# Review: edit or delete phrasings (or change "entry"), then accept; or reject to drop it.',
          ]
        : [
            `# Suggestion ${s.id}: a new entry. Complete the drafts en.md and zh-CN.md in this folder (id, question,`,
            '# source, at least 6 alternates, the answer, in both languages), then accept; or reject to drop it.',
          ];
    const { id, kind, language, entry, phrasings, reason, examples, evidence } = s;
    const stored = { id, kind, language, entry, phrasings, reason, ...(examples ? { examples } : {}), ...(evidence ? { evidence } : {}) };
    writeFileSync(join(folder, SUGGESTION_FILE), `${[...header, `#   accept: ${accept}`, `#   reject: ${reject}`].join('\n')}\n${stringify(stored, { lineWidth: 0 })}`);
    if (s.kind === 'new-entry') for (const l of LANGUAGES) writeFileSync(join(folder, `${l}.md`), draftEntry(s, l));
    result.written.push(s.id);
  }
  return result;
}

/** A new entry's draft in one language, in the knowledge file format; `kb lint` names what is still missing. */
function draftEntry(s: Suggestion, language: Language): string {
  const own = language === s.language;
  const [question, ...alternates] = own ? s.phrasings : [];
  const lines = [
    '---',
    `# Draft from suggestion ${s.id}${own ? ', built from what users asked' : `; translate the ${s.language} draft`}.`,
    '# id becomes the file name: lowercase words and hyphens, the same in both languages.',
    `id: ${s.entry}`,
    `question: ${question === undefined ? '' : stringify(question, { lineWidth: 0 }).trimEnd()}`,
    '# source: an id from knowledge/sources.yaml (the page the answer rests on); anchor: optional section.',
    'source:',
    'related: []',
    '# At least 6 phrasings, from formal to keywords only.',
    alternates.length > 0 ? 'alternates:' : 'alternates: []',
    ...alternates.map((a) => `  - ${stringify(a, { lineWidth: 0 }).trimEnd()}`),
    '---',
    '',
  ];
  return lines.join('\n');
}

/** Pending suggestions in `dir`, by id. */
export function listSuggestions(dir: string): z.infer<typeof SuggestionFile>[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => SUGGESTION_ID.test(name) && existsSync(join(dir, name, SUGGESTION_FILE)))
    .sort()
    .map((name) => readSuggestion(dir, name, 'listSuggestions()'));
}

/** What accepting changed. */
export interface AcceptResult {
  id: string;
  /** Files written in the knowledge folder. */
  files: string[];
  /** Phrasings added (alternate), or labelled examples added as `entry: question` (examples). */
  added: string[];
  /** Entries per language after the change, as `kb lint` counts them. */
  entries: Record<Language, number>;
}

/**
 * Accepts a suggestion: edits the knowledge files (alternates added to the entry, or the drafts
 * copied in as new entries), runs the `kb lint` checks, and moves the suggestion to `accepted/`.
 * When the lint finds a problem the knowledge files are put back as they were. Calibration examples
 * are appended to the feedback file of the labelled folder `labelledDir` instead.
 *
 * @throws Error naming `acceptSuggestion()` for an unknown, rejected or invalid suggestion, and
 * listing the lint's problems when the change does not pass
 */
export function acceptSuggestion(dir: string, id: string, knowledgeDir: string, labelledDir: string): AcceptResult {
  const s = readSuggestion(dir, id);
  if (s.kind === 'examples') return acceptExamples(dir, s, knowledgeDir, labelledDir);
  const changes: { path: string; before: string | undefined; after: string }[] = [];
  let added: string[] = [];
  if (s.kind === 'alternate') {
    const path = join(knowledgeDir, s.language, `${s.entry}.md`);
    if (!existsSync(path)) throw new Error(`acceptSuggestion(): ${id}: entry "${s.entry}" does not exist (${path})`);
    if (s.phrasings.length === 0) throw new Error(`acceptSuggestion(): ${id}: no phrasings to add`);
    const before = readFileSync(path, 'utf8');
    const edit = addAlternates(before, s.phrasings);
    if (edit.added.length === 0) throw new Error(`acceptSuggestion(): ${id}: ${s.entry} already has every phrasing of the suggestion`);
    added = edit.added;
    changes.push({ path, before, after: edit.text });
  } else {
    const ids = new Set<string>();
    for (const language of LANGUAGES) {
      const draftPath = join(dir, id, `${language}.md`);
      if (!existsSync(draftPath)) throw new Error(`acceptSuggestion(): ${id}: the draft ${draftPath} is missing`);
      const text = readFileSync(draftPath, 'utf8');
      let draftId: unknown;
      try {
        draftId = parseFrontMatter(text).data.id;
      } catch (error) {
        throw new Error(`acceptSuggestion(): ${id}: ${draftPath}: ${(error as Error).message}`);
      }
      if (typeof draftId !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(draftId)) {
        throw new Error(`acceptSuggestion(): ${id}: ${draftPath}: id must be lowercase letters, digits and single hyphens`);
      }
      ids.add(draftId);
      const path = join(knowledgeDir, language, `${draftId}.md`);
      if (existsSync(path)) throw new Error(`acceptSuggestion(): ${id}: ${path} already exists; choose another id in the drafts`);
      changes.push({ path, before: undefined, after: text });
    }
    if (ids.size !== 1) throw new Error(`acceptSuggestion(): ${id}: the drafts have different ids (${[...ids].join(', ')}); use the same in both`);
  }
  for (const change of changes) writeFileSync(change.path, change.after);
  const { knowledge, problems } = readKnowledge(knowledgeDir);
  if (problems.length > 0) {
    for (const change of changes) {
      if (change.before === undefined) unlinkSync(change.path);
      else writeFileSync(change.path, change.before);
    }
    const listed = problems.map((p) => `  ${p.file}: ${p.message}`).join('\n');
    throw new Error(`acceptSuggestion(): ${id}: kb lint found ${problems.length} problem(s); the knowledge files are unchanged:\n${listed}`);
  }
  mkdirSync(join(dir, 'accepted'), { recursive: true });
  renameSync(join(dir, id), join(dir, 'accepted', id));
  return {
    id,
    files: changes.map((c) => c.path),
    added,
    entries: Object.fromEntries(LANGUAGES.map((l) => [l, knowledge.entries[l].length])) as Record<Language, number>,
  };
}

/**
 * Proposes, per language, the questions users labelled themselves (see {@link labelledExamplesFrom})
 * as one suggestion of calibration examples, for an editor to check before they count.
 */
export function proposeExampleSuggestions(events: readonly LearningEvent[], deps: { knowledge: KnowledgeBase; labelled: readonly LabelledQuestion[] }): Suggestion[] {
  const found = labelledExamplesFrom(events, deps.knowledge, deps.labelled);
  return LANGUAGES.filter((language) => found[language].length > 0).map((language) => {
    const examples = found[language].map(({ entry, text }) => ({ entry, text }));
    const picks = found[language].filter((e) => e.from === 'pick').length;
    return {
      id: `lab-${shortHash(`${language}\nexamples\n${examples.map((e) => `${e.entry}\t${e.text}`).join('\n')}`)}`,
      kind: 'examples',
      language,
      entry: 'calibration',
      phrasings: [],
      reason: `${picks} question(s) labelled by the entry picked after "Did you mean…" or a 👎, ${examples.length - picks} by a 👍 on the answer`,
      examples,
    };
  });
}

/** Accepts labelled examples: appends them to the language's feedback file after checking their entries exist. */
function acceptExamples(dir: string, s: z.infer<typeof SuggestionFile>, knowledgeDir: string, labelledDir: string): AcceptResult {
  if (s.examples.length === 0) throw new Error(`acceptSuggestion(): ${s.id}: no examples to add`);
  const { knowledge } = readKnowledge(knowledgeDir);
  const ids = new Set(knowledge.entries[s.language].map((e) => e.id));
  const unknown = s.examples.filter((e) => !ids.has(e.entry));
  if (unknown.length > 0) throw new Error(`acceptSuggestion(): ${s.id}: no ${s.language} entry ${unknown.map((e) => `"${e.entry}"`).join(', ')}; correct or delete those examples`);
  const added = appendLabelledExamples(labelledDir, s.language, s.examples);
  mkdirSync(join(dir, 'accepted'), { recursive: true });
  renameSync(join(dir, s.id), join(dir, 'accepted', s.id));
  return {
    id: s.id,
    files: [feedbackFile(labelledDir, s.language)],
    added: added.map((e) => `${e.entry}: ${e.text}`),
    entries: Object.fromEntries(LANGUAGES.map((l) => [l, knowledge.entries[l].length])) as Record<Language, number>,
  };
}

/** Rejects a suggestion: moves it to `rejected/`, so `suggest` does not propose it again. */
export function rejectSuggestion(dir: string, id: string): void {
  readSuggestion(dir, id, 'rejectSuggestion()');
  mkdirSync(join(dir, 'rejected'), { recursive: true });
  renameSync(join(dir, id), join(dir, 'rejected', id));
}

function readSuggestion(dir: string, id: string, fn = 'acceptSuggestion()'): z.infer<typeof SuggestionFile> {
  if (!SUGGESTION_ID.test(id)) throw new Error(`${fn}: "${id}" is not a suggestion id (alt-, new- or lab- and 8 hex digits)`);
  if (existsSync(join(dir, 'accepted', id))) throw new Error(`${fn}: ${id} was accepted already (${join(dir, 'accepted', id)})`);
  if (existsSync(join(dir, 'rejected', id))) {
    throw new Error(`${fn}: ${id} was rejected; move ${join(dir, 'rejected', id)} back to ${dir} to decide again`);
  }
  const file = join(dir, id, SUGGESTION_FILE);
  if (!existsSync(file)) throw new Error(`${fn}: no suggestion ${id} in ${dir} (run "icp-bot suggest" to list them)`);
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${fn}: ${file}: YAML does not parse: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = SuggestionFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${fn}: ${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  if (parsed.data.id !== id) throw new Error(`${fn}: ${file}: its id is "${parsed.data.id}", not ${id}`);
  return parsed.data;
}
