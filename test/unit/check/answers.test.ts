import { createI18n, readLocales } from '../../../src/i18n';
import { answersOutside, controlOf, extractProfile, interpretAnswer, mentionsNotKnowing, readAnswer, saysNotSure, soundsLikeCorrection, supposes } from '../../../src/check/answers';
import { questionById } from '../../../src/rules';
import { join } from 'node:path';
import { FactReader, loadVocabulary } from '../../../src/nlu/facts';

const root = join(__dirname, '..', '..', '..');
const i18n = createI18n(readLocales(join(root, 'locales')), 'en');
const facts = new FactReader(loadVocabulary(join(root, 'knowledge')));
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
    // Not knowing begins like a no (不…, "not …") and is none.
    ['mainland-cdn', '不太清楚', undefined],
    // A server weighed on either side answers neither.
    ['hosting', '还没买呢，在纠结买华为云北京还是香港的', undefined],
    ['hosting', 'either Tencent Cloud Shanghai or AWS Tokyo', undefined],
    ['hosting', 'Tencent Cloud Shanghai or Beijing', 'mainland'],
    // An apology is not an answer, though 不好意思 begins like a no.
    ['mainland-cdn', '不好意思，不用', false],
    ['mainland-cdn', '不好意思', undefined],
    ['foreign-presence', '不好意思，没有', 'none'],
    // Who files, said instead, is not "nothing in the mainland".
    ['foreign-presence', '不好意思，其实是我个人做的', undefined],
    ['mainland-cdn', '还没决定', undefined],
    ["mainland-cdn", "I'm not sure yet", undefined],
    ['mainland-cdn', 'not yet', false],
    ['entity-type', 'a German GmbH', 'foreign-enterprise'],
    ['entity-type', '个人', 'individual'],
    ['entity-type', '我们是一家公司', 'mainland-organisation'],
    ['entity-type', '境外企业', 'foreign-enterprise'],
    ['licence-province', 'guangdon', 'guangdong'],
    ['licence-province', '广东省', 'guangdong'],
    ['licence-province', 'hello', undefined],
    // A place said with no role answers, over one said with another role.
    ['id-province', '湖北的，不过人在武汉工作，服务器放杭州', 'hubei'],
    ['residence-province', 'Nanjing, and the server is in Shanghai', 'jiangsu'],
    ['number-of-sites', 'three sites', 3],
    ['number-of-sites', '两个', 2],
    ['number-of-sites', '12', 12],
    ['site-types', 'a game and a forum', ['gaming', 'bbs']],
    ['site-types', '普通博客', ['general']],
    // 一般 also makes a message a general question, which states no case; an answer to the check is of the user's own case.
    ['site-types', '就是一般的网站，介绍一下产品', ['general']],
    ['site-types', '一般吧', ['general']],
    ['site-types', 'generally just articles, nothing special', ['general']],
    // An industry named as the content is general content to the rules (its approval is said with the result).
    ['site-types', '做口腔医疗的 有在线预约', ['general']],
    ['site-types', 'mostly online courses and some news', ['general']],
    ['site-types', 'hmm', undefined],
    ['remote-application-accepted', "I don't know", 'unknown'],
    ['remote-application-accepted', '不知道', 'unknown'],
    ['foreign-presence', '只有办事处', 'physical-office'],
    ['foreign-presence', 'we have a subsidiary', 'mainland-branch'],
  ])('%s: %s -> %j', (questionId, text, expected) => {
    expect(interpretAnswer(questionById(questionId), text, labels, facts)).toEqual(expected);
  });

  it.each([
    ['licence-province', 'Guangzhou', 'guangdong'],
    ['licence-province', '广州', 'guangdong'],
    ['id-province', 'Pudong', 'shanghai'],
    ['id-province', "I'm from Chengdu", 'sichuan'],
    ['residence-province', '我在厦门工作', 'fujian'],
    ['certificate-province', 'our subsidiary is in Suzhou', 'jiangsu'],
    ['id-province', 'I live in Shanghai but my ID card is from Hunan', 'hunan'],
    ['licence-province', 'Guangzhou or Hangzhou', undefined],
    ['hosting', 'Tencent Cloud Guangzhou', 'mainland'],
    ['hosting', 'ap-guangzhou', 'mainland'],
    ['hosting', 'us-east-1', 'outside-mainland'],
    ['hosting', 'aliyun hangzhou', 'mainland'],
    ['hosting', 'Frankfurt', 'outside-mainland'],
    ['hosting', 'not in China', 'outside-mainland'],
    ['hosting', '不在国内', 'outside-mainland'],
    ['hosting', 'Shanghai or Singapore', undefined],
    // A reply that tells another fact names the server's place only with a word for the server.
    ['hosting', "we don't have any entity in China", undefined],
    ['hosting', '我们在中国没有任何机构', undefined],
    ['hosting', 'I live in Beijing', undefined],
    ['hosting', 'we are a company, the server is in Beijing', 'mainland'],
    ['entity-type', 'GmbH', 'foreign-enterprise'],
    ['entity-type', '香港公司', 'foreign-enterprise'],
    ['entity-type', 'our US parent', 'foreign-enterprise'],
    ['entity-type', 'Hong Kong', 'foreign-enterprise'],
    ['entity-type', '个体工商户', 'mainland-organisation'],
    ['foreign-presence', '没有分公司', 'none'],
    ['foreign-presence', 'no', 'none'],
    ['foreign-presence', 'a WFOE', 'mainland-branch'],
    // "Nothing" first, then more of the case: the first clause answers; a bare no followed by who files is a correction, not an answer.
    ['foreign-presence', 'nothing, only Macau. but I myself hold a Macau ID', 'none'],
    ['foreign-presence', '啥都没有，我本人有回乡证', 'none'],
    ['foreign-presence', 'no, it is just me personally', undefined],
    ['site-types', 'just a normal company website', ['general']],
    ['site-types', '论坛', ['bbs']],
    ['number-of-sites', '三个网站', 3],
  ])('%s: %s -> %j', (questionId, text, expected) => {
    expect(interpretAnswer(questionById(questionId), text, labels, facts)).toEqual(expected);
  });

  it.each([
    ['licence-province', 'Hong Kong', 'Hong Kong'],
    ['id-province', '台北', 'Taipei'],
    ['certificate-province', 'Singapore', 'Singapore'],
  ])('%s: %s reads as a place outside the mainland', (questionId, text, name) => {
    expect(readAnswer(questionById(questionId), text, labels, facts)).toEqual({ kind: 'outside-mainland', place: expect.objectContaining({ province: 'outside-mainland', name: expect.objectContaining({ en: name }) }) });
  });

  it('reads a button label in either language', () => {
    expect(interpretAnswer(questionById('entity-type'), 'An enterprise registered outside mainland China', labels, facts)).toBe('foreign-enterprise');
    expect(interpretAnswer(questionById('mainland-cdn'), '否', labels, facts)).toBe(false);
  });
});

describe('answersOutside', () => {
  const residence = questionById('residence-province');
  it.each(['Canada', 'abroad', 'not in China', 'I have lived in Australia for years', '我在国外', '现在定居加拿大'])('hears, where one lives is asked, a place outside the mainland in %p', (text) => {
    expect(answersOutside(residence, text, facts)).toBe(true);
  });

  it.each(['Jiangsu', '苏州', 'in mainland China', 'not sure'])('hears none in %p', (text) => {
    expect(answersOutside(residence, text, facts)).toBe(false);
  });

  it('is for questions with a fact of their own for it: not the province of the business licence', () => {
    expect(answersOutside(questionById('licence-province'), 'Canada', facts)).toBe(false);
  });

  it.each(['Hong Kong', 'Canada', "I don't have a mainland ID card", 'hong kong permit', '没有大陆身份证，我有回乡证', '台湾'])(
    'reads an ID from outside the mainland in a reply to the ID card\'s province (a Hong Kong resident was not understood five times): %s',
    (text) => {
      expect(answersOutside(questionById('id-province'), text, facts)).toBe(true);
    },
  );
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
    expect(extractProfile(text, facts)).toEqual(expected);
  });
});

describe('mentionsNotKnowing', () => {
  it.each(["I don't know yet where the server will be", '服务器放哪里还没想好，可能阿里云吧', 'we are not sure which cloud provider we will pick in the end', "we haven't bought a server yet"])('hears not knowing at any length: %s', (text) => {
    expect(mentionsNotKnowing(text)).toBe(true);
  });

  it('is wider than saysNotSure, which takes only short replies', () => {
    expect(saysNotSure("I don't know yet where the server will be")).toBe(false);
  });

  it.each(['we have decided on Alibaba Cloud in Hangzhou', '服务器在香港', ''])('hears none in %p', (text) => {
    expect(mentionsNotKnowing(text)).toBe(false);
  });
});

describe('saysNotSure', () => {
  it.each([
    'not sure', "I don't know", '不太清楚', '还没决定', 'no idea yet', '还没定', 'undecided', 'still deciding', 'sorry, what does that mean?', "i don't understand", '这个是啥意思', '看不懂',
    // Not had yet: testers asked where the server is got "didn't understand".
    "haven't bought one yet", '还没买', '服务器还没买',
  ])('reads %s as not knowing', (text) => {
    expect(saysNotSure(text)).toBe(true);
  });

  it.each(['no', 'not yet', "I'm sure it is in Hong Kong", 'we have not decided which cloud provider to use for the servers in Beijing yet, and the domain is also open'])(
    'does not read %s as not knowing',
    (text) => {
      expect(saysNotSure(text)).toBe(false);
    },
  );
});

describe('soundsLikeCorrection', () => {
  it.each([
    'actually the server is in Singapore',
    'no, not games, it is just a blog with articles',
    "sorry, I meant a company site",
    "it isn't a forum",
    '其实服务器在新加坡',
    '不是论坛 就是个展示页面',
    '刚才说错了 服务器在香港',
  ])('takes back what was said: %s', (text) => {
    expect(soundsLikeCorrection(text)).toBe(true);
  });

  it.each(['our blog is hosted on Aliyun Hangzhou', 'the server is in Singapore', '服务器在新加坡', '我们公司官网放在阿里云'])('tells, without taking anything back: %s', (text) => {
    expect(soundsLikeCorrection(text)).toBe(false);
  });
});

describe('supposes', () => {
  it.each(['what if the server were in Hong Kong?', 'And if we used a CDN instead?', 'suppose I lived in Shanghai', '如果放香港呢', '那假如我是公司呢', '万一服务器在国外呢'])('supposes a case: %s', (text) => {
    expect(supposes(text)).toBe(true);
  });

  it.each(["actually I'm from Macau, living in Zhuhai. does that count?", 'the server is in Shenzhen, is that ok?', '其实我是澳门人，住在珠海', 'iffy connection from Beijing'])('tells one: %s', (text) => {
    expect(supposes(text)).toBe(false);
  });
});
