import type { SoakKind, SoakReport } from './soak.js';

/** Where docs/security.md holds the soak figures; the soak command rewrites what lies between. */
export const SOAK_BEGIN = '<!-- soak:begin (written by npm run soak) -->';
export const SOAK_END = '<!-- soak:end -->';

const LABELS: Record<SoakKind | 'all', string> = {
  all: 'all requests',
  faq: 'FAQ turn (POST /api/messages)',
  eligibility: 'eligibility-check turn (POST /api/messages)',
  'directline-start': 'Direct Line start (token + POST /conversations)',
  'directline-post': 'Direct Line post (POST …/activities)',
  'directline-poll': 'Direct Line poll (GET …/activities)',
};

/** Whether a soak passed: no errors, and memory grew by at most `maxGrowthPercent`. */
export function soakPassed(report: SoakReport, maxGrowthPercent = 20): boolean {
  return report.errors === 0 && report.memory.growthPercent <= maxGrowthPercent;
}

/** The soak's figures as Markdown, for docs/security.md. */
export function soakMarkdown(report: SoakReport, command: string): string {
  const rows = (Object.keys(LABELS) as (SoakKind | 'all')[]).map((kind) => {
    const l = report.latencyMs[kind];
    return `| ${LABELS[kind]} | ${l.count} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} |`;
  });
  return [
    `Measured ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC with \`${command}\`: ${report.durationSeconds} s at ${report.ratePerSecond} requests/s after a ${report.warmupSeconds} s warm-up,`,
    `Node ${report.machine.node}, ${report.machine.cpus} CPUs, load average ${report.machine.loadAverageAtStart.join(' / ')} at the start. Full figures: [soak.json](soak.json).`,
    '',
    `- **Errors: ${report.errors}** (${report.requests.total} requests answered; ${report.skipped} not started because every session was still waiting for the server)`,
    `- **Memory** (bot process, live heap after a full garbage collection): ${report.memory.heapStartMB} MB after the warm-up, ${report.memory.heapEndMB} MB at the end (${report.memory.growthPercent >= 0 ? '+' : ''}${report.memory.growthPercent} %; the bar is +20 %); resident memory ${report.memory.rssStartMB} → ${report.memory.rssEndMB} MB`,
    `- **Verdict: ${soakPassed(report) ? 'pass' : 'FAIL'}**`,
    '',
    '| request | count | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** `document` with the text between the soak markers replaced by `markdown`; throws when the markers are missing. */
export function replaceSoakSection(document: string, markdown: string): string {
  const begin = document.indexOf(SOAK_BEGIN);
  const end = document.indexOf(SOAK_END);
  if (begin < 0 || end < begin) throw new Error(`replaceSoakSection(): the document has no "${SOAK_BEGIN}" … "${SOAK_END}" section`);
  return `${document.slice(0, begin + SOAK_BEGIN.length)}\n${markdown}\n${document.slice(end)}`;
}
