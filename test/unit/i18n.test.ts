import type { TFunction } from 'i18next';
import { rememberingT } from '../../src/i18n';
import { sharedCore } from '../helpers';

describe('rememberingT', () => {
  const { i18n } = sharedCore();

  /** English strings through a function that notes every key it is asked for. */
  function countingT(): { t: TFunction; asked: string[]; counting: TFunction } {
    const t = i18n.getFixedT('en');
    const asked: string[] = [];
    const counting = ((key: string, options?: Record<string, unknown>) => {
      asked.push(key);
      return t(key as 'fallback.text', options);
    }) as unknown as TFunction;
    return { t, asked, counting };
  }

  it('answers every call as the fixed t does, with and without options', () => {
    const t = i18n.getFixedT('zh-CN');
    const remembering = rememberingT(t);
    for (let round = 0; round < 2; round++) {
      expect(remembering('fallback.text')).toBe(t('fallback.text'));
      expect(remembering('check.prefilled', { facts: 'x: y' })).toBe(t('check.prefilled', { facts: 'x: y' }));
      expect(remembering('check.prefilled', { facts: 'z' })).toBe(t('check.prefilled', { facts: 'z' }));
    }
    expect(remembering('fallback.text')).toMatch(/备案/);
  });

  it('asks i18next once per string, and once per string and plain options', () => {
    const { asked, counting } = countingT();
    const remembering = rememberingT(counting);
    remembering('fallback.text');
    remembering('fallback.text');
    remembering('check.prefilled', { facts: 'a' });
    remembering('check.prefilled', { facts: 'a' });
    remembering('check.prefilled', { facts: 'b' });
    expect(asked).toEqual(['fallback.text', 'check.prefilled', 'check.prefilled']);
  });

  it('renders a string with the same options as i18next does, and asks i18next again for options that are not plain values', () => {
    const { t, asked, counting } = countingT();
    const remembering = rememberingT(counting) as unknown as (key: string, options?: Record<string, unknown>) => string;
    expect(remembering('check.prefilled', { facts: 'a' })).toBe(t('check.prefilled', { facts: 'a' }));
    expect(remembering('check.prefilled', { facts: 'a' })).toBe(t('check.prefilled', { facts: 'a' }));
    // 1 and "1" are told apart; an object option is never remembered.
    remembering('check.prefilled', { facts: 1 });
    remembering('check.prefilled', { facts: '1' });
    remembering('check.prefilled', { facts: { a: 1 } });
    remembering('check.prefilled', { facts: { a: 1 } });
    expect(asked).toEqual(['check.prefilled', 'check.prefilled', 'check.prefilled', 'check.prefilled', 'check.prefilled']);
  });
});
