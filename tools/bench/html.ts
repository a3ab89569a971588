import { describeMachine } from './machine.js';
import type { DatasetResult, NluResult } from './nlu.js';
import { HINT3_PUBLISHED } from './published.js';
import { nluTargets } from './targets.js';

const WIDTH = 420;
const HEIGHT = 260;
const PAD = { left: 44, right: 12, top: 12, bottom: 36 };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Accuracy against the confidence threshold as an inline SVG line chart, with the best point and, for HINT3, the best published accuracy. */
export function sweepSvg(dataset: DatasetResult): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + t * plotW;
  const y = (a: number) => PAD.top + (1 - a) * plotH;
  const path = dataset.sweep.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.threshold).toFixed(1)},${y(p.accuracy).toFixed(1)}`).join(' ');
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((v) => `<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v}</text><text x="${x(v)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle" font-size="11">${v}</text>`)
    .join('');
  const key = dataset.name as 'sofmattress' | 'curekart' | 'powerplay11';
  const published = dataset.group === 'hint3' ? Math.max(...HINT3_PUBLISHED.map((row) => row[key]?.best ?? 0)) : undefined;
  const publishedLine =
    published === undefined
      ? ''
      : `<line x1="${x(0)}" y1="${y(published)}" x2="${x(1)}" y2="${y(published)}" stroke="#c33" stroke-dasharray="5,4"/><text x="${x(1) - 4}" y="${y(published) - 5}" text-anchor="end" font-size="11" fill="#c33">best published ${published.toFixed(3)}</text>`;
  const best = dataset.best;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(dataset.name)}: accuracy against threshold">`,
    grid,
    publishedLine,
    `<path d="${path}" fill="none" stroke="#1f5fa8" stroke-width="2"/>`,
    `<circle cx="${x(best.threshold).toFixed(1)}" cy="${y(best.accuracy).toFixed(1)}" r="4" fill="#1f5fa8"/>`,
    `<text x="${(x(best.threshold) + 6).toFixed(1)}" y="${(y(best.accuracy) - 6).toFixed(1)}" font-size="11">best ${best.accuracy.toFixed(3)} at ${best.threshold.toFixed(2)}</text>`,
    `<text x="${x(0.5)}" y="${HEIGHT - 4}" text-anchor="middle" font-size="12">confidence threshold</text>`,
    `<text x="12" y="${y(0.5)}" text-anchor="middle" font-size="12" transform="rotate(-90 12 ${y(0.5)})">accuracy</text>`,
    '</svg>',
  ].join('');
}

/** The quality report as one HTML file with a plot per data set; it needs no server and no script. */
export function renderNluHtml(result: NluResult): string {
  const rows = result.datasets
    .map((d) => `<tr><td>${escapeHtml(d.group)}</td><td>${escapeHtml(d.name)}</td><td>${d.trainSize}</td><td>${d.testSize}</td><td>${d.rejectTestSize}</td><td>${d.accuracy.toFixed(3)}</td><td>${d.atThreshold01.toFixed(3)}</td><td>${d.best.accuracy.toFixed(3)} at ${d.best.threshold.toFixed(2)}</td></tr>`)
    .join('\n');
  const plots = result.datasets.map((d) => `<figure><figcaption>${escapeHtml(d.name)} (${escapeHtml(d.group)})</figcaption>${sweepSvg(d)}</figure>`).join('\n');
  const targets = nluTargets(result)
    .map((t) => `<li>${t.met ? 'met' : '<strong>missed</strong>'}: ${escapeHtml(t.target)} — measured ${escapeHtml(t.measured)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Matcher benchmarks</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
td, th { border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: right; }
td:nth-child(-n+2), th { text-align: left; }
figure { display: inline-block; margin: 0 1rem 1rem 0; }
figcaption { font-weight: 600; }
</style>
</head>
<body>
<h1>Matcher benchmarks</h1>
<p>${escapeHtml(describeMachine(result.machine))}. Stop words: ${result.stopWords === 'none' ? 'none' : "the bot's list"}. Braun overall micro-F1: ${result.braunOverall.toFixed(3)}.</p>
<table>
<thead><tr><th>group</th><th>data set</th><th>train</th><th>test</th><th>out of scope / None in test</th><th>accuracy (no threshold)</th><th>at 0.1</th><th>best</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Targets</h2>
<ul>
${targets}
</ul>
<h2>Accuracy against the confidence threshold</h2>
<p>Below the threshold a query counts as out of scope (HINT3's NO_NODES_DETECTED, or the corpus's None intent).</p>
${plots}
</body>
</html>
`;
}
