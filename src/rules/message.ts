/**
 * A reference to a string in `locales/<lng>/rules.json`, rendered by the caller with i18next.
 * Params that hold a province id are rendered through `$t(rules:provinces.{{param}})` in the
 * strings themselves, so callers pass params as they are.
 */
export interface MessageRef {
  key: string;
  params?: Record<string, string | number>;
}
