import type { KnowledgeBase } from '../../src/knowledge/types';
import { Replies } from '../../src/replies';
import { sharedCore } from '../helpers';

/** The knowledge base with the source of `entryId` given `updated`, or none. */
function withSourceDate(knowledge: KnowledgeBase, entryId: string, updated: string | undefined): KnowledgeBase {
  const entry = knowledge.entries.en.find((e) => e.id === entryId)!;
  const sources = new Map(knowledge.sources);
  sources.set(entry.source, { ...sources.get(entry.source)!, updated });
  return { ...knowledge, sources };
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
});
