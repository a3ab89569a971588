import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource, type TFunction } from 'i18next';
import type english from '../locales/en/translation.json';
import { LANGUAGES, type Language } from './nlu/language.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof english };
  }
}

/** Reads every `locales/<lng>/<namespace>.json` for the supported languages. */
export function readLocales(dir: string): Resource {
  const resources: Resource = {};
  for (const language of LANGUAGES) {
    const folder = join(dir, language);
    if (!existsSync(folder)) throw new Error(`readLocales(): missing folder ${folder}`);
    resources[language] = {};
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
      const namespace = file.slice(0, -'.json'.length);
      try {
        resources[language][namespace] = JSON.parse(readFileSync(join(folder, file), 'utf8'));
      } catch (error) {
        throw new Error(`readLocales(): ${join(folder, file)} is not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  return resources;
}

/** An initialised i18next instance of its own (not the global one), ready synchronously. */
export function createI18n(resources: Resource, fallback: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: fallback,
    fallbackLng: fallback,
    supportedLngs: [...LANGUAGES],
    // Markdown in strings must reach the channel as written.
    interpolation: { escapeValue: false },
    initAsync: false,
    // Keeps i18next's advertisement out of the bot's and the CLI's output.
    showSupportNotice: false,
    returnNull: false,
    ns: Object.keys(resources[fallback] ?? { translation: {} }),
    defaultNS: 'translation',
  });
  return instance;
}

/**
 * `t` that renders each string once and then answers from memory: without options by its key, with
 * options whose values are all strings, numbers or booleans (interpolation, counts) by its key and
 * those options. i18next parses the key, walks the fallbacks and interpolates on every call, a
 * measurable part of a turn (docs/benchmarks.md), for strings that cannot change: the resources are
 * loaded once at start-up and a fixed `t` has one language, so the same key and options always render
 * the same string. Other calls (objects as options, `returnObjects`) go to i18next. The rendered
 * strings with options are at most {@link RENDERED_WITH_OPTIONS} and start over when full, so
 * parameters typed by users cannot grow the memory without bound.
 */
export function rememberingT(t: TFunction): TFunction {
  const rendered = new Map<string, unknown>();
  const withOptions = new Map<string, unknown>();
  const call = t as unknown as (key: unknown, options?: unknown) => unknown;
  const remembering = (key: unknown, options?: unknown): unknown => {
    if (typeof key !== 'string') return call(key, options);
    if (options === undefined) {
      if (!rendered.has(key)) rendered.set(key, call(key));
      return rendered.get(key);
    }
    const memoryKey = optionsKey(key, options);
    if (memoryKey === undefined) return call(key, options);
    let string = withOptions.get(memoryKey);
    if (string === undefined) {
      string = call(key, options);
      if (typeof string !== 'string') return string;
      if (withOptions.size >= RENDERED_WITH_OPTIONS) withOptions.clear();
      withOptions.set(memoryKey, string);
    }
    return string;
  };
  // The typed TFunction cannot be implemented by a plain function; this one answers every call as `t` does.
  return Object.assign(remembering, t) as unknown as TFunction;
}

/** Strings rendered with options that {@link rememberingT} keeps at most. */
const RENDERED_WITH_OPTIONS = 10_000;

/** The key and options as one string, when every option is a string, number or boolean; else undefined. */
function optionsKey(key: string, options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  let out = key;
  for (const [name, value] of Object.entries(options)) {
    const type = typeof value;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return undefined;
    // JSON escapes any separator inside a string and tells 1 from "1"; names and keys are the code's own.
    out += `\u0000${name}\u0001${JSON.stringify(value)}`;
  }
  return out;
}

/** A reference to a string of the rules namespace, as the rules engine returns it. */
export interface StringRef {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * Renders a rules-engine message reference. The rules return keys computed at run time, which the
 * typed `t` cannot check; `test/unit/rules/rules-locale.test.ts` checks that each exists in both languages.
 */
export function translateRef(t: TFunction, ref: StringRef): string {
  return (t as unknown as (key: string, options?: Record<string, unknown>) => string)(`rules:${ref.key}`, ref.params);
}
