import { FilingTopic } from '../../../src/nlu/filingTopic';
import { sharedCore } from '../../helpers';

const { recognizer } = sharedCore();
const topic = new FilingTopic(recognizer.normalizer);
const terms = (text: string) => recognizer.normalizer.terms(text);

describe('FilingTopic', () => {
  it.each(['do I need a beian', 'ICP number format', '管局审核要几天', '取消接入是什么意思', 'the filing entity', 'register my website in china', 'once approved, does the number ever need renewing?'])('is about filing: %s', (text) => {
    expect(topic.isAbout(terms(text))).toBe(true);
  });

  it.each(['register a company in Shenzhen', 'how much does bandwidth cost', '公司注销流程'])('is not about filing: %s', (text) => {
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
