import { performance } from 'node:perf_hooks';
import { loadConfig, recognizerThresholds } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { Recognizer } from '../../src/nlu/recognizer.js';
import { resolveFromRoot } from '../../src/util/projectRoot.js';
import { measureKnowledgeBase, type SizeResult } from './scaleMeasure.js';

/**
 * One size of `bench scale` in a fresh process (argv: entries, queries), so that its memory figure
 * is its own: builds the bot's Recognizer over a synthetic knowledge base, times queries, reports over IPC.
 */
function main(): void {
  const [entries, queries] = process.argv.slice(2).map(Number);
  const real = loadKnowledge(resolveFromRoot('knowledge'));
  // The bot's default thresholds, whatever the environment says.
  const thresholds = recognizerThresholds(loadConfig({}));
  const result: SizeResult = measureKnowledgeBase(entries, queries, real, (knowledge) => new Recognizer(knowledge, thresholds), performance);
  process.send?.({ type: 'size', result });
}

try {
  main();
} catch (error) {
  process.send?.({ type: 'failed', message: (error as Error).message });
  process.exitCode = 1;
}
