import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from '../../../src/knowledge/frontMatter';
import { parseFaqPage, renderDraft, slugify } from '../../../src/knowledge/import';
import { seedsDir } from '../../helpers';

const seed = (name: string) => readFileSync(join(seedsDir(), name), 'utf8');

describe('parseFaqPage on the seeds', () => {
  it('finds the twelve "### Question" entries of the Tencent FAQ', () => {
    const drafts = parseFaqPage(seed('000_b1f4c979396560ef.txt'));
    expect(drafts).toHaveLength(12);
    expect(drafts[0].question).toBe('What are the prerequisites for ICP filing application?');
    expect(drafts[0].answer).toMatch(/server and domain name in mainland China/);
    expect(drafts.every((d) => d.anchor === undefined)).toBe(true);
  });

  it('finds the two "## Heading {#anchor}" sections of the first Alibaba page, without escapes or images', () => {
    const drafts = parseFaqPage(seed('001_8c9a28b21f33787c.txt'));
    expect(drafts.map((d) => d.question)).toEqual(['ICP filing instructions', 'ICP filing requirements']);
    expect(drafts.map((d) => d.anchor)).toEqual(['section_60g_kai_ay9', 'section_w33_w5n_2uk']);
    for (const draft of drafts) {
      expect(draft.answer).not.toMatch(/\\\(|!\[\]/);
      expect(draft.answer).not.toMatch(/\{#/);
    }
    expect(drafts[0].answer).toMatch(/\(MIIT\)/);
  });

  it('finds the seven sections of the second Alibaba page', () => {
    const drafts = parseFaqPage(seed('002_56e0bda9209eb91f.txt'));
    expect(drafts).toHaveLength(7);
    expect(drafts[6]).toMatchObject({ question: 'Which province should I apply for an ICP Filing in?', anchor: 'section_bx1_zxr_zdb', id: 'which-province-should-apply-icp-filing-in' });
  });

  it('gives every draft a unique id', () => {
    const drafts = parseFaqPage('### Same?\nA\n### Same?\nB\n');
    expect(drafts.map((d) => d.id)).toEqual(['same', 'same-2']);
  });

  it('finds nothing in a page without questions', () => {
    expect(parseFaqPage('# Title\n\nJust text.')).toEqual([]);
  });
});

describe('renderDraft', () => {
  it('writes a file the knowledge loader can read back', () => {
    const [draft] = parseFaqPage(seed('002_56e0bda9209eb91f.txt'));
    const { data, body } = parseFrontMatter(renderDraft(draft, 'alibaba-outside-mainland-faq'));
    expect(data).toMatchObject({ id: draft.id, question: draft.question, source: 'alibaba-outside-mainland-faq', anchor: draft.anchor, alternates: [] });
    expect(body).toBe(draft.answer);
  });
});

describe('slugify', () => {
  it.each([
    ['How to apply for ICP filing for a BBS website?', 'apply-icp-filing-bbs-website'],
    ['国内问题', 'entry'],
  ])('%s -> %s', (text, id) => {
    expect(slugify(text)).toBe(id);
  });
});
