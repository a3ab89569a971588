import type { KnowledgeBase } from '../../src/knowledge/types';
import { Replies, withoutBareVerdict } from '../../src/replies';
import { sharedCore } from '../helpers';

/**
 * The knowledge base with the source of `entryId` given `updated`, or none, and the entry confirmed
 * by the pages `confirmedBy` (none unless given).
 */
function withSourceDate(knowledge: KnowledgeBase, entryId: string, updated: string | undefined, confirmedBy: string[] = []): KnowledgeBase {
  const entry = knowledge.entries.en.find((e) => e.id === entryId)!;
  const sources = new Map(knowledge.sources);
  sources.set(entry.source, { ...sources.get(entry.source)!, updated });
  const entries = { ...knowledge.entries };
  for (const language of ['en', 'zh-CN'] as const) {
    entries[language] = entries[language].map((e) => (e.id === entryId ? { ...e, confirmedBy } : e));
  }
  return { ...knowledge, sources, entries };
}

describe('Replies.answer source line', () => {
  const { knowledge, i18n } = sharedCore();

  it.each([
    ['en', /\n\nSource: \[[^\]]+\]\(https:\/\/[^)]+\) \(updated 2025-04-23\)$/],
    ['zh-CN', /\n\n来源：\[[^\]]+\]\(https:\/\/[^)]+\)（更新于 2025-04-23）$/],
  ] as const)('shows the day the page was updated (%s)', (language, line) => {
    const replies = new Replies(i18n, withSourceDate(knowledge, 'cdn', '2025-04-23'), language);
    expect(replies.answer('cdn').text).toMatch(line);
  });

  it('shows the link alone for a seed copy whose page showed no date', () => {
    const replies = new Replies(i18n, withSourceDate(knowledge, 'cdn', undefined), 'en');
    expect(replies.answer('cdn').text).toMatch(/\n\nSource: \[[^\]]+\]\(https:\/\/[^)]+\)$/);
  });

  it.each([
    ['en', /\n\nSource: \[[^\]]+\]\(https:\/\/[^)]+\); confirmed by \[Huawei Cloud — [^\]]+\]\(https:\/\/support\.huaweicloud\.com\/[^)]+\) \(updated 2022-03-23\)$/],
    ['zh-CN', /\n\n来源：\[[^\]]+\]\(https:\/\/[^)]+\)；经 \[华为云 — [^\]]+\]\(https:\/\/support\.huaweicloud\.com\/[^)]+\)（更新于 2022-03-23）核实$/],
  ] as const)('shows the dated page that confirms an answer whose source shows no date (%s)', (language, line) => {
    const replies = new Replies(i18n, withSourceDate(knowledge, 'cdn', undefined, ['huawei-cdn-filing']), language);
    expect(replies.answer('cdn').text).toMatch(line);
  });

  it('lists every confirming page, each with its date', () => {
    const replies = new Replies(i18n, withSourceDate(knowledge, 'cdn', undefined, ['huawei-cdn-filing', 'alibaba-no-icp']), 'en');
    expect(replies.answer('cdn').text).toMatch(/confirmed by \[[^\]]+\]\([^)]+\) \(updated 2022-03-23\) and \[[^\]]+\]\([^)]+\) \(updated 2018-11-16\)$/);
  });

  it('puts the confirmation in the footer of a reply that rests on the entry', () => {
    const replies = new Replies(i18n, withSourceDate(knowledge, 'cdn', undefined, ['huawei-cdn-filing']), 'en');
    expect(replies.entryFooter('cdn').source).toMatch(/confirmed by .*\(updated 2022-03-23\)$/);
  });
});

describe('Replies.sameAnswer', () => {
  const { knowledge, i18n } = sharedCore();
  const titles = (reply: ReturnType<Replies['sameAnswer']>) => reply.suggestedActions?.actions.map((action) => action.title) ?? [];
  const question = (id: string, language: 'en' | 'zh-CN' = 'en') => knowledge.entries[language].find((e) => e.id === id)!.question;

  it.each([
    ['en', /^On “.+” my sources say no more than my last answer\. If it didn't answer what you asked, one of these may, or a person can help:$/],
    ['zh-CN', /^关于“.+”，我的资料来源所说的就是上一条回答的内容。如果没有解答您的问题，下面的问题也许可以，也可以联系人工：$/],
  ] as const)('names the question the last answer answered and offers the other candidates and a person (%s)', (language, text) => {
    const reply = new Replies(i18n, knowledge, language).sameAnswer('cdn', ['cdn', 'filing-cost'], true);
    expect(reply.text).toMatch(text);
    expect(reply.text).toContain(question('cdn', language));
    expect(titles(reply)).toEqual([question('filing-cost', language), i18n.getFixedT(language)('button.talkToPerson')]);
  });

  it("offers the entry's related questions when nothing else was a candidate, and no person when none can answer", () => {
    const reply = new Replies(i18n, knowledge, 'en').sameAnswer('cdn', ['cdn'], false);
    const related = knowledge.entries.en.find((e) => e.id === 'cdn')!.related.slice(0, 3).map((id) => question(id));
    expect(related.length).toBeGreaterThan(0);
    expect(titles(reply)).toEqual(related);
    expect(reply.text).toMatch(/one of these may:$/);
  });

  it('asks for other words when there is nothing to offer', () => {
    const bare = { ...knowledge, entries: { ...knowledge.entries, en: knowledge.entries.en.map((e) => (e.id === 'cdn' ? { ...e, related: [] } : e)) } };
    expect(new Replies(i18n, bare, 'en').sameAnswer('cdn', [], false).text).toMatch(/try asking in other words\.$/);
    expect(new Replies(i18n, bare, 'en').sameAnswer('cdn', [], true).text).toMatch(/try asking in other words, or talk to a person\.$/);
  });
});

describe('Replies.answer to a question that weighs two things', () => {
  const { knowledge, i18n } = sharedCore();

  it.each([
    ['Yes. The licence is for shops.', 'The licence is for shops.'],
    ['No. Not across provinces.', 'Not across provinces.'],
    ['需要。先拿到备案号。', '先拿到备案号。'],
    ['不能。管局不允许。', '管局不允许。'],
  ])('drops an opening bare yes or no: %s', (answer, without) => {
    expect(withoutBareVerdict(answer)).toBe(without);
  });

  it.each([
    'Yes, if the bucket is in a mainland region.',
    'Not in the same account.',
    '要看是谁来备案。',
    'Yes.',
  ])('keeps an opening that says more than yes or no, or is all there is: %s', (answer) => {
    expect(withoutBareVerdict(answer)).toBe(answer);
  });

  it("answers without the entry's opening yes when asked to, and with it otherwise", () => {
    const replies = new Replies(i18n, knowledge, 'en');
    const opening = knowledge.entries.en.find((e) => /^Yes\. /.test(e.answer))!;
    expect(replies.answer(opening.id).text).toMatch(/^Yes\. /);
    expect(replies.answer(opening.id, [], false, { noBareVerdict: true }).text).not.toMatch(/^Yes/);
    expect(replies.answer(opening.id, [], false, { noBareVerdict: true }).text).toContain(opening.answer.slice('Yes. '.length, 60));
  });
});
