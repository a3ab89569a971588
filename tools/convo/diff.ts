/** Most lines a diff shows; the rest is summarised. */
const MAX_DIFF_LINES = 40;

/**
 * A unified-style line diff of `expected` against `actual` (one hunk, longest common subsequence):
 * `-` lines are only expected, `+` lines only in the actual text, ` ` lines in both.
 */
export function unifiedDiff(expected: readonly string[], actual: readonly string[], labels: { expected: string; actual: string }): string {
  const n = expected.length;
  const m = actual.length;
  // common[i][j]: length of the longest common subsequence of expected[i..] and actual[j..].
  const common = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      common[i][j] = expected[i] === actual[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      lines.push(` ${expected[i]}`);
      i += 1;
      j += 1;
    } else if (i < n && (j === m || common[i + 1][j] >= common[i][j + 1])) {
      lines.push(`-${expected[i]}`);
      i += 1;
    } else {
      lines.push(`+${actual[j]}`);
      j += 1;
    }
  }
  const shown = lines.length > MAX_DIFF_LINES ? [...lines.slice(0, MAX_DIFF_LINES), `… ${lines.length - MAX_DIFF_LINES} more line(s)`] : lines;
  return [`--- ${labels.expected}`, `+++ ${labels.actual}`, `@@ -1,${n} +1,${m} @@`, ...shown].join('\n');
}
