// Typographic apostrophes and quotes a script writer types differently from the bot's strings.
const APOSTROPHES = /[\u2018\u2019\u201a\u201b\u2032\u02bc]/g;
const QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;

/**
 * A text as the checks compare it: NFKC (full-width forms), typographic apostrophes and quotes
 * made plain, runs of whitespace folded to one space, trimmed; lower case when `ignoreCase`.
 */
export function foldText(text: string, ignoreCase: boolean): string {
  const folded = text.normalize('NFKC').replace(APOSTROPHES, "'").replace(QUOTES, '"').replace(/\s+/g, ' ').trim();
  return ignoreCase ? folded.toLowerCase() : folded;
}

/** True when `text` contains `part`, both folded. */
export function containsFolded(text: string, part: string, ignoreCase: boolean): boolean {
  return foldText(text, ignoreCase).includes(foldText(part, ignoreCase));
}

/** True when `a` and `b` are equal, both folded. */
export function equalsFolded(a: string, b: string, ignoreCase: boolean): boolean {
  return foldText(a, ignoreCase) === foldText(b, ignoreCase);
}

/** A text quoted for a report, cut to `max` characters. */
export function quote(text: string, max = 200): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`);
}
