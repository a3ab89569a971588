import { ConversationState, MemoryStorage, UserState, type Activity, type TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { EligibilityDialog, type EligibilityOptions } from '../../dialogs/eligibilityDialog';
import { translateRef } from '../../src/i18n';
import type { Language } from '../../src/nlu/language';
import { QUESTIONS, type EligibilityAssessment, type Profile, type QuestionId } from '../../src/rules';
import { turnRecord } from '../../src/turn/turnRecord';
import { Replies } from '../../src/replies';
import { BotStateAccessors } from '../../src/turn/state';
import { sharedCore } from '../helpers';

const { recognizer, facts, knowledge, i18n } = sharedCore();

/** The eligibility dialog alone, driven by botbuilder-testing's DialogTestClient, in one language. */
function client(language: Language, profile: Profile = {}, options: Omit<EligibilityOptions, 'profile'> = {}) {
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const dialog = new EligibilityDialog({ recognizer, facts, knowledge, i18n, replies: Replies.forLanguages(i18n, knowledge), state: new BotStateAccessors(state, new UserState(storage)), supportContact: '' });
  const setLanguage = { onTurn: async (context: TurnContext, next: () => Promise<void>) => { turnRecord(context).language = language; await next(); } };
  return new DialogTestClient('test', dialog, { profile, ...options } satisfies EligibilityOptions, [setLanguage], state);
}

/** Which question a reply asks, found by its prompt in that language. */
function questionOf(reply: Partial<Activity>, language: Language): QuestionId | undefined {
  const t = i18n.getFixedT(language);
  return QUESTIONS.find((q) => (reply.text ?? '').includes(translateRef(t, q.prompt)))?.id;
}

/** Answers every question from `answers` (the rest "no"/"否", numbers "1") until the result; returns the questions asked. */
async function runToResult(c: DialogTestClient, language: Language, first: Partial<Activity>, answers: Partial<Record<QuestionId, string>>) {
  const asked: QuestionId[] = [];
  let reply: Partial<Activity> | undefined = first;
  // The result is a card with facts; the checkbox card of "what will the site offer?" is a question.
  const isResult = (r: Partial<Activity>) => (r.attachments ?? []).some((a) => (a.content as { body?: { type: string }[] })?.body?.some((e) => e.type === 'FactSet'));
  for (let guard = 0; guard < 30 && reply && !isResult(reply); guard += 1) {
    const id = questionOf(reply, language);
    if (!id) throw new Error(`not a question: ${reply.text}`);
    asked.push(id);
    const answer = answers[id] ?? (id === 'number-of-sites' ? '1' : language === 'en' ? 'no' : '否');
    reply = await c.sendActivity(answer);
    // The result may follow a line of text in the same turn: read on to the last reply.
    for (let next = c.getNextReply(); next; next = c.getNextReply()) reply = next;
  }
  return { asked, result: c.dialogTurnResult.result as EligibilityAssessment, card: reply };
}

describe('EligibilityDialog through DialogTestClient', () => {
  it.each<[string, Language, Partial<Record<QuestionId, string>>, Partial<EligibilityAssessment>, QuestionId[]]>([
    ['Hong Kong hosting, no mainland CDN (en)', 'en', { hosting: 'HK', 'mainland-cdn': 'no' }, { filingRequired: { answer: 'no', dependsOn: [], because: expect.any(Array) } }, ['hosting', 'mainland-cdn']],
    ['Hong Kong hosting with mainland CDN (zh)', 'zh-CN', { hosting: '香港', 'mainland-cdn': '是', 'entity-type': '个人', 'id-province': '浙江', 'residence-province': '浙江省', 'domain-registered-in-mainland': '是', 'files-through-hosting-provider': '是', 'site-types': '博客' }, { filingRequired: expect.objectContaining({ answer: 'yes' }), canApplyNow: expect.objectContaining({ answer: 'no' }) }, ['hosting', 'mainland-cdn']],
    ['individual living away from the ID province (en)', 'en', { hosting: 'mainland', 'entity-type': 'individual', 'id-province': 'hunan', 'residence-province': 'guangdong', 'remote-application-accepted': 'yes', 'site-types': 'a blog', 'domain-registered-in-mainland': 'yes', 'files-through-hosting-provider': 'yes' }, { where: expect.objectContaining({ province: 'guangdong' }) }, ['hosting', 'entity-type', 'site-types', 'id-province', 'residence-province', 'remote-application-accepted']],
    ['mainland organisation with a forum (zh)', 'zh-CN', { hosting: '大陆', 'entity-type': '公司', 'licence-province': '辽宁', 'site-types': '论坛', 'holds-bbs-approval': '没有', 'domain-registered-in-mainland': '是', 'files-through-hosting-provider': '是' }, { where: expect.objectContaining({ province: 'liaoning' }), extraPermits: [expect.objectContaining({ permit: 'bbs-approval' })] }, ['hosting', 'entity-type', 'site-types', 'licence-province']],
    ['foreign enterprise with only a physical office (en)', 'en', { hosting: 'Shanghai', 'entity-type': 'foreign company', 'foreign-presence': 'only a physical office', 'certificate-province': 'shanghai', 'wants-commercial-license': 'yes', 'domain-registered-in-mainland': 'yes', 'files-through-hosting-provider': 'yes', 'site-types': 'general content' }, { needsHuman: true }, ['hosting', 'entity-type', 'foreign-presence', 'site-types', 'certificate-province']],
    ['mainland organisation in Beijing, IP-only access given as a condition, not asked (zh)', 'zh-CN', { hosting: '北京', 'entity-type': '企业', 'licence-province': '北京', 'ip-only-access': '是', 'site-types': '普通' }, { where: expect.objectContaining({ province: 'beijing' }), openQuestions: [] }, ['hosting', 'entity-type', 'site-types', 'licence-province']],
  ])('%s', async (_name, language, answers, expected, firstQuestions) => {
    const c = client(language);
    const first = await c.sendActivity(language === 'en' ? 'check' : '检查');
    const { asked, result, card } = await runToResult(c, language, first, answers);
    expect(asked.slice(0, firstQuestions.length)).toEqual(firstQuestions);
    expect(result).toMatchObject(expected);
    expect(card?.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
  });

  // The rules know the permits of games, forums and adult shops only: a site described in the check as news, medicine or
  // education gets, in the result's permits, that an approval from the authority in charge may have to come first.
  it.each<[Language, string, boolean]>([
    ['en', 'none of these, it is mostly online courses for adults', true],
    ['en', 'general content', false],
    ['zh-CN', '都不是，主要是在线问诊', true],
    ['zh-CN', '一般内容', false],
  ])('%s: the content answer "%s" says a prerequisite approval may come first: %s', async (language, content, said) => {
    const c = client(language);
    const first = await c.sendActivity(language === 'en' ? 'check' : '检查');
    const answers: Partial<Record<QuestionId, string>> =
      language === 'en'
        ? { hosting: 'Shanghai', 'entity-type': 'company', 'licence-province': 'shanghai', 'site-types': content, 'domain-registered-in-mainland': 'yes', 'files-through-hosting-provider': 'yes' }
        : { hosting: '上海', 'entity-type': '公司', 'licence-province': '上海', 'site-types': content, 'domain-registered-in-mainland': '是', 'files-through-hosting-provider': '是' };
    const { card } = await runToResult(c, language, first, answers);
    const text = JSON.stringify(card?.attachments?.[0].content);
    expect(text.includes(i18n.getFixedT(language)('situation.verdict.permitsPreApproval'))).toBe(said);
    const entry = knowledge.entries[language].find((e) => e.id === 'pre-approval-industries')!;
    expect(text.includes(entry.question)).toBe(said);
  });

  it.each<[Language, string]>([
    ['en', 'I live in Canada'],
    ['zh-CN', '在国外'],
  ])('%s: "%s" where the province one lives in is asked is kept, and the filing is made in the ID card\'s province', async (language, abroad) => {
    const c = client(language);
    const first = await c.sendActivity(language === 'en' ? 'check' : '检查');
    const answers: Partial<Record<QuestionId, string>> =
      language === 'en'
        ? { hosting: 'Shanghai', 'entity-type': 'individual', 'site-types': 'a blog', 'id-province': 'hunan', 'residence-province': abroad }
        : { hosting: '上海', 'entity-type': '个人', 'site-types': '博客', 'id-province': '湖南', 'residence-province': abroad };
    const { asked, result } = await runToResult(c, language, first, answers);
    expect(asked).toEqual(['hosting', 'entity-type', 'site-types', 'id-province', 'residence-province']);
    expect(result).toMatchObject({ where: expect.objectContaining({ province: 'hunan' }), trace: expect.arrayContaining([expect.objectContaining({ rule: 'individual-living-abroad-applies-in-id-province' })]) });
  });

  it('skips what the opening already said', async () => {
    const c = client('en', { hosting: 'mainland', entityType: 'foreign-enterprise' });
    const first = await c.sendActivity('start');
    expect(first.text).toMatch(/From what you wrote I understood/);
    expect(questionOf(first, 'en')).toBe('foreign-presence');
  });

  it.each<[Language, string, string]>([
    ['en', 'actually Im from Macau, living in Zhuhai. does that count as individual?', 'General content'],
    ['zh-CN', '其实我是澳门人，住在珠海，这样算个人吗？', '一般内容'],
  ])('keeps what a verdict given in between understood, and does not ask it next (%s)', async (language, between, content) => {
    const c = client(language, { hosting: 'mainland', entityType: 'individual' });
    expect(questionOf(await c.sendActivity('start'), language)).toBe('site-types');
    await c.sendActivity(between);
    // The verdict, then the question still open.
    expect(questionOf(c.getNextReply(), language)).toBe('site-types');
    const next = await c.sendActivity(content);
    expect(questionOf(next, language)).not.toBe('id-province');
    expect(questionOf(next, language)).not.toBe('residence-province');
  });

  it('keeps nothing of a case supposed in between', async () => {
    const c = client('en', { hosting: 'mainland', entityType: 'individual' });
    await c.sendActivity('start');
    await c.sendActivity('what if my ID was from Macau and I lived in Zhuhai, could I still file?');
    c.getNextReply();
    expect(questionOf(await c.sendActivity('General content'), 'en')).toBe('id-province');
  });

  it('answers a second question with the goal, asking first the fact the second waits on', async () => {
    // Through whom is settled (presumed through the host); where waits on the licence's province.
    const c = client('en', { hosting: 'mainland', entityType: 'mainland-organisation' }, { goal: 'through', goalAlso: 'where', secondQuestion: true });
    const first = await c.sendActivity('start');
    expect(first.text).toMatch(/^For your other question, I need to know one thing\./);
    expect(questionOf(first, 'en')).toBe('licence-province');
    const answer = await c.sendActivity('Zhejiang');
    expect(answer.text).toMatch(/\*\*Through your hosting provider\.\*\*/);
    expect(answer.text).toMatch(/\*\*You file in Zhejiang\.\*\*/);
    expect(c.dialogTurnResult.status).toBe('complete');
  });

  it('ends on a blocker without asking for the second question', async () => {
    // An individual cannot run a forum: that blocker answers neither "where" nor "through whom" as asked, and ends the check.
    const c = client('zh-CN', { hosting: 'mainland', entityType: 'individual', siteTypes: ['bbs'] }, { goal: 'where', goalAlso: 'through' });
    const answer = await c.sendActivity('开始');
    expect(questionOf(answer, 'zh-CN')).toBeUndefined();
    expect(answer.text).toMatch(/按目前的情况，还不能申请。/);
    expect(answer.text).not.toMatch(/通过您的服务器托管服务商备案/);
    expect(c.dialogTurnResult.status).toBe('complete');
  });

  it('keeps earlier answers across back, and ends on cancel in Chinese', async () => {
    const c = client('zh-CN');
    await c.sendActivity('检查');
    await c.sendActivity('大陆');
    expect(questionOf(await c.sendActivity('个人'), 'zh-CN')).toBe('site-types');
    expect(questionOf(await c.sendActivity('上一步'), 'zh-CN')).toBe('entity-type');
    expect(questionOf(await c.sendActivity('公司'), 'zh-CN')).toBe('site-types');
    const cancelled = await c.sendActivity('取消');
    expect(cancelled.text).toMatch(/已停止检查/);
    expect(c.dialogTurnResult.status).toBe('complete');
  });
});
