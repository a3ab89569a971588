import { unifiedDiff } from '../../../tools/convo';

describe('unifiedDiff()', () => {
  it('marks lines only expected with -, only actual with +, shared with a space', () => {
    expect(unifiedDiff(['a', 'b', 'c'], ['a', 'x', 'c', 'd'], { expected: 'expected', actual: 'actual' })).toBe(
      ['--- expected', '+++ actual', '@@ -1,3 +1,4 @@', ' a', '-b', '+x', ' c', '+d'].join('\n'),
    );
  });

  it('cuts a long diff', () => {
    const diff = unifiedDiff([], Array.from({ length: 50 }, (_, i) => `line ${i}`), { expected: 'e', actual: 'a' }).split('\n');
    expect(diff).toHaveLength(3 + 40 + 1);
    expect(diff[diff.length - 1]).toBe('… 10 more line(s)');
  });
});
