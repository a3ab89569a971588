import type { CalibrationReport, HeldOutScores, LanguageFigures, ReliabilityBin } from './calibrate.js';
import { LANGUAGES } from './language.js';

const W = 420;
const H = 420;
const PAD = { left: 52, right: 16, top: 24, bottom: 48 };

/**
 * The reliability diagram: per bin of predicted confidence, the share of messages whose first
 * candidate was right, against the diagonal a perfectly calibrated confidence would follow. A dot's
 * area grows with the messages in its bin, so a gap on one message weighs less to the eye than a gap
 * on fifty. Standalone SVG: it is embedded in the eval's HTML page and saved beside docs/calibration.md.
 */
export function reliabilitySvg(bins: readonly ReliabilityBin[], title: string): string {
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (p: number) => PAD.left + p * innerW;
  const y = (p: number) => PAD.top + (1 - p) * innerH;
  const most = Math.max(1, ...bins.map((b) => b.count));
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1]
    .map(
      (t) =>
        `<line x1="${x(t)}" x2="${x(t)}" y1="${PAD.top}" y2="${PAD.top + innerH}" stroke="#eaeef2"/><line x1="${PAD.left}" x2="${PAD.left + innerW}" y1="${y(t)}" y2="${y(t)}" stroke="#eaeef2"/>` +
        `<text x="${x(t)}" y="${H - PAD.bottom + 16}" text-anchor="middle" font-size="11" fill="#59636e">${t.toFixed(1)}</text>` +
        `<text x="${PAD.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11" fill="#59636e">${t.toFixed(1)}</text>`,
    )
    .join('');
  const filled = bins.filter((b) => b.count > 0);
  const path = filled.map((b, i) => `${i === 0 ? 'M' : 'L'}${x(b.predicted).toFixed(1)},${y(b.observed).toFixed(1)}`).join(' ');
  const dots = filled
    .map((b) => {
      const r = 3 + 9 * Math.sqrt(b.count / most);
      return `<circle cx="${x(b.predicted).toFixed(1)}" cy="${y(b.observed).toFixed(1)}" r="${r.toFixed(1)}" fill="#0969da" fill-opacity="0.55" stroke="#0969da"><title>${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.count} messages, predicted ${b.predicted.toFixed(2)}, right ${b.observed.toFixed(2)}</title></circle>` +
        `<text x="${(x(b.predicted) + r + 3).toFixed(1)}" y="${(y(b.observed) + 4).toFixed(1)}" font-size="10" fill="#59636e">${b.count}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(title)}">
<rect width="${W}" height="${H}" fill="#ffffff"/>
<text x="${PAD.left}" y="16" font-size="12" fill="#1f2328" font-family="sans-serif">${escapeXml(title)}</text>
<g font-family="sans-serif">${ticks}
<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#8c959f" stroke-dasharray="5 4"/>
<path d="${path}" fill="none" stroke="#0969da" stroke-width="1.5"/>
${dots}
<text x="${PAD.left + innerW / 2}" y="${H - 10}" text-anchor="middle" font-size="12" fill="#1f2328">predicted confidence (mean of the bin)</text>
<text transform="translate(14 ${PAD.top + innerH / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="#1f2328">first candidate right (share)</text>
</g>
</svg>
`;
}

const ROWS: [string, (s: HeldOutScores) => string][] = [
  ['questions in scope / out of scope', (s) => `${s.inScope} / ${s.outOfScope}`],
  ['top-1', (s) => pct(s.top1)],
  ['top-3', (s) => pct(s.top3)],
  ['answered directly, right', (s) => pct(s.answeredRight)],
  ['… of the top-1 right (target ≥ 95 %)', (s) => pct(s.answeredOfTop1)],
  ['answered directly, wrong (target ≤ 1 %)', (s) => pct(s.answeredWrong)],
  ['"Did you mean…" with the right entry', (s) => pct(s.clarifiedRight)],
  ['out of scope answered (target ≤ 1 %)', (s) => pct(s.outOfScopeAnswered)],
  ['out of scope given the fallback', (s) => pct(s.outOfScopeFallback)],
];

/** The held-out figures as a Markdown table per language, before (score thresholds) and after (calibration); then the blind set's, when there is one. */
export function calibrationTables(report: CalibrationReport): string {
  const lines: string[] = [];
  const tables = (figures: Record<(typeof LANGUAGES)[number], LanguageFigures>, part: string) => {
    for (const language of LANGUAGES) {
      const { before, after, reliability } = figures[language];
      lines.push(`| ${language}, ${part} | score thresholds | calibrated |`, '|---|---|---|');
      for (const [label, value] of ROWS) lines.push(`| ${label} | ${value(before)} | ${value(after)} |`);
      lines.push(`| expected calibration error (target ≤ 0.05) | – | ${reliability.ece.toFixed(3)} |`, '');
    }
  };
  tables(report.heldOut, 'held out');
  if (report.blind) tables(report.blind, 'blind set');
  return lines.join('\n');
}

/** docs/calibration.md: how the calibration was made, the held-out figures and the reliability diagram. */
export function calibrationMarkdown(report: CalibrationReport, made: string, svgFile: string): string {
  const c = report.calibration;
  const bins = report.reliability.bins.filter((b) => b.count > 0);
  return `# Calibrated confidence

Made by \`${made}\` on ${c.built}. The labelled questions (\`test/labelled/<language>.tsv\`), the out-of-scope messages (\`test/labelled/out-of-scope/\`) and reviewed feedback examples (\`test/labelled/feedback/\`, when there are any) are split once by a hash of each text: a third is held out. The two models and the answer threshold are fitted on the training part only (five-fold cross-validated predictions choose the L2 penalty and the threshold); "held out" figures are measured on the held-out part, which the fit never sees; "blind set" figures on \`test/labelled/faq-blind/\`, questions and out-of-scope messages written apart from the labelled data and from the knowledge base's phrasings by people who saw only each entry's title and answer, never split or fitted on. "Score thresholds" is the recognizer without the calibration file (ANSWER_THRESHOLD, ANSWER_THRESHOLD_ZH, CLARIFY_THRESHOLD, ANSWER_MARGIN).

Answer threshold: ${c.thresholds.answer.toFixed(3)} (the first candidate right with at least this probability, and the answer guard passed; what the score thresholds answer stays answered); "Did you mean…" threshold: ${c.thresholds.clarify.toFixed(2)} (the right entry among the offered with at least this probability). Training part: ${Object.entries(c.training)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')}.

${calibrationTables(report)}
## Reliability diagram (held out, both languages)

Expected calibration error ${report.reliability.ece.toFixed(3)} over ${bins.reduce((s, b) => s + b.count, 0)} held-out messages with a candidate (messages with none get no confidence and are never answered).

![Reliability diagram](${svgFile})

| predicted | messages | mean predicted | first candidate right |
|---|---|---|---|
${bins.map((b) => `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${b.predicted.toFixed(3)} | ${b.observed.toFixed(3)} |`).join('\n')}
`;
}

/** The eval's HTML page: the held-out tables and the reliability diagram inline; no script, opens from disk. */
export function calibrationHtml(report: CalibrationReport, made: string): string {
  const table = (language: (typeof LANGUAGES)[number], figures: Record<(typeof LANGUAGES)[number], LanguageFigures> = report.heldOut, part = 'held out') => {
    const { before, after, reliability } = figures[language];
    const rows = ROWS.map(([label, value]) => `<tr><td>${escapeXml(label)}</td><td class="n">${value(before)}</td><td class="n">${value(after)}</td></tr>`).join('\n');
    return `<h2>${language}, ${part}</h2><table><thead><tr><th></th><th class="n">score thresholds</th><th class="n">calibrated</th></tr></thead><tbody>
${rows}
<tr><td>expected calibration error (target ≤ 0.05)</td><td class="n">–</td><td class="n">${reliability.ece.toFixed(3)}</td></tr></tbody></table>
${reliabilitySvg(reliability.bins, `${language}: predicted confidence vs first candidate right (${part})`)}`;
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ICP Filing Assistant — calibrated confidence</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
table { border-collapse: collapse; margin-bottom: 1rem; } th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #eaeef2; }
th { background: #f6f8fa; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<h1>Calibrated confidence <small>(${escapeXml(report.calibration.built)})</small></h1>
<p>Made by <code>${escapeXml(made)}</code>. Figures on the held-out part of the labelled data, which the calibration was not fitted on. Answer threshold ${report.calibration.thresholds.answer.toFixed(3)}, "Did you mean…" threshold ${report.calibration.thresholds.clarify.toFixed(2)}.</p>
<h2>Both languages</h2>
<p>Expected calibration error ${report.reliability.ece.toFixed(3)}.</p>
${reliabilitySvg(report.reliability.bins, 'Predicted confidence vs first candidate right (held out)')}
${LANGUAGES.map((language) => table(language)).join('\n')}
${report.blind ? LANGUAGES.map((language) => table(language, report.blind, 'blind set')).join('\n') : ''}
</body>
</html>
`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
