import type { LearningReport } from './report.js';

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG charts (answer and helpful
 * rate per day; the distribution of best scores with the thresholds marked). No script, no
 * external resource: it opens from disk in any browser. Every text from users is escaped.
 */
export function renderReportHtml(report: LearningReport): string {
  const t = report.totals;
  const period = `${report.from.slice(0, 10)} – ${report.to.slice(0, 10)}`;
  const cards = [
    ['Questions', String(t.questions)],
    ['Answered directly', pct(t.answerRate)],
    ['"Did you mean…"', String(t.clarified)],
    ['Unanswered', String(t.unanswered)],
    ['Helpful (👍 / all feedback)', `${pct(t.helpfulRate)} <small>(${t.helpful} / ${t.helpful + t.notHelpful})</small>`],
    ['Users', String(t.users)],
  ];
  const clusters = report.clusters
    .map(
      (c) => `<tr><td>${esc(c.language)}</td><td><strong>${esc(c.representative)}</strong>${c.examples.filter((e) => e !== c.representative).map((e) => `<br><span class="muted">${esc(e)}</span>`).join('')}</td>
<td class="n">${c.count}</td><td class="n">${c.reasons.none}</td><td class="n">${c.reasons.clarify}</td><td class="n">${c.reasons.disliked}</td>
<td>${c.best ? `${esc(c.best.id)} <span class="muted">${c.best.score.toFixed(2)}</span>` : '–'}</td><td>${c.picked.map((p) => `${esc(p.entry)} ×${p.count}`).join('<br>') || '–'}</td><td><code>${esc(c.id)}</code></td></tr>`,
    )
    .join('\n');
  const picks = report.picks.map((p) => `<tr><td>${esc(p.entry)}</td><td>${esc(p.language)}</td><td class="n">${p.afterClarify}</td><td class="n">${p.afterDislike}</td></tr>`).join('\n');
  const confusions = report.confusions
    .map((c) => `<tr><td>${esc(c.a)}</td><td>${esc(c.b)}</td><td class="n">${c.count}</td><td class="n">${c.aForB}</td><td class="n">${c.bForA}</td></tr>`)
    .join('\n');
  const days = report.days
    .map((d) => `<tr><td>${d.day}</td><td class="n">${d.questions}</td><td class="n">${d.answered}</td><td class="n">${pct(d.answerRate)}</td><td class="n">${d.helpful}</td><td class="n">${d.notHelpful}</td><td class="n">${pct(d.helpfulRate)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ICP Filing Assistant — learning report ${esc(period)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2.2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; } .card { border: 1px solid #d0d7de; border-radius: 8px; padding: .6rem 1rem; min-width: 9rem; }
.card b { display: block; font-size: 1.4rem; } .card span { color: #59636e; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { background: #f6f8fa; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; } .muted { color: #59636e; font-size: .9em; }
svg { max-width: 100%; height: auto; } .legend { font-size: .85rem; color: #59636e; }
</style>
</head>
<body>
<h1>Learning report <span class="muted">${esc(period)} (UTC)</span></h1>
<div class="cards">${cards.map(([label, value]) => `<div class="card"><b>${value}</b><span>${esc(label)}</span></div>`).join('')}</div>
${t.unreadable > 0 ? `<p class="muted">${t.unreadable} stored events could not be read and were skipped.</p>` : ''}
<h2>Answer rate and helpful rate per day</h2>
${rateChart(report)}
<p class="legend"><span style="color:#0969da">━</span> answered directly / questions &nbsp; <span style="color:#1a7f37">┅</span> helpful / all feedback</p>
<h2>Best score per question</h2>
${scoreChart(report)}
<p class="legend">Questions by the score of their best match. At or above the answer threshold (with a lead over the second) the bot answers; between the clarify and the answer threshold it asks "Did you mean…"; below, it falls back.</p>
<h2>Questions without a direct answer or rated not helpful (👎)</h2>
${report.clusters.length === 0 ? '<p>None in this period.</p>' : `<table><thead><tr><th>lang</th><th>question (and similar ones)</th><th class="n">all</th><th class="n">unanswered</th><th class="n">"did you mean"</th><th class="n">not helpful</th><th>best match</th><th>picked</th><th>group</th></tr></thead><tbody>
${clusters}
</tbody></table>`}
<h2>Entries most often picked after "Did you mean…"</h2>
${report.picks.length === 0 ? '<p>None in this period.</p>' : `<table><thead><tr><th>entry</th><th>lang</th><th class="n">after "did you mean"</th><th class="n">after not helpful</th></tr></thead><tbody>
${picks}
</tbody></table>`}
<h2>Entry pairs mixed up</h2>
${report.confusions.length === 0 ? '<p>None in this period.</p>' : `<table><thead><tr><th>a</th><th>b</th><th class="n">times</th><th class="n">a first, b wanted</th><th class="n">b first, a wanted</th></tr></thead><tbody>
${confusions}
</tbody></table>`}
<h2>Per day</h2>
<table><thead><tr><th>day</th><th class="n">questions</th><th class="n">answered</th><th class="n">answer rate</th><th class="n">helpful</th><th class="n">not helpful</th><th class="n">helpful rate</th></tr></thead><tbody>
${days}
</tbody></table>
<p class="muted">Generated ${esc(report.generatedAt)} by icp-bot report. Questions are stored with phone numbers, e-mail addresses, ID-card and licence numbers removed; users only as salted hashes.</p>
</body>
</html>
`;
}

const W = 720;
const H = 240;
const PAD = { left: 48, right: 16, top: 16, bottom: 40 };

/** Line chart of the answer rate (and helpful rate) per day, 0–100 %. */
function rateChart(report: LearningReport): string {
  const days = report.days;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (days.length <= 1 ? innerW / 2 : (i * innerW) / (days.length - 1));
  const y = (rate: number) => PAD.top + innerH * (1 - rate);
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((r) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(r)}" y2="${y(r)}" stroke="#eaeef2"/><text x="${PAD.left - 6}" y="${y(r) + 4}" text-anchor="end" font-size="11" fill="#59636e">${r * 100}%</text>`)
    .join('');
  const step = Math.max(1, Math.ceil(days.length / 10));
  const labels = days
    .map((d, i) => (i % step === 0 || i === days.length - 1 ? `<text x="${x(i)}" y="${H - PAD.bottom + 16}" text-anchor="middle" font-size="11" fill="#59636e">${d.day.slice(5)}</text>` : ''))
    .join('');
  const series = (values: (number | null)[], colour: string, dash: string) => {
    const points = values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
    const segments: string[] = [];
    let current: string[] = [];
    for (const p of points) {
      if (p === null) {
        if (current.length > 0) segments.push(current.join(' '));
        current = [];
      } else current.push(`${p[0].toFixed(1)},${p[1].toFixed(1)}`);
    }
    if (current.length > 0) segments.push(current.join(' '));
    const lines = segments.map((s) => `<polyline points="${s}" fill="none" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/>`).join('');
    const dots = points.map((p) => (p ? `<circle cx="${p[0].toFixed(1)}" cy="${p[1].toFixed(1)}" r="3" fill="${colour}"/>` : '')).join('');
    return lines + dots;
  };
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Answer rate per day">
${grid}${labels}
${series(days.map((d) => d.answerRate), '#0969da', '0')}
${series(days.map((d) => d.helpfulRate), '#1a7f37', '5 4')}
</svg>`;
}

/** Histogram of best scores with the clarify and answer thresholds as vertical lines. */
function scoreChart(report: LearningReport): string {
  const bins = report.scores;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const most = Math.max(1, ...bins.map((b) => b.count));
  const x = (score: number) => PAD.left + score * innerW;
  const barW = innerW / bins.length;
  const bars = bins
    .map((b) => {
      const h = (b.count / most) * innerH;
      return `<rect x="${(x(b.from) + 1).toFixed(1)}" y="${(PAD.top + innerH - h).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="#54aeff"><title>${b.from.toFixed(2)}–${b.to.toFixed(2)}: ${b.count}</title></rect>${b.count > 0 ? `<text x="${(x(b.from) + barW / 2).toFixed(1)}" y="${(PAD.top + innerH - h - 4).toFixed(1)}" text-anchor="middle" font-size="10" fill="#59636e">${b.count}</text>` : ''}`;
    })
    .join('');
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1]
    .map((s) => `<text x="${x(s)}" y="${H - PAD.bottom + 16}" text-anchor="middle" font-size="11" fill="#59636e">${s.toFixed(1)}</text>`)
    .join('');
  const marker = (score: number, label: string, colour: string, dy: number) =>
    `<line x1="${x(score)}" x2="${x(score)}" y1="${PAD.top}" y2="${PAD.top + innerH}" stroke="${colour}" stroke-width="2" stroke-dasharray="6 3"/><text x="${x(score) + 4}" y="${PAD.top + 12 + dy}" font-size="11" fill="${colour}">${label} ${score.toFixed(2)}</text>`;
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Distribution of best scores">
<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${PAD.top + innerH}" y2="${PAD.top + innerH}" stroke="#8c959f"/>
${bars}${ticks}
${marker(report.thresholds.clarify, 'clarify', '#9a6700', 0)}
${marker(report.thresholds.answer, 'answer', '#cf222e', 14)}
</svg>`;
}

function pct(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`;
}

/** HTML-escapes text (users' questions among it). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
