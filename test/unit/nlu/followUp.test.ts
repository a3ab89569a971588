import { fittedToCase, inConversation, readsAsFollowUp, repeatedAnswer, saysYes, topicAfter, type ConversationTopic } from '../../../src/nlu/followUp';
import { planOf as planInConversation } from '../../../src/cli/planOf';
import { shapeOf, type MessagePlan } from '../../../src/nlu/plan';
import type { Language } from '../../../src/nlu/language';
import { sharedCore } from '../../helpers';

describe('readsAsFollowUp', () => {
  it.each([
    'what about the documents?',
    'how about a shop, same thing?',
    'and how many days does that take',
    'then who submits it?',
    'what if the server moves to Hangzhou',
    'does it cost anything?',
    'is that checked by them?',
    'cost?',
    'how long?',
    '那多少钱',
    '那如果服务器在上海呢',
    '个体户呢？',
    '企业的呢，材料一样吗',
    '还有什么要注意的',
    '这个要多长时间',
    '多久能好？',
    '大概几天能批',
    // Eight words, as a contraction is one word ("don't" is not "don" and "t").
    "does it matter if we don't use them",
    "what happens when it's not approved in time?",
  ])('a follow-up: %s', (text) => {
    expect(readsAsFollowUp(text)).toBe(true);
  });

  it.each([
    'How long does an ICP filing take?',
    'how much does a unicorn cost',
    'Do I need an ICP filing if my server is in Hong Kong?',
    "I'm a German GmbH, our server would be in Beijing. What do we need?",
    // A long message with a pronoun says what it is about on its own.
    'what do I have to upload for it when our company files the main website in Shanghai next month',
    '我的服务器在香港，需要备案吗',
    '公司在杭州，网站打算放阿里云，备案需要准备哪些材料',
    'Guangzhou',
    '',
  ])('not a follow-up: %s', (text) => {
    expect(readsAsFollowUp(text)).toBe(false);
  });
});

describe('saysYes', () => {
  it.each(['yes', 'Yes please!', 'sure, go ahead', 'yep', "let's do it", '要', '好啊', '是的。', '帮我查一下'])('hears a bare yes in %p', (text) => {
    expect(saysYes(text)).toBe(true);
  });

  it.each(['ok', '好的', 'yes but how long does it take?', 'is it free?', '要多久', '不要', 'no thanks'])('hears none in %p', (text) => {
    expect(saysYes(text)).toBe(false);
  });
});

describe('topicAfter', () => {
  it('is filing, with the entry answered, after an answer; with the first entry offered after "Did you mean…"', () => {
    expect(topicAfter({ kind: 'answer', entryId: 'filing-cost' }, undefined, 'en')).toEqual({ about: 'filing', entry: 'filing-cost', answered: 'en' });
    expect(topicAfter({ kind: 'clarify', candidates: [{ id: 'cdn', question: 'q', score: 0.3 }] })).toEqual({ about: 'filing', entry: 'cdn' });
  });

  it('is filing, with the question and the offer of the check, after a verdict; filing after the check', () => {
    const core = sharedCore();
    const plan = planOf(core, 'my server is in Shenzhen, do I need a filing?', 'en');
    expect(plan.kind).toBe('situation');
    expect(topicAfter(plan)).toEqual({ about: 'filing', asked: 'filing-required', offersCheck: true });
    expect(topicAfter({ kind: 'check', profile: {} })).toEqual({ about: 'filing' });
  });

  it('names the entry on clearing the one thing that blocks a verdict, and none when two things block it', () => {
    const core = sharedCore();
    expect(topicAfter(planOf(core, 'Our domain is .com registered at Namecheap, is that okay?', 'en'))).toEqual({ about: 'filing', asked: 'can-apply', blocker: 'foreign-registered-domain', offersCheck: true });
    expect(topicAfter(planOf(core, 'my server is in Shenzhen, do I need a filing?', 'en'))).not.toHaveProperty('blocker');
    const twoBlockers = planOf(core, 'we are a Hong Kong company with no office in China and our domain is registered at Namecheap, can we file?', 'en');
    expect(twoBlockers.kind).toBe('situation');
    expect(topicAfter(twoBlockers)).not.toHaveProperty('blocker');
  });

  it('keeps the question an earlier verdict answered through answers and offers on other things', () => {
    const afterVerdict: ConversationTopic = { about: 'filing', asked: 'can-apply' };
    expect(topicAfter({ kind: 'answer', entryId: 'filing-duration' }, afterVerdict, 'zh-CN')).toEqual({ about: 'filing', entry: 'filing-duration', answered: 'zh-CN', asked: 'can-apply' });
    expect(topicAfter({ kind: 'clarify', candidates: [{ id: 'cdn', question: 'q', score: 0.3 }] }, afterVerdict)).toEqual({ about: 'filing', entry: 'cdn', asked: 'can-apply' });
    expect(topicAfter({ kind: 'none' }, afterVerdict)).toBeUndefined();
  });

  it('is none after the fallback or a chat intent', () => {
    expect(topicAfter({ kind: 'none' })).toBeUndefined();
    expect(topicAfter({ kind: 'intent', intent: 'greeting' })).toBeUndefined();
  });
});

describe('repeatedAnswer', () => {
  const answeredCdn: ConversationTopic = { about: 'filing', entry: 'cdn', answered: 'en' };
  const offered = (...ids: string[]) => ({ kind: 'clarify' as const, candidates: ids.map((id) => ({ id, question: 'q', score: 0.3 })) });

  it('is the entry the last reply answered with, when the plan answers with it alone or offers only it', () => {
    expect(repeatedAnswer({ kind: 'answer', entryId: 'cdn' }, answeredCdn, 'en')).toBe('cdn');
    expect(repeatedAnswer(offered('cdn'), answeredCdn, 'en')).toBe('cdn');
  });

  it('is none for another entry, a second entry with it, or other entries offered beside it', () => {
    expect(repeatedAnswer({ kind: 'answer', entryId: 'filing-cost' }, answeredCdn, 'en')).toBeUndefined();
    expect(repeatedAnswer({ kind: 'answer', entryId: 'cdn', also: 'filing-cost' }, answeredCdn, 'en')).toBeUndefined();
    expect(repeatedAnswer(offered('cdn', 'filing-cost'), answeredCdn, 'en')).toBeUndefined();
    expect(repeatedAnswer({ kind: 'none' }, answeredCdn, 'en')).toBeUndefined();
  });

  it('is none in the other language: the same question in it asks for the answer in it', () => {
    expect(repeatedAnswer({ kind: 'answer', entryId: 'cdn' }, answeredCdn, 'zh-CN')).toBeUndefined();
  });

  it('is none when the last reply only offered the entry, or answered nothing', () => {
    expect(repeatedAnswer({ kind: 'answer', entryId: 'cdn' }, { about: 'filing', entry: 'cdn' }, 'en')).toBeUndefined();
    expect(repeatedAnswer(offered('cdn'), topicAfter(offered('cdn'), undefined, 'en'), 'en')).toBeUndefined();
    expect(repeatedAnswer({ kind: 'answer', entryId: 'cdn' }, undefined, 'en')).toBeUndefined();
    expect(repeatedAnswer({ kind: 'answer', entryId: 'cdn' }, topicAfter({ kind: 'answer', entryId: 'cdn' }, undefined, 'zh-CN'), 'zh-CN')).toBe('cdn');
  });
});

/** The plan of a message, read as the root dialog reads it, after a reply that left `topic`. */
function planOf(core: ReturnType<typeof sharedCore>, text: string, language: Language, topic?: ConversationTopic, known = {}): MessagePlan {
  return planInConversation(core, text, language, undefined, { topic, known });
}

describe('inConversation', () => {
  const core = sharedCore();
  const filing: ConversationTopic = { about: 'filing', entry: 'filing-duration' };

  it('reads a follow-up after a reply on filing as naming the filing', () => {
    const text = 'what about the first step?';
    const message = inConversation(text, 'en', core.recognizer.normalizer.read(text), { profile: {} }, filing, core.recognizer);
    expect(message.followsUp).toBe(true);
    expect(message.normalized.terms).toEqual(expect.arrayContaining(['file']));
    expect(planOf(core, text, 'en', filing)).toEqual({ kind: 'answer', entryId: 'filing-process' });
  });

  it('answers a follow-up that alone gets no answer', () => {
    expect(planOf(core, 'what about the first step?', 'en').kind).not.toBe('answer');
    expect(planOf(core, '那第一步做什么', 'zh-CN').kind).not.toBe('answer');
    expect(planOf(core, '那第一步做什么', 'zh-CN', filing)).toEqual({ kind: 'answer', entryId: 'filing-process' });
  });

  it('leaves a message alone without a topic, or that is not put as a follow-up', () => {
    for (const [text, topic] of [
      ['what about the first step?', undefined],
      ['how much does a unicorn cost', filing],
    ] as const) {
      const normalized = core.recognizer.normalizer.read(text);
      const message = inConversation(text, 'en', normalized, { profile: {} }, topic, core.recognizer);
      expect(message).toEqual({ normalized, stated: { profile: {} }, followsUp: false });
    }
  });

  it('leaves a follow-up alone that has a word the entries never use', () => {
    for (const [text, language] of [
      ['and how long does a trademark registration take?', 'en'],
      ['那办银行卡要多久', 'zh-CN'],
    ] as const) {
      expect(inConversation(text, language, core.recognizer.normalizer.read(text), { profile: {} }, filing, core.recognizer).followsUp).toBe(false);
      expect(planOf(core, text, language, filing).kind).not.toBe('answer');
    }
  });

  it('asks again what the last verdict answered, of a case a follow-up tells without a question of its own', () => {
    const topic: ConversationTopic = { about: 'filing', asked: 'filing-required' };
    const text = 'what if the server is in Singapore instead?';
    const reading = core.facts.readMessage(text);
    expect(reading.facts.asks).toBeUndefined();
    const message = inConversation(text, 'en', core.recognizer.normalizer.read(text), reading.facts, topic, core.recognizer);
    expect(message.stated.asks).toBe('filing-required');
    expect(planOf(core, text, 'en', topic)).toMatchObject({ kind: 'situation', question: 'filing-required', decision: { kind: 'verdict' } });
    expect(planOf(core, '那如果服务器在新加坡呢', 'zh-CN', topic)).toMatchObject({ kind: 'situation', question: 'filing-required', decision: { kind: 'verdict' } });
  });

  it('asks an earlier verdict\'s question again of a case told after an answer on another thing, when the answer does not fit it', () => {
    // "we're a company in Beijing with a server in Shanghai, can we apply?" … "how long does it take?" … then:
    const topic: ConversationTopic = { about: 'filing', entry: 'filing-duration', asked: 'can-apply' };
    const known = { entityType: 'mainland-organisation' as const, licenceProvince: 'beijing' as const, hosting: 'mainland' as const };
    expect(planOf(core, 'what if our server were in Singapore instead?', 'en', topic, known)).toMatchObject({ kind: 'situation', question: 'can-apply', decision: { kind: 'verdict' } });
    expect(planOf(core, '如果服务器放新加坡呢', 'zh-CN', topic, known)).toMatchObject({ kind: 'situation', question: 'can-apply', decision: { kind: 'verdict' } });
    // The last answer, fitted to the case told, still comes first.
    const documents: ConversationTopic = { about: 'filing', entry: 'individual-documents', asked: 'can-apply' };
    expect(planOf(core, 'and for a limited company?', 'en', documents, { entityType: 'individual' })).toEqual({ kind: 'answer', entryId: 'company-documents' });
  });

  it('asks the last verdict\'s question again of a statement that tells more of the case, though not put as a follow-up', () => {
    const verdict: ConversationTopic = { about: 'filing', asked: 'can-apply' };
    const known = { entityType: 'individual' as const, idFromOutsideMainland: true };
    for (const [text, language] of [
      ['I live in Beijing', 'en'],
      ['我在北京上班', 'zh-CN'],
    ] as const) {
      const reading = core.facts.readMessage(text);
      const message = inConversation(text, language, core.recognizer.normalizer.read(text), reading.facts, verdict, core.recognizer);
      expect(message).toMatchObject({ followsUp: true, stated: { asks: 'can-apply' } });
      expect(planOf(core, text, language, verdict, known)).toMatchObject({ kind: 'situation', question: 'can-apply', profile: { residenceProvince: 'beijing' } });
      // Not after an answer on something else, and not a question.
      const afterAnswer = inConversation(text, language, core.recognizer.normalizer.read(text), reading.facts, { ...verdict, entry: 'filing-duration' }, core.recognizer);
      expect(afterAnswer.followsUp).toBe(false);
    }
    const question = 'do you know a good restaurant in Beijing?';
    expect(inConversation(question, 'en', core.recognizer.normalizer.read(question), core.facts.read(question), verdict, core.recognizer).stated.asks).toBeUndefined();
  });

  it('hears after a verdict that a foreign company has nothing in China, however the negation is put', () => {
    // A tester's "we don't have any company in China" after "we are a German company, server in Shanghai. do we need ICP?" got the fallback.
    const verdict: ConversationTopic = { about: 'filing', asked: 'filing-required' };
    const known = { entityType: 'foreign-enterprise' as const, hosting: 'mainland' as const };
    for (const [text, language] of [
      ["we don't have any company in China", 'en'],
      ['我们在中国没有公司', 'zh-CN'],
    ] as const) {
      expect(planOf(core, text, language, verdict, known)).toMatchObject({ kind: 'situation', question: 'filing-required', profile: { foreignPresence: 'none' } });
    }
  });

  it('keeps the question a follow-up asks of its own', () => {
    const topic: ConversationTopic = { about: 'filing', asked: 'filing-required' };
    const text = 'and if we are a company in Beijing, where do we file?';
    const reading = core.facts.readMessage(text);
    expect(inConversation(text, 'en', core.recognizer.normalizer.read(text), reading.facts, topic, core.recognizer).stated.asks).toBe('where');
  });

  it('answers a follow-up that tells a case and asks a question an entry answers, which the verdict asked again would not cite', () => {
    // 网站放在香港不用备案吧 got a verdict on whether a filing is needed; this asks whether another provider's server can be filed through Tencent Cloud.
    const topic: ConversationTopic = { about: 'filing', asked: 'filing-required' };
    const text = '那要是放国内，但服务器不是腾讯云的，能在腾讯云办吗';
    expect(core.facts.read(text).profile).toMatchObject({ hosting: 'mainland' });
    expect(planOf(core, text, 'zh-CN', topic)).toEqual({ kind: 'answer', entryId: 'other-provider-server' });
    // A case with no question of its own is still asked the verdict's question.
    expect(planOf(core, '如果换成放香港呢', 'zh-CN', topic)).toMatchObject({ kind: 'situation', question: 'filing-required', decision: { kind: 'verdict' } });
  });
});

describe('a follow-up on what blocks a verdict', () => {
  const core = sharedCore();
  const blocked: ConversationTopic = { about: 'filing', asked: 'can-apply', blocker: 'foreign-registered-domain' };

  it('answers "how?" right after the verdict with the entry on clearing what blocks it', () => {
    expect(planOf(core, '那怎么转', 'zh-CN', blocked)).toEqual({ kind: 'answer', entryId: 'foreign-registered-domain' });
    expect(planOf(core, 'how do I fix that?', 'en', blocked)).toEqual({ kind: 'answer', entryId: 'foreign-registered-domain' });
  });

  it('leaves alone a message the entries answer, one that tells a case, and one after an answer on another thing', () => {
    expect(planOf(core, 'how long does it take?', 'en', blocked)).toEqual({ kind: 'answer', entryId: 'filing-duration' });
    expect(planOf(core, 'what if the server is in Hong Kong?', 'en', blocked)).toMatchObject({ kind: 'situation' });
    expect(planOf(core, 'how do I fix that?', 'en', { ...blocked, entry: 'filing-duration' })).not.toEqual({ kind: 'answer', entryId: 'foreign-registered-domain' });
  });
});

describe('fittedToCase', () => {
  const core = sharedCore();

  it('fits the last answer to the case a follow-up tells', () => {
    const individual: ConversationTopic = { about: 'filing', entry: 'individual-documents' };
    expect(planOf(core, 'and for a limited company?', 'en', individual, { entityType: 'individual' })).toEqual({ kind: 'answer', entryId: 'company-documents' });
    expect(planOf(core, '那企业呢', 'zh-CN', individual, { entityType: 'individual' })).toEqual({ kind: 'answer', entryId: 'company-documents' });
    const company: ConversationTopic = { about: 'filing', entry: 'company-documents' };
    expect(planOf(core, 'what about as a private person?', 'en', company)).toEqual({ kind: 'answer', entryId: 'individual-documents' });
  });

  it('keeps a plan that answers, and a follow-up that tells no case', () => {
    const topic: ConversationTopic = { about: 'filing', entry: 'individual-documents' };
    const answered: MessagePlan = { kind: 'answer', entryId: 'filing-cost' };
    const text = 'and for a company?';
    const reading = core.facts.readMessage(text);
    const message = inConversation(text, 'en', core.recognizer.normalizer.read(text), reading.facts, topic, core.recognizer);
    const shape = shapeOf(text, 'en', core.recognizer, core.knowledge, undefined, message.normalized.terms);
    expect(fittedToCase(answered, message, topic, shape)).toBe(answered);
    const none: MessagePlan = { kind: 'none' };
    expect(fittedToCase(none, { ...message, stated: { profile: {} } }, topic, shape)).toBe(none);
    expect(fittedToCase(none, { ...message, followsUp: false }, topic, shape)).toBe(none);
    // An entry that fits the case already: nothing to change.
    expect(fittedToCase(none, message, { about: 'filing', entry: 'company-documents' }, shape)).toBe(none);
  });
});

describe('a question without a filing word, in a conversation about filing', () => {
  const core = sharedCore();
  const hongKong: ConversationTopic = { about: 'filing', asked: 'filing-required', offersCheck: true };

  it.each([
    ['收到短信说被注销了怎么办', 'zh-CN', 'icp-cancelled-message'],
  ] as const)('offers the entries it would get if it named the filing: %s', (text, language, entry) => {
    const alone = planOf(core, text, language);
    expect(alone.kind).toBe('none');
    const plan = planOf(core, text, language, hongKong);
    expect(plan.kind).toBe('clarify');
    expect(plan.kind === 'clarify' && plan.candidates[0]!.id).toBe(entry);
  });

  it.each([
    ["what's the best load balancing algorithm for websockets?", 'en'],
    ['how do I host several sites on one nginx server?', 'en'],
    ['游戏版号怎么申请', 'zh-CN'],
    ['how do i get a work permit for our new hire?', 'en'],
  ] as const)('does not answer it outright, nor one that asks of another thing: %s', (text, language) => {
    expect(['none', 'clarify', 'intent']).toContain(planOf(core, text, language, hongKong).kind);
  });

  it('leaves the fallback to one with a word the entries never use: 公司注册商标要多久', () => {
    expect(planOf(core, '公司注册商标要多久', 'zh-CN', hongKong).kind).toBe('none');
  });
});
