import type { LearningReport, PeriodStats } from './report.js';

/** The report without the member lists of its clusters: what `--format json` prints and /api/stats returns. */
export function reportSummary(report: LearningReport): Omit<LearningReport, 'clusters'> & { clusters: Omit<LearningReport['clusters'][number], 'members'>[] } {
  return { ...report, clusters: report.clusters.map(({ members: _members, ...cluster }) => cluster) };
}

/** The report as plain text for a terminal. */
export function formatReportText(report: LearningReport): string {
  const t = report.totals;
  const lines: string[] = [];
  lines.push(`Learning report ${report.from.slice(0, 16).replace('T', ' ')} … ${report.to.slice(0, 16).replace('T', ' ')} UTC`);
  lines.push(
    `${t.questions} questions: ${t.answered} answered (${pct(t.answerRate)}), ${t.clarified} "Did you mean…", ${t.unanswered} unanswered; ${t.picks} picks; 👍 ${t.helpful} 👎 ${t.notHelpful} (helpful ${pct(t.helpfulRate)}); ${t.users} users`,
  );
  if (t.unreadable > 0) lines.push(`(${t.unreadable} stored events could not be read and were skipped)`);

  lines.push('', 'Per day (UTC)', 'day         questions  answered  answer-rate   👍   👎  helpful-rate');
  for (const d of report.days) lines.push(dayLine(d.day, d));

  lines.push('', `Questions without a direct answer or with a 👎 (${report.clusters.length} groups)`);
  if (report.clusters.length === 0) lines.push('  none');
  report.clusters.forEach((c, i) => {
    const reasons = [
      c.reasons.none ? `unanswered ${c.reasons.none}` : '',
      c.reasons.clarify ? `"Did you mean" ${c.reasons.clarify}` : '',
      c.reasons.disliked ? `👎 ${c.reasons.disliked}` : '',
    ].filter(Boolean);
    lines.push(`${String(i + 1).padStart(3)}. [${c.language}] "${c.representative}"  ${c.count} question(s): ${reasons.join(', ')}  (${c.id})`);
    const details = [
      c.best ? `best match ${c.best.id} ${c.best.score.toFixed(2)}` : 'no match',
      c.picked.length > 0 ? `picked ${c.picked.map((p) => `${p.entry} ×${p.count}`).join(', ')}` : '',
      c.disliked.length > 0 ? `👎 on ${c.disliked.map((p) => `${p.entry} ×${p.count}`).join(', ')}` : '',
    ].filter(Boolean);
    lines.push(`       ${details.join('; ')}`);
    const others = c.examples.filter((e) => e !== c.representative);
    if (others.length > 0) lines.push(`       also: ${others.map((e) => `"${e}"`).join(', ')}`);
  });

  lines.push('', 'Entries most often picked after "Did you mean…" (and after a 👎)');
  if (report.picks.length === 0) lines.push('  none');
  for (const p of report.picks) lines.push(`  ${p.entry.padEnd(40)} [${p.language}]  after "Did you mean" ${p.afterClarify}, after 👎 ${p.afterDislike}`);

  lines.push('', 'Entry pairs mixed up (the bot put one first, the user wanted the other)');
  if (report.confusions.length === 0) lines.push('  none');
  for (const c of report.confusions) lines.push(`  ${c.a} ↔ ${c.b}  ${c.count}  (${c.a} for ${c.b}: ${c.aForB}, ${c.b} for ${c.a}: ${c.bForA})`);

  const { answer, clarify } = report.thresholds;
  lines.push('', `Best score per question (clarify at ${clarify}, answer at ${answer})`);
  const most = Math.max(1, ...report.scores.map((b) => b.count));
  for (const bin of report.scores) {
    const mark = bin.from <= answer && answer < bin.to ? ' ← answer' : bin.from <= clarify && clarify < bin.to ? ' ← clarify' : '';
    lines.push(`  ${bin.from.toFixed(2)}–${bin.to.toFixed(2)} ${'█'.repeat(Math.round((bin.count / most) * 40)).padEnd(40)} ${bin.count}${mark}`);
  }
  return `${lines.join('\n')}\n`;
}

function dayLine(day: string, d: PeriodStats): string {
  return `${day}  ${String(d.questions).padStart(9)}  ${String(d.answered).padStart(8)}  ${pct(d.answerRate).padStart(11)}  ${String(d.helpful).padStart(3)}  ${String(d.notHelpful).padStart(3)}  ${pct(d.helpfulRate).padStart(12)}`;
}

function pct(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`;
}
