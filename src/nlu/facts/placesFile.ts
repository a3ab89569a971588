/** The shape of knowledge/places/places.json, which `npm run build:places` generates from data packages. */
import { z } from 'zod';
import { PROVINCE_IDS, type ProvinceId } from '../../rules/provinces.js';

export const PLACE_LEVELS = ['province', 'city', 'district', 'country', 'state'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/** [province id, level, Chinese name, English name, names as the tokeniser normalises them ("guangzhou", "广 州")]. */
export type MainlandRow = [ProvinceId, PlaceLevel, string, string, string[]];
/** [ISO 3166 country code, level, English name, Chinese name (may be empty), normalised names]. */
export type OutsideRow = [string, PlaceLevel, string, string, string[]];

const PROVINCE_SET: ReadonlySet<string> = new Set(PROVINCE_IDS);
const LEVEL_SET: ReadonlySet<string> = new Set(PLACE_LEVELS);

/** Rows are checked by hand: a zod tuple schema over thousands of generated rows costs more start-up time than the rest of the reader. */
function isRow(first: (value: unknown) => boolean): (row: unknown) => boolean {
  return (row) =>
    Array.isArray(row) &&
    row.length === 5 &&
    first(row[0]) &&
    LEVEL_SET.has(row[1] as string) &&
    typeof row[2] === 'string' &&
    typeof row[3] === 'string' &&
    Array.isArray(row[4]) &&
    (row[4] as unknown[]).every((name) => typeof name === 'string' && name.length > 0);
}

export const PlacesFile = z.strictObject({
  about: z.string(),
  /** Package name -> version the data was generated from. */
  sources: z.record(z.string(), z.string()),
  mainland: z.array(z.custom<MainlandRow>(isRow((v) => PROVINCE_SET.has(v as string)), 'expected [province id, level, zh, en, names]')),
  outside: z.array(z.custom<OutsideRow>(isRow((v) => typeof v === 'string' && v.length === 2), 'expected [country code, level, en, zh, names]')),
  /** Latin names that are also common English words or very short: they count only in capitals after "in"/"at"/"from". */
  common: z.array(z.string()),
  /** English words a letter from a long place name ("mining", Jining): not taken for a misspelt place. */
  nearPlaceWords: z.array(z.string()),
});
export type PlacesFile = z.infer<typeof PlacesFile>;
