import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSoak, type SoakReport } from '../../tools/soak/soak';

/**
 * The short soak of issue 10 (the long one is `npm run soak`): the real bot process under a steady
 * mix of FAQ turns, eligibility turns and Direct Line visitors for 20 s after an 8 s warm-up.
 */
describe('the short soak', () => {
  let report: SoakReport;
  beforeAll(async () => {
    report = await runSoak({ durationSeconds: 20, warmupSeconds: 8, ratePerSecond: 20 });
    const out = join(__dirname, '..', '..', 'test-output');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'soak-short.json'), `${JSON.stringify(report, null, 2)}\n`);
  }, 90_000);

  it('answers every request rightly', () => {
    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
  });

  it('ran every kind of request', () => {
    for (const kind of ['faq', 'eligibility', 'directline-start', 'directline-post', 'directline-poll'] as const) expect(report.requests[kind]).toBeGreaterThan(0);
    expect(report.requests.total).toBeGreaterThan(20 * 20 * 0.5);
  });

  it('keeps the process\'s live heap within 20 % of where it was after the warm-up', () => {
    expect(report.memory.heapStartMB).toBeGreaterThan(0);
    expect(report.memory.growthPercent).toBeLessThanOrEqual(20);
  });
});
