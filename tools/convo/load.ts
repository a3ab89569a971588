import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { parseConvo, parseUtterances } from './parse.js';
import { ConvoLoadError, ConvoSyntaxError } from './syntaxError.js';
import type { Convo, Utterances } from './types.js';

export const CONVO_SUFFIX = '.convo.txt';
export const UTTERANCES_SUFFIX = '.utterances.txt';

/** The scripts of a load and the utterances they may name. */
export interface LoadedScripts {
  convos: Convo[];
  utterances: Map<string, Utterances>;
}

/**
 * Reads every `*.convo.txt` under the given folders (recursively) and the given files, with the
 * `*.utterances.txt` found in those folders (and beside the given files). Throws a ConvoLoadError
 * listing every file that does not parse (`file:line: reason`), duplicate convo names and
 * duplicate utterances names. Paths in messages are relative to the working directory.
 */
export function loadScripts(paths: string | readonly string[]): LoadedScripts {
  const problems: string[] = [];
  const convoFiles = new Set<string>();
  const utterancesFiles = new Set<string>();
  for (const path of typeof paths === 'string' ? [paths] : paths) {
    const absolute = resolve(path);
    if (!existsSync(absolute)) {
      problems.push(`loadScripts(): no such file or folder: ${path}`);
      continue;
    }
    if (statSync(absolute).isDirectory()) {
      for (const file of walk(absolute)) {
        if (file.endsWith(CONVO_SUFFIX)) convoFiles.add(file);
        else if (file.endsWith(UTTERANCES_SUFFIX)) utterancesFiles.add(file);
      }
    } else if (absolute.endsWith(UTTERANCES_SUFFIX)) {
      utterancesFiles.add(absolute);
    } else {
      convoFiles.add(absolute);
      for (const sibling of readdirSync(dirname(absolute)).sort()) {
        if (sibling.endsWith(UTTERANCES_SUFFIX)) utterancesFiles.add(join(dirname(absolute), sibling));
      }
    }
  }

  const utterances = new Map<string, Utterances>();
  for (const file of utterancesFiles) {
    const shown = displayPath(file);
    const parsed = attempt(() => parseUtterances(readFileSync(file, 'utf8'), shown), problems);
    if (!parsed) continue;
    const other = utterances.get(parsed.name);
    if (other) problems.push(`${shown}:${parsed.line}: utterances "${parsed.name}" is also defined in ${other.file}:${other.line}`);
    else utterances.set(parsed.name, parsed);
  }

  const convos: Convo[] = [];
  const byName = new Map<string, Convo>();
  for (const file of convoFiles) {
    const convo = attempt(() => parseConvo(readFileSync(file, 'utf8'), displayPath(file), utterances), problems);
    if (!convo) continue;
    const other = byName.get(convo.name);
    if (other) {
      problems.push(`${convo.file}:${convo.nameLine}: convo name "${convo.name}" is also used by ${other.file}:${other.nameLine}`);
      continue;
    }
    byName.set(convo.name, convo);
    convos.push(convo);
  }
  if (problems.length > 0) throw new ConvoLoadError(problems);
  return { convos, utterances };
}

function attempt<T>(parse: () => T, problems: string[]): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ConvoSyntaxError)) throw error;
    problems.push(error.message);
    return undefined;
  }
}

/** Files under a folder, depth first in name order; hidden folders and node_modules are skipped. */
function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}

/** A path as a user would type it: relative to the working directory when inside it. */
function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown.startsWith('..') || isAbsolute(shown) ? file : shown;
}
