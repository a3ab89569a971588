import { z } from 'zod';

/**
 * A locale as channels send it: a BCP 47 language tag (`en`, `zh-CN`, `zh-Hans-CN`, also with
 * `_`), or empty. Replies carry the activity's locale back and Web Chat formats with it, so
 * anything else (markup, a sentence) is refused rather than passed on.
 */
export const LanguageTag = z
  .string()
  .max(64)
  .regex(/^(?:[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*)?$/, 'must be a language tag such as en or zh-CN');
