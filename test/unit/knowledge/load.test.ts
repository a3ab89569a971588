import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnowledgeError, loadKnowledge, readKnowledge, sourceUrl } from '../../../src/knowledge/load';
import { seedsDir } from '../../helpers';

const realDir = join(__dirname, '..', '..', '..', 'knowledge');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kb-'));
  cpSync(realDir, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('readKnowledge on the real knowledge base', () => {
  const { knowledge, problems, undated } = readKnowledge(realDir);

  it('has no problems', () => {
    expect(problems).toEqual([]);
  });

  it('has a dated source or a dated confirmation for every entry but those still waiting for one', () => {
    // Seed entries for which no dated vendor page stating the same facts has been found yet (issue #23):
    // remove an id here once its entry names such a page in confirmedBy.
    const waiting = [
      'adult-products-website', 'bbs-website', 'foreign-enterprise-instructions', 'foreign-enterprise-requirements',
      'gaming-website', 'physical-office',
      'server-load-balancer',
    ];
    expect(undated.map((p) => p.file)).toEqual(waiting.map((id) => join('en', `${id}.md`)));
  });

  it('confirms a seed entry only with a page that shows its date', () => {
    for (const entry of knowledge.entries.en) {
      for (const id of entry.confirmedBy) expect(knowledge.sources.get(id)?.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('covers the seeds: at least 21 entries in each language, one id for both', () => {
    expect(knowledge.entries.en.length).toBeGreaterThanOrEqual(21);
    expect(knowledge.entries.en.map((e) => e.id)).toEqual(knowledge.entries['zh-CN'].map((e) => e.id));
  });

  it('links every entry to its source page', () => {
    for (const entry of knowledge.entries.en) expect(sourceUrl(knowledge, entry)).toMatch(/^https:\/\//);
  });

  it('has every "##" section of the Alibaba pages as an entry (by its anchor)', () => {
    const anchors = new Set(knowledge.entries.en.map((e) => e.anchor));
    const sections = ['001_8c9a28b21f33787c.txt', '002_56e0bda9209eb91f.txt'].flatMap((seed) => [
      ...readFileSync(join(seedsDir(), seed), 'utf8').matchAll(/^## .*\{#(section_[\w]+)/gm),
    ]);
    expect(sections).toHaveLength(9);
    for (const match of sections) expect(anchors).toContain(match[1]);
  });
});

describe('kb lint rules', () => {
  it('reports a duplicate id with both files', () => {
    cpSync(join(dir, 'en', 'cdn.md'), join(dir, 'en', 'cdn-2.md'));
    const messages = readKnowledge(dir).problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^en[/\\]cdn\.md: duplicate id "cdn" \(also in en[/\\]cdn-2\.md\)$/));
  });

  it('reports a missing translation', () => {
    unlinkSync(join(dir, 'zh-CN', 'cdn.md'));
    const { problems } = readKnowledge(dir);
    expect(problems).toContainEqual({ file: join('zh-CN', 'cdn.md').replace(/\\/g, '/'), message: expect.stringMatching(/missing translation/) });
  });

  it.each([
    ['bold around 《》, which CommonMark does not open after a letter', '申请**《网络文化经营许可证》**，', '申请**《网络文化'],
    ['bold closed before a letter after “”', '请看**“备案号”**吗', '请看**“备案号”'],
    ['underscores that stay text', '__注意__：', '__注意__：'],
  ])('reports an answer whose markers Web Chat shows as text: %s', (_case, markdown, shown) => {
    edit(join('zh-CN', 'gaming-website.md'), (t) => t.replace(/\n---\n[\s\S]*$/, `\n---\n游戏网站${markdown}需要许可证。\n`));
    const problems = readKnowledge(dir).problems.filter((p) => /literal \*\* or __/.test(p.message));
    expect(problems).toEqual([{ file: join('zh-CN', 'gaming-website.md'), message: expect.stringContaining(shown) }]);
  });

  it('takes bold inside 《》 and code that shows markers as they are', () => {
    edit(join('zh-CN', 'gaming-website.md'), (t) => t.replace(/\n---\n[\s\S]*$/, '\n---\n游戏网站需要《**网络文化经营许可证**》，写法是 `**粗体**`。\n'));
    expect(readKnowledge(dir).problems).toEqual([]);
  });

  it('reports too few alternates', () => {
    edit(join('en', 'cdn.md'), (t) => t.replace(/alternates:\n(\s+- .*\n)+/, 'alternates:\n  - cdn icp\n  - cdn beian\n'));
    const { problems } = readKnowledge(dir);
    expect(problems).toContainEqual({ file: join('en', 'cdn.md'), message: 'too few alternates: 2, at least 6 needed' });
  });

  it('reports a dead cross-reference', () => {
    edit(join('en', 'cdn.md'), (t) => t.replace(/related: \[/, 'related: [no-such-entry, '));
    const { problems } = readKnowledge(dir);
    expect(problems).toContainEqual({ file: join('en', 'cdn.md'), message: 'related "no-such-entry" is not an entry (dead cross-reference)' });
  });

  it('reports an unknown source and broken YAML', () => {
    edit(join('en', 'cdn.md'), (t) => t.replace(/source: .*/, 'source: nowhere'));
    edit(join('zh-CN', 'bbs-website.md'), (t) => t.replace(/question: /, 'question: [unclosed '));
    const messages = readKnowledge(dir).problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/cdn\.md: source "nowhere" is not in sources.yaml/));
    expect(messages).toContainEqual(expect.stringMatching(/bbs-website\.md: .*/));
  });

  it('reads whom an entry is for and the general entry it narrows', () => {
    const entry = readKnowledge(dir).knowledge.entries.en.find((e) => e.id === 'company-documents');
    expect(entry).toMatchObject({ for: { entityType: ['mainland-organisation', 'foreign-enterprise'] }, narrows: 'filing-documents' });
  });

  it.each([
    ['a field that is no fact of a case', (t: string) => t.replace('entityType:', 'companySize:'), /for: "companySize" is not a fact of a case/],
    ['a value the fact cannot take', (t: string) => t.replace('[individual]', '[person]'), /for: "person" is not a value of entityType/],
    ['narrows without for', (t: string) => t.replace(/^for:\n.*\n/m, ''), /for and narrows go together/],
    ['narrows naming no entry', (t: string) => t.replace('narrows: filing-documents', 'narrows: no-such-entry'), /narrows "no-such-entry" is not an entry/],
  ])('reports an entry whose "for" has %s', (_case, change, message) => {
    for (const language of ['en', 'zh-CN']) edit(join(language, 'individual-documents.md'), change);
    const messages = readKnowledge(dir).problems.map((p) => `${p.file}: ${p.message}`);
    expect(messages).toContainEqual(expect.stringMatching(message));
  });

  it('reports "for" that differs between the languages', () => {
    edit(join('zh-CN', 'individual-documents.md'), (t) => t.replace('[individual]', '[individual, mainland-organisation]'));
    expect(readKnowledge(dir).problems).toContainEqual({ file: join('zh-CN', 'individual-documents.md'), message: expect.stringContaining('for/narrows differ') });
  });

  it('reports a section of a source page that no entry covers', () => {
    for (const language of ['en', 'zh-CN']) edit(join(language, 'physical-office.md'), (t) => t.replace(/^anchor: .*\n/m, ''));
    const { problems } = readKnowledge(dir);
    expect(problems).toEqual([
      {
        file: 'sources/002_56e0bda9209eb91f.txt',
        message: 'section "section_uw1_zxr_zdb" has no entry (source: alibaba-outside-mainland-faq, anchor: section_uw1_zxr_zdb)',
      },
    ]);
  });

  it('reports a source page named in sources.yaml that is not in sources/', () => {
    unlinkSync(join(dir, 'sources', '001_8c9a28b21f33787c.txt'));
    const { problems } = readKnowledge(dir);
    expect(problems).toEqual([{ file: 'sources.yaml', message: 'seed "001_8c9a28b21f33787c.txt" of "alibaba-foreign-enterprise" is not in sources/' }]);
  });

  it.each([
    ['missing', (t: string) => t.replace(/^  updated: .*\n/m, ''), 'updated is missing'],
    ['not a day of the calendar', (t: string) => t.replace(/^  updated: .*$/m, '  updated: 2025-02-30'), 'updated "2025-02-30" is not a date'],
    ['written another way', (t: string) => t.replace(/^  updated: .*$/m, '  updated: Apr 23, 2025'), 'updated "Apr 23, 2025" is not a date'],
  ])('reports a source whose page date is %s', (_case, change, message) => {
    edit('sources.yaml', (t) => `${t}\nsome-page:\n  url: https://example.com/page\n  updated: 2025-04-23\n  title:\n    en: A page\n    zh-CN: 一个页面\n`);
    edit('sources.yaml', (t) => t.replace(/(some-page:\n[\s\S]*)$/, (page) => change(page)));
    expect(readKnowledge(dir).problems).toEqual([{ file: 'sources.yaml', message: expect.stringContaining(`source "some-page": ${message}`) }]);
  });

  it('takes "unknown" as the date of a seed copy only', () => {
    edit('sources.yaml', (t) => `${t}\nsome-page:\n  url: https://example.com/page\n  updated: unknown\n  title:\n    en: A page\n    zh-CN: 一个页面\n`);
    expect(readKnowledge(dir).problems).toEqual([{ file: 'sources.yaml', message: expect.stringContaining('source "some-page": updated "unknown" is not a date') }]);
  });

  it('reports an entry whose only source shows no date, naming the field that fixes it', () => {
    edit(join('en', 'cdn.md'), (t) => t.replace(/^confirmedBy: .*\n/m, ''));
    edit(join('zh-CN', 'cdn.md'), (t) => t.replace(/^confirmedBy: .*\n/m, ''));
    const { problems, undated } = readKnowledge(dir);
    expect(problems).toEqual([]);
    expect(undated).toContainEqual({ file: join('en', 'cdn.md'), message: expect.stringMatching(/no dated source: "alibaba-outside-mainland-faq" shows no date.*confirmedBy/) });
  });

  it('takes a dated confirmation as the dated source of an entry', () => {
    const { knowledge, undated } = readKnowledge(dir);
    expect(knowledge.entries['zh-CN'].find((e) => e.id === 'cdn')?.confirmedBy).toEqual(['huawei-cdn-filing']);
    expect(undated.map((p) => p.file)).not.toContain(join('en', 'cdn.md'));
  });

  it.each([
    ['is not in sources.yaml', 'no-such-page', 'confirmedBy "no-such-page" is not in sources.yaml'],
    ['shows no date', 'tencent-faq', 'confirmedBy "tencent-faq" shows no date'],
    ["is the entry's own source", 'alibaba-outside-mainland-faq', 'confirmedBy lists "alibaba-outside-mainland-faq", the entry\'s own source'],
  ])('reports a confirmation that %s', (_case, id, message) => {
    for (const language of ['en', 'zh-CN']) edit(join(language, 'cdn.md'), (t) => t.replace(/^confirmedBy: .*$/m, `confirmedBy: [${id}]`));
    const problems = readKnowledge(dir).problems.map((p) => `${p.file}: ${p.message}`);
    expect(problems).toContainEqual(expect.stringContaining(`${join('en', 'cdn.md')}: ${message}`));
  });

  it('reports a translation confirmed by other pages', () => {
    edit(join('zh-CN', 'cdn.md'), (t) => t.replace(/^confirmedBy: .*$/m, 'confirmedBy: [alibaba-no-icp]'));
    expect(readKnowledge(dir).problems).toEqual([{ file: join('zh-CN', 'cdn.md'), message: `confirmedBy differs from ${join('en', 'cdn.md')}` }]);
  });

  it('gives a source the day its page was updated', () => {
    edit('sources.yaml', (t) => `${t}\nsome-page:\n  url: https://example.com/page\n  updated: 2025-04-23\n  title:\n    en: A page\n    zh-CN: 一个页面\n`);
    const { knowledge, problems } = readKnowledge(dir);
    expect(problems).toEqual([]);
    expect(knowledge.sources.get('some-page')?.updated).toBe('2025-04-23');
    expect(knowledge.sources.get('tencent-faq')?.updated).toBeUndefined();
  });

  it('makes loadKnowledge throw a KnowledgeError naming the problem', () => {
    unlinkSync(join(dir, 'zh-CN', 'cdn.md'));
    expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
    expect(() => loadKnowledge(dir)).toThrow(/loadKnowledge\(\): 1 problem\(s\).*missing translation of "cdn"/);
  });
});
