import { tokenize } from '../../../../src/nlu/facts/text';

describe('tokenize', () => {
  it.each([
    ["Xi'an", ['xian']],
    ['don’t', ['dont']],
    ['Ｇｕａｎｇｚｈｏｕ', ['guangzhou']],
    ['São Paulo', ['sao', 'paulo']],
    ['cn-north-1', ['cn', 'north', '1']],
    ['服务器在广州', ['服', '务', '器', '在', '广', '州']],
    ['IP访问', ['ip', '访', '问']],
  ])('%s -> %j', (text, tokens) => {
    expect(tokenize(text).map((t) => t.norm)).toEqual(tokens);
  });

  it('counts clauses by punctuation, keeping "u.s." and "name.com" whole', () => {
    expect(tokenize('a U.S. firm, name.com. 然后，好').map((t) => [t.norm, t.clause])).toEqual([
      ['a', 0],
      ['u', 0],
      ['s', 0],
      ['firm', 0],
      ['name', 1],
      ['com', 1],
      ['然', 2],
      ['后', 2],
      ['好', 3],
    ]);
  });

  it('keeps a company form written with punctuation in one clause: "Co., Ltd.", "Co. Limited"', () => {
    expect(tokenize('Hangzhou Co., Ltd. sells tea').map((t) => [t.norm, t.clause])).toEqual([
      ['hangzhou', 0],
      ['co', 0],
      ['ltd', 0],
      ['sells', 1],
      ['tea', 1],
    ]);
    expect(new Set(tokenize('Tech Co. Limited').map((t) => t.clause))).toEqual(new Set([0]));
    // Not every "co." : "we co. host it, ltd" is two clauses.
    expect(tokenize('co. host it, done').map((t) => t.clause)).toEqual([0, 1, 1, 2]);
  });

  it('keeps where each token stands and how it is written', () => {
    expect(tokenize('in US')[1]).toEqual({ norm: 'us', start: 3, end: 5, han: false, capitalised: true, allCaps: true, clause: 0 });
    expect(tokenize('Nice')[0]).toMatchObject({ capitalised: true, allCaps: false });
  });
});
