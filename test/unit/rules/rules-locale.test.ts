/** locales/<lng>/rules.json: every key the rules and questions use exists, in both languages, and renders. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import { PROVINCES } from '../../../src/rules/provinces.js';
import { QUESTIONS } from '../../../src/rules/questions.js';
import { ADMINISTRATION_KINDS, FILING_CHANNELS, RULES } from '../../../src/rules/table.js';

const LANGUAGES = ['en', 'zh-CN'] as const;
type Language = (typeof LANGUAGES)[number];
type Strings = { [key: string]: string | Strings };

function readStrings(language: Language): Strings {
  return JSON.parse(readFileSync(join(__dirname, '../../../locales', language, 'rules.json'), 'utf8')) as Strings;
}

const STRINGS: Record<Language, Strings> = { en: readStrings('en'), 'zh-CN': readStrings('zh-CN') };

function leafKeys(strings: Strings, prefix = ''): string[] {
  return Object.entries(strings).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

function lookUp(strings: Strings, key: string): string | undefined {
  let node: string | Strings | undefined = strings;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const USED_KEYS: string[] = [
  ...RULES.map((rule) => rule.messageKey),
  ...QUESTIONS.flatMap((question) => [
    question.prompt.key,
    question.why.key,
    ...question.options.map((option) => option.label.key),
  ]),
  ...PROVINCES.map((province) => `provinces.${province.id}`),
  ...ADMINISTRATION_KINDS.map((kind) => `administrations.${kind}`),
  ...FILING_CHANNELS.map((channel) => `channels.${channel}`),
];

/** Set up as the bot sets up i18next: an own instance, `translation` as default namespace, no escaping. */
function createRenderer(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { rules: STRINGS.en }, 'zh-CN': { rules: STRINGS['zh-CN'] } },
    lng: language,
    fallbackLng: false,
    ns: ['rules'],
    defaultNS: 'translation',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
}

/**
 * The keys here are computed, which the app's typed-key augmentation of i18next cannot check at
 * compile time; that is what this test checks at run time.
 */
function render(renderer: i18n, key: string, params: Record<string, string | number>): string {
  return (renderer.t as (key: string, options: Record<string, string | number>) => string)(key, params);
}

const SAMPLE_PARAM_VALUES: Record<string, string | number> = {
  idProvince: 'hunan',
  residenceProvince: 'guangdong',
  licenceProvince: 'liaoning',
  certificateProvince: 'shanghai',
  numberOfSites: 3,
  desiredProvince: 'beijing',
  movedFromProvince: 'jiangsu',
  desiredFilingProvider: 'Tencent Cloud',
  hostingProvider: 'Alibaba Cloud',
};
/** Params shown as written (a provider's name), not looked up as a province. */
const SHOWN_AS_IS: ReadonlySet<string> = new Set(['desiredFilingProvider', 'hostingProvider']);

describe.each(LANGUAGES)('locales/%s/rules.json', (language) => {
  const strings = STRINGS[language];

  it.each(USED_KEYS.map((key) => [key]))('has %s', (key) => {
    expect(lookUp(strings, key)).toEqual(expect.any(String));
    expect(lookUp(strings, key)?.trim()).not.toBe('');
  });

  it('holds no key the other language lacks', () => {
    const other = language === 'en' ? STRINGS['zh-CN'] : STRINGS.en;
    expect(leafKeys(strings).filter((key) => lookUp(other, key) === undefined)).toEqual([]);
  });

  it('names every province as the province table does', () => {
    for (const province of PROVINCES) {
      expect(lookUp(strings, `provinces.${province.id}`)).toBe(language === 'en' ? province.nameEn : province.nameZh);
    }
  });

  it('is written in its own language', () => {
    const han = /\p{Script=Han}/u;
    for (const key of leafKeys(strings)) expect(han.test(lookUp(strings, key)!)).toBe(language === 'zh-CN');
  });

  it.each(RULES.map((rule) => [rule.id, rule] as const))('renders the message of %s completely', (_id, rule) => {
    const renderer = createRenderer(language);
    const params = Object.fromEntries(
      Object.entries(rule.params ?? {}).map(([name, field]) => [name, SAMPLE_PARAM_VALUES[field]]),
    );
    const text = render(renderer, `rules:${rule.messageKey}`, params);
    expect(text).not.toBe(rule.messageKey);
    expect(text).not.toMatch(/\{\{|\$t\(|provinces\./);
    for (const field of Object.values(rule.params ?? {})) {
      const value = SAMPLE_PARAM_VALUES[field]!;
      const shown = typeof value === 'number' || SHOWN_AS_IS.has(field) ? String(value) : lookUp(strings, `provinces.${value}`)!;
      expect(text).toContain(shown);
    }
  });
});
