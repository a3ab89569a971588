import type { LearningEvent } from '../../../src/learning/events';
import { buildReport, type LearningReport } from '../../../src/learning/report';
import { renderReportHtml } from '../../../src/learning/reportHtml';
import { formatReportText, reportSummary } from '../../../src/learning/reportText';
import { sharedCore } from '../../helpers';

const common = { user: 'u1', channel: 'webchat', language: 'en' as const };
let n = 0;
const id = () => `e${++n}`;

function q(at: string, text: string, outcome: 'answer' | 'clarify' | 'none', candidates: [string, number][], extra: Partial<LearningEvent> = {}): LearningEvent {
  return { ...common, id: id(), at, type: 'question', text, outcome, candidates: candidates.map(([c, score]) => ({ id: c, score })), ...(outcome === 'answer' ? { entry: candidates[0][0] } : {}), ...extra } as LearningEvent;
}

/** Two days: day one 3 questions (2 answered), day two 2 questions (0 answered), picks, feedback. */
function sample(): LearningEvent[] {
  n = 0;
  const a1 = q('2026-11-20T09:00:00.000Z', 'do I need icp for hong kong', 'answer', [['hosted-outside-mainland', 0.82], ['cdn', 0.2]]);
  const a2 = q('2026-11-20T10:00:00.000Z', 'cdn in china needs filing?', 'answer', [['cdn', 0.61]]);
  const c1 = q('2026-11-20T11:00:00.000Z', 'one account person and company', 'clarify', [['one-account-one-entity', 0.33], ['personal-in-progress-new-organization', 0.31]]);
  const c2 = q('2026-11-21T09:00:00.000Z', 'one account for a person and a company', 'clarify', [['personal-in-progress-new-organization', 0.32], ['one-account-one-entity', 0.31]]);
  const none = q('2026-11-21T10:00:00.000Z', 'can I pay the fee with <script>paypal</script>', 'none', [['prerequisites', 0.05]]);
  return [
    a1,
    { ...common, id: id(), at: '2026-11-20T09:00:05.000Z', type: 'feedback', ref: a1.id, text: 'do I need icp for hong kong', entry: 'hosted-outside-mainland', helpful: true },
    a2,
    { ...common, id: id(), at: '2026-11-20T10:00:05.000Z', type: 'feedback', ref: a2.id, text: 'cdn in china needs filing?', entry: 'cdn', helpful: false },
    c1,
    { ...common, id: id(), at: '2026-11-20T11:00:05.000Z', type: 'pick', after: 'clarify', ref: c1.id, text: c1.type === 'question' ? c1.text : '', offered: ['one-account-one-entity', 'personal-in-progress-new-organization'], shown: 'one-account-one-entity', entry: 'one-account-one-entity' },
    c2,
    { ...common, id: id(), at: '2026-11-21T09:00:05.000Z', type: 'pick', after: 'clarify', ref: c2.id, text: c2.type === 'question' ? c2.text : '', offered: ['personal-in-progress-new-organization', 'one-account-one-entity'], shown: 'personal-in-progress-new-organization', entry: 'one-account-one-entity', user: 'u2' },
    none,
  ];
}

function report(): LearningReport {
  return buildReport(sample(), {
    from: new Date('2026-11-20T00:00:00Z'),
    to: new Date('2026-11-21T23:59:59Z'),
    thresholds: { answer: 0.35, clarify: 0.3 },
    normalizer: sharedCore().recognizer.normalizer,
    now: () => new Date('2026-11-22T00:00:00Z'),
  });
}

describe('buildReport', () => {
  it('counts answer rate and helpful rate per day and in total', () => {
    const r = report();
    expect(r.days).toEqual([
      { day: '2026-11-20', questions: 3, answered: 2, clarified: 1, unanswered: 0, picks: 1, helpful: 1, notHelpful: 1, answerRate: 0.6667, helpfulRate: 0.5 },
      { day: '2026-11-21', questions: 2, answered: 0, clarified: 1, unanswered: 1, picks: 1, helpful: 0, notHelpful: 0, answerRate: 0, helpfulRate: null },
    ]);
    expect(r.totals).toMatchObject({ questions: 5, answered: 2, answerRate: 0.4, helpfulRate: 0.5, users: 2 });
  });

  it('groups questions without a direct answer or with a 👎, with what users picked', () => {
    const r = report();
    const account = r.clusters.find((c) => c.representative.startsWith('one account'));
    expect(account).toMatchObject({ count: 2, reasons: { none: 0, clarify: 2, disliked: 0 }, picked: [{ entry: 'one-account-one-entity', count: 2 }] });
    const cdn = r.clusters.find((c) => c.representative === 'cdn in china needs filing?');
    expect(cdn).toMatchObject({ count: 1, reasons: { disliked: 1 }, disliked: [{ entry: 'cdn', count: 1 }], best: { id: 'cdn', score: 0.61 } });
    expect(r.clusters.map((c) => c.count).reduce((a, b) => a + b)).toBe(4);
    expect(r.clusters.some((c) => c.representative.includes('hong kong'))).toBe(false);
  });

  it('counts follow-ups in the days\' figures but groups none of them: their words alone do not say what they ask', () => {
    const events = sample();
    const followUp = q('2026-11-21T11:00:00.000Z', 'and what about the photo?', 'none', [['verification-photo', 0.2]], { followUp: true });
    const answered = q('2026-11-21T11:05:00.000Z', 'and is it free?', 'answer', [['filing-cost', 0.6]], { followUp: true });
    const disliked = { ...common, id: id(), at: '2026-11-21T11:05:05.000Z', type: 'feedback', ref: answered.id, text: 'and is it free?', entry: 'filing-cost', helpful: false, followUp: true } as LearningEvent;
    const r = buildReport([...events, followUp, answered, disliked], {
      from: new Date('2026-11-20T00:00:00Z'),
      to: new Date('2026-11-21T23:59:59Z'),
      thresholds: { answer: 0.35, clarify: 0.3 },
      normalizer: sharedCore().recognizer.normalizer,
    });
    expect(r.totals).toMatchObject({ questions: 7, answered: 3 });
    expect(r.clusters.map((c) => c.count).reduce((a, b) => a + b)).toBe(4);
    expect(r.clusters.some((c) => /photo|free/.test(c.representative))).toBe(false);
  });

  it('lists the entries picked after "Did you mean…" and the pairs mixed up', () => {
    const r = report();
    expect(r.picks).toEqual([{ entry: 'one-account-one-entity', language: 'en', afterClarify: 2, afterDislike: 0 }]);
    expect(r.confusions).toEqual([{ a: 'one-account-one-entity', b: 'personal-in-progress-new-organization', count: 1, aForB: 0, bForA: 1 }]);
  });

  it('bins the best score of every question', () => {
    const r = report();
    expect(r.scores).toHaveLength(20);
    const count = (from: number) => r.scores.find((b) => b.from === from)?.count;
    expect(count(0.8)).toBe(1);
    expect(count(0.6)).toBe(1);
    expect(count(0.3)).toBe(2);
    expect(count(0.05)).toBe(1);
    expect(r.scores.reduce((sum, b) => sum + b.count, 0)).toBe(5);
  });

  it('leaves the member lists out of the JSON summary', () => {
    const summary = reportSummary(report());
    expect(JSON.stringify(summary)).not.toContain('"members"');
    expect(summary.clusters[0].examples.length).toBeGreaterThan(0);
  });
});

describe('report formats', () => {
  it('prints the sections as text', () => {
    const text = formatReportText(report());
    expect(text).toContain('5 questions: 2 answered (40.0%)');
    expect(text).toContain('2026-11-20          3         2        66.7%    1    1         50.0%');
    expect(text).toContain('one-account-one-entity');
    expect(text).toMatch(/0\.30–0\.35 █+ +2 ← clarify/);
  });

  it('renders a self-contained HTML page with inline SVG charts and the thresholds marked', () => {
    const html = renderReportHtml(report());
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('clarify 0.30');
    expect(html).toContain('answer 0.35');
    expect(html).not.toMatch(/<script|src="http|href="http/);
    expect(html).toContain('&lt;script&gt;paypal&lt;/script&gt;');
  });
});
