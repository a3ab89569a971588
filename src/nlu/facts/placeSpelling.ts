/**
 * Place names misspelt by one letter ("shanghia", "bejing", "guangzhuo"): read as the place they
 * nearly spell. Only long names are corrected, and only words the vocabulary does not know, since a
 * short or common word one letter from a place name is more often a word than a typo ("human" is not Hunan).
 */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import { SpellingCorrector } from '../spelling.js';
import type { PlaceName } from './placeIndex.js';

/** Names shorter than this are not corrected: too many words lie one letter from a short name (src/tools/buildPlaces.ts uses the same length). */
const MIN_LENGTH = 6;
/** One swapped, missing, extra or wrong letter; two edits make too many words look like places. */
const MAX_EDITS = 1;

export class PlaceSpelling {
  private readonly corrector: SpellingCorrector;
  private readonly words: ReadonlySet<string>;

  /**
   * @param names every place name the index knows; those of provinces, cities, countries and regions are the ones corrected to.
   * @param nearPlaceWords English words a letter from such a name, which are left as they are (knowledge/places/places.json).
   */
  constructor(names: ReadonlyMap<string, PlaceName>, nearPlaceWords: readonly string[]) {
    this.words = new Set(nearPlaceWords);
    const correctable: string[] = [];
    for (const [name, { place, commonWord }] of names) {
      if (commonWord || name.length < MIN_LENGTH || !/^[a-z]+$/.test(name)) continue;
      if (place.outside ? place.level === 'country' || place.level === 'region' : place.level === 'province' || place.level === 'city') correctable.push(name);
    }
    this.corrector = new SpellingCorrector(correctable);
  }

  /** The place name a word misspells, or undefined. `known` tells the words that mean something already. */
  correct(word: string, known: (word: string) => boolean): string | undefined {
    if (word.length < MIN_LENGTH || this.words.has(word) || known(word)) return undefined;
    const near = this.corrector.correct(word)?.word;
    return near !== undefined && DamerauLevenshteinDistance(word, near) <= MAX_EDITS ? near : undefined;
  }
}
