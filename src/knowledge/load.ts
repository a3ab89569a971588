import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../lexicon.js';
import { Profile } from '../rules/profile.js';
import { parseFrontMatter } from './frontMatter.js';
import { literalEmphasis } from './markdown.js';
import {
  CHAT_INTENTS,
  type IntentExamples,
  type KnowledgeBase,
  type KnowledgeEntry,
  type KnowledgeProblem,
  type KnowledgeSource,
} from './types.js';

/** Fewest alternates an entry may have per language. */
export const MIN_ALTERNATES = 6;

const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const EntryFrontMatter = z
  .object({
    id: z.string().regex(ENTRY_ID, 'lowercase letters, digits and single hyphens'),
    question: z.string().trim().min(1),
    source: z.string().min(1),
    anchor: z.string().min(1).optional(),
    related: z.array(z.string()).default([]),
    confirmedBy: z.array(z.string().min(1)).default([]),
    // Whom the answer is for, as facts of a case: each field with the values it fits ("entityType: [individual]"),
    // and the general entry whose question it answers for them (`narrows`).
    for: z.record(z.string(), z.array(z.string().min(1)).min(1)).optional(),
    narrows: z.string().regex(ENTRY_ID).optional(),
    alternates: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  })
  .strict();

const LanguageStrings = z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) }).strict();

const SourcesFile = z.record(
  z.string(),
  z
    .object({
      url: z.url(),
      seed: z.string().regex(/^[^/\\]+$/, 'a file name in sources/, without a folder').optional(),
      title: LanguageStrings,
      // Checked by checkSourceDates, so that a missing date is one problem naming its source.
      updated: z.string().optional(),
    })
    .strict(),
);

/** What a seed copy whose page showed no date says instead of one (see {@link checkSourceDates}). */
export const UNKNOWN_DATE = 'unknown';

/** Folder of the knowledge folder that holds the source pages as they were copied. */
export const SOURCES_FOLDER = 'sources';

/** The anchor of each `## Heading {#anchor …}` of a source page: the sections an entry can link to. */
const SECTION_ANCHOR = /^## .*\{#([\w-]+)[^}]*\}\s*$/gm;

const SynonymsFile = z.array(z.array(z.union([z.string(), z.number()]).transform(String)).min(2));

const StopWordsFile = z.object({ en: z.array(z.string()), 'zh-CN': z.array(z.string()) }).strict();

// z.record over an enum requires every intent to be present.
const IntentsFile = z.record(
  z.enum(CHAT_INTENTS),
  z.object({ en: z.array(z.string()).min(3), 'zh-CN': z.array(z.string()).min(3) }).strict(),
);

/** A knowledge folder as read, with every problem found in it. */
export interface KnowledgeReadResult {
  knowledge: KnowledgeBase;
  problems: KnowledgeProblem[];
  /**
   * Entries with no dated source (see {@link findUndatedEntries}). `kb lint` fails on them; the bot
   * still serves them, with the source it has, so that a gap in the sources does not stop it.
   */
  undated: KnowledgeProblem[];
}

/** Error thrown by {@link loadKnowledge}; lists every problem. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(
    message: string,
    readonly problems: KnowledgeProblem[],
  ) {
    super(message);
  }
}

/**
 * Reads a knowledge folder and checks it (the `kb lint` rules): parse errors, duplicate ids,
 * missing translations, too few alternates, dead cross-references, unknown sources, answers whose
 * bold or italic markers Web Chat would show as text, and source pages in `sources/` whose sections
 * no entry covers.
 * Never throws for bad content: every problem is returned with its file.
 */
export function readKnowledge(dir: string): KnowledgeReadResult {
  const problems: KnowledgeProblem[] = [];
  const report = (file: string, message: string) => problems.push({ file, message });

  const sources = new Map<string, KnowledgeSource>();
  const sourcesData = readYaml(dir, 'sources.yaml', SourcesFile, report);
  for (const [id, { updated, ...source }] of Object.entries(sourcesData ?? {})) {
    sources.set(id, { id, ...source, ...(isCalendarDate(updated) ? { updated } : {}) });
  }

  const synonyms = readYaml(dir, 'synonyms.yaml', SynonymsFile, report) ?? [];
  const stopWords = readYaml(dir, 'stopwords.yaml', StopWordsFile, report) ?? { en: [], 'zh-CN': [] };
  const intents: IntentExamples =
    readYaml(dir, 'intents.yaml', IntentsFile, report) ??
    (Object.fromEntries(CHAT_INTENTS.map((i) => [i, { en: [], 'zh-CN': [] }])) as unknown as IntentExamples);

  const entries = {} as Record<Language, KnowledgeEntry[]>;
  for (const language of LANGUAGES) entries[language] = readEntries(dir, language, report);

  checkSourceDates(sourcesData ?? {}, report);
  checkEntries(entries, sources, report);
  checkCoverage(dir, entries, sources, report);
  const undated = findUndatedEntries(entries, sources);
  return { knowledge: { entries, sources, synonyms, stopWords, intents }, problems, undated };
}

/** Reads and checks a knowledge folder; throws a {@link KnowledgeError} naming each problem. */
export function loadKnowledge(dir: string): KnowledgeBase {
  const { knowledge, problems } = readKnowledge(dir);
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).map((p) => `${p.file}: ${p.message}`);
    const more = problems.length > 10 ? ` (and ${problems.length - 10} more; run "icp-bot kb lint")` : '';
    throw new KnowledgeError(`loadKnowledge(): ${problems.length} problem(s) in ${dir}: ${shown.join('; ')}${more}`, problems);
  }
  return knowledge;
}

/** The address of an entry's source page, with its section anchor. */
export function sourceUrl(knowledge: KnowledgeBase, entry: KnowledgeEntry): string | undefined {
  const source = knowledge.sources.get(entry.source);
  if (!source) return undefined;
  return entry.anchor ? `${source.url}#${entry.anchor}` : source.url;
}

function readYaml<T>(dir: string, name: string, schema: z.ZodType<T>, report: (file: string, message: string) => void): T | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) {
    report(name, 'file is missing');
    return undefined;
  }
  let data: unknown;
  try {
    data = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    report(name, `YAML does not parse: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(name, `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    return undefined;
  }
  return parsed.data;
}

function readEntries(dir: string, language: Language, report: (file: string, message: string) => void): KnowledgeEntry[] {
  const folder = join(dir, language);
  if (!existsSync(folder)) {
    report(language, 'language folder is missing');
    return [];
  }
  const out: KnowledgeEntry[] = [];
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.md')).sort()) {
    const file = relative(dir, join(folder, name));
    let document;
    try {
      document = parseFrontMatter(readFileSync(join(folder, name), 'utf8'));
    } catch (error) {
      report(file, (error as Error).message.split('\n')[0]);
      continue;
    }
    const parsed = EntryFrontMatter.safeParse(document.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report(file, `${issue.path.join('.') || 'front matter'}: ${issue.message}`);
      continue;
    }
    const { id, question, source, anchor, related, confirmedBy, for: fits, narrows, alternates } = parsed.data;
    if (`${id}.md` !== name) report(file, `id "${id}" does not match the file name`);
    for (const problem of caseProblems(fits)) report(file, problem);
    if ((fits === undefined) !== (narrows === undefined)) report(file, 'for and narrows go together: whom the answer is for, and the general entry it narrows');
    if (document.body.length === 0) report(file, 'the answer (the text after the front matter) is empty');
    out.push({ id, language, question, alternates: alternates.map((a) => a.trim()), answer: document.body, source, anchor, related, confirmedBy, ...(fits && narrows ? { for: fits, narrows } : {}), file });
  }
  return out;
}

/** What is wrong with an entry's `for`: each field must be one of a case's facts with one value, each value one it can take. */
function caseProblems(fits: Record<string, string[]> | undefined): string[] {
  const problems: string[] = [];
  const fields = Profile.shape as Record<string, z.ZodType>;
  for (const [field, values] of Object.entries(fits ?? {})) {
    const schema = fields[field];
    if (!schema) {
      problems.push(`for: "${field}" is not a fact of a case (one of ${Object.keys(fields).join(', ')})`);
      continue;
    }
    for (const value of values) {
      if (!schema.safeParse(value).success) problems.push(`for: "${value}" is not a value of ${field}`);
    }
  }
  return problems;
}

function checkEntries(
  entries: Record<Language, KnowledgeEntry[]>,
  sources: Map<string, KnowledgeSource>,
  report: (file: string, message: string) => void,
): void {
  const byLanguage = new Map<Language, Map<string, KnowledgeEntry>>();
  for (const language of LANGUAGES) {
    const seen = new Map<string, KnowledgeEntry>();
    for (const entry of entries[language]) {
      const first = seen.get(entry.id);
      if (first) report(entry.file, `duplicate id "${entry.id}" (also in ${first.file})`);
      else seen.set(entry.id, entry);
      const distinct = new Set(entry.alternates.map((a) => a.toLowerCase()).filter((a) => a.length > 0));
      if (distinct.size !== entry.alternates.length) report(entry.file, 'alternates contain a blank or a repeated phrasing');
      if (distinct.has(entry.question.toLowerCase())) report(entry.file, 'an alternate repeats the question');
      if (distinct.size < MIN_ALTERNATES) report(entry.file, `too few alternates: ${distinct.size}, at least ${MIN_ALTERNATES} needed`);
      if (!sources.has(entry.source)) report(entry.file, `source "${entry.source}" is not in sources.yaml`);
      checkConfirmations(entry, sources, report);
      for (const place of literalEmphasis(entry.answer)) {
        report(entry.file, `the answer shows a literal ** or __ in Web Chat near "${place}" (inside 《》 or “”, the markers turn bold)`);
      }
    }
    byLanguage.set(language, seen);
  }
  const allIds = new Set(LANGUAGES.flatMap((l) => [...(byLanguage.get(l)?.keys() ?? [])]));
  for (const id of [...allIds].sort()) {
    const versions = LANGUAGES.map((l) => byLanguage.get(l)?.get(id));
    const present = versions.filter((v): v is KnowledgeEntry => v !== undefined);
    LANGUAGES.forEach((language, i) => {
      if (!versions[i]) report(`${language}/${id}.md`, `missing translation of "${id}" (present in ${present[0].file})`);
    });
    for (const entry of present) {
      for (const target of entry.related) {
        if (target === entry.id) report(entry.file, `related lists the entry itself`);
        else if (!allIds.has(target)) report(entry.file, `related "${target}" is not an entry (dead cross-reference)`);
      }
      if (entry.narrows === entry.id) report(entry.file, 'narrows names the entry itself');
      else if (entry.narrows !== undefined && !allIds.has(entry.narrows)) report(entry.file, `narrows "${entry.narrows}" is not an entry`);
    }
    const [first, ...rest] = present;
    for (const other of rest) {
      if (other.source !== first.source || other.anchor !== first.anchor) {
        report(other.file, `source/anchor differ from ${first.file}`);
      }
      if ([...other.related].sort().join() !== [...first.related].sort().join()) {
        report(other.file, `related differs from ${first.file}`);
      }
      if ([...other.confirmedBy].sort().join() !== [...first.confirmedBy].sort().join()) {
        report(other.file, `confirmedBy differs from ${first.file}`);
      }
      if (JSON.stringify(other.for ?? {}) !== JSON.stringify(first.for ?? {}) || other.narrows !== first.narrows) report(other.file, `for/narrows differ from ${first.file}`);
    }
  }
}

/**
 * Each `confirmedBy` id names a page in `sources.yaml` other than the entry's `source`, once, and
 * one that shows a date: a confirmation is there to give the answer a dated page.
 */
function checkConfirmations(
  entry: KnowledgeEntry,
  sources: Map<string, KnowledgeSource>,
  report: (file: string, message: string) => void,
): void {
  const seen = new Set<string>();
  for (const id of entry.confirmedBy) {
    const page = sources.get(id);
    if (seen.has(id)) report(entry.file, `confirmedBy lists "${id}" twice`);
    else if (id === entry.source) report(entry.file, `confirmedBy lists "${id}", the entry's own source`);
    else if (!page) report(entry.file, `confirmedBy "${id}" is not in sources.yaml`);
    else if (!page.updated) report(entry.file, `confirmedBy "${id}" shows no date; a confirmation must be a page with its last-updated day`);
    seen.add(id);
  }
}

/**
 * The entries a reader would get without any date: their `source` shows none (a seed copy saying
 * `updated: unknown`) and no `confirmedBy` names a dated page. One problem per entry, on its
 * English file (the translation rules keep `source` and `confirmedBy` the same in every language).
 */
export function findUndatedEntries(
  entries: Record<Language, KnowledgeEntry[]>,
  sources: Map<string, KnowledgeSource>,
): KnowledgeProblem[] {
  const undated: KnowledgeProblem[] = [];
  for (const entry of entries.en) {
    const source = sources.get(entry.source);
    if (!source || source.updated) continue;
    if (entry.confirmedBy.some((id) => sources.get(id)?.updated !== undefined)) continue;
    undated.push({
      file: entry.file,
      message:
        `no dated source: "${entry.source}" shows no date and no confirmedBy names a dated page; add ` +
        `"confirmedBy: [page-id]" naming a page in sources.yaml that shows its last-updated day and states the same facts`,
    });
  }
  return undated;
}

/** Whether `text` is a real day written YYYY-MM-DD (2025-02-30 is not). */
export function isCalendarDate(text: string | undefined): text is string {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * Every source needs `updated:`, the day its page shows as last updated, because the bot tells the
 * reader how old the page under an answer is. A seed copy whose page showed no date may say
 * `unknown`; a page read now always shows one.
 */
function checkSourceDates(
  sources: Record<string, { seed?: string; updated?: string }>,
  report: (file: string, message: string) => void,
): void {
  for (const [id, { seed, updated }] of Object.entries(sources)) {
    if (isCalendarDate(updated) || (seed !== undefined && updated === UNKNOWN_DATE)) continue;
    const wrong = updated === undefined ? 'updated is missing' : `updated "${updated}" is not a date`;
    report('sources.yaml', `source "${id}": ${wrong}; write the day the page shows as last updated, as YYYY-MM-DD`);
  }
}

/**
 * Every source page copied into `sources/` must exist, and each of its anchored sections must be the
 * `anchor` of an entry citing that source, so a section the bot cannot answer is a lint problem.
 */
function checkCoverage(
  dir: string,
  entries: Record<Language, KnowledgeEntry[]>,
  sources: Map<string, KnowledgeSource>,
  report: (file: string, message: string) => void,
): void {
  for (const source of sources.values()) {
    if (!source.seed) continue;
    const file = `${SOURCES_FOLDER}/${source.seed}`;
    const path = join(dir, SOURCES_FOLDER, source.seed);
    if (!existsSync(path)) {
      report('sources.yaml', `seed "${source.seed}" of "${source.id}" is not in ${SOURCES_FOLDER}/`);
      continue;
    }
    // One language is enough: the translation rules already require the same anchors in every language.
    const covered = new Set(entries.en.filter((e) => e.source === source.id).map((e) => e.anchor));
    for (const [, anchor] of readFileSync(path, 'utf8').matchAll(SECTION_ANCHOR)) {
      if (!covered.has(anchor)) report(file, `section "${anchor}" has no entry (source: ${source.id}, anchor: ${anchor})`);
    }
  }
}
