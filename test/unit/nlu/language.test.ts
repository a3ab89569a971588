import fc from 'fast-check';
import { chooseReplyLanguage, languageOfLocale, languageOfText } from '../../../src/nlu/language';

describe('languageOfLocale', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN_gb', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW', undefined],
    ['fr-FR', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s -> %s', (locale, expected) => {
    expect(languageOfLocale(locale)).toBe(expected);
  });
});

describe('languageOfText', () => {
  it.each([
    ['do I need ICP', 'en'],
    ['我需要办理ICP备案吗', 'zh-CN'],
    ['ICP 备案', 'zh-CN'],
    ['What does 备案 mean in the context of hosting a website in China?', 'en'],
    ['😀😀', undefined],
    ['12345', undefined],
  ])('%s -> %s', (text, expected) => {
    expect(languageOfText(text)).toBe(expected);
  });

  it('counts Han and Latin letters as the Unicode script classes do, character by character', () => {
    const byScript = (text: string) => {
      let han = 0;
      let latin = 0;
      for (const char of text) {
        if (/\p{Script=Han}/u.test(char)) han += 1;
        else if (/\p{Script=Latin}/u.test(char)) latin += 1;
      }
      if (han === 0 && latin === 0) return undefined;
      return han * 3 >= latin ? (han > 0 ? 'zh-CN' : 'en') : 'en';
    };
    // Han and Latin letters inside and outside ASCII and the BMP, a lone surrogate, and any code point.
    const piece = fc.oneof(fc.constantFrom('a', 'Z', '@', '[', '`', '{', '1', ' ', 'é', 'ß', '备', '案', '𠀀', '\ud800', '😀'), fc.string({ unit: 'binary' }));
    fc.assert(fc.property(fc.array(piece), (pieces) => languageOfText(pieces.join('')) === byScript(pieces.join(''))));
  });
});

describe('chooseReplyLanguage', () => {
  it.each([
    [{ chosen: 'zh-CN' as const, activityLocale: 'en-US', text: 'hello', fallback: 'en' as const }, 'zh-CN'],
    [{ activityLocale: 'zh-CN', text: 'hello', fallback: 'en' as const }, 'zh-CN'],
    [{ activityLocale: 'fr-FR', text: '你好', fallback: 'en' as const }, 'zh-CN'],
    // A locale is the client's default: Chinese text outweighs it, the user's explicit switch outweighs both.
    [{ activityLocale: 'en-US', text: '服务器在香港需要备案吗', fallback: 'en' as const }, 'zh-CN'],
    [{ chosen: 'en' as const, activityLocale: 'en-US', text: '服务器在香港需要备案吗', fallback: 'en' as const }, 'en'],
    [{ activityLocale: 'zh-CN', text: 'CDN', fallback: 'en' as const }, 'zh-CN'],
    [{ text: 'hello', fallback: 'zh-CN' as const }, 'en'],
    [{ text: '👍', fallback: 'zh-CN' as const }, 'zh-CN'],
    [{ text: '3', previous: 'zh-CN' as const, fallback: 'en' as const }, 'zh-CN'],
    [{ text: 'three', previous: 'zh-CN' as const, fallback: 'en' as const }, 'en'],
  ])('%j -> %s', (signals, expected) => {
    expect(chooseReplyLanguage(signals)).toBe(expected);
  });
});
