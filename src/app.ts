import { join, resolve } from 'node:path';
import type { i18n } from 'i18next';
import type { Config } from './config.js';
import { createI18n, readLocales } from './i18n.js';
import { loadKnowledge } from './knowledge/load.js';
import type { KnowledgeBase } from './knowledge/types.js';
import { Recognizer } from './nlu/recognizer.js';
import { projectRoot } from './util/projectRoot.js';

/** The parts every entry point (server, CLI, tests) builds the same way. */
export interface Core {
  knowledge: KnowledgeBase;
  recognizer: Recognizer;
  i18n: i18n;
}

/** Resolves a configured folder against the project root unless it is absolute. */
export function resolveFromRoot(path: string): string {
  return resolve(projectRoot(), path);
}

/** Loads the knowledge base and locale strings and builds the recognizer; throws naming what is wrong. */
export function buildCore(config: Pick<Config, 'KNOWLEDGE_DIR' | 'DEFAULT_LOCALE' | 'ANSWER_THRESHOLD' | 'CLARIFY_THRESHOLD' | 'ANSWER_MARGIN'>): Core {
  const knowledge = loadKnowledge(resolveFromRoot(config.KNOWLEDGE_DIR));
  const recognizer = new Recognizer(knowledge, {
    answer: config.ANSWER_THRESHOLD,
    clarify: config.CLARIFY_THRESHOLD,
    margin: config.ANSWER_MARGIN,
  });
  const i18n = createI18n(readLocales(join(projectRoot(), 'locales')), config.DEFAULT_LOCALE);
  return { knowledge, recognizer, i18n };
}
