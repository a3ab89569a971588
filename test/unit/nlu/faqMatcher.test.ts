import { FaqMatcher } from '../../../src/nlu/faqMatcher';
import { Normalizer } from '../../../src/nlu/normalize';
import type { KnowledgeEntry } from '../../../src/knowledge/types';

const normalizer = new Normalizer([['website', '网站'], ['filing', '备案']], { en: [], 'zh-CN': ['吗', '的', '要'] });
const entry = (id: string, question: string, alternates: string[] = []): KnowledgeEntry => ({
  id,
  language: 'zh-CN',
  question,
  alternates,
  answer: question,
  source: 'test',
  related: [],
  confirmedBy: [],
  file: `zh-CN/${id}.md`,
});
const matcher = new FaqMatcher([entry('why', '为什么国内网站都要备案'), entry('needs', '网站需要备案吗', ['哪些网站需要备案'])], normalizer);

describe('FaqMatcher.queryTerms', () => {
  it('leaves out a character pair across two words that no phrasing has (站为 in 网站|为什么)', () => {
    const tokens = normalizer.tokens('网站为什么要备案');
    expect(tokens).toContainEqual({ term: '~站为', across: true });
    expect(matcher.queryTerms('网站为什么要备案').terms).not.toContain('~站为');
  });

  it('keeps a pair across two words that a phrasing has (站需 in 网站|需要)', () => {
    expect(normalizer.tokens('网站需要备案')).toContainEqual({ term: '~站需', across: true });
    expect(matcher.queryTerms('网站需要备案').terms).toContain('~站需');
  });

  it('keeps a pair inside a word, seen or not', () => {
    expect(normalizer.tokens('为什么')).toContainEqual({ term: '~为什' });
    expect(matcher.queryTerms('网站为什么要备案').terms).toContain('~为什');
  });
});
