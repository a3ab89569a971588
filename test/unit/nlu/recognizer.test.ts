import { CHINESE_ANSWER_MIN_WORDS, Recognizer } from '../../../src/nlu/recognizer';
import { sharedCore, testConfig } from '../../helpers';

const { recognizer, knowledge } = sharedCore();

describe('Recognizer: chat intents', () => {
  it.each([
    ['hello', 'greeting'],
    ['你好', 'greeting'],
    ['thanks a lot!', 'thanks'],
    ['谢谢', 'thanks'],
    ['thx, that was quick 👍 have a nice day', 'thanks'],
    ['What can you do?', 'help'],
    ['帮助', 'help'],
    // Asking whether it is a bot is answered by what it is and can do.
    ['are you a robot?', 'help'],
    ['你是机器人吗', 'help'],
    ['start over', 'restart'],
    ['重新开始', 'restart'],
    ['I want to talk to a human', 'human'],
    ['转人工', 'human'],
    // Asking for a real person, in a testers' words, is not asking whether the bot is one (你是真人吗 is help).
    ['能找个真人吗', 'human'],
    ['可以转真人吗', 'human'],
    ['你是真人吗', 'help'],
    // 机器人 leans to help (你是人工还是机器人), but what is asked for is a person.
    ['机器人答不了，我想找个真人问问', 'human'],
    ['帮我转真人吧', 'human'],
    ['check my situation', 'check'],
    ['帮我评估一下', 'check'],
    // Asking to have one's site checked.
    ['can you check whether my site needs a filing', 'check'],
    ['English please', 'switch-en'],
    ['中文', 'switch-zh'],
  ])('%s -> %s', (text, intent) => {
    const result = recognizer.recognize(text);
    expect(result.outcome).toBe('intent');
    expect(result.intent).toBe(intent);
  });

  it.each(['help me with bbs filing', 'can a foreign company file for ICP', '论坛网站怎么备案', '备案要人工审核吗', '外国人工作许可办下来要多久'])('keeps FAQ questions with intent words as questions: %s', (text) => {
    expect(recognizer.recognize(text).outcome).not.toBe('intent');
  });

  it.each(['reset my email password', 'reset my password', 'clear my browser cache', '重置密码'])(
    'does not restart for a message about something the bot does not know: %s',
    (text) => {
      // The classifier alone would call these "restart"; the unknown word keeps the check in progress.
      expect(recognizer.intents.guessText(text)?.intent).toBe('restart');
      expect(recognizer.recognize(text)).toEqual(expect.objectContaining({ outcome: 'none' }));
    },
  );

  it('does not restart for a message naming a word of the FAQ that no chat example has', () => {
    // "domain" is an FAQ word, so knowing every word of the message somewhere is not enough.
    expect(recognizer.intents.guessText('reset the domain')?.intent).toBe('restart');
    expect(recognizer.recognize('reset the domain').outcome).not.toBe('intent');
  });

  // "okay cancel" is no longer here: with an entry on cancelling a filing, "cancel" alone is that entry's key word.
  it.each(["ok, let's start over", 'reset the chat', 'okay, stop', 'never mind', 'please start from the beginning', '重新来'])('restarts for %s', (text) => {
    expect(recognizer.recognize(text)).toEqual(expect.objectContaining({ outcome: 'intent', intent: 'restart' }));
  });
});

describe('Recognizer: FAQ', () => {
  it.each([
    ['do I need an ICP filing if my server is in Hong Kong', 'hosted-outside-mainland'],
    ['我的服务器在香港，需要备案吗', 'hosted-outside-mainland'],
    ['bbs filing', 'bbs-website'],
    ['游戏 备案', 'gaming-website'],
    ['which province do we file in', 'which-province'],
    // "Look up" is the entry's "lookup", not the "look like" of the number's format.
    ['how do I look up my icp number', 'look-up-icp-number'],
  ])('answers %s with %s', (text, id) => {
    const result = recognizer.recognize(text);
    expect(result.outcome).toBe('answer');
    expect(result.top?.id).toBe(id);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it.each([
    ['how do I delete an account', 'filing-account-vs-server-account'],
    ['best football game ever', 'gaming-website'],
    // (Before the entries had their second dozen phrasings, "where can I watch the game": one of those now says "where".)
    ['I want to watch the game tonight', 'gaming-website'],
    ['cdn bandwidth pricing', 'cdn'],
    // The segmenter splits 账号 into two one-character words; it is still one shared word.
    ['删除账号', 'filing-account-vs-server-account'],
    ['游戏机多少钱', 'gaming-website'],
    // (Likewise 论坛怎么发帖: a phrasing of the forum entry now speaks of posting, 发帖.)
    ['论坛的帖子怎么删除', 'bbs-website'],
  ])('never answers with an entry that shares one word with the message and explains none of the rest (it may offer it): %s', (text, id) => {
    const result = recognizer.recognize(text);
    expect(result.top?.id).toBe(id);
    expect(result.evidence?.corroborated).toBe(false);
    expect(['clarify', 'none']).toContain(result.outcome);
  });

  it('does not answer with an entry whose only shared word is one an odd phrasing of it uses', () => {
    // "time" is in a few phrasings of the filing-duration entry ("how much time …"), not its key word.
    const result = recognizer.recognize('it is time');
    expect(result.top?.id).toBe('filing-duration');
    expect(result.outcome).not.toBe('answer');
  });

  it.each([
    ['province?', 'which-province'],
    ['cdn?', 'cdn'],
    ['账号', 'filing-account-vs-server-account'],
  ])('answers a one-word message that is the key word of an entry: %s', (text, id) => {
    expect(recognizer.recognize(text)).toEqual(expect.objectContaining({ outcome: 'answer', top: expect.objectContaining({ id }) }));
  });

  it('matches Chinese text in the Chinese index and English in the English one', () => {
    expect(recognizer.recognize('服务器在香港').language).toBe('zh-CN');
    expect(recognizer.recognize('server in hong kong', 'zh-CN').language).toBe('en');
  });

  it('corrects a misspelt word to the knowledge base vocabulary', () => {
    const result = recognizer.recognize('do I need a registraton for a gamming website');
    expect(result.corrections.map((c) => c.to)).toEqual(expect.arrayContaining(['gaming']));
    expect(result.top?.id).toBe('gaming-website');
  });

  it.each(['asdf qwer', 'tell me a joke', '今天天气怎么样', 'purple monkey dishwasher'])('falls back on %s', (text) => {
    const result = recognizer.recognize(text);
    expect(result.outcome).toBe('none');
  });

  it('offers two or three close questions when unsure', () => {
    const strict = new Recognizer(knowledge, { answer: 0.99, clarify: 0.2, margin: 0 });
    const result = strict.recognize('foreign company filing');
    expect(result.outcome).toBe('clarify');
    expect(result.candidates.length).toBeGreaterThanOrEqual(2);
    expect(result.candidates.length).toBeLessThanOrEqual(3);
  });

  it('refuses thresholds in the wrong order', () => {
    const config = testConfig();
    expect(() => new Recognizer(knowledge, { answer: config.CLARIFY_THRESHOLD - 0.1, clarify: config.CLARIFY_THRESHOLD, margin: 0 })).toThrow(/clarify/);
  });
});

describe("Recognizer: the bot's own example buttons", () => {
  const { i18n } = sharedCore();
  it.each(['en', 'zh-CN'] as const)('answers every example question the welcome and help offer in %s', (language) => {
    const t = i18n.getFixedT(language);
    for (const example of [t('welcome.exampleHongKong'), t('welcome.exampleForeign'), t('welcome.exampleProvince')]) {
      const result = recognizer.recognize(example, language);
      expect({ example, outcome: result.outcome }).toEqual({ example, outcome: 'answer' });
    }
  });
});

describe('Recognizer.withThresholds()', () => {
  const question = 'do I need an ICP filing if my server is in Hong Kong';

  it('ranks as the recognizer it shares its index with, and judges by its own thresholds', () => {
    const strict = recognizer.withThresholds({ answer: 0.99, clarify: 0.98, margin: 0 });
    const original = recognizer.recognize(question, 'en');
    const judged = strict.recognize(question, 'en');
    expect(original.outcome).toBe('answer');
    expect(judged.outcome).toBe('none');
    expect(judged.calibrated).toBeUndefined();
    expect(judged.confidence).toBe(original.top?.score);
    expect(judged.top).toEqual(original.top);
  });

  it('refuses a clarify threshold above the answer threshold, as the constructor does', () => {
    expect(() => recognizer.withThresholds({ answer: 0.3, clarify: 0.4, margin: 0 })).toThrow(/clarify threshold exceeds answer threshold/);
    expect(() => recognizer.withThresholds({ answer: 0.5, clarify: 0.4, margin: 0, chineseAnswer: 0.3 })).toThrow(/clarify threshold exceeds answer threshold/);
  });

  // Thresholds just above and below each message's own score, so the test does not hang on what the knowledge base scores.
  const around = (text: string, language: 'en' | 'zh-CN') => {
    const score = recognizer.recognize(text, language).top?.score ?? 0;
    return { answer: score + 0.01, clarify: score - 0.02, margin: 0, chineseAnswer: score - 0.01 };
  };

  it(`answers a Chinese message of ${CHINESE_ANSWER_MIN_WORDS} words or more at the Chinese answer threshold`, () => {
    const text = '备案提交给管局以后，发现资料填错了，还能改吗';
    const thresholds = around(text, 'zh-CN');
    expect(recognizer.recognize(text, 'zh-CN').evidence?.words).toBeGreaterThanOrEqual(CHINESE_ANSWER_MIN_WORDS);
    expect(recognizer.withThresholds(thresholds).recognize(text, 'zh-CN')).toMatchObject({ outcome: 'answer', top: { id: 'change-after-submission' } });
    const { chineseAnswer: _, ...withoutIt } = thresholds;
    expect(recognizer.withThresholds(withoutIt).recognize(text, 'zh-CN').outcome).toBe('clarify');
    // Above the answer threshold, the Chinese one does not hold an answer back.
    expect(recognizer.withThresholds({ ...thresholds, answer: thresholds.clarify, chineseAnswer: 0.99 }).recognize(text, 'zh-CN').outcome).toBe('answer');
  });

  it('keeps the answer threshold for a short Chinese message and for English ones', () => {
    const short = '如何申请ICP备案';
    expect(recognizer.recognize(short, 'zh-CN').evidence?.words).toBeLessThan(CHINESE_ANSWER_MIN_WORDS);
    expect(recognizer.withThresholds(around(short, 'zh-CN')).recognize(short, 'zh-CN').outcome).toBe('clarify');
    const english = 'after we submitted the filing to the administration we found a typo in the documents, can we still change it?';
    expect(recognizer.withThresholds(around(english, 'en')).recognize(english, 'en').outcome).toBe('clarify');
  });
});

describe('Recognizer: answers outright only about filing', () => {
  it.each([
    ['how much does an icp filing cost', 'filing-cost'],
    ['备案要花钱吗', 'filing-cost'],
  ])('answers a filing question: %s', (text, id) => {
    const result = recognizer.recognize(text);
    expect(result.outcome).toBe('answer');
    expect(result.top?.id).toBe(id);
  });

  it.each(['how much does a gpu instance cost per hour', '云服务器一个月多少钱'])('does not answer another topic that shares words with an entry: %s', (text) => {
    expect(recognizer.recognize(text).outcome).not.toBe('answer');
  });

  it('answers a question with no filing word only from an entry one of whose phrasings holds all its words, unless it scores high', () => {
    // Each of these words is in some phrasing of the entry on the domain's holder, none has them all: "Did you mean…".
    const spread = recognizer.recognize('can I change the owner of the domain name');
    expect(spread).toEqual(expect.objectContaining({ outcome: 'clarify', top: expect.objectContaining({ id: 'domain-holder-match' }), sureButOffTopic: true }));
    expect(spread.evidence).toEqual(expect.objectContaining({ explained: 1, onTopic: true }));
    // "province" is in many phrasings of the entry on where to file.
    expect(recognizer.recognize('Which province?')).toEqual(expect.objectContaining({ outcome: 'answer', top: expect.objectContaining({ id: 'which-province' }) }));
  });

  it('gives a one-word match off the topic the fallback, not "Did you mean…"', () => {
    expect(recognizer.recognize('what time is it').outcome).toBe('none');
  });
});
