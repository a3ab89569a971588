import type { ConvoResult, TurnFailure } from './result.js';

const INDENT = '  ';

/** One line per run, for progress output. */
export function formatResultLine(result: ConvoResult): string {
  return `${result.passed ? 'PASS' : 'FAIL'} ${result.name} (${result.file}, ${result.durationMs} ms)`;
}

/**
 * A failed run for a person: the script and turn, what the block expected, each failed check at
 * its line, the bot message it got, and a diff of the expected texts against the reply text.
 */
export function formatFailure(result: ConvoResult): string {
  const failure = result.failure;
  if (!failure) return `PASS ${result.name}`;
  const lines = [`FAIL ${result.name}`, `${INDENT}${result.file}:${failure.line}: ${turnName(failure)}`];
  if (failure.sent !== undefined) lines.push(`${INDENT}after #me: ${failure.sent}`);
  if (failure.expected.length > 0) lines.push(`${INDENT}expected:`, ...failure.expected.map((l) => `${INDENT}${INDENT}${l}`));
  lines.push(`${INDENT}failed:`, ...failure.problems.map((p) => `${INDENT}${INDENT}${result.file}:${p.line}: ${p.problem}`));
  lines.push(`${INDENT}actual:`, ...failure.actual.map((l) => `${INDENT}${INDENT}${l}`));
  if (failure.diff) lines.push(`${INDENT}diff:`, ...failure.diff.split('\n').map((l) => `${INDENT}${INDENT}${l}`));
  return lines.join('\n');
}

/** Every failure in full, then the count. */
export function formatReport(results: readonly ConvoResult[]): string {
  const failed = results.filter((r) => !r.passed);
  const parts = failed.map(formatFailure);
  parts.push(`${results.length - failed.length} passed, ${failed.length} failed, ${results.length} total`);
  return `${parts.join('\n\n')}\n`;
}

/** "turn 3 (#bot)", or "opening the conversation". */
export function turnName(failure: TurnFailure): string {
  return failure.turn === 0 ? 'opening the conversation' : `turn ${failure.turn} (#${failure.sender})`;
}
