import { planMessage, shapeOf, type MessageShape } from '../../../src/nlu/plan';
import { sharedCore } from '../../helpers';
import type { Recognition } from '../../../src/nlu/recognizer';

function recognition(outcome: Recognition['outcome'], ids: string[] = []): Recognition {
  const candidates = ids.map((id, i) => ({ id, question: `question of ${id}`, score: 0.5 - i / 10 }));
  return { text: '', language: 'en', outcome, confidence: candidates[0]?.score ?? 0, candidates, ...(outcome === 'answer' ? { top: candidates[0] } : {}), corrections: [] };
}

/** Evidence for a recognition's first candidate, off the topic unless changed. */
function evidenceOf(r: Recognition): NonNullable<Recognition['evidence']> {
  const score = r.candidates[0]?.score ?? 0;
  return { language: 'en', score, index: score, classifier: score, lead: score, indexLead: 0, classifierLead: 0, explained: 0.5, keyShare: 0.5, corroborated: true, onTopic: false, corrected: 0, words: 4 };
}

/** A question about the filing itself ("do I need a filing?"): nothing besides the filing's names and its ask. */
const question: MessageShape = { aboutFiling: true, namesFiling: true, question: true, bare: true };

describe('planMessage', () => {
  it('asks the deciding fact of a filing question that the recognizer is unsure of, instead of "Did you mean…"', () => {
    const plan = planMessage(recognition('clarify', ['what-is-icp-filing', 'cdn']), { profile: {}, asks: 'filing-required' }, question);
    expect(plan).toMatchObject({ kind: 'situation', question: 'filing-required', decision: { kind: 'ask', field: 'hosting' } });
  });

  it('keeps "Did you mean…" for a question with words of its own, no case, and entries the rules do not read as the closest', () => {
    // "Can I use a lightweight application server for the ICP filing?": about servers, not about who may file.
    const topical: MessageShape = { ...question, bare: false };
    expect(planMessage(recognition('clarify', ['eligible-servers']), { profile: {}, asks: 'can-apply' }, topical).kind).toBe('clarify');
    // With a case stated, or a host named, it is about the case.
    expect(planMessage(recognition('clarify', ['eligible-servers']), { profile: { entityType: 'individual' }, asks: 'can-apply' }, topical).kind).toBe('situation');
    expect(planMessage(recognition('clarify', ['eligible-servers']), { profile: {}, asks: 'filing-required', hostingProviderId: 'alibaba-cloud' }, topical).kind).toBe('situation');
  });

  it('keeps "Did you mean…" when the question names a licence or permit but not the filing (it may be of another kind)', () => {
    const plan = planMessage(recognition('clarify', ['gaming-website']), { profile: {}, asks: 'filing-required' }, { ...question, namesFiling: false });
    expect(plan.kind).toBe('clarify');
  });

  it('starts the check when a message only says where the server is, even if an entry would answer it', () => {
    const statement: MessageShape = { aboutFiling: false, namesFiling: false, question: false };
    const plan = planMessage(recognition('answer', ['hosted-outside-mainland']), { profile: { hosting: 'outside-mainland' } }, statement);
    expect(plan).toEqual({ kind: 'check', profile: { hosting: 'outside-mainland' } });
  });

  it('answers a question about the server place with the entry when nothing is asked of the rules', () => {
    const plan = planMessage(recognition('answer', ['hosted-outside-mainland']), { profile: { hosting: 'outside-mainland' } }, question);
    expect(plan).toEqual({ kind: 'answer', entryId: 'hosted-outside-mainland' });
  });

  it('answers the one entry "Did you mean…" offers when the message speaks of filing and states a case', () => {
    const stated = { profile: { siteTypes: ['gaming' as const] }, asksHow: true };
    const licence: MessageShape = { ...question, namesFiling: false };
    // "how does a game website get the culture business permit?": the entry scores as an answer, only the topic was in doubt.
    expect(planMessage({ ...recognition('clarify', ['gaming-website']), sureButOffTopic: true }, stated, licence)).toEqual({ kind: 'answer', entryId: 'gaming-website' });
    // A filing word makes the recognizer find it on the topic.
    const onTopic = recognition('clarify', ['gaming-website']);
    expect(planMessage({ ...onTopic, evidence: { ...evidenceOf(onTopic), onTopic: true } }, stated, licence)).toEqual({ kind: 'answer', entryId: 'gaming-website' });
    // A licence named, a weak entry off the topic ("need a business licence for a cafe in Xiamen, how?"): "Did you mean…".
    const weak = recognition('clarify', ['company-documents']);
    const cafe = { profile: { entityType: 'mainland-organisation' as const, licenceProvince: 'fujian' as const }, asksHow: true };
    expect(planMessage({ ...weak, evidence: evidenceOf(weak) }, cafe, licence).kind).toBe('clarify');
  });

  it('gives the verdict, not the one entry "Did you mean…" offers, to a case with enough facts that asks to be guided', () => {
    // "games site for a Chengdu company, no culture permit yet. what do they need?"
    const stated = { profile: { entityType: 'mainland-organisation' as const, licenceProvince: 'sichuan' as const, siteTypes: ['gaming' as const], holdsInternetCultureBusinessPermit: false }, asksGuide: true };
    const plan = planMessage({ ...recognition('clarify', ['gaming-website']), sureButOffTopic: true }, stated, { ...question, namesFiling: false });
    expect(plan).toMatchObject({ kind: 'situation', question: 'can-apply', decision: { kind: 'verdict', verdict: { value: 'no' } } });
  });

  it('answers the one entry "Did you mean…" on the question clause offers, when the whole message leans the same way', () => {
    // "没备案网站上线会怎样？服务器在阿里云北京"
    const stated = { profile: { hosting: 'mainland' as const } };
    const unsure: MessageShape = { ...question, bare: false, clauseUnsure: recognition('clarify', ['without-filing']) };
    expect(planMessage(recognition('none', ['without-filing', 'cdn']), stated, unsure)).toEqual({ kind: 'answer', entryId: 'without-filing' });
    // The whole leans elsewhere, or no case is stated: still "Did you mean…".
    expect(planMessage(recognition('none', ['foreign-enterprise-requirements', 'without-filing']), stated, unsure).kind).toBe('clarify');
    expect(planMessage(recognition('none', ['without-filing']), { profile: {} }, unsure).kind).toBe('clarify');
  });

  it('keeps "Did you mean…" for one entry when the message states no case, or does not speak of filing', () => {
    expect(planMessage(recognition('clarify', ['gaming-website']), { profile: {} }, question).kind).toBe('clarify');
    const offTopic: MessageShape = { aboutFiling: false, namesFiling: false, question: true };
    expect(planMessage(recognition('clarify', ['filing-cost']), { profile: { entityType: 'mainland-organisation' } }, offTopic).kind).toBe('clarify');
  });

  it('takes a stated server and "is that ok?" as a question about filing, but not "where is …"', () => {
    const offTopic: MessageShape = { aboutFiling: false, namesFiling: false, question: true };
    expect(planMessage(recognition('none'), { profile: { hosting: 'outside-mainland' }, asks: 'can-apply' }, offTopic)).toMatchObject({ kind: 'situation', question: 'can-apply' });
    expect(planMessage(recognition('none'), { profile: { hosting: 'outside-mainland' }, asks: 'where' }, offTopic).kind).toBe('none');
  });

  it('takes a domain registered abroad and "is that okay?" as a question about filing', () => {
    const offTopic: MessageShape = { aboutFiling: false, namesFiling: false, question: true };
    expect(planMessage(recognition('clarify', ['foreign-registered-domain']), { profile: { domainRegisteredInMainland: false }, asks: 'can-apply' }, offTopic)).toMatchObject({ kind: 'situation', question: 'can-apply' });
  });

  it('asks the one fact left of a "where" question from someone who said who they are, rather than give the general entry', () => {
    const plan = planMessage(recognition('answer', ['which-province']), { profile: { entityType: 'individual' }, asks: 'where', asksWhich: true }, question);
    expect(plan).toMatchObject({ kind: 'situation', question: 'where', decision: { kind: 'ask', field: 'idProvince' } });
  });

  it('answers "can our host file it for us?" with who files, rather than ask who will own the filing', () => {
    // "can aliyun handle the beian for us? server is aliyun beijing"
    const profile = { hosting: 'mainland', hostingProvider: 'Alibaba Cloud', desiredFilingProvider: 'Alibaba Cloud', filesThroughHostingProvider: true } as const;
    const plan = planMessage(recognition('none'), { profile, asks: 'can-apply', hostingProviderId: 'alibaba-cloud' }, question);
    expect(plan).toMatchObject({ kind: 'situation', question: 'through', decision: { kind: 'verdict', verdict: { question: 'through', value: 'hosting-provider' } } });
  });

  it('answers a second question on the situation with the first: "who files and where?"', () => {
    const profile = { entityType: 'mainland-organisation', licenceProvince: 'sichuan', hosting: 'mainland' } as const;
    const plan = planMessage(recognition('none'), { profile, asks: 'where', asksAlso: 'through' }, question);
    expect(plan).toMatchObject({
      kind: 'situation',
      decision: { verdict: { question: 'where', value: 'sichuan' } },
      alsoDecision: { kind: 'verdict', verdict: { question: 'through', value: 'hosting-provider' } },
    });
    // Not when the first is a question back: one thing at a time.
    const unknown = planMessage(recognition('none'), { profile: { hosting: 'mainland' }, asks: 'where', asksAlso: 'through' }, question);
    expect(unknown).not.toHaveProperty('alsoDecision');
    // The check that asks it answers both.
    expect(unknown).toMatchObject({ decision: { kind: 'ask' }, alsoAsked: 'through' });
  });

  it('gives no entry for the second question when the rules answer it with the first', () => {
    // "去哪备案？备案谁来提交？": the second sentence alone is answered by an entry, but the verdict on through whom says it.
    const profile = { entityType: 'mainland-organisation', licenceProvince: 'sichuan', hosting: 'mainland' } as const;
    const plan = planMessage(recognition('none'), { profile, asks: 'where', asksAlso: 'through' }, { ...question, questionAnswers: ['app-filing-vs-website'] });
    expect(plan).toMatchObject({ kind: 'situation', alsoDecision: { kind: 'verdict' } });
    expect(plan).not.toHaveProperty('also');
  });

  it('keeps "can we?" when the case settles it or the host is not the provider asked about', () => {
    const settled = { entityType: 'individual', hosting: 'mainland', desiredFilingProvider: 'Alibaba Cloud', filesThroughHostingProvider: true } as const;
    expect(planMessage(recognition('none'), { profile: settled, asks: 'can-apply' }, question)).toMatchObject({ decision: { verdict: { question: 'can-apply', value: 'yes' } } });
    const elsewhere = { hosting: 'mainland', hostingProvider: 'Huawei Cloud', desiredFilingProvider: 'Alibaba Cloud', filesThroughHostingProvider: false } as const;
    expect(planMessage(recognition('none'), { profile: elsewhere, asks: 'can-apply' }, question)).toMatchObject({ decision: { verdict: { question: 'can-apply', value: 'no' } } });
  });

  it('answers "can I?" by the entry its question clause names in words of its own, when the case settles "yes"', () => {
    // "不会中文能备案吗？我是住在上海的美国人，做个人博客": the whole finds nothing, its first clause the entry on filing in Chinese.
    const profile = { entityType: 'individual', residenceProvince: 'shanghai', hosting: 'mainland' } as const;
    const clause = recognition('answer', ['filing-in-chinese']);
    const ownWords: MessageShape = { ...question, bare: false, questionClauseAnswer: clause, clauseAnswer: clause };
    expect(planMessage(recognition('none'), { profile, asks: 'can-apply' }, ownWords)).toEqual({ kind: 'answer', entryId: 'filing-in-chinese' });
    // Only the message without the case finds it, not its question clause in its own words: the verdict.
    const notTheClause: MessageShape = { ...ownWords, questionClauseAnswer: undefined };
    expect(planMessage(recognition('none'), { profile, asks: 'can-apply' }, notTheClause)).toMatchObject({ kind: 'situation', decision: { verdict: { value: 'yes' } } });
  });

  it('gives the entry to "can I file where I live?" from someone who said who they are: it asks whether, not which', () => {
    const plan = planMessage(recognition('answer', ['remote-personal-filing']), { profile: { entityType: 'individual' }, asks: 'where' }, question);
    expect(plan).toEqual({ kind: 'answer', entryId: 'remote-personal-filing' });
  });

  it('answers the candidate that the rules cite for a telling stated fact when the recognizer is unsure', () => {
    // "our Guangzhou company has 4 websites, how do we file them together?"
    const stated = { profile: { entityType: 'mainland-organisation' as const, licenceProvince: 'guangdong' as const, numberOfSites: 4 }, asksHow: true };
    expect(planMessage(recognition('none', ['look-up-icp-number', 'multiple-websites', 'cdn']), stated, question)).toEqual({ kind: 'answer', entryId: 'multiple-websites' });
  });

  it('takes the one cited entry the recognizer does not offer only when asked how', () => {
    // "I have 3 personal sites on one Tencent Cloud server in Chengdu. how do I file them all in one go?"
    const how = { profile: { numberOfSites: 3, entityType: 'individual' as const, hosting: 'mainland' as const }, asksHow: true };
    expect(planMessage(recognition('none', ['other-provider-server', 'cdn', 'filing-cost']), how, question)).toEqual({ kind: 'answer', entryId: 'multiple-websites' });
  });

  it('does not take a cited entry for a message not about filing that the recognizer finds nothing for', () => {
    // "How do I configure health checks on my load balancer?": a load balancer stated, running it asked.
    const balancer = { profile: { usesLoadBalancer: true }, asksHow: true };
    const notFiling: MessageShape = { ...question, aboutFiling: false, namesFiling: false };
    expect(planMessage(recognition('none', ['server-load-balancer']), balancer, notFiling).kind).toBe('none');
    // About filing, it is taken ("we use a load balancer, how do we file?").
    expect(planMessage(recognition('none', ['server-load-balancer']), balancer, question)).toEqual({ kind: 'answer', entryId: 'server-load-balancer' });
  });

  it('does not take a cited entry the recognizer does not offer for a question that is not how, nor one for a question the rules settle', () => {
    const sites = { profile: { numberOfSites: 4 } };
    expect(planMessage(recognition('none', ['look-up-icp-number', 'cdn', 'filing-cost', 'multiple-websites']), sites, question).kind).toBe('none');
    // "3 sites on a Shanghai server, do we need a filing?" asks the rules.
    const asked = { profile: { numberOfSites: 3, hosting: 'mainland' as const }, asks: 'filing-required' as const };
    expect(planMessage(recognition('clarify', ['multiple-websites']), asked, question)).toMatchObject({ kind: 'situation', question: 'filing-required' });
  });

  it('asks the one deciding fact of someone who described a case, even when an entry would answer the words', () => {
    // "My company is in Hong Kong and we want a server in Shanghai. Can we get ICP?"
    const stated = { profile: { entityType: 'foreign-enterprise' as const, hosting: 'mainland' as const }, asks: 'can-apply' as const };
    expect(planMessage(recognition('answer', ['hosted-outside-mainland']), stated, question)).toMatchObject({ kind: 'situation', decision: { kind: 'ask', field: 'foreignPresence' } });
    // One fact is a topic more than a case: the entry answers "can a foreign company apply?".
    const oneFact = { profile: { entityType: 'foreign-enterprise' as const }, asks: 'can-apply' as const };
    expect(planMessage(recognition('answer', ['organization-outside-mainland']), oneFact, question)).toEqual({ kind: 'answer', entryId: 'organization-outside-mainland' });
  });

  it('does not ask about the site for a licence named with no case and no filing: it may be of another regulation', () => {
    const licence: MessageShape = { aboutFiling: true, namesFiling: false, question: true };
    // "do i need a food business licence to sell snacks online"
    expect(planMessage(recognition('none', ['gaming-website']), { profile: {}, asks: 'filing-required' }, licence).kind).toBe('none');
    // "Do I need other permits?" asks besides the filing.
    expect(planMessage(recognition('none', ['pre-approval-industries']), { profile: {}, asks: 'permits', asksBesides: true }, licence)).toMatchObject({
      kind: 'situation',
      decision: { kind: 'ask', field: 'siteTypes' },
    });
  });

  it("answers a message's question clause when the facts around it leave the whole unanswered", () => {
    // "京东云的服务器，我们是郑州的个体户，备案要多少钱"
    const stated = { profile: { entityType: 'mainland-organisation' as const, licenceProvince: 'henan' as const } };
    const shape = { ...question, clauseAnswer: recognition('answer', ['filing-cost']) };
    expect(planMessage(recognition('none', ['company-documents']), stated, shape)).toEqual({ kind: 'answer', entryId: 'filing-cost' });
    // …but not one that asks what the rules settle: "which province for the beian? server is aliyun cn-hangzhou".
    const asked = { profile: { hosting: 'mainland' as const }, asks: 'where' as const };
    expect(planMessage(recognition('none'), asked, { ...question, clauseAnswer: recognition('answer', ['which-province']) })).toMatchObject({ kind: 'situation' });
  });

  it('answers an entry on another topic than the rules settle, even for someone who described a case', () => {
    // "小程序也要备案吗？我们是佛山的公司": mini programs are no question the rules answer for a case.
    const stated = { profile: { entityType: 'mainland-organisation' as const, licenceProvince: 'guangdong' as const }, asks: 'filing-required' as const };
    expect(planMessage(recognition('answer', ['mini-program-filing']), stated, question)).toEqual({ kind: 'answer', entryId: 'mini-program-filing' });
  });

  it('asks the deciding fact rather than give an entry that only the words of the case chose', () => {
    const stated = { profile: { entityType: 'individual' as const }, asks: 'filing-required' as const };
    const chosenByCase = planMessage(recognition('answer', ['individual-documents']), stated, { ...question, answersWithoutCase: () => false });
    expect(chosenByCase).toMatchObject({ kind: 'situation', question: 'filing-required', decision: { kind: 'ask', field: 'hosting' } });
    const chosenByQuestion = planMessage(recognition('answer', ['individual-documents']), stated, { ...question, answersWithoutCase: (id) => id === 'individual-documents' });
    expect(chosenByQuestion).toEqual({ kind: 'answer', entryId: 'individual-documents' });
  });

  it('answers with the entry on a thing the rules do not read rather than their bare "yes", but says their "no"', () => {
    const company = { entityType: 'mainland-organisation' as const, hosting: 'mainland' as const, licenceProvince: 'jiangsu' as const };
    const account = recognition('answer', ['filing-account-vs-server-account']);
    expect(planMessage(account, { profile: company, asks: 'can-apply' }, question)).toEqual({ kind: 'answer', entryId: 'filing-account-vs-server-account' });
    // A bare "yes" for an entry the rules cite is theirs to give.
    expect(planMessage(recognition('answer', ['which-province']), { profile: company, asks: 'can-apply' }, question)).toMatchObject({ kind: 'situation', question: 'can-apply' });
    const foreign = { entityType: 'foreign-enterprise' as const, hosting: 'mainland' as const, foreignPresence: 'none' as const };
    expect(planMessage(account, { profile: foreign, asks: 'can-apply' }, question)).toMatchObject({ kind: 'situation', decision: { kind: 'verdict', verdict: { value: 'no' } } });
  });

  it('says the rules\' "yes" when a host\'s name chose the entry answered outright, though the case\'s other words may choose one', () => {
    // "个人能备案吗？我在上海，服务器买的阿里云华东2": the entry on which servers qualify is chosen by the server's provider.
    const individual = { entityType: 'individual' as const, hosting: 'mainland' as const, residenceProvince: 'shanghai' as const };
    const servers = recognition('answer', ['eligible-servers']);
    const byHost: MessageShape = { ...question, answersWithoutCase: () => false, answersWithoutHosts: () => false };
    expect(planMessage(servers, { profile: individual, asks: 'can-apply', hostingProviderId: 'alibaba-cloud' }, byHost)).toMatchObject({
      kind: 'situation',
      question: 'can-apply',
      decision: { kind: 'verdict', verdict: { value: 'yes' } },
    });
    // Chosen by the case's other words, which are the question's too ("filed as an individual, can I switch it to my company?"): the entry.
    const byCase: MessageShape = { ...question, answersWithoutCase: () => false, answersWithoutHosts: () => true };
    expect(planMessage(servers, { profile: individual, asks: 'can-apply' }, byCase)).toEqual({ kind: 'answer', entryId: 'eligible-servers' });
  });

  describe('with the knowledge base', () => {
    const core = sharedCore();
    const plan = (text: string, language: 'en' | 'zh-CN') => {
      const recognized = core.recognizer.recognize(text, language);
      const shape = shapeOf(text, language, core.recognizer, core.knowledge, recognized, undefined, (t, only) => core.facts.withoutCase(t, only));
      return planMessage(recognized, core.facts.read(text), shape);
    };

    it.each([
      ['zh-CN', '我可以备案吗', true],
      ['en', 'am I allowed to file?', true],
      ['en', 'Can I use a lightweight application server for the ICP filing?', false],
      ['zh-CN', '用OSS绑定自己的域名要备案吗', false],
    ] as const)('says whether a question has words of its own besides the filing (%s): %s', (language, text, bare) => {
      expect(shapeOf(text, language, core.recognizer, core.knowledge).bare).toBe(bare);
    });

    it('finds the answer of the question clause in its own words when the whole message is unsure; the Chinese answer threshold answers the whole', () => {
      const text = '不会中文能备案吗？我是住在上海的美国人，做个人博客';
      // Scored 0.39 with the entry on filing in Chinese: below the answer threshold, at the Chinese one for seven words.
      const plain = core.recognizer.withThresholds({ answer: 0.4, clarify: 0.3, margin: 0.125 });
      const unsure = plain.recognize(text, 'zh-CN');
      expect(unsure.outcome).toBe('clarify');
      const shape = shapeOf(text, 'zh-CN', plain, core.knowledge, unsure, undefined, (t, only) => core.facts.withoutCase(t, only));
      expect(shape.questionClauseAnswer?.top?.id).toBe('filing-in-chinese');
      expect(core.recognizer.recognize(text, 'zh-CN')).toMatchObject({ outcome: 'answer', top: { id: 'filing-in-chinese' } });
      expect(plan(text, 'zh-CN')).toEqual({ kind: 'answer', entryId: 'filing-in-chinese' });
    });

    it.each([
      ['en', "Our Shanghai-registered company wants to call its site 'China Steel Portal'. Is that name allowed in the filing?", 'website-name-rules'],
      // Chosen by a word of the case (个人), or about the filing itself (能申请备案吗): none.
      ['zh-CN', '香港居民，个人网站放腾讯云广州，可以个人备案吗', undefined],
      ['zh-CN', '北京公司，做网游，文网文已经有了，服务器在百度智能云，能申请备案吗', undefined],
      // A last clause that asks only whether it is normal asks about the clauses before it; one with words of its own does not.
      ['en', "the filing is with the administration now and I can't edit anything, is that normal?", 'change-after-submission'],
      ['zh-CN', '备案已经到管局了，还要等多久', undefined],
    ] as const)('finds the answer of the question clause in its own words (%s): %s', (language, text, entryId) => {
      const recognized = core.recognizer.recognize(text, language);
      const shape = shapeOf(text, language, core.recognizer, core.knowledge, recognized, undefined, (t, only) => core.facts.withoutCase(t, only));
      expect(shape.questionClauseAnswer?.top?.id).toBe(entryId);
    });

    it.each([
      ['en', 'we are a US company', { entityType: 'foreign-enterprise' }],
      ['en', "we're a small US startup", { entityType: 'foreign-enterprise' }],
      ['zh-CN', '我们是美国公司', { entityType: 'foreign-enterprise' }],
      ['zh-CN', '我是个人', { entityType: 'individual' }],
    ] as const)('starts the check from who will own the filing, said and little else (%s): %s', (language, text, profile) => {
      expect(plan(text, language)).toEqual({ kind: 'check', profile });
    });

    it.each([
      ['zh-CN', '我们是美国公司，想做个中文网站'],
      ['en', 'we are a US company and want a Chinese website'],
    ] as const)('starts the check for an owner who wishes for a site for China (%s): %s', (language, text) => {
      expect(plan(text, language)).toEqual({ kind: 'check', profile: { entityType: 'foreign-enterprise' } });
    });

    it.each([['en', 'we have no company or office in China and want a Chinese website']] as const)(
      'guides an owner told by what it has in the mainland, who wishes for a site for China (%s): %s',
      (language, text) => {
        // Nothing in the mainland: the rules already close whether one can apply (not as things stand).
        expect(plan(text, language)).toMatchObject({ kind: 'situation', question: 'can-apply', decision: { kind: 'verdict', verdict: { value: 'no' } }, profile: { foreignPresence: 'none' } });
      },
    );

    it('answers an owner who asks to be guided for a thing that is not a website with the entry on that thing', () => {
      // A tester's message started the check of a website ("Where is the server that hosts your website?").
      expect(plan("my company is in hk and we want to open a wechat mini program, what's the process?", 'en')).toEqual({ kind: 'answer', entryId: 'mini-program-filing' });
      expect(plan("my company is in hk and we want a website for Chinese customers, what's the process?", 'en')).toMatchObject({ kind: 'check' });
    });

    it.each(['我们在国内没有公司，也没有办事处，想做个中文网站', '没有国内公司，也没有办事处，想做个中文网站'])(
      'starts the check for a foreign company with nothing in the mainland, who wishes for a site for China: %s',
      (text) => {
        // "No company in China" says a foreign company as well, as an owner who says what it is and wishes for a site starts the check.
        expect(plan(text, 'zh-CN')).toEqual({ kind: 'check', profile: { entityType: 'foreign-enterprise', foreignPresence: 'none' } });
      },
    );

    it.each([
      ['en', "I'm building an online course platform, we're a startup based in Berlin", { entityType: 'foreign-enterprise' }],
      ['zh-CN', '我们是德国公司，正在搭建一个在线教育平台', { entityType: 'foreign-enterprise', numberOfSites: 1 }],
    ] as const)('starts the check for an owner who tells of a site being built (%s): %s', (language, text, profile) => {
      expect(plan(text, language)).toEqual({ kind: 'check', profile });
    });

    it.each([
      ['en', "we're building a team in Berlin, we are a German company"],
      ['en', "we are a German company and we're developing a new product line for Europe"],
      ['zh-CN', '我们是德国公司，正在搭建销售团队'],
    ] as const)('does not start the check for something else being built (%s): %s', (language, text) => {
      expect(plan(text, language).kind).not.toBe('check');
    });

    it.each([
      ['zh-CN', '想做个中文网站，需要备案吗'],
      ['en', 'we want a chinese website, do we need icp?'],
    ] as const)('asks whether a filing is needed of a site for China wished for, not whether one must read Chinese (%s): %s', (language, text) => {
      expect(plan(text, language)).toMatchObject({ kind: 'situation', question: 'filing-required', decision: { kind: 'ask', field: 'hosting' } });
    });

    it('still answers whether one must read Chinese, asked beside the wish', () => {
      expect(plan('想做个中文网站，办备案需要会中文吗', 'zh-CN')).toEqual({ kind: 'answer', entryId: 'filing-in-chinese' });
    });

    it.each([
      ['en', "We're a German GmbH and want a site for Chinese customers", { entityType: 'foreign-enterprise' }],
      ['en', "I'm a freelancer in Berlin and I'd like a portfolio site that works in China", { entityType: 'individual', siteTypes: ['general'], livesOutsideMainland: true }],
      ['zh-CN', '我们是日本公司，打算做个网站卖东西给中国人', { entityType: 'foreign-enterprise' }],
    ] as const)('starts the check for an owner who wishes for a site in words of its own (%s): %s', (language, text, profile) => {
      expect(plan(text, language)).toEqual({ kind: 'check', profile });
    });

    it('answers the question of a message that also wishes for a site for China', () => {
      expect(plan('we want a Chinese website, how long does the filing take?', 'en')).toEqual({ kind: 'answer', entryId: 'filing-duration' });
    });

    it.each([
      // Words beside the case: about something else.
      ['en', 'I need a VAT invoice with our company tax number on it'],
      ['zh-CN', '想找销售谈一下企业折扣'],
      // A company with no place or form is read as a mainland one, which the user did not say.
      ['en', 'we are a company'],
    ] as const)('does not start the check from an owner said beside other words, or read by default (%s): %s', (language, text) => {
      expect(plan(text, language).kind).not.toBe('check');
    });

    it.each([
      ['zh-CN', '个人备案不想要了，在哪里操作注销', 'cancel-filing'],
      ['zh-CN', '我是个人，去哪里注销备案', 'cancel-filing'],
    ] as const)('answers where a filing one has is cancelled with its entry, not with where to file (%s): %s', (language, text, entryId) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId });
    });

    it.each([
      ['en', 'we are a limited company in Xiamen with a server on Tencent Cloud, what documents do we need for the filing?', 'company-documents'],
      ['en', 'I am filing as a private person, server in Chengdu. What documents do I need for the filing?', 'individual-documents'],
      ['zh-CN', '我们是厦门的有限公司，服务器在腾讯云，备案需要哪些材料？', 'company-documents'],
      ['zh-CN', '我是个人，服务器在成都，备案要准备什么材料？', 'individual-documents'],
    ] as const)('answers "what documents?" (%s) with the entry for whom the case says: %s', (language, text, entryId) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId });
    });

    it.each([
      ['en', 'our company moved from Shanghai to Hangzhou, what happens to our beian?'],
      ['en', 'we relocated the business from Chengdu to Chongqing last month, what do we do about the ICP filing?'],
      ['zh-CN', '公司从上海搬到杭州了，备案怎么办'],
      ['zh-CN', '我们公司从南京迁到了合肥，之前的备案怎么处理'],
    ] as const)('answers a filing after a move to another province (%s) with the entry on moving a filing across provinces: %s', (language, text) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId: 'change-filing-province' });
    });

    it.each([
      ['en', 'we had our beian with Alibaba Cloud and are now switching to Huawei Cloud Guangzhou, what do we do with the filing?'],
      ['en', "our site is filed with Tencent Cloud, we're moving to Aliyun Shanghai next month - do we need to file again?"],
      ['zh-CN', '网站之前在腾讯云备过案，现在要换到阿里云，备案要怎么处理'],
    ] as const)('answers a filed site moving to another provider (%s) with the entry on transferring the filing: %s', (language, text) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId: 'transfer-filing-new-provider' });
    });

    it.each([
      ['en', 'my company already has an ICP number for our shop, now we want another website for our blog. do we need to file again?'],
      ['zh-CN', '宁波的公司，主站已经备案了，又买了个新域名，咋加到现有备案里'],
    ] as const)('answers a filer with a filing adding a site (%s) with the entry on adding a website: %s', (language, text) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId: 'add-website-to-filing' });
    });

    it.each([
      ['en', "I'm 17 and want to start a blog on Tencent Cloud, can I file?"],
      ['en', 'Can a minor apply for a personal beian, or do the parents have to do it?'],
      ['zh-CN', '我今年15岁，想给自己的博客备案，可以吗'],
    ] as const)('answers a person under 18 asking about the filing (%s) with the entry on minors: %s', (language, text) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId: 'minor-filing' });
    });

    it.each([
      ['en', "my friend registered the domain in his name for me, I'm filing as an individual. can I still file?", 'domain-holder-match'],
      ['zh-CN', '域名在我老婆名下，我用自己的身份证备案可以吗', 'domain-holder-match'],
      ['en', 'company in Xi an, but our phone numbers are from a different province. can we file?', 'phone-number-requirements'],
      ['zh-CN', '个人备案，身份证是山西的，手机号是外省的，可以吗', 'phone-number-requirements'],
    ] as const)('answers a domain held by another or a phone number from elsewhere (%s) with its entry: %s', (language, text, entryId) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId });
    });

    it.each([
      ['en', 'is the international site billed in US dollars'],
      ['zh-CN', '国际站是用美元结算吗'],
      ['en', 'we moved from Shanghai to Hangzhou, any good restaurants there?'],
      ['en', 'Do I need a work permit to work in Shanghai?'],
      ['en', 'does my company need a food business licence to open a restaurant in Hangzhou?'],
    ] as const)('does not answer a question on another topic (%s) because it states such a fact: %s', (language, text) => {
      expect(['none', 'clarify', 'intent']).toContain(plan(text, language).kind);
    });

    it.each([
      ['en', 'can my site stay online while the filing is being processed?'],
      ['en', 'our website is under review, can we keep it open?'],
      ['en', 'Our beian is pending. Can the shop be online meanwhile?'],
      ['zh-CN', '备案期间网站能不能先开着'],
      ['zh-CN', '网站在审核期间，能不能先让客户访问'],
    ] as const)(
      'answers whether the site may be open while an application is in progress (%s) with the entry the caveat on it cites, not the in-progress entries: %s',
      (language, text) => {
        expect(plan(text, language)).toEqual({ kind: 'answer', entryId: 'without-filing' });
      },
    );

    it.each([
      ['en', 'while the change to our filing is being reviewed, can the site stay online?'],
      ['en', 'our filing update is under review, can the website stay open?'],
    ] as const)('does not answer it so while a change to a filing is reviewed (%s), when the site keeps its filing: %s', (language, text) => {
      expect(plan(text, language)).not.toEqual({ kind: 'answer', entryId: 'without-filing' });
    });

    it.each([
      ['zh-CN', '网站放在AWS宁夏区域，备案找谁办'],
      ['en', 'who files the icp for a site on AWS Beijing?'],
    ] as const)('sends the entry on a host that has one with the verdict on a site it hosts (%s): %s', (language, text) => {
      expect(plan(text, language)).toMatchObject({ kind: 'situation', decision: { kind: 'verdict' }, also: 'aws-china-filing' });
    });

    it.each([
      ['en', 'got a .app domain from a registrar in the US, can I file with it?'],
      ['zh-CN', '域名是国外买的.xyz后缀，可以备案吗'],
    ] as const)('sends the entry on suffixes with a verdict on a case that names its domain suffix (%s): %s', (language, text) => {
      expect(plan(text, language)).toMatchObject({ kind: 'situation', decision: { kind: 'verdict' }, also: 'domain-suffix' });
    });

    it('sends the entry on suffixes with an entry that answers whether a domain named by its suffix can be filed', () => {
      expect(plan('我的域名是.me结尾的，在国外买的，还能备案吗', 'zh-CN')).toMatchObject({ kind: 'answer', entryId: 'foreign-registered-domain', also: 'domain-suffix' });
    });

    it('sends no entry on suffixes with an entry that answers another question than whether one can file', () => {
      const got = plan('我们的.cn域名，备案要多久', 'zh-CN');
      expect(got).toMatchObject({ kind: 'answer' });
      expect(got).not.toMatchObject({ also: 'domain-suffix' });
    });

    it('sends no entry on suffixes for a domain named whole', () => {
      expect(plan('example.app was bought from a US registrar, can I file with it?', 'en')).not.toMatchObject({ also: 'domain-suffix' });
    });

    it('offers the entries on another question rather than asking a fact for a "can I?" they do not answer', () => {
      expect(plan('can I use the same ICP number for two domains?', 'en')).toMatchObject({ kind: 'clarify' });
      // A case told with it is still asked what decides it.
      expect(plan('can I file? I am an individual', 'en')).not.toMatchObject({ kind: 'clarify' });
    });

    it.each([
      ['en', 'is it possible to file before buying the server?', 'prerequisites'],
      ['zh-CN', '能不能先备案再买服务器', 'prerequisites'],
    ] as const)('offers the entries for a "can I?" that states no case (%s), not who will own the filing: %s', (language, text, entryId) => {
      expect(plan(text, language)).toMatchObject({ kind: 'clarify', candidates: expect.arrayContaining([expect.objectContaining({ id: entryId })]) });
    });

    it('still asks who files for a bare "can I file?"', () => {
      expect(plan('can I file?', 'en')).toMatchObject({ kind: 'situation', decision: { kind: 'ask', field: 'entityType' } });
    });

    it('leaves keeping a site open with no application in progress to the recognizer', () => {
      expect(plan('can I keep my site running after I move to a new hosting provider?', 'en')).not.toEqual({ kind: 'answer', entryId: 'without-filing' });
    });

    it('answers who does something else than file with the entry on it, and who files for a host with the verdict', () => {
      expect(plan('we are a company in Wuhan. who has to submit the change to our filing details?', 'en')).toEqual({
        kind: 'answer',
        entryId: 'change-filing-information',
      });
      expect(plan('who files the icp for a site on AWS Beijing, AWS or us?', 'en')).toMatchObject({ kind: 'situation', question: 'through', decision: { kind: 'verdict' } });
    });

    it('answers "do we need a new filing?" after a move to another province with the entry on moving a filing', () => {
      expect(plan('our company moved from Shanghai to Hangzhou, do we need a new ICP filing?', 'en')).toEqual({ kind: 'answer', entryId: 'change-filing-province' });
    });

    it('answers "where?" after such a move with the province moved to', () => {
      expect(plan('our company moved from Shanghai to Hangzhou, where do we file now?', 'en')).toMatchObject({
        kind: 'situation',
        decision: { kind: 'verdict', verdict: { question: 'where', value: 'zhejiang' } },
      });
    });

    it.each([
      ['en', 'does my app need icp? solo developer in nanjing, backend on tencent cloud', 'app-filing'],
      ['zh-CN', '杭州的公司，安卓App后台在阿里云北京，App本身也要备案吗', 'app-filing'],
      ['zh-CN', 'app要备案吗？我是个人开发者，后端在腾讯云', 'app-filing'],
      // A quick app is filed as a mini program is: not an app of the app entry's own words.
      ['en', 'do quick apps need icp too? solo developer in wuhan', 'mini-program-filing'],
      ['zh-CN', '公司做了个快应用，也要备案吗', 'mini-program-filing'],
      // The commercial licence is not the filing the rules decide on.
      ['en', 'we are a Korean company with just an office in Qingdao, is it possible to obtain a commercial licence that way?', 'physical-office'],
      // A domain bound to a cloud product is asked about that product, which an entry names.
      ['en', 'do we need an icp filing to point our domain at an API gateway in the Hangzhou region?', 'api-gateway-custom-domain'],
      ['en', 'do i need an icp number for a custom domain on my COS bucket in the chengdu region', 'object-storage-custom-domain'],
      ['zh-CN', '腾讯云广州的API网关绑定自定义域名要备案吗', 'api-gateway-custom-domain'],
    ] as const)('answers a question about an app (%s) with the entry that names it, not the rules for websites: %s', (language, text, entryId) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId });
    });

    it.each([
      ['en', 'what is an icp filing', 'what-is-icp-filing'],
      ['en', 'ucloud cn-sh2 region. what even is beian', 'what-is-icp-filing'],
      ['en', 'what does icp mean', 'what-is-icp-filing'],
      ['zh-CN', 'ICP备案是啥意思', 'what-is-icp-filing'],
      // A definition of something else than the filing itself is the recognizer's to find.
      ['en', 'what is a public security filing', 'public-security-filing'],
      ['en', 'what is the icp filing process', 'filing-process'],
      // The term quoted, when the question only points at it; and not an entry defining more than the filing.
      ['en', 'our agency keeps mentioning "beian" for the launch, what does it mean?', 'what-is-icp-filing'],
      ['en', "my provider sent me an 'authorization code' for the filing, what is that?", 'authorization-code'],
      // The filing named in another clause, when nothing else in the message is close to an entry.
      ['zh-CN', '刚注册了个体户（在清远），老听人说ICP备案，这到底是个啥', 'what-is-icp-filing'],
      ['zh-CN', 'ICP备案是个啥', 'what-is-icp-filing'],
      ['en', 'I keep hearing about ICP registration for Chinese websites. What is it exactly?', 'what-is-icp-filing'],
      // Not when "this" points at something else, nor "what does that mean?" after what happened.
      ['zh-CN', '收到12381的短信，说是我们九江公司的备案核验，这是什么，要多久内完成', 'sms-verification'],
    ] as const)('answers "what is …?" (%s) of the filing itself with the entry that says what it is: %s', (language, text, entryId) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId });
    });

    it('answers each of several questions asked one after another', () => {
      expect(plan('how long does it take? how much does it cost?', 'en')).toEqual({ kind: 'answer', entryId: 'filing-duration', also: 'filing-cost' });
      expect(plan('我们是深圳的公司，网站在阿里云深圳，要备案吗？要多久？', 'zh-CN')).toMatchObject({ kind: 'situation', also: 'filing-duration' });
      // One question gets one answer; an entry the verdict already rests on is not sent again.
      expect(plan('do I need a filing? server in Beijing?', 'en')).not.toHaveProperty('also');
    });

    it('answers each of two questions asked within one question, joined by "and" or a comma', () => {
      expect(plan('how long will the review take and what will it cost us?', 'en')).toMatchObject({ kind: 'answer', also: 'filing-cost' });
      // "and" before a verb that opens a question, and a question after a statement of the case.
      expect(plan('How long does the filing take and does it cost anything?', 'en')).toMatchObject({ kind: 'answer', entryId: 'filing-cost', also: 'filing-duration' });
      expect(plan('We host our site on Alibaba Cloud Beijing. How long does the filing take and is it free?', 'en')).toEqual({ kind: 'answer', entryId: 'filing-duration', also: 'filing-cost' });
      expect(plan('我们是南京的公司，服务器在阿里云南京，需要备案吗，大概多久能下来', 'zh-CN')).toMatchObject({ kind: 'situation', also: 'filing-duration' });
      // A message that is not about filing is not taken apart: its short parts would be answered out of context.
      expect(plan('how do we open a bank account for our shanghai office, which forms', 'en')).not.toHaveProperty('also');
    });

    it('answers a short second part the guard does not corroborate when the whole message leans to its entry and it is sure of it', () => {
      // 花钱 is in few of the cost entry's phrasings, so 要花钱吗 alone is not corroborated; it scores far ahead of every other entry.
      expect(plan('ICP备案需要多长时间，要花钱吗', 'zh-CN')).toEqual({ kind: 'answer', entryId: 'filing-duration', also: 'filing-cost' });
    });

    it.each([
      ['zh-CN', '一般多久能下来？要花钱吗'],
      ['en', 'how long does it take? does it cost anything'],
    ] as const)('answers the last of several questions though it has no question mark (%s): %s', (language, text) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId: 'filing-duration', also: 'filing-cost' });
    });

    it('after an answer, also answers a second question the rules cite entries for', () => {
      // The rules cite the prerequisites for a case; after an FAQ answer, not a verdict, that is still the second answer.
      // (要准备什么 alone is now as close to the entry on documents as to the prerequisites: "Did you mean…", no second answer.)
      expect(plan('备案一般要多久？开始之前需要具备什么条件？', 'zh-CN')).toMatchObject({ kind: 'answer', entryId: 'filing-duration', also: 'prerequisites' });
    });

    it.each([
      ['en', 'how do we go about filing?'],
      ['en', 'how does one apply for an ICP filing'],
      ['en', "our company is in Chengdu, what's the procedure for filing?"],
      ['zh-CN', '如何申请ICP备案'],
      ['zh-CN', '我们公司在苏州，备案要怎么操作'],
    ] as const)('answers "how do I file?" (%s) with the steps, not with what the filing is: %s', (language, text) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId: 'filing-process' });
    });

    it('offers "Did you mean…" on the question clause when the whole message finds nothing', () => {
      const planned = plan('我们是宁波的小公司，服务器在华为云，不备案会咋样', 'zh-CN');
      expect(planned.kind).toBe('clarify');
      expect(planned.kind === 'clarify' && planned.candidates.map((c) => c.id)).toContain('without-filing');
      // A clause close to no entry leaves the fallback.
      expect(plan('我们公司在宁波，服务器在华为云，今天天气怎么样', 'zh-CN')).toEqual({ kind: 'none' });
    });

    it('offers "Did you mean…" on the question without its host when the host\'s name alone made the recognizer give up', () => {
      const planned = plan('阿里云备案审核要几天', 'zh-CN');
      expect(planned.kind).toBe('clarify');
      expect(planned.kind === 'clarify' && planned.candidates.map((c) => c.id)).toEqual(expect.arrayContaining(['administration-review', 'filing-duration']));
      // Without the host, a question on nothing the entries hold still gets the fallback.
      expect(plan('阿里云今天天气怎么样', 'zh-CN')).toEqual({ kind: 'none' });
    });

    it('asks where the server is rather than answer with an entry chosen by the host\'s name alone', () => {
      expect(plan('买了台腾讯云服务器，要不要备案', 'zh-CN')).toMatchObject({ kind: 'situation', question: 'filing-required', decision: { kind: 'ask', field: 'hosting' } });
      // An entry the question answers without the host's name still answers.
      expect(plan('how long does the filing take on Tencent Cloud?', 'en')).toMatchObject({ kind: 'answer' });
    });

    it('answers the one sentence that asks, with its own clauses, among sentences that tell', () => {
      expect(plan("About the authenticity form, who signs it? We're a company in Suzhou. Server on Aliyun.", 'en')).toEqual({ kind: 'answer', entryId: 'authenticity-form' });
      expect(plan('备案号，挂在网页什么位置？公司在杭州。服务器阿里云', 'zh-CN')).toEqual({ kind: 'answer', entryId: 'display-icp-number' });
    });

    it('does not answer a question clause that points back to the clause before it on its own', () => {
      // "will that affect the beian?" alone would be any entry on what affects a filing.
      const planned = plan('we registered the domain at Gandi in France, will that affect the beian?', 'en');
      expect(planned.kind === 'answer' ? planned.entryId : 'not answered').toMatch(/^(?:foreign-registered-domain|not answered)$/);
    });

    it.each([
      ['en', 'my VPS is on Tencent Cloud in Chengdu, can I do the filing?'],
      ['zh-CN', '服务器是腾讯云成都的，能申请备案吗'],
    ] as const)('asks the rules, not the entry a host\'s name alone chose (%s): %s', (language, text) => {
      // The entry on filing through Tencent without a Tencent server matches by "Tencent", a word of the case.
      expect(plan(text, language)).toMatchObject({ kind: 'situation', question: 'can-apply' });
    });

    it.each([
      ['en', "my photo blog sits on an Aliyun server in Qingdao, what's the deal with beian for me?"],
      ['zh-CN', '个人网站在腾讯云重庆，备案这块有啥说法'],
    ] as const)('guesses what a case needs when its question is one the bot cannot tell (%s): %s', (language, text) => {
      expect(plan(text, language)).toMatchObject({ kind: 'situation', question: 'filing-required', unasked: true });
    });

    it('does not guess without the server, which the rules need to say anything outright', () => {
      expect(plan("my photo blog is personal, what's the deal with beian for me?", 'en')).not.toHaveProperty('unasked');
    });

    it('does not guess whether a filing is needed for someone whose filing is done', () => {
      expect(plan('我们在成都的公司已经有备案号了，服务器在阿里云成都，备案这块还有啥说法', 'zh-CN')).not.toHaveProperty('unasked');
    });

    it.each([
      ['zh-CN', '公司在杭州，准备上线官网，服务器还没买，备案要怎么弄'],
      ['en', 'I keep a personal blog on Aliyun Hangzhou, how do I file it?'],
    ] as const)('answers "how do I file?" with the steps for a plain case with a general site (%s): %s', (language, text) => {
      expect(plan(text, language)).toEqual({ kind: 'answer', entryId: 'filing-process' });
    });

    it('leaves "how do we file?" of a case with more to it to that case', () => {
      expect(plan('we have two ECS behind a load balancer in Shenzhen, how do we file?', 'en')).toEqual({ kind: 'answer', entryId: 'server-load-balancer' });
      expect(plan("We're a Dutch B.V. with servers in Shanghai, how do we apply?", 'en')).not.toEqual({ kind: 'answer', entryId: 'filing-process' });
      // 怎么办 asks what to do now, not how filing is done.
      expect(plan('备案是在阿里云做的，现在要把服务器搬到华为云，备案怎么办', 'zh-CN')).not.toEqual({ kind: 'answer', entryId: 'filing-process' });
    });

    it.each([
      ['en', "we're a small Dutch company, want our site to load fast in China. what do we need to do?", { entityType: 'foreign-enterprise' }],
      ['en', 'I want to launch a website for Chinese customers, where do I start?', {}],
      ['zh-CN', '我在厦门做手工皂，想在华为云厦门开个网店，要走什么流程', { hosting: 'mainland' }],
      // A case of its own: the check, though entries are close to its words.
      ['en', "I'm a German GmbH, our server would be in Beijing. What do we need?", { entityType: 'foreign-enterprise', hosting: 'mainland' }],
      // 需要做什么 asks what to do, not whether a filing is needed (which a Hong Kong company's mainland server settles).
      ['zh-CN', '你好，我们公司在香港，想在大陆做个官网，服务器打算放阿里云杭州，需要做什么', { entityType: 'foreign-enterprise', hosting: 'mainland' }],
      // Who owns the filing and nothing else, with the guide's words, or with a site for China.
      ['en', 'we are a Singapore company, what do we need?', { entityType: 'foreign-enterprise' }],
      ['en', "I'm an individual in Shanghai, what do I need?", { entityType: 'individual' }],
      ['zh-CN', '我们是新加坡公司，需要做什么', { entityType: 'foreign-enterprise' }],
      // 该怎么弄 ("how should we go about it") of a site.
      ['zh-CN', '你好，我们是一家日本公司，想在中国推广产品，网站该怎么弄', { entityType: 'foreign-enterprise' }],
      ['en', 'we are a Singapore company and want a website for China, what do we need?', { entityType: 'foreign-enterprise' }],
      // "Do I have to do anything?" of a site asks to be guided.
      ['en', 'I run a small travel blog from Canada and a lot of my readers are in China. Do I have to do anything?', { siteTypes: ['general'] }],
      ['zh-CN', '我在加拿大写旅游博客，很多读者在国内，我需要做点什么吗', { siteTypes: ['general'] }],
      // A site on a site builder, and the goal of customers in China reaching it fast.
      ['en', 'hi, i have a shopify store and want chinese customers to access it fast', { siteTypes: ['general'] }],
    ] as const)('starts the check with what was understood for a case that asks to be guided (%s): %s', (language, text, understood) => {
      const planned = plan(text, language);
      expect(planned.kind).toBe('check');
      expect(planned.kind === 'check' ? planned.profile : undefined).toMatchObject(understood);
    });

    it('answers whether one can apply, told only of a domain registered abroad: no, not before the domain is transferred', () => {
      expect(plan('Our domain is .com registered at Namecheap, is that okay?', 'en')).toMatchObject({ kind: 'situation', question: 'can-apply', decision: { kind: 'verdict', verdict: { value: 'no' } } });
    });

    it.each([
      ['en', 'we are a company, where do we start with hiring?'],
      ['zh-CN', '公司开对公账户要准备什么资料'],
      ['en', "I'm a freelancer, what documents do I need?"],
    ] as const)('does not guide an owner whose message speaks of something else (%s): %s', (language, text) => {
      expect(plan(text, language).kind).not.toBe('check');
    });

    it.each([
      ['en', "games site for a client, a Chengdu company - they don't have the culture business permit yet. what do they need?"],
      ['zh-CN', '帮客户问，成都的有限公司做游戏网站，文网文还没有，要准备些什么'],
    ] as const)('gives at once the verdict of a case the rules close, asked to be guided (%s): %s', (language, text) => {
      expect(plan(text, language)).toMatchObject({ kind: 'situation', question: 'can-apply', decision: { kind: 'verdict', verdict: { value: 'no' } } });
    });

    it.each(['I only read English. Can I do the beian on my own?', "I filed personally. Can my site's name be a company name?"])(
      'answers "can I …?" about a thing the rules do not read with the entry that answers it outright, though the case has words of it: %s',
      (text) => {
        // "personally" and "English" are words of the case and of the question alike: the entry answers the whole message outright.
        expect(plan(text, 'en').kind).toBe('answer');
      },
    );

    it.each([
      ['en', 'what do we need to do?'],
      // The chat intent on what the bot can do, without a case told.
      ['zh-CN', '我们需要做什么？'],
    ] as const)('starts the check from the case told before when asked to be guided with no case of its own (%s): %s', (language, text) => {
      const recognized = core.recognizer.recognize(text, language);
      const shape = shapeOf(text, language, core.recognizer, core.knowledge, recognized, undefined, (t, only) => core.facts.withoutCase(t, only));
      const told = { entityType: 'foreign-enterprise' as const };
      expect(planMessage(recognized, core.facts.read(text), shape, told)).toEqual({ kind: 'check', profile: told });
      expect(planMessage(recognized, core.facts.read(text), shape, {}).kind).not.toBe('check');
    });

    it('leaves a question asked to be guided that an entry answers to the entry', () => {
      expect(plan('we are a company in Shenzhen, what do we need to prepare for the ICP filing documents?', 'en').kind).toBe('answer');
    });

    it('answers the website question of someone who also has a mini program from the rules', () => {
      expect(plan('我们公司在深圳，网站和小程序都放在腾讯云广州，网站需要备案吗', 'zh-CN')).toMatchObject({ kind: 'situation', question: 'filing-required' });
    });

    it('answers the general question for someone who said nothing of who they are, and an entry clicked as itself', () => {
      expect(plan('What documents do I need for an ICP filing?', 'en')).toEqual({ kind: 'answer', entryId: 'filing-documents' });
      const individualQuestion = core.knowledge.entries.en.find((e) => e.id === 'individual-documents')!.question;
      const recognized = core.recognizer.recognize(individualQuestion, 'en');
      const shape = shapeOf(individualQuestion, 'en', core.recognizer, core.knowledge, recognized);
      expect(planMessage(recognized, { profile: { entityType: 'mainland-organisation' } }, shape)).toEqual({ kind: 'answer', entryId: 'individual-documents' });
    });

    it('recognises no part of a message again when the plan does not read it: a question the rules settle', () => {
      const text = 'we are a German company with a server in Shanghai, do we need ICP?';
      const recognized = core.recognizer.recognize(text, 'en');
      const recognize = jest.spyOn(core.recognizer, 'recognize');
      try {
        const shape = shapeOf(text, 'en', core.recognizer, core.knowledge, recognized, undefined, (t, only) => core.facts.withoutCase(t, only));
        expect(planMessage(recognized, core.facts.read(text), shape)).toMatchObject({ kind: 'situation', question: 'filing-required' });
        expect(recognize).not.toHaveBeenCalled();
      } finally {
        recognize.mockRestore();
      }
    });

    it('works out a part when it is first read, and the plan follows it', () => {
      const text = '京东云的服务器，我们是郑州的个体户，备案要多少钱';
      const recognized = core.recognizer.recognize(text, 'zh-CN');
      const recognize = jest.spyOn(core.recognizer, 'recognize');
      try {
        const shape = shapeOf(text, 'zh-CN', core.recognizer, core.knowledge, recognized, undefined, (t, only) => core.facts.withoutCase(t, only));
        const first = shape.clauseAnswer;
        const calls = recognize.mock.calls.length;
        expect(first?.top?.id).toBe('filing-cost');
        expect(shape.clauseAnswer).toBe(first);
        expect(recognize.mock.calls.length).toBe(calls);
        expect(planMessage(recognized, core.facts.read(text), shape)).toEqual({ kind: 'answer', entryId: 'filing-cost' });
      } finally {
        recognize.mockRestore();
      }
    });

    it('leads an entry for someone else to the one for this case through the general entry', () => {
      const shape = shapeOf('documents', 'en', core.recognizer, core.knowledge);
      expect(shape.entryForCase!('individual-documents', { entityType: 'mainland-organisation' })).toBe('company-documents');
      expect(shape.entryForCase!('website-name-rules', { entityType: 'individual' })).toBe('personal-website-name');
      expect(shape.entryForCase!('foreign-enterprise-requirements', { entityType: 'foreign-enterprise' })).toBe('foreign-enterprise-requirements');
    });

    // The province entry speaks of an organisation's licence; a person is told where a personal filing is made.
    it.each(['en', 'zh-CN'] as const)('gives a person the personal filing\'s entry on which province, an organisation the general one (%s)', (language) => {
      const shape = shapeOf('province', language, core.recognizer, core.knowledge);
      expect(shape.entryForCase!('which-province', { entityType: 'individual' })).toBe('remote-personal-filing');
      expect(shape.entryForCase!('which-province', { entityType: 'mainland-organisation' })).toBe('which-province');
      expect(shape.entryForCase!('remote-personal-filing', { entityType: 'mainland-organisation' })).toBe('which-province');
    });
  });
});
