import { asksEitherOr, asksIfEnough, asksInWords, asksSomething, clausesOf, isQuestionShaped } from '../../../src/nlu/questionShape';

describe('isQuestionShaped', () => {
  it.each([
    'is a company from the US allowed to register a website in china without a local entity',
    'what documents do I need for that',
    'Do I also need a licence for the shop?',
    'our server is in Frankfurt, is that a problem?',
    '美国公司没有本地实体可以备案吗',
    '备案需要多久时间',
    '为什么要问这个问题呢',
    'filing needed?? the server sits in Chengdu',
    '服务器放在成都，让百度云帮我备案行不行',
    '公司在杭州有没有必要备案',
    '备案已经提交到管局了，还想再加一个域名，咋办',
    '个体户开网店，备案以外还要办啥',
    // A number asked for with 几 and a measure, a choice weighed with 还是…好.
    '日均5000访问应该买几核几G的',
    '数据库用MySQL还是PostgreSQL好',
    // Either-or without a final particle: 吗 before 还是, or 还是 … 就行 at the end.
    '公司已经备案了一个域名，现在又买了个新域名，要重新备吗还是加进去就行',
    '新域名是重新备案还是直接加到原来的主体下就可以',
    // 哪家, 哪款: which one (a tester's question at the server question got "我没有理解这个回答").
    '买哪家的服务器比较好',
    'cn-beijing最便宜的ECS是哪款',
  ])('a question: %s', (text) => {
    expect(isQuestionShaped(text)).toBe(true);
  });

  it.each([
    'yes',
    'mainland?',
    'Guangzhou',
    '广州？',
    'in mainland China',
    'we have a branch in Shanghai',
    '什么都没有',
    // 啥都, 哪儿都: "nothing", "anywhere", not "what", "where".
    '英国公司，在中国啥都没有，想做个中文网站',
    '服务器放哪儿都可以，主要是想做个官网',
    '我们在上海有分公司',
    'an individual, just me',
    'not sure',
    // Years ago, not how many years.
    '好几年前在阿里云备案的网站',
    '我们几年前就在上海注册了',
  ])('an answer: %s', (text) => {
    expect(isQuestionShaped(text)).toBe(false);
  });
});

describe('asksSomething', () => {
  it.each(['how much', 'what about the fee', '要多久', '需要多长时间', '行吗', '在哪个省', 'is it free'])('takes a short part that asks as a question: %s', (text) => {
    expect(asksSomething(text)).toBe(true);
  });

  it.each(['with a server in Beijing', '服务器在杭州', '我是个人', 'our company'])('takes a part that only tells as no question: %s', (text) => {
    expect(asksSomething(text)).toBe(false);
  });
});

describe('clausesOf', () => {
  it.each(['roughly how long until the filing is approved', 'so what do we need', 'ok and how much does it cost'])(
    'reads a question after lead-in words: %s',
    (text) => {
      expect(isQuestionShaped(text)).toBe(true);
      expect(asksSomething(text)).toBe(true);
    },
  );

  it('splits at dashes between words, not at hyphens inside them', () => {
    expect(clausesOf('our shop is on Aliyun — how long does it take?')).toEqual(['our shop is on Aliyun', 'how long does it take']);
    expect(clausesOf('our site is on cn-hangzhou - is that ok')).toEqual(['our site is on cn-hangzhou', 'is that ok']);
  });
});

describe('asksInWords', () => {
  it.each(["its a VPS my friend rents for me, I think it's in Guangzhou?", '我们的服务器应该在杭州？', 'probably yes? we have not picked the CDN yet'])(
    'does not take a question mark alone for a question: %s',
    (text) => {
      expect(asksInWords(text)).toBe(false);
    },
  );

  it.each(['is Shenzhen ok for the server?', '服务器放深圳可以吗', 'I think it is in Guangzhou, which province is that?'])('takes a question word or particle for one: %s', (text) => {
    expect(asksInWords(text)).toBe(true);
  });
});

describe('asksEitherOr', () => {
  it.each([
    'is a personal filing enough or do we need a company one?',
    'should the filing go through aliyun or tencent?',
    'Do we register the domain first or the server first?',
    '域名先买还是服务器先买？',
    '用公司名义还是个人名义备案呢',
    // "…, or …?" after a clause that asks, and 是…还是 whatever follows.
    'can a sole trader file as a person, or must it file as a business?',
    '是个人备案就行还是得用公司备案？',
  ])('weighs one thing against another: %s', (text) => {
    expect(asksEitherOr(text)).toBe(true);
  });

  it.each([
    // A yes-or-no question put with "or not", or with "or" in a condition.
    'is the public security filing compulsory or not?',
    'does my site need a filing when the server is in Tokyo or Seoul?',
    // Two things named before the verb: the question is whether they need it.
    'do shops or blogs need the public security filing too?',
    // "or" in a clause that asks nothing.
    'server in Tokyo or Seoul, do I need a filing?',
    // 还是 as "still", and a choice in a clause that does not ask.
    '换了服务器还是要重新备案吗',
    '我还是得去管局吗',
    '服务器在东京还是首尔，要备案吗',
    'do I need a filing?',
  ])('asks yes or no: %s', (text) => {
    expect(asksEitherOr(text)).toBe(false);
  });
});

describe('asksIfEnough', () => {
  it.each([
    'we charge members monthly. is an ICP filing enough?',
    'is the beian sufficient for a shop site?',
    '网站要收会员费，光有备案号行不行',
    '只有备案够不够？',
    '做个企业官网，备案就行吗',
  ])('asks whether one thing suffices: %s', (text) => {
    expect(asksIfEnough(text)).toBe(true);
  });

  it.each([
    'do I need the commercial licence for online payments?',
    'we have enough documents, how long does the filing take?',
    '需要办经营许可证吗',
    'enough',
    '行不行',
  ])('asks something else: %s', (text) => {
    expect(asksIfEnough(text)).toBe(false);
  });
});
