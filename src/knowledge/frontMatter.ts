import { parse } from 'yaml';

/** A Markdown file split into its YAML front matter and its body. */
export interface FrontMatterDocument {
  data: Record<string, unknown>;
  body: string;
}

const FENCE = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Splits `---\nyaml\n---\nbody`; throws with the reason when the fences or the YAML are wrong. */
export function parseFrontMatter(text: string): FrontMatterDocument {
  const match = FENCE.exec(text.replace(/^\uFEFF/, ''));
  if (!match) throw new Error('no front matter: the file must start with a line "---", the YAML, and a closing "---"');
  const data: unknown = parse(match[1]);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new Error('front matter is not a YAML mapping');
  }
  return { data: data as Record<string, unknown>, body: match[2].trim() };
}
