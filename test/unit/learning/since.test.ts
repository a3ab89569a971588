import { parseSince } from '../../../src/learning/since';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('parseSince', () => {
  it.each([
    ['7d', '2026-11-15T12:00:00.000Z'],
    ['24h', '2026-11-21T12:00:00.000Z'],
    ['2w', '2026-11-08T12:00:00.000Z'],
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
  ])('%s', (value, expected) => {
    expect(parseSince(value, NOW).toISOString()).toBe(expected);
  });

  it.each([
    ['last week', /not a period/],
    ['0d', /at least 1d/],
    ['2026-02-30', /not a calendar date/],
    ['2027-01-01', /in the future/],
  ])('refuses %s', (value, message) => {
    expect(() => parseSince(value, NOW)).toThrow(message);
  });

  it('quotes at most 32 characters of a bad value', () => {
    expect(() => parseSince('A'.repeat(5000), NOW)).toThrow(`parseSince(): "${'A'.repeat(32)}…" is not a period (7d, 24h, 2w) or a date (2026-11-01)`);
  });
});
