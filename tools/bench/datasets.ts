import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** One labelled utterance. */
export interface Example {
  text: string;
  label: string;
}

/** A benchmark corpus: train on `train`, score on `test`. */
export interface Corpus {
  name: string;
  train: Example[];
  test: Example[];
  /**
   * Label of test queries no intent covers (HINT3's NO_NODES_DETECTED, Corpus50's untrained "None");
   * absent when the corpus has no such queries or trains its "None" like any other intent (Braun).
   */
  outOfScope?: string;
}

/** The three Braun et al. 2017 corpora, in the order of the paper's table. */
export const BRAUN_CORPORA = ['Chatbot', 'AskUbuntu', 'WebApplications'] as const;
/** The three HINT3 bots. */
export const HINT3_BOTS = ['sofmattress', 'curekart', 'powerplay11'] as const;
/** HINT3's label for a query none of the bot's intents covers. */
export const HINT3_OUT_OF_SCOPE = 'NO_NODES_DETECTED';

/** Thrown for a missing or malformed data file; the message names the file. */
export class DatasetError extends Error {}

const BraunFile = z.object({
  name: z.string(),
  sentences: z.array(z.object({ text: z.string(), intent: z.string().min(1), training: z.boolean() })).min(1),
});

const Corpus50File = z.object({
  data: z.array(z.object({ intent: z.string().min(1), utterances: z.array(z.string()), tests: z.array(z.string()).optional() })).min(1),
});

/** Checks that the benchmark folder exists, so a wrong --data fails with its path before any work. */
export function checkDataDir(dir: string): void {
  if (!existsSync(dir)) throw new DatasetError(`checkDataDir(): benchmark data folder ${dir} does not exist (pass --data DIR)`);
}

/** Braun et al.'s corpora: `training: true` sentences train, the others test; "None" is a class like the others. */
export function loadBraun(dir: string): Corpus[] {
  return BRAUN_CORPORA.map((name) => {
    const file = join(dir, 'braun', `${name}Corpus.json`);
    const data = parseJson(file, BraunFile);
    const toExample = (s: { text: string; intent: string }) => ({ text: s.text, label: s.intent });
    return {
      name,
      train: data.sentences.filter((s) => s.training).map(toExample),
      test: data.sentences.filter((s) => !s.training).map(toExample),
    };
  });
}

/** HINT3 v1: each bot's full training set and its test set, where most queries are out of scope. */
export function loadHint3(dir: string): Corpus[] {
  return HINT3_BOTS.map((bot) => {
    const base = join(dir, 'hint3', 'dataset', 'v1');
    const train = readCsv(join(base, 'train', `${bot}_train.csv`));
    if (train.some((e) => e.label === HINT3_OUT_OF_SCOPE)) {
      throw new DatasetError(`loadHint3(): ${join(base, 'train', `${bot}_train.csv`)} labels training data ${HINT3_OUT_OF_SCOPE}`);
    }
    return { name: bot, train, test: readCsv(join(base, 'test', `${bot}_test.csv`)), outOfScope: HINT3_OUT_OF_SCOPE };
  });
}

/**
 * NLP.js Corpus50 (English): each intent's `utterances` train, its `tests` test. An intent with tests
 * but no utterances (the corpus's "None") can only be reached by rejecting a question, so it is the
 * corpus's out-of-scope label; there can be only one.
 */
export function loadCorpus50(dir: string): Corpus {
  const file = join(dir, 'nlpjs-corpus50', 'corpus-en.json');
  const data = parseJson(file, Corpus50File);
  const untrained = data.data.filter((d) => d.utterances.length === 0 && (d.tests ?? []).length > 0).map((d) => d.intent);
  if (untrained.length > 1) throw new DatasetError(`loadCorpus50(): ${file}: intents ${untrained.join(', ')} have tests but no utterances; only one can be the out-of-scope label`);
  return {
    name: 'corpus50-en',
    train: data.data.flatMap((d) => d.utterances.map((text) => ({ text, label: d.intent }))),
    test: data.data.flatMap((d) => (d.tests ?? []).map((text) => ({ text, label: d.intent }))),
    ...(untrained.length === 1 ? { outOfScope: untrained[0] } : {}),
  };
}

function parseJson<T>(file: string, schema: z.ZodType<T>): T {
  const text = readText(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(`parseJson(): ${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DatasetError(`parseJson(): ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

function readText(file: string): string {
  if (!existsSync(file)) throw new DatasetError(`readText(): ${file} does not exist`);
  return readFileSync(file, 'utf8');
}

/** Reads a `sentence,label` CSV (RFC 4180 quoting) with a header line. */
export function readCsv(file: string): Example[] {
  const rows = parseCsv(readText(file));
  const [header, ...body] = rows;
  if (!header || header[0] !== 'sentence' || header[1] !== 'label') {
    throw new DatasetError(`readCsv(): ${file}: expected the header "sentence,label"`);
  }
  return body.map((row, i) => {
    if (row.length !== 2 || row[1].trim() === '') throw new DatasetError(`readCsv(): ${file}:${i + 2}: expected two fields "sentence,label"`);
    return { text: row[0], label: row[1].trim() };
  });
}

/** Splits CSV text into rows of fields; quoted fields may hold commas, doubled quotes and line breaks. Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      endRow();
      if (char === '\r' && text[i + 1] === '\n') i += 1;
    } else field += char;
    i += 1;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
