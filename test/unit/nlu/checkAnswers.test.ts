import { createI18n, readLocales } from '../../../src/i18n';
import { controlOf, extractProfile, interpretAnswer } from '../../../src/nlu/checkAnswers';
import { questionById } from '../../../src/rules';
import { join } from 'node:path';

const i18n = createI18n(readLocales(join(__dirname, '..', '..', '..', 'locales')), 'en');
const labels = [i18n.getFixedT('en'), i18n.getFixedT('zh-CN')];

describe('interpretAnswer', () => {
  it.each([
    ['hosting', 'HK', 'outside-mainland'],
    ['hosting', '香港', 'outside-mainland'],
    ['hosting', 'Hong Kong', 'outside-mainland'],
    ['hosting', 'In mainland China', 'mainland'],
    ['hosting', '上海', 'mainland'],
    ['mainland-cdn', 'yes', true],
    ['mainland-cdn', '没有', false],
    ['mainland-cdn', 'nope', false],
    ['mainland-cdn', '是的', true],
    ['mainland-cdn', 'maybe', undefined],
    ['entity-type', 'a German GmbH', 'foreign-enterprise'],
    ['entity-type', '个人', 'individual'],
    ['entity-type', '我们是一家公司', 'mainland-organisation'],
    ['entity-type', '境外企业', 'foreign-enterprise'],
    ['licence-province', 'guangdon', 'guangdong'],
    ['licence-province', '广东省', 'guangdong'],
    ['licence-province', 'hello', undefined],
    ['number-of-sites', 'three sites', 3],
    ['number-of-sites', '两个', 2],
    ['number-of-sites', '12', 12],
    ['site-types', 'a game and a forum', ['gaming', 'bbs']],
    ['site-types', '普通博客', ['general']],
    ['remote-application-accepted', "I don't know", 'unknown'],
    ['remote-application-accepted', '不知道', 'unknown'],
    ['foreign-presence', '只有办事处', 'physical-office'],
    ['foreign-presence', 'we have a subsidiary', 'mainland-branch'],
  ])('%s: %s -> %j', (questionId, text, expected) => {
    expect(interpretAnswer(questionById(questionId), text, labels)).toEqual(expected);
  });

  it('reads a button label in either language', () => {
    expect(interpretAnswer(questionById('entity-type'), 'An enterprise registered outside mainland China', labels)).toBe('foreign-enterprise');
    expect(interpretAnswer(questionById('mainland-cdn'), '否', labels)).toBe(false);
  });
});

describe('controlOf', () => {
  it.each([
    ['why do you ask?', 'why'],
    ['为什么', 'why'],
    ['Back', 'back'],
    ['上一步', 'back'],
    ['start over', 'restart'],
    ['取消', 'cancel'],
    ['ＷＨＹ？', 'why'],
    ['Never-mind!', 'cancel'],
    ['重新开始。', 'restart'],
    ['why is hong kong different', undefined],
    ['?!', undefined],
    ['', undefined],
  ])('%s -> %s', (text, expected) => {
    expect(controlOf(text)).toBe(expected);
  });
});

describe('extractProfile', () => {
  it.each([
    ['we are a German company with a server in Shanghai, do we need ICP?', { hosting: 'mainland', entityType: 'foreign-enterprise' }],
    ['我们是德国公司，服务器在上海，需要备案吗？', { hosting: 'mainland', entityType: 'foreign-enterprise' }],
    ['I am an individual and my server is in Hong Kong', { hosting: 'outside-mainland', entityType: 'individual' }],
    ['our company wants a game site hosted in Beijing', { hosting: 'mainland', entityType: 'mainland-organisation', siteTypes: ['gaming'] }],
    ['do I need an ICP filing?', {}],
    ['we are a German company', { entityType: 'foreign-enterprise' }],
  ])('%s', (text, expected) => {
    expect(extractProfile(text)).toEqual(expected);
  });
});
