/** Longest part of a bad value quoted in an error. */
const MAX_SHOWN = 32;
const UNITS: Record<string, number> = { h: 3600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * The start of a report period: `7d`, `24h`, `2w` back from `now`, or a UTC date `2026-11-01`.
 * Throws naming the value when it is neither.
 */
export function parseSince(value: string, now: Date): Date {
  // Errors quote the value, cut short: it may come from a URL of any length.
  const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  const relative = /^(\d{1,4})([hdw])$/.exec(value.trim());
  if (relative) {
    const amount = Number(relative[1]);
    if (amount < 1) throw new Error(`parseSince(): "${shown}": the period must be at least 1${relative[2]}`);
    return new Date(now.getTime() - amount * UNITS[relative[2]]);
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (date) {
    const at = new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
    if (at.toISOString().slice(0, 10) !== value.trim()) throw new Error(`parseSince(): "${shown}" is not a calendar date`);
    if (at.getTime() > now.getTime()) throw new Error(`parseSince(): "${shown}" is in the future`);
    return at;
  }
  throw new Error(`parseSince(): "${shown}" is not a period (7d, 24h, 2w) or a date (2026-11-01)`);
}
