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

  it('keeps where each token stands and how it is written', () => {
    expect(tokenize('in US')[1]).toEqual({ norm: 'us', start: 3, end: 5, han: false, capitalised: true, allCaps: true, clause: 0 });
    expect(tokenize('Nice')[0]).toMatchObject({ capitalised: true, allCaps: false });
  });
});
