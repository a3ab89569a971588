/**
 * Chinese words of the knowledge base's vocabulary typed with one character that sounds the same: 备按 or 被案 for 备案,
 * 域明 for 域名. Pinyin input methods make these the commonest Chinese typos, and the matcher reads words and character
 * pairs, so a typo hides the word the message turns on (a question about 备按 did not read as one about filing at all).
 *
 * The words watched are the synonym groups' two-character Chinese words. A typo keeps one character of the word and
 * replaces the other by one with the same pinyin and tone (from `pinyin-pro`; tones are kept, as the fact reader's
 * homophones are, so that 背景 does not read as 北京). It is fixed only where the segmenter found each of its two
 * characters as a word of its own: in 准备安装 the 备 belongs to 准备 and 备安 is no typo, in 备按的类型 it is.
 */
import { pinyin } from 'pinyin-pro';
import { soundsOf } from './facts/homophones.js';

const TWO_HAN = /^\p{Script=Han}{2}$/u;
/** The CJK Unified Ideographs block, whose characters are read once to find each watched word's homophones. */
const FIRST_HAN = 0x4e00;
const LAST_HAN = 0x9fff;

/** The key of a pair of characters of one UTF-16 code each. */
function pairKey(first: number, second: number): number {
  return first * 0x10000 + second;
}

/**
 * Every reading (pinyin with tone number) of each character of the block, computed once per process: about 150 ms,
 * shared by every recognizer built in it.
 */
let readings: Map<string, number[]> | undefined;

/** The characters of the block by reading. */
function charactersByReading(): Map<string, number[]> {
  if (readings) return readings;
  readings = new Map();
  for (let code = FIRST_HAN; code <= LAST_HAN; code += 1) {
    for (const reading of pinyin(String.fromCharCode(code), { toneType: 'num', type: 'array', multiple: true })) {
      let list = readings.get(reading);
      if (!list) readings.set(reading, (list = []));
      list.push(code);
    }
  }
  return readings;
}

export class HomophoneTypos {
  /** Each typo pair of a watched word, by {@link pairKey}, with the word it stands for. */
  private readonly typos = new Map<number, string>();
  /** The characters that can begin a typo pair: a text with none has no typo (most texts). */
  private readonly firsts = new Set<number>();

  /**
   * @param words the words to watch; those not of two Chinese characters are left out.
   * @param isWord whether the segmenter takes a pair of characters, alone, for one word: such a pair is a word of its own
   * (各人 is not a typo of 个人), never corrected.
   */
  constructor(words: Iterable<string>, isWord: (pair: string) => boolean) {
    const watched = new Set([...words].filter((word) => TWO_HAN.test(word)));
    if (watched.size === 0) return;
    const byReading = charactersByReading();
    for (const word of watched) {
      const [first, second] = [word.charCodeAt(0), word.charCodeAt(1)];
      // Read as the fact reader reads a term: the word's syllables with tones, in its own context.
      const [firstSound, secondSound] = soundsOf(word) ?? [];
      const pairs = [
        ...(byReading.get(secondSound ?? '') ?? []).map((code) => pairKey(first, code)),
        ...(byReading.get(firstSound ?? '') ?? []).map((code) => pairKey(code, second)),
      ];
      for (const key of pairs) {
        const pair = String.fromCharCode(Math.floor(key / 0x10000), key % 0x10000);
        // A pair that is itself a watched word, or any word, is what it says; two words typed alike keep the first.
        if (pair === word || watched.has(pair) || this.typos.has(key) || isWord(pair)) continue;
        this.typos.set(key, word);
        this.firsts.add(Math.floor(key / 0x10000));
      }
    }
  }

  /**
   * The run of Chinese characters with its typos fixed, or the run itself when it has none.
   * @param segment the run's words as the segmenter finds them, asked for only when the run holds a typo pair.
   */
  fix(run: string, segment: (text: string) => Iterable<{ segment: string; index: number }>): string {
    let found = false;
    for (let i = 0; i + 1 < run.length && !found; i += 1) {
      const first = run.charCodeAt(i);
      found = this.firsts.has(first) && this.typos.has(pairKey(first, run.charCodeAt(i + 1)));
    }
    if (!found) return run;
    // Where each character stands alone as a word; a typo pair is fixed only there.
    const alone = new Set<number>();
    for (const { segment: word, index } of segment(run)) if (word.length === 1) alone.add(index);
    let fixed = '';
    let from = 0;
    for (let i = 0; i + 1 < run.length; i += 1) {
      const word = this.typos.get(pairKey(run.charCodeAt(i), run.charCodeAt(i + 1)));
      if (word === undefined || !alone.has(i) || !alone.has(i + 1)) continue;
      fixed += run.slice(from, i) + word;
      from = i + 2;
      i += 1;
    }
    return from === 0 ? run : fixed + run.slice(from);
  }
}
