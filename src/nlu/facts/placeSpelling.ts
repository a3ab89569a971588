/**
 * Place and provider names misspelt by one letter ("shanghia", "bejing", "guangzhuo", "hangzou", "tencnet"): read as the
 * name they nearly spell. Only long names are corrected, and only words the vocabulary does not know, since a short or
 * common word one letter from a place name is more often a word than a typo ("human" is not Hunan).
 */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import type { PlaceName } from './placeIndex.js';

/** Names shorter than this are not corrected: too many words lie one letter from a short name (src/tools/buildPlaces.ts uses the same length). */
const MIN_LENGTH = 6;
/** One swapped, missing, extra or wrong letter; two edits make too many words look like places. */
const MAX_EDITS = 1;

export class PlaceSpelling {
  private readonly words: ReadonlySet<string>;
  /** Every correctable name under itself and each of its one-letter-shorter forms: two words one edit apart share one. */
  private readonly byDeletion = new Map<string, string[]>();

  /**
   * @param names every place name the index knows; those of provinces, cities, countries and regions are the ones corrected to.
   * @param nearPlaceWords English words a letter from such a name, which are left as they are (knowledge/places/places.json).
   * @param otherNames more one-word names to correct to (the hosting providers').
   */
  constructor(
    names: ReadonlyMap<string, PlaceName>,
    nearPlaceWords: Iterable<string>,
    otherNames: readonly string[] = [],
    /** Words and names shorter than this are not corrected. */
    private readonly minLength = MIN_LENGTH,
  ) {
    this.words = new Set(nearPlaceWords);
    const correctable = new Set<string>();
    for (const [name, { place, commonWord }] of names) {
      if (commonWord) continue;
      if (place.outside ? place.level === 'country' || place.level === 'region' : place.level === 'province' || place.level === 'city') correctable.add(name);
    }
    for (const name of otherNames) correctable.add(name);
    for (const name of correctable) {
      if (name.length < minLength || !/^[a-z]+$/.test(name)) continue;
      for (const variant of deletions(name)) {
        const list = this.byDeletion.get(variant);
        if (list === undefined) this.byDeletion.set(variant, [name]);
        else if (!list.includes(name)) list.push(name);
      }
    }
  }

  /** The one name a word misspells, or undefined (none, or several equally near). `known` tells the words that mean something already. */
  correct(word: string, known: (word: string) => boolean): string | undefined {
    if (word.length < this.minLength || this.words.has(word) || known(word)) return undefined;
    let found: string | undefined;
    for (const variant of deletions(word)) {
      for (const name of this.byDeletion.get(variant) ?? []) {
        if (name === found || DamerauLevenshteinDistance(word, name) > MAX_EDITS) continue;
        if (found !== undefined) return undefined;
        found = name;
      }
    }
    return found;
  }
}

/** A word and every word one letter shorter (also how tools/buildPlaces.ts finds the English words a letter from a name). */
export function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
