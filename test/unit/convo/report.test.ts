import { formatFailure, formatReport, formatResultLine } from '../../../tools/convo';
import { FAILED, PASSED } from './fixtures/results';

describe('formatFailure()', () => {
  it('names the script, the turn, what was sent, expected and came, each failed line, and the diff', () => {
    expect(formatFailure(FAILED)).toBe(
      [
        'FAIL Hong Kong <answer> & "Tokyo"',
        '  test/dialogs/scripts/hk.convo.txt:7: turn 2 (#bot)',
        '  after #me: "server in hong kong?"',
        '  expected:',
        '    Tokyo',
        '    LANGUAGE en',
        '  failed:',
        '    test/dialogs/scripts/hk.convo.txt:8: the text does not contain "Tokyo"',
        '  actual:',
        '    text: "No filing needed."',
        '    locale: en',
        '  diff:',
        '    --- expected (test/dialogs/scripts/hk.convo.txt:8)',
        '    +++ actual (reply text)',
        '    @@ -1,1 +1,1 @@',
        '    -Tokyo',
        '    +No filing needed.',
      ].join('\n'),
    );
  });
});

describe('formatReport() and formatResultLine()', () => {
  it('lists failures in full, then the count', () => {
    const report = formatReport([PASSED, FAILED]);
    expect(report.startsWith(formatFailure(FAILED))).toBe(true);
    expect(report.endsWith('\n\n1 passed, 1 failed, 2 total\n')).toBe(true);
  });

  it('gives one line per run', () => {
    expect(formatResultLine(PASSED)).toBe('PASS Greeting [HELLO 1/2 "hi"] (test/dialogs/scripts/greet.convo.txt, 120 ms)');
    expect(formatResultLine(FAILED)).toBe('FAIL Hong Kong <answer> & "Tokyo" (test/dialogs/scripts/hk.convo.txt, 1500 ms)');
  });
});
