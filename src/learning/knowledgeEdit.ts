import { parseDocument, stringify, isSeq } from 'yaml';

const FENCED = /^(\uFEFF?---\r?\n)([\s\S]*?)(\r?\n---(?:\r?\n|$))([\s\S]*)$/;

/**
 * Adds phrasings to the `alternates` of an entry file, keeping the rest of the file as written
 * (a block list gets new `- …` lines after its last item; another form is rewritten by the YAML
 * library). Phrasings already there, or equal to the question, are skipped (case-insensitive).
 *
 * @returns the new text and the phrasings added
 * @throws Error naming `addAlternates()` when the file has no front matter or no alternates list
 */
export function addAlternates(text: string, phrasings: readonly string[]): { text: string; added: string[] } {
  const match = FENCED.exec(text);
  if (!match) throw new Error('addAlternates(): the file has no front matter ("---" … "---")');
  const [, open, frontMatter, close, body] = match;
  const document = parseDocument(frontMatter);
  const existing = document.get('alternates');
  if (!isSeq(existing)) throw new Error('addAlternates(): the front matter has no "alternates" list');
  const known = new Set([String(document.get('question') ?? ''), ...existing.items.map((item) => String((item as { value?: unknown }).value ?? item))].map((s) => s.trim().toLowerCase()));
  const added: string[] = [];
  for (const phrasing of phrasings.map((p) => p.replace(/\s+/g, ' ').trim())) {
    if (phrasing === '' || known.has(phrasing.toLowerCase())) continue;
    known.add(phrasing.toLowerCase());
    added.push(phrasing);
  }
  if (added.length === 0) return { text, added };

  const lines = frontMatter.split('\n');
  const start = lines.findIndex((line) => /^alternates:\s*$/.test(line));
  if (start >= 0) {
    let end = start + 1;
    // The list's items (indented or not) and their continuation lines.
    while (end < lines.length && /^(\s+\S|-(\s|$))/.test(lines[end])) end++;
    const indent = /^(\s*)-/.exec(lines[start + 1] ?? '')?.[1] ?? '  ';
    lines.splice(end, 0, ...added.map((p) => `${indent}- ${scalar(p)}`));
    return { text: `${open}${lines.join('\n')}${close}${body}`, added };
  }
  for (const phrasing of added) existing.add(document.createNode(phrasing));
  return { text: `${open}${document.toString({ lineWidth: 0 }).trimEnd()}${close}${body}`, added };
}

/** A phrasing as a YAML scalar: plain when that reads back the same, quoted otherwise. */
function scalar(text: string): string {
  return stringify(text, { lineWidth: 0 }).trimEnd();
}
