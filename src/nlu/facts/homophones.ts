/**
 * Chinese words typed with a character that sounds the same: 服务气 for 服务器, 阿里芸 for 阿里云, 被案 for 备案,
 * 广洲 for 广州. Pinyin input methods make these the commonest Chinese typos. Terms of two characters or more are
 * also kept under their pinyin with tones (from `pinyin-pro`), and a message's Chinese is read that way too, so a
 * term typed with a homophone is still found. Tones are kept because without them common words would read as
 * places (背景 bèi jǐng is not 北京 běi jīng, 伤害 is not 上海).
 */
import { pinyin } from 'pinyin-pro';
import type { Token } from './text.js';

const ALL_HAN = /^\p{Script=Han}{2,}$/u;

/** The syllables of a term of two Chinese characters or more (with tone numbers), or undefined for any other term. */
export function soundsOf(term: string): string[] | undefined {
  return ALL_HAN.test(term) ? syllables(term) : undefined;
}

/** The tokens with each Chinese character replaced by its syllable, read in the context of its run of characters. */
export function soundTokens(tokens: readonly Token[]): Token[] {
  const out = tokens.slice();
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i]!.han) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1]!.han && tokens[j + 1]!.start === tokens[j]!.end) j++;
    const run = tokens.slice(i, j + 1);
    const sounds = syllables(run.map((t) => t.norm).join(''));
    if (sounds.length === run.length) run.forEach((token, k) => (out[i + k] = { ...token, norm: sounds[k]! }));
    i = j + 1;
  }
  return out;
}

function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'num', type: 'array' });
}
