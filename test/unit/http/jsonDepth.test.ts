import { nestedDeeperThan } from '../../../src/http/jsonDepth';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('nestedDeeperThan', () => {
  it.each([
    ['a string', 'text', 0, false],
    ['an empty object at limit 1', {}, 1, false],
    ['an object in an object at limit 1', { a: {} }, 1, true],
    ['32 levels at limit 32', nested(32), 32, false],
    ['33 levels at limit 32', nested(33), 32, true],
    ['a wide shallow object', Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { v: i }])), 2, false],
  ])('%s', (_name, value, limit, expected) => {
    expect(nestedDeeperThan(value, limit)).toBe(expected);
  });

  it('checks 100,000 levels without overflowing the stack', () => {
    expect(nestedDeeperThan(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 32)).toBe(true);
  });
});
