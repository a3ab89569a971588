/**
 * The check's economy, measured on the generated rule scripts (one walk per rule and language): how
 * many user turns each takes to a complete result, and which rules' advice is given as a condition
 * instead of being asked for. Written to docs/check.md by `npm run convo -- check-report`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONDITIONAL_FIELDS, RULES } from '../../src/rules/index.js';

/** User turns to a complete result in each generated script of `dir`, by file name. */
export function turnsToResult(dir: string, resultTitles: readonly string[]): Map<string, number> {
  const turns = new Map<string, number>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.convo.txt')).sort()) {
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    let userTurns = 0;
    for (const line of lines) {
      if (line.trim() === '#me') userTurns += 1;
      if (line.startsWith('CARDS ') && resultTitles.some((title) => line.includes(title))) {
        turns.set(name, userTurns);
        break;
      }
    }
  }
  return turns;
}

/** Count, median and maximum of a list of turn counts, with how many scripts took each count. */
export function distribution(values: readonly number[]): { count: number; median: number; max: number; histogram: Map<number, number> } {
  const sorted = [...values].sort((a, b) => a - b);
  const histogram = new Map<number, number>();
  for (const value of sorted) histogram.set(value, (histogram.get(value) ?? 0) + 1);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length === 0 ? 0 : sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { count: sorted.length, median, max: sorted.at(-1) ?? 0, histogram };
}

/** Rules that read a fact the check gives as a condition rather than asking, with those facts. */
export function conditionalRules(): { rule: string; facts: string[] }[] {
  return RULES.map((rule) => ({ rule: rule.id, facts: rule.inputs.filter((field) => CONDITIONAL_FIELDS.has(field)) })).filter((r) => r.facts.length > 0);
}

/** The docs/check.md page: turn distributions before and after, per language, and the conditional rules. */
export function formatCheckReport(before: Map<string, number> | undefined, after: Map<string, number>, heading: string): string {
  const lines = [heading, ''];
  const rows: [string, Map<string, number>][] = before ? [['before', before], ['after', after]] : [['now', after]];
  lines.push('| scripts | language | count | median user turns | maximum | turns: scripts |', '|---|---|---|---|---|---|');
  for (const [label, turns] of rows) {
    for (const language of ['en', 'zh-CN']) {
      const values = [...turns].filter(([name]) => name.endsWith(`.${language}.convo.txt`)).map(([, n]) => n);
      const d = distribution(values);
      const histogram = [...d.histogram].map(([n, k]) => `${n}: ${k}`).join(', ');
      lines.push(`| ${label} | ${language} | ${d.count} | ${d.median} | ${d.max} | ${histogram} |`);
    }
  }
  lines.push('', '## Rules whose advice is given as a condition', '', 'The check does not ask about these facts; the result says the advice as "If …: …" (src/rules/conditional.ts).', '');
  lines.push('| rule | facts given as conditions |', '|---|---|');
  for (const { rule, facts } of conditionalRules()) lines.push(`| ${rule} | ${facts.join(', ')} |`);
  return `${lines.join('\n')}\n`;
}
