import { readInterruption } from '../../../src/check/interruption';
import type { Language } from '../../../src/nlu/language';
import type { Profile, ProfileField } from '../../../src/rules';
import { sharedCore } from '../../helpers';

describe('readInterruption', () => {
  const core = sharedCore();
  const read = (text: string, language: Language, checkProfile: Profile, pendingField?: ProfileField) =>
    readInterruption(text, language, core.recognizer.recognize(text, language, undefined, { aboutFiling: true }), core.facts.read(text), checkProfile, core, pendingField);
  const individualInMainland: Profile = { hosting: 'mainland', entityType: 'individual', siteTypes: ['general'] };

  it('answers a case told with no question of its own from the rules, for that case, without changing the check\'s answers', () => {
    const checkProfile = { ...individualInMainland };
    const got = read('what if the server were in Singapore instead?', 'en', checkProfile);
    expect(got).toMatchObject({ kind: 'verdict', profile: { hosting: 'outside-mainland', entityType: 'individual' } });
    expect(checkProfile).toEqual(individualInMainland);
  });

  it.each([
    ['en', 'do we need a filing then?'],
    ['en', 'where do I file?'],
    ['zh-CN', '要备案吗'],
    ['en', 'ok, what do we need to do?'],
    ['zh-CN', '接下来要做什么'],
    // A negation or a word drawing a conclusion leaves the question bare.
    ['en', 'so no filing?'],
    ['en', "so we don't need a filing?"],
    ['zh-CN', '所以不用备案？'],
    ['zh-CN', '那么不需要备案了？'],
  ] as const)('takes the rules\' own question in bare words, or being asked to be guided, for what the check works out (%s): %s', (language, text) => {
    expect(read(text, language, { entityType: 'foreign-enterprise' })).toEqual({ kind: 'works-out' });
  });

  it('answers a question an entry answers outright with the entry for the case the check knows', () => {
    expect(read('要准备哪些材料', 'zh-CN', { entityType: 'mainland-organisation', hosting: 'mainland' })).toEqual({ kind: 'answer', entryId: 'company-documents' });
  });

  it('takes a question that tells the fact the check waits on, which nothing else answers, for the answer', () => {
    expect(read('what if I move to an Aliyun server in Hangzhou?', 'en', {}, 'hosting')).toEqual({ kind: 'tells-answer' });
    expect(read('如果服务器放阿里云杭州呢？', 'zh-CN', {}, 'hosting')).toEqual({ kind: 'tells-answer' });
    // Not where another question waits, nor without a question.
    expect(read('what if I move to an Aliyun server in Hangzhou?', 'en', {}, 'entityType')).not.toEqual({ kind: 'tells-answer' });
    expect(read('what if I move to an Aliyun server in Hangzhou?', 'en', {})).toEqual({ kind: 'other' });
  });

  it('leaves anything else to the dialog', () => {
    expect(read('I want to talk to a person', 'en', individualInMainland)).toEqual({ kind: 'other' });
  });
});
