import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BotResult } from './bot.js';
import type { MatchResult } from './match.js';
import { renderNluHtml } from './html.js';
import { introOf, renderMarkdown, type Results } from './markdown.js';
import type { NluResult } from './nlu.js';
import type { ScaleResult } from './scale.js';

/** What one command produced. */
export type AnyResult = NluResult | MatchResult | BotResult | ScaleResult;

/** The page regenerated beside a results folder: `docs/benchmarks` → `docs/benchmarks.md`. */
export function markdownPath(outDir: string): string {
  return `${outDir.replace(/[\\/]+$/, '')}.md`;
}

/**
 * Writes a result as `<out>/<name>.json` (and nlu.html for quality), then rebuilds the Markdown page
 * from every result in the folder, keeping the page's hand-written introduction. Returns the files written.
 */
export function writeResult(outDir: string, result: AnyResult): string[] {
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const json = join(outDir, `${result.benchmark}.json`);
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  written.push(json);
  if (result.benchmark === 'nlu') {
    const html = join(outDir, 'nlu.html');
    writeFileSync(html, renderNluHtml(result));
    written.push(html);
  }
  const page = markdownPath(outDir);
  const existing = existsSync(page) ? readFileSync(page, 'utf8') : undefined;
  mkdirSync(dirname(page), { recursive: true });
  writeFileSync(page, renderMarkdown(readResults(outDir), introOf(existing)));
  written.push(page);
  return written;
}

/** Reads whichever of nlu.json, match.json, bot.json and scale.json exist in a folder. */
export function readResults(outDir: string): Results {
  const read = <T>(name: string): T | undefined => {
    const file = join(outDir, `${name}.json`);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T;
    } catch (error) {
      throw new Error(`readResults(): ${file} is not JSON (${(error as Error).message}); delete it and rerun its benchmark`);
    }
  };
  const bot = read<BotResult>('bot');
  // bot.json from before a run per number of connections has no runs; its page section waits for a new run.
  return { nlu: read<NluResult>('nlu'), match: read<MatchResult>('match'), bot: Array.isArray(bot?.runs) ? bot : undefined, scale: read<ScaleResult>('scale') };
}
