import { escapeXml, formatFailure, toJUnitXml, type ConvoResult } from '../../../tools/convo';
import { FAILED, PASSED } from './fixtures/results';

describe('toJUnitXml()', () => {
  it('writes one testsuite per file and one testcase per run, the failure holding the report, all escaped', () => {
    const other: ConvoResult = { ...PASSED, name: 'Greeting [HELLO 2/2 "hey"]', durationMs: 80 };
    expect(toJUnitXml([PASSED, FAILED, other])).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="conversation scripts" tests="3" failures="1" time="1.700">',
        '  <testsuite name="test/dialogs/scripts/greet.convo.txt" tests="2" failures="0" errors="0" time="0.200">',
        '    <testcase name="Greeting [HELLO 1/2 &quot;hi&quot;]" classname="test/dialogs/scripts/greet.convo.txt" time="0.120"/>',
        '    <testcase name="Greeting [HELLO 2/2 &quot;hey&quot;]" classname="test/dialogs/scripts/greet.convo.txt" time="0.080"/>',
        '  </testsuite>',
        '  <testsuite name="test/dialogs/scripts/hk.convo.txt" tests="1" failures="1" errors="0" time="1.500">',
        '    <testcase name="Hong Kong &lt;answer&gt; &amp; &quot;Tokyo&quot;" classname="test/dialogs/scripts/hk.convo.txt" time="1.500">',
        `      <failure message="turn 2 (#bot): the text does not contain &quot;Tokyo&quot;" type="ConvoFailure">${escapeXml(formatFailure(FAILED))}</failure>`,
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href='x'>&"\u0007\ud800</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&quot;\ufffd\ufffd&lt;/a&gt;');
  });
});
