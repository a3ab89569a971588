import { FilingTopic } from '../../../src/nlu/filingTopic';
import { sharedCore } from '../../helpers';

const { recognizer } = sharedCore();
const topic = new FilingTopic(recognizer.normalizer);
const terms = (text: string) => recognizer.normalizer.terms(text);

describe('FilingTopic', () => {
  it.each([
    'do I need a beian',
    'ICP number format',
    '管局审核要几天',
    '取消接入是什么意思',
    'the filing entity',
    'register my website in china',
    'once approved, does the number ever need renewing?',
    // The words of both languages: the administration, the person in charge, the service code, the sponsoring organisation.
    'how long does the communications administration take',
    '通信管理局审核多久',
    'can our contractor be the person in charge of the site',
    '网站负责人填谁',
    'what is the service code for',
    '服务码是干啥的',
    '域名持有人要和主办单位一致吗',
    // 备 alone is the verb; an unfiled domain is one without a filing.
    '一个订单最多能备几个网站',
    'can I bind an unfiled domain to the gateway',
    // The website name, a field of the filing with rules of its own.
    '公司网站名能不能用英文',
    '个人网站名称有什么讲究',
    'can the site name be in English',
  ])('is about filing: %s', (text) => {
    expect(topic.isAbout(terms(text))).toBe(true);
  });

  it.each([
    'register a company in Shenzhen',
    'how much does bandwidth cost',
    '公司注销流程',
    // A longer Chinese word needs all of its character pairs: 服务器 shares 服务 with 服务码, 管理后台 管理 with 通信管理局, 单位 with 主办单位.
    '服务器在哪买',
    '管理后台打不开',
    '我们单位的邮箱',
    // 备 inside another word is not the verb (准备, 设备).
    '我准备换个设备',
    'enter the discount code',
    // A name without the website, or a website without its name.
    '给我的猫取个名字',
    '网站打不开了',
    'what is the name of your company',
  ])('is not about filing: %s', (text) => {
    expect(topic.isAbout(terms(text))).toBe(false);
    expect(topic.speaksOf(terms(text))).toBe(false);
  });

  it('counts a licence, permit or application as filing-like, but not as naming the filing', () => {
    expect(topic.speaksOf(terms('which permits do I need'))).toBe(true);
    expect(topic.isAbout(terms('which permits do I need'))).toBe(false);
    expect(topic.namesFiling(terms('which permits do I need'))).toBe(false);
    expect(topic.namesFiling(terms('do I need an ICP filing'))).toBe(true);
  });
});
