import { CHAT_INTENTS, type IntentExamples, type KnowledgeBase, type KnowledgeEntry } from '../../src/knowledge/types.js';
import type { StopWords } from '../../src/nlu/normalize.js';
import { Recognizer } from '../../src/nlu/recognizer.js';
import type { Example } from './datasets.js';

/** The best label for a query and its score (0..1); no label when no word of the query is known. */
export interface Prediction {
  label: string | undefined;
  score: number;
}

/**
 * A knowledge base made from labelled training utterances, the way an editor would write one: an
 * English entry per label, its first utterance as the question and the others as alternates, no
 * answer text. Synonyms are left out (the bot's are the ICP domain's); the stop words are the caller's.
 * No chat intents, so every label competes as an FAQ entry.
 */
export function knowledgeFromExamples(train: readonly Example[], stopWords: StopWords): KnowledgeBase {
  const byLabel = new Map<string, string[]>();
  for (const { text, label } of train) {
    let texts = byLabel.get(label);
    if (!texts) byLabel.set(label, (texts = []));
    texts.push(text);
  }
  const entries: KnowledgeEntry[] = [...byLabel].map(([label, [question, ...alternates]]) => ({
    id: label,
    language: 'en',
    question,
    alternates,
    answer: '',
    source: 'benchmark',
    related: [],
    confirmedBy: [],
    file: `${label}.md`,
  }));
  const intents = Object.fromEntries(CHAT_INTENTS.map((intent) => [intent, { en: [], 'zh-CN': [] }])) as unknown as IntentExamples;
  return { entries: { en: entries, 'zh-CN': [] }, sources: new Map(), synonyms: [], stopWords, intents };
}

/**
 * The bot's Recognizer (normaliser, TF-IDF ranking, spelling, intent classifier) built from labelled
 * utterances. It reports the top candidate and its score; thresholds are applied by the caller.
 */
export class TrainedRecognizer {
  private readonly recognizer: Recognizer;

  constructor(train: readonly Example[], stopWords: StopWords) {
    if (train.length === 0) throw new Error('TrainedRecognizer(): no training examples');
    this.recognizer = new Recognizer(knowledgeFromExamples(train, stopWords), { answer: 0, clarify: 0, margin: 0 });
  }

  /** The best label for a query and its score. */
  predict(text: string): Prediction {
    const { top } = this.recognizer.recognize(text, 'en');
    return { label: top?.id, score: top?.score ?? 0 };
  }
}
