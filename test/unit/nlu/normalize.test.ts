import fc from 'fast-check';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';
import { Normalizer, plainWords } from '../../../src/nlu/normalize';

const normalizer = new Normalizer(
  [
    ['filing', 'registration', 'beian', '备案'],
    ['bbs', 'forum', '论坛'],
    ['hongkong', 'hong kong', 'hk', '香港'],
    ['server', 'cloud server', '服务器'],
  ],
  { en: ['do', 'i', 'my', 'the', 'is', 'in', 'a'], 'zh-CN': ['我', '我的', '的', '吗', '在'] },
);

describe('Normalizer.terms', () => {
  it.each([
    ['stems English words', 'Hosting websites', ['host', 'websit']],
    ['maps synonyms to the group head', 'forum registration', ['bb', 'file']],
    ['joins multi-word synonyms', 'my cloud server is in Hong Kong', ['server', 'hongkong']],
    ['drops stop words', 'do I need the filing', ['need', 'file']],
    ['folds case and full-width letters', 'ＩＣＰ Filing', ['icp', 'file']],
    ['replaces control characters', 'icp\u0000filing', ['icp', 'file']],
    ['joins a phrase across several spaces and beside punctuation', '(hong   kong), cloud server!', ['hongkong', 'server']],
    ['joins a phrase only as whole words', 'xhong kong hong kongx', ['xhong', 'kong', 'hong', 'kongx']],
  ])('%s', (_name, text, expected) => {
    expect(normalizer.terms(text)).toEqual(expected);
  });

  it('segments Chinese into words and adds character bigrams', () => {
    const terms = normalizer.terms('我的服务器在香港需要备案吗');
    // The segmenter splits 服务器 into 服务|器; the bigrams keep 务器 so another split still matches.
    expect(terms).toEqual(expect.arrayContaining(['服务', 'hongkong', '需要', 'file', '~服务', '~务器', '~hongkong']));
    expect(terms).not.toContain('我的');
    expect(terms).not.toContain('吗');
  });

  it('pairs a character beyond the Basic Multilingual Plane as any other, skipping stop words', () => {
    const pairs = (text: string) => normalizer.terms(text).filter((term) => term.startsWith('~'));
    expect(pairs('𠀀服务器在香港')).toEqual(['~𠀀服', '~服务', '~务器', '~hongkong']);
    expect(pairs('䒑服务器在香港')).toEqual(['~䒑服', '~服务', '~务器', '~hongkong']);
  });

  it('maps Chinese synonyms to the same term as English ones', () => {
    expect(normalizer.terms('论坛')).toContain('bb');
    expect(normalizer.terms('forum')).toEqual(['bb']);
  });

  it('reads colloquial question words (咋, 咋样, 啥) as their standard forms', () => {
    expect(normalizer.terms('备案要准备啥')).toEqual(normalizer.terms('备案要准备什么'));
    expect(normalizer.terms('不备案会咋样')).toEqual(normalizer.terms('不备案会怎样'));
    expect(normalizer.terms('咋备案')).toEqual(normalizer.terms('怎么备案'));
  });

  it('returns nothing for emoji and punctuation', () => {
    expect(normalizer.terms('😀 !!! ...')).toEqual([]);
  });

  it('keeps the raw English word beside each term for spelling correction', () => {
    expect(normalizer.tokens('Hosting')).toEqual([{ term: 'host', raw: 'hosting' }]);
  });
});

describe('Normalizer homophone typos', () => {
  it('reads a synonym typed with a homophone (备按, 被案) as the synonym, words and character pairs alike', () => {
    expect(normalizer.terms('备按要多久')).toEqual(normalizer.terms('备案要多久'));
    expect(normalizer.terms('没有被案能访问吗')).toEqual(normalizer.terms('没有备案能访问吗'));
  });

  it('leaves a character that belongs to another word (准备 in 准备按时)', () => {
    expect(normalizer.terms('准备按时上线')).not.toContain('file');
  });
});

describe('Normalizer Chinese runs', () => {
  const han = [...'我的服务器在香港需要备案吗公司个人网站阿里云北京上海咋样啥怎么办多久域名实名认证管局审核𠀀㐀〇按被'];
  const between = ['，', '？', ' ', 'ICP', '3', '2024', 'カタカナ', 'ｶﾀ', 'ー', '〜', '\t', '。\n'];
  const run = fc.array(fc.constantFrom(...han), { minLength: 1, maxLength: 12 }).map((chars) => chars.join(''));

  it('reads each run of a text as it reads the run alone (the runs are segmented in one call)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(run, fc.constantFrom(...between)), { minLength: 1, maxLength: 5 }), (parts) => {
        const text = parts.map(([chinese, gap]) => chinese + gap).join('');
        const alone = parts.flatMap(([chinese, gap]) => [...normalizer.tokens(chinese), ...normalizer.tokens(gap)]);
        expect(normalizer.tokens(text)).toEqual(alone);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a run between Latin words and digits as it reads the run alone', () => {
    expect(normalizer.tokens('ICP备案要多久，3天还是香港服务器？ok')).toEqual([
      ...normalizer.tokens('ICP'),
      ...normalizer.tokens('备案要多久'),
      ...normalizer.tokens('3'),
      ...normalizer.tokens('天还是香港服务器'),
      ...normalizer.tokens('ok'),
    ]);
  });
});

describe('Normalizer word splitting', () => {
  const plain = new Normalizer([], { en: [], 'zh-CN': [] });
  const tokenizer = new WordTokenizer();

  it("splits words where natural's WordTokenizer does", () => {
    const chunk = fc.stringMatching(/^[a-zA-Zа-яА-Я0-9'.,!?\-é/]{1,30}$/);
    fc.assert(
      fc.property(chunk, (text) => {
        const lower = text.normalize('NFKC').toLowerCase();
        const expected = tokenizer.tokenize(lower).filter((word) => word.length > 1 || /\d/.test(word));
        expect(plain.tokens(text).map((t) => t.raw)).toEqual(expected);
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});

describe('plainWords', () => {
  it.each([
    ['folds case and joins words with single spaces', '  How long does ICP-filing take?!  ', 'how long does icp filing take'],
    ['keeps digits', 'Is 2 weeks OK', 'is 2 weeks ok'],
    ['treats tabs and control characters as gaps', 'icp\tfiling\u0000now', 'icp filing now'],
    ['keeps letters beyond ASCII', 'Café ICP 备案，多久？', 'café icp 备案 多久'],
    ['folds full-width letters', 'ＩＣＰ Filing', 'icp filing'],
  ])('%s', (_name, text, expected) => {
    expect(plainWords(text)).toBe(expected);
  });

  it('reads ASCII text as the Unicode letter and number classes do', () => {
    const byUnicode = (text: string) => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii' }), (text) => plainWords(text) === byUnicode(text)));
  });
});
