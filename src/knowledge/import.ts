import { stringify } from 'yaml';

/** One question and answer found in an FAQ page, ready to become a draft entry. */
export interface DraftEntry {
  id: string;
  question: string;
  answer: string;
  anchor?: string;
}

const HEADING = /^(#{2,3})\s+(.+?)\s*$/;
const ANCHOR = /\s*\{#([\w-]+)(?:\s+\.[\w-]+)*\}\s*$/;
const IMAGE_LINE = /^\s*!\[[^\]]*\]\([^)]*\)\s*$/;

/**
 * Finds the questions of an FAQ page in either of the seeds' Markdown styles: `### Question`
 * followed by its answer, or `## Heading {#anchor .section}` with `\(` escapes and image lines.
 * The page title (`#`) and any text before the first question are not entries.
 */
export function parseFaqPage(markdown: string): DraftEntry[] {
  const drafts: DraftEntry[] = [];
  let current: { question: string; anchor?: string; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const answer = cleanBody(current.lines);
    if (answer.length > 0) drafts.push({ id: '', question: current.question, answer, anchor: current.anchor });
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const anchor = ANCHOR.exec(heading[2])?.[1];
      current = { question: unescapeMarkdown(heading[2].replace(ANCHOR, '')).trim(), anchor, lines: [] };
      continue;
    }
    if (/^#\s/.test(line)) {
      flush();
      current = undefined;
      continue;
    }
    current?.lines.push(line);
  }
  flush();
  const used = new Set<string>();
  return drafts.map((draft) => ({ ...draft, id: uniqueId(slugify(draft.question), used) }));
}

/** The Markdown of a draft entry file: front matter with the question and an empty alternates list for the editor. */
export function renderDraft(draft: DraftEntry, source: string): string {
  const front: Record<string, unknown> = { id: draft.id, question: draft.question, source };
  if (draft.anchor) front.anchor = draft.anchor;
  front.related = [];
  front.alternates = [];
  return `---\n${stringify(front).trimEnd()}\n---\n${draft.answer}\n`;
}

/** A file-name-safe id from a question: lowercase ASCII words joined by hyphens, at most eight words. */
export function slugify(text: string): string {
  const words = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && !['a', 'an', 'the', 'i', 'my', 'to', 'for', 'of', 'do', 'if', 'can', 'how', 'what'].includes(w));
  return words.slice(0, 8).join('-') || 'entry';
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function cleanBody(lines: string[]): string {
  return unescapeMarkdown(
    lines
      .filter((line) => !IMAGE_LINE.test(line))
      .map((line) => line.replace(/\s+$/, ''))
      .join('\n'),
  )
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([()[\]*_#.!-])/g, '$1');
}
