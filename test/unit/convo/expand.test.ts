import { expandConvo, expansionName, parseConvo, type Utterances } from '../../../tools/convo';

const GREETING: Utterances = { name: 'GREETING', texts: ['hello', 'good morning'], file: 'g.utterances.txt', line: 1 };
const ASK: Utterances = { name: 'ASK', texts: ['hk?', 'singapore?', 'frankfurt?'], file: 'a.utterances.txt', line: 1 };
const utterances = new Map([
  [GREETING.name, GREETING],
  [ASK.name, ASK],
]);

describe('expandConvo()', () => {
  it('runs a convo without utterances once, without a label', () => {
    const [only, ...rest] = expandConvo(parseConvo('T\n#me\nhi\nthere\n#bot\nhello', 'x.convo.txt'));
    expect(rest).toEqual([]);
    expect(only.label).toBeUndefined();
    expect(expansionName(only)).toBe('T');
    expect(only.turns.map((t) => (t.sender === 'me' ? t.input : t.checks.length))).toEqual([{ kind: 'text', text: 'hi\nthere' }, 1]);
  });

  it('runs once per phrasing, every combination when two #me blocks name utterances', () => {
    const expansions = expandConvo(parseConvo('T\n#me\nGREETING\n#bot\nhello\n#me\nASK\n#bot\nfiling', 'x.convo.txt', utterances));
    expect(expansions).toHaveLength(6);
    const sent = expansions.map((e) => e.turns.flatMap((t) => (t.sender === 'me' && t.input.kind === 'text' ? [t.input.text] : [])));
    expect(new Set(sent.map((s) => s.join(' / '))).size).toBe(6);
    expect(expansionName(expansions[0])).toBe('T [GREETING 1/2 "hello", ASK 1/3 "hk?"]');
    expect(expansions[0].turns.map((t) => t.turn)).toEqual([1, 2, 3, 4]);
  });
});
