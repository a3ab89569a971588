import { createHash } from 'node:crypto';
import { LANGUAGES } from '../lexicon.js';
import type { KnowledgeBase } from './types.js';

/**
 * A hash of everything in the knowledge base the matcher's scores depend on: each entry's id,
 * question, alternates and answer, the synonyms, the stop words and the chat intents' examples.
 * The calibration file stores it, so `kb lint` can tell when the calibration was fitted on another
 * knowledge base. Sources, anchors and related entries change no score and are left out.
 */
export function knowledgeFingerprint(knowledge: KnowledgeBase): string {
  const entries = LANGUAGES.map((language) =>
    [...knowledge.entries[language]]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((e) => [e.id, e.question, e.alternates, e.answer]),
  );
  const hash = createHash('sha256');
  hash.update(JSON.stringify([entries, knowledge.synonyms, knowledge.stopWords, knowledge.intents]));
  return `sha256:${hash.digest('hex')}`;
}
