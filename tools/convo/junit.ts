import { formatFailure, turnName } from './report.js';
import type { ConvoResult } from './result.js';

/** Characters XML 1.0 does not allow, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * JUnit XML for CI: one testsuite per script file, one testcase per run (name: the convo and its
 * expansion, classname: the file), a failure holding the readable report.
 */
export function toJUnitXml(results: readonly ConvoResult[], suitesName = 'conversation scripts'): string {
  const byFile = new Map<string, ConvoResult[]>();
  for (const result of results) byFile.set(result.file, [...(byFile.get(result.file) ?? []), result]);
  const failures = (rs: readonly ConvoResult[]) => rs.filter((r) => !r.passed).length;
  const time = (rs: readonly ConvoResult[]) => (rs.reduce((ms, r) => ms + r.durationMs, 0) / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suitesName)}" tests="${results.length}" failures="${failures(results)}" time="${time(results)}">`,
  ];
  for (const [file, suite] of byFile) {
    lines.push(`  <testsuite name="${escapeXml(file)}" tests="${suite.length}" failures="${failures(suite)}" errors="0" time="${time(suite)}">`);
    for (const result of suite) {
      const open = `    <testcase name="${escapeXml(result.name)}" classname="${escapeXml(file)}" time="${time([result])}"`;
      if (!result.failure) {
        lines.push(`${open}/>`);
        continue;
      }
      const message = `${turnName(result.failure)}: ${result.failure.problems.map((p) => p.problem).join('; ')}`;
      lines.push(`${open}>`, `      <failure message="${escapeXml(message)}" type="ConvoFailure">${escapeXml(formatFailure(result))}</failure>`, '    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** Text or attribute value made safe for XML. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
