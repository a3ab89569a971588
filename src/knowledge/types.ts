import type { Language, StopWords, SynonymGroups } from '../lexicon.js';

/** One FAQ entry in one language, as read from `knowledge/<language>/<id>.md`. */
export interface KnowledgeEntry {
  id: string;
  language: Language;
  question: string;
  alternates: string[];
  /** Markdown answer, written for the bot's reply. */
  answer: string;
  /** Id of a page in `sources.yaml`. */
  source: string;
  /** Section of the source page, appended to its address as `#anchor`. */
  anchor?: string;
  /** Ids of entries offered as follow-up questions. */
  related: string[];
  /**
   * Ids of dated pages in `sources.yaml` that state the same facts as the answer, read after the
   * entry was written: they give a reader a date when `source` shows none.
   */
  confirmedBy: string[];
  /**
   * Whom the answer is for, as facts of a case (`entityType: [individual]`): "what documents do we need?" from a company
   * is answered by the entry for companies rather than the general one or the one for individuals. Absent: anyone.
   */
  for?: Readonly<Record<string, readonly string[]>>;
  /** With `for`: the general entry whose question this one answers for those people ("filing-documents"). */
  narrows?: string;
  /** Path of the file, relative to the knowledge folder, for messages. */
  file: string;
}

/** A page the knowledge base is built from. */
export interface KnowledgeSource {
  id: string;
  url: string;
  seed?: string;
  title: Record<Language, string>;
  /** The day the page shows as last updated (YYYY-MM-DD); absent for a seed copy whose page showed none. */
  updated?: string;
}

/** The conversational intents the classifier knows, besides FAQ questions. */
export const CHAT_INTENTS = ['greeting', 'thanks', 'acknowledge', 'help', 'restart', 'human', 'check', 'switch-en', 'switch-zh'] as const;
export type ChatIntent = (typeof CHAT_INTENTS)[number];

/** Example phrasings of each chat intent, per language. */
export type IntentExamples = Record<ChatIntent, Record<Language, string[]>>;

/** Everything in the knowledge folder, parsed. */
export interface KnowledgeBase {
  entries: Record<Language, KnowledgeEntry[]>;
  sources: Map<string, KnowledgeSource>;
  synonyms: SynonymGroups;
  stopWords: StopWords;
  intents: IntentExamples;
}

/** One thing wrong in the knowledge folder. */
export interface KnowledgeProblem {
  /** Path relative to the knowledge folder. */
  file: string;
  message: string;
}
