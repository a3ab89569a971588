import type { BotResult } from './bot.js';
import type { MatchResult } from './match.js';
import type { NluResult } from './nlu.js';
import { CORPUS50_PUBLISHED, HINT3_PUBLISHED } from './published.js';
import type { ScaleResult } from './scale.js';

/** One target of issue #8 and whether a result meets it. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

/** Quality targets: Braun overall ≥ 0.94, HINT3 best above every published system per bot, Corpus50 ≥ 98 %. */
export function nluTargets(result: NluResult): TargetCheck[] {
  const checks: TargetCheck[] = [{ target: 'Braun overall micro-F1 ≥ 0.94', measured: result.braunOverall.toFixed(3), met: result.braunOverall >= 0.94 }];
  for (const dataset of result.datasets.filter((d) => d.group === 'hint3')) {
    const key = dataset.name as 'sofmattress' | 'curekart' | 'powerplay11';
    const published = Math.max(...HINT3_PUBLISHED.map((row) => row[key]?.best ?? 0));
    checks.push({ target: `HINT3 ${dataset.name}: best-threshold accuracy > ${published.toFixed(3)} (best published)`, measured: dataset.best.accuracy.toFixed(3), met: dataset.best.accuracy > published });
  }
  const corpus50 = result.datasets.find((d) => d.group === 'corpus50');
  if (corpus50) checks.push({ target: `Corpus50 accuracy ≥ 98 % (NLP.js ${(CORPUS50_PUBLISHED[0].accuracy * 100).toFixed(2)} %)`, measured: `${(corpus50.accuracy * 100).toFixed(1)} %`, met: corpus50.accuracy >= 0.98 });
  return checks;
}

/**
 * Speed targets of issue #26, as ratios to the botbuilder floor in one run (the targets against the bare route were
 * withdrawn): FAQ turns ≥ 70 % and eligibility-check turns ≥ 50 % of the floor's requests/s, FAQ p99 ≤ 2 × the
 * floor's p99; judged on the run at 10 connections when there is one, else the first.
 */
export function botTargets(result: BotResult): TargetCheck[] {
  const run = result.runs.find((r) => r.connections === 10) ?? result.runs[0];
  const of = (name: string) => run?.results.find((r) => r.scenario === name);
  const floor = of('botbuilder floor');
  const faq = of('FAQ question');
  const check = of('eligibility check');
  if (!run || !floor || !faq || floor.requestsPerSecond === 0) return [];
  const share = (r: { requestsPerSecond: number }) => r.requestsPerSecond / floor.requestsPerSecond;
  const checks: TargetCheck[] = [
    { target: `FAQ turns ≥ 70 % of the botbuilder floor's requests/s (${run.connections} connections)`, measured: `${(share(faq) * 100).toFixed(1)} %`, met: share(faq) >= 0.7 },
    { target: `FAQ turn p99 ≤ 2 × the floor's p99 (${run.connections} connections)`, measured: `${faq.latencyP99Ms} ms against ${floor.latencyP99Ms} ms`, met: faq.latencyP99Ms <= 2 * floor.latencyP99Ms },
  ];
  if (check) checks.push({ target: `eligibility-check turns ≥ 50 % of the floor's requests/s (${run.connections} connections)`, measured: `${(share(check) * 100).toFixed(1)} %`, met: share(check) >= 0.5 });
  return checks;
}

/** Scale targets at the largest size measured (the issue's: 100,000 entries) and the bot's start-up. */
export function scaleTargets(result: ScaleResult): TargetCheck[] {
  const largest = result.sizes[result.sizes.length - 1];
  if (!largest) return [];
  const at = `at ${largest.entries.toLocaleString('en')} entries`;
  return [
    { target: `query p99 < 10 ms ${at}`, measured: `${largest.queryP99Ms} ms`, met: largest.queryP99Ms < 10 },
    { target: `index build < 15 s ${at}`, measured: `${(largest.buildMs / 1000).toFixed(2)} s`, met: largest.buildMs < 15_000 },
    { target: `RSS < 500 MB ${at}`, measured: `${largest.rssMb} MB`, met: largest.rssMb < 500 },
    // JSON turns NaN (a single size) into null.
    { target: 'query time sub-linear (p50 growth exponent < 1)', measured: Number.isFinite(result.queryGrowthExponent) ? String(result.queryGrowthExponent) : 'n/a (one size)', met: Number.isFinite(result.queryGrowthExponent) && result.queryGrowthExponent < 1 },
    { target: 'bot start-up to a healthy /healthz < 1.5 s (median)', measured: `${result.startup.medianMs} ms`, met: result.startup.medianMs < 1500 },
  ];
}

/** Recognition speed: at most 40 µs a question on the bot's knowledge base, and faster than every other matcher measured in the same run. */
export function matchTargets(result: MatchResult): TargetCheck[] {
  const ours = result.matchers.find((m) => m.system === 'this bot');
  if (!ours) return [];
  const checks: TargetCheck[] = [{ target: "recognition ≤ 40 µs a question on the bot's knowledge base", measured: `${ours.microsPerQuestion} µs`, met: ours.microsPerQuestion <= 40 }];
  for (const other of result.matchers.filter((m) => m !== ours)) {
    checks.push({ target: `faster than ${other.system} on the same questions`, measured: `${ours.microsPerQuestion} µs against ${other.microsPerQuestion} µs (${(other.microsPerQuestion / ours.microsPerQuestion).toFixed(1)}×)`, met: ours.microsPerQuestion < other.microsPerQuestion });
  }
  for (const skipped of result.skipped) checks.push({ target: `faster than ${skipped.system} on the same questions`, measured: 'not measured', met: false });
  return checks;
}
