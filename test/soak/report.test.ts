import { replaceSoakSection, SOAK_BEGIN, SOAK_END, soakMarkdown, soakPassed } from '../../tools/soak/report';
import { percentiles, type SoakReport } from '../../tools/soak/soak';

const latency = { count: 2, p50: 1, p95: 2, p99: 2, max: 2 };
const report: SoakReport = {
  startedAt: '2026-11-22T12:00:00.000Z',
  durationSeconds: 300,
  warmupSeconds: 60,
  ratePerSecond: 30,
  machine: { node: 'v20.19.0', cpus: 2, loadAverageAtStart: [0.5, 0.4, 0.3] },
  requests: { faq: 1, eligibility: 1, 'directline-start': 0, 'directline-post': 0, 'directline-poll': 0, total: 2 },
  errors: 0,
  errorSamples: [],
  skipped: 0,
  latencyMs: { all: latency, faq: latency, eligibility: latency, 'directline-start': latency, 'directline-post': latency, 'directline-poll': latency },
  memory: { heapStartMB: 100, heapEndMB: 110, growthPercent: 10, rssStartMB: 200, rssEndMB: 230, rssSamplesMB: [200, 230] },
};

describe('percentiles', () => {
  it('takes the nearest rank', () => {
    expect(percentiles(Array.from({ length: 100 }, (_, i) => i + 1))).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('is all zeros for no values', () => {
    expect(percentiles([])).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });
});

describe('soakPassed', () => {
  it.each([
    [0, 10, true],
    [0, 20, true],
    [0, 20.1, false],
    [1, 0, false],
  ])('with %p errors and %p %% growth is %p', (errors, growthPercent, passed) => {
    expect(soakPassed({ ...report, errors, memory: { ...report.memory, growthPercent } })).toBe(passed);
  });
});

describe('the soak section of docs/security.md', () => {
  it('is replaced between its markers, leaving the rest alone', () => {
    const document = `# Security\n\n${SOAK_BEGIN}\nold figures\n${SOAK_END}\n\nafter\n`;
    const updated = replaceSoakSection(document, soakMarkdown(report, 'npm run soak'));
    expect(updated).toMatch(/^# Security\n\n<!-- soak:begin/);
    expect(updated).not.toContain('old figures');
    expect(updated).toContain('**Errors: 0**');
    expect(updated).toContain('100 MB after the warm-up, 110 MB at the end (+10 %; the bar is +20 %); resident memory 200 → 230 MB');
    expect(updated).toContain('| FAQ turn (POST /api/messages) | 2 | 1 | 2 | 2 | 2 |');
    expect(updated.endsWith(`${SOAK_END}\n\nafter\n`)).toBe(true);
  });

  it('cannot be replaced in a document without the markers', () => {
    expect(() => replaceSoakSection('# Security\n', 'x')).toThrow(/replaceSoakSection\(\): the document has no/);
  });
});
