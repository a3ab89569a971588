/**
 * Published results on the same test splits, copied from bench/datasets/README.md (which names
 * each figure's source). They are other systems' numbers, shown beside ours; nothing here is measured.
 */

/** Braun et al. 2017: micro-F1 per corpus and overall. */
export interface BraunRow {
  system: string;
  Chatbot: number;
  AskUbuntu: number;
  WebApplications: number;
  overall: number;
}

export const BRAUN_PUBLISHED: readonly BraunRow[] = [
  { system: 'NLP.js', Chatbot: 0.99, AskUbuntu: 0.94, WebApplications: 0.8, overall: 0.93 },
  { system: 'Watson Conversation', Chatbot: 0.97, AskUbuntu: 0.92, WebApplications: 0.83, overall: 0.92 },
  { system: 'Botfuel', Chatbot: 0.98, AskUbuntu: 0.9, WebApplications: 0.8, overall: 0.91 },
  { system: 'LUIS', Chatbot: 0.98, AskUbuntu: 0.9, WebApplications: 0.81, overall: 0.91 },
  { system: 'Recast', Chatbot: 0.99, AskUbuntu: 0.86, WebApplications: 0.75, overall: 0.89 },
  { system: 'Rasa', Chatbot: 0.98, AskUbuntu: 0.86, WebApplications: 0.74, overall: 0.88 },
  { system: 'Dialogflow (API.ai)', Chatbot: 0.93, AskUbuntu: 0.85, WebApplications: 0.8, overall: 0.87 },
  { system: 'SemHash, Shridhar et al. 2019 (best)', Chatbot: 0.99, AskUbuntu: 0.93, WebApplications: 0.85, overall: 0.93 },
];

/** HINT3 v1: accuracy at confidence threshold 0.1 and the best over thresholds, per bot. */
export interface Hint3Row {
  system: string;
  sofmattress: { at01: number; best: number };
  curekart: { at01: number; best: number };
  powerplay11: { at01: number; best: number };
}

export const HINT3_PUBLISHED: readonly Hint3Row[] = [
  { system: 'Dialogflow', sofmattress: { at01: 0.65, best: 0.713 }, curekart: { at01: 0.642, best: 0.732 }, powerplay11: { at01: 0.35, best: 0.728 } },
  { system: 'LUIS', sofmattress: { at01: 0.66, best: 0.665 }, curekart: { at01: 0.452, best: 0.71 }, powerplay11: { at01: 0.533, best: 0.731 } },
  { system: 'Haptik', sofmattress: { at01: 0.509, best: 0.66 }, curekart: { at01: 0.431, best: 0.748 }, powerplay11: { at01: 0.263, best: 0.742 } },
  { system: 'BERT', sofmattress: { at01: 0.428, best: 0.69 }, curekart: { at01: 0.381, best: 0.651 }, powerplay11: { at01: 0.166, best: 0.665 } },
  { system: 'Rasa', sofmattress: { at01: 0.403, best: 0.637 }, curekart: { at01: 0.383, best: 0.641 }, powerplay11: { at01: 0.137, best: 0.731 } },
];

/** NLP.js Corpus50 (English): accuracy on the test utterances. */
export const CORPUS50_PUBLISHED: readonly { system: string; accuracy: number }[] = [{ system: 'NLP.js (own tokenizer and stemmer)', accuracy: 0.9805 }];
