import { HomophoneTypos } from '../../../src/nlu/homophoneTypos';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const segment = (text: string) => segmenter.segment(text);
const isWord = (pair: string) => [...segmenter.segment(pair)].length === 1;
const typos = new HomophoneTypos(['备案', '域名', 'filing', '服务器', '个人'], isWord);

describe('HomophoneTypos.fix', () => {
  it.each([
    ['a second character typed with its homophone', '备按的类型怎么区分', '备案的类型怎么区分'],
    ['a first character typed with its homophone', '没有被案能访问吗', '没有备案能访问吗'],
    ['another watched word', '域明要求', '域名要求'],
    ['two typos in one run', '备按和域明', '备案和域名'],
  ])('fixes %s', (_name, text, fixed) => {
    expect(typos.fix(text, segment)).toBe(fixed);
  });

  it.each([
    ['a character that belongs to a word the segmenter found (准备按时 is "prepare to … on time")', '我们准备按时上线'],
    ['a pair with the same sound but another tone (备安 is bèi ān, 备案 bèi àn)', '备安需要什么'],
    ['a pair that is a word of its own (各人 is not a typo of 个人)', '各人的网站'],
    ['a text without any watched word or typo', '网站需要什么材料'],
    ['the watched word itself', '备案要多久'],
  ])('leaves %s', (_name, text) => {
    expect(typos.fix(text, segment)).toBe(text);
  });

  it('watches only words of two Chinese characters', () => {
    // 服务气 is a typo of a three-character word and "filing" is not Chinese: neither is watched.
    expect(typos.fix('服务气在哪', segment)).toBe('服务气在哪');
  });

  it('segments a run only when it holds a typo pair', () => {
    const calls: string[] = [];
    const counting = (text: string) => {
      calls.push(text);
      return segment(text);
    };
    typos.fix('网站需要什么材料', counting);
    expect(calls).toEqual([]);
    typos.fix('备按要多久', counting);
    expect(calls).toEqual(['备按要多久']);
  });
});
