/**
 * The words both the knowledge base and the recognizer speak of: the languages, and the shapes of
 * the vocabulary files (synonyms, stop words) that knowledge/ loads and nlu/ uses. Kept apart so
 * neither folder imports the other for them.
 */

/** The languages the bot speaks. */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Words the matcher treats alike: each group's first word is the one kept. */
export type SynonymGroups = readonly (readonly string[])[];
/** Words the matcher ignores, per language. */
export type StopWords = Readonly<Record<Language, readonly string[]>>;
