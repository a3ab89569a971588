import fc from 'fast-check';
import Fuse from 'fuse.js';
import { makeVocabulary, seededRandom } from '../../../tools/bench/synthetic';
import { closestPartDistance, FUSE_OPTIONS, oneEditApart, SpellingCorrector } from '../../../src/nlu/spelling';
import { commonEnglishWords, ordinaryEnglishWords } from '../../../src/nlu/ordinaryEnglish';

const random = seededRandom(11);
const vocabulary = makeVocabulary(1500, random);
const corrector = new SpellingCorrector(vocabulary);
const everyWord = new Fuse(vocabulary, FUSE_OPTIONS);
const letters = 'abcdefghijklmnopqrstuvwxyz';
const letter = () => letters[Math.floor(random() * letters.length)];

/** A known word with one to three random edits (substitution, deletion, insertion), or random letters. */
function typo(i: number): string {
  if (i % 5 === 0) return Array.from({ length: 4 + Math.floor(random() * 8) }, letter).join('');
  let word = vocabulary[Math.floor(random() * vocabulary.length)];
  for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits -= 1) {
    const at = Math.floor(random() * word.length);
    const kind = random();
    word = kind < 1 / 3 ? word.slice(0, at) + letter() + word.slice(at + 1) : kind < 2 / 3 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + letter() + word.slice(at);
  }
  return word;
}

describe('SpellingCorrector', () => {
  it('corrects a misspelt word to the known word', () => {
    expect(new SpellingCorrector(['registration', 'hosting']).correct('registraton')?.word).toBe('registration');
  });

  it('leaves known, short and unmatched words alone', () => {
    const small = new SpellingCorrector(['registration', 'hosting']);
    expect(small.correct('hosting')).toBeUndefined();
    expect(small.correct('hst')).toBeUndefined();
    expect(small.correct('zzzzzz')).toBeUndefined();
  });

  it('finds what fuse.js finds over the whole vocabulary, for 400 misspellings', () => {
    const words = Array.from({ length: 400 }, (_, i) => typo(i)).filter((w) => w.length >= 4 && !vocabulary.includes(w));
    const differences = words.flatMap((word) => {
      const [best] = everyWord.search(word, { limit: 1 });
      const expected = best && best.score !== undefined && Math.abs(best.item.length - word.length) <= 2 ? { word: best.item, confidence: 1 - best.score } : undefined;
      const actual = corrector.correct(word);
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ word, expected, actual }];
    });
    expect(words.length).toBeGreaterThan(250);
    expect(differences).toEqual([]);
  });

  it('finds what fuse.js finds when many known words tie or share letter pairs (small alphabet)', () => {
    const word = fc.stringMatching(/^[abc]{4,12}$/);
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 80 }), word, (known, query) => {
        fc.pre(!known.includes(query));
        const [best] = new Fuse(known, FUSE_OPTIONS).search(query, { limit: 1 });
        const expected = best && best.score !== undefined && Math.abs(best.item.length - query.length) <= 2 ? { word: best.item, confidence: 1 - best.score } : undefined;
        expect(new SpellingCorrector(known).correct(query)).toEqual(expected);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('closestPartDistance', () => {
  /** The edit-distance table with a free start and end in the text (Sellers). */
  function byTable(word: string, text: string): number {
    let row = Array.from({ length: text.length + 1 }, () => 0);
    for (let i = 1; i <= word.length; i += 1) {
      const next = [i];
      for (let j = 1; j <= text.length; j += 1) next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (word[i - 1] === text[j - 1] ? 0 : 1)));
      row = next;
    }
    return Math.min(...row);
  }

  it.each([
    ['registraion', 'registration', 1],
    ['host', 'hosting', 0],
    ['abc', 'xyz', 3],
    ['abcd', '', 4],
  ])('%s in %s: %i', (word, text, distance) => {
    expect(closestPartDistance(word, text)).toBe(distance);
  });

  it('agrees with the edit-distance table, up to 32 letters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-e]{1,32}$/), fc.stringMatching(/^[a-z]{0,40}$/), (word, text) => {
        expect(closestPartDistance(word, text)).toBe(byTable(word, text));
      }),
      { numRuns: 1000, seed: 9 },
    );
  });
});

describe('SpellingCorrector with the words of ordinary English', () => {
  const vocabulary = ['closing', 'include', 'server', 'filing', 'registration', 'from'];
  const speller = new SpellingCorrector(vocabulary, ordinaryEnglishWords());

  it('leaves an ordinary word the knowledge base does not use when the nearest known word is more than one edit away', () => {
    expect(speller.correct('clothing')).toBeUndefined();
    expect(speller.correct('exclude')).toBeUndefined();
    // Without the list, both were "corrected".
    const bare = new SpellingCorrector(vocabulary);
    expect(bare.correct('clothing')?.word).toBe('closing');
    expect(bare.correct('exclude')?.word).toBe('include');
  });

  it('does not turn an ordinary word into its negation', () => {
    const negations = new SpellingCorrector(['never', 'neither', 'filing'], ordinaryEnglishWords());
    expect(negations.correct('ever')).toBeUndefined();
    expect(negations.correct('either')).toBeUndefined();
    expect(new SpellingCorrector(['never'], new Set()).correct('ever')?.word).toBe('never');
  });

  it('still corrects an ordinary word one edit from a known one, and any word that is no ordinary word', () => {
    expect(speller.correct('sever')?.word).toBe('server');
    expect(speller.correct('fling')?.word).toBe('filing');
    expect(speller.correct('registraion')?.word).toBe('registration');
  });

  it('takes an everyday word as typed, even one edit from a known word', () => {
    const known = ['forgot', 'back', 'filling', 'year', 'applet', 'doesn', 'server', 'registration'];
    const everyday = new SpellingCorrector(known, ordinaryEnglishWords(), commonEnglishWords());
    for (const word of ['forget', 'bank', 'falling', 'apple', 'yeah', 'doesnt']) expect(everyday.correct(word)).toBeUndefined();
    // Less common words and words of no list are still read as the known word they are one edit from.
    expect(everyday.correct('sever')?.word).toBe('server');
    expect(everyday.correct('registraion')?.word).toBe('registration');
    // Without the everyday words, the first ones were "corrected".
    const withoutCommon = new SpellingCorrector(known, ordinaryEnglishWords());
    expect(withoutCommon.correct('forget')?.word).toBe('forgot');
    expect(withoutCommon.correct('bank')?.word).toBe('back');
    expect(withoutCommon.correct('yeah')?.word).toBe('year');
  });

  it('holds common English words and not the misspellings', () => {
    const words = ordinaryEnglishWords();
    expect(words.has('clothing')).toBe(true);
    expect(words.has('registraion')).toBe(false);
    expect(words.size).toBeGreaterThan(30_000);
    // The everyday ones are among them, and chat words SCOWL leaves out; the less common ones are not.
    const common = commonEnglishWords();
    for (const word of ['forget', 'bank', 'yeah', 'doesnt']) expect(common.has(word)).toBe(true);
    for (const word of ['sever', 'fling', 'registraion']) expect(common.has(word)).toBe(false);
    for (const word of common) expect(words.has(word)).toBe(true);
  });
});

describe('oneEditApart', () => {
  it.each([
    ['sever', 'server'],
    ['server', 'sever'],
    ['fileing', 'filing'],
    ['form', 'from'],
    ['licence', 'licenze'],
  ])('%s and %s are one edit apart', (a, b) => {
    expect(oneEditApart(a, b)).toBe(true);
  });

  it.each([
    ['clothing', 'closing'],
    ['exclude', 'include'],
    ['same', 'same'],
    ['abc', 'abcde'],
    ['abcd', 'badc'],
  ])('%s and %s are not', (a, b) => {
    expect(oneEditApart(a, b)).toBe(false);
  });
});
