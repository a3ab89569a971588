/** Every place name people write, in characters, pinyin or English, mapped to one place. */
import type { Vocabulary } from './vocabulary.js';
import type { Place } from './facts.js';
import { normaliseLatinName } from './text.js';

/** Mainland China as a whole ("China", 国内). */
export const MAINLAND: Place = { outside: false, level: 'country', en: 'mainland China', zh: '中国大陆' };
/** Anywhere outside mainland China ("overseas", 海外). */
export const OUTSIDE: Place = { outside: true, level: 'region', en: 'outside mainland China', zh: '中国大陆以外' };

const LEVEL_RANK: Record<Place['level'], number> = { province: 0, country: 0, city: 1, region: 2, state: 2, district: 3 };

/** A name's place, and whether the name is also a common word (it then counts only where a place is expected). */
export interface PlaceName {
  place: Place;
  commonWord: boolean;
}

/**
 * Built once from the generated place data and knowledge/vocabulary/places.yaml. A name that
 * several places share counts when they agree on the province (or are all outside the mainland);
 * the mainland reading wins over a foreign city, the larger division over the smaller, and a name
 * whose readings still disagree is left out.
 */
export class PlaceIndex {
  /** Normalised name ("guang zhou" is not one; "guangzhou" and "广 州" are) -> its place. */
  readonly names = new Map<string, PlaceName>();
  private readonly countries = new Map<string, Place>();

  constructor(vocabulary: Vocabulary) {
    const { placeData, places } = vocabulary;
    const excluded = new Set([...places.exclude.en, ...places.exclude.zh].map(normaliseLatinName));
    const common = new Set(placeData.common);
    const candidates = new Map<string, Place[]>();
    const offer = (key: string, place: Place): void => {
      if (excluded.has(key)) return;
      const list = candidates.get(key);
      if (list) list.push(place);
      else candidates.set(key, [place]);
    };

    for (const [province, level, zh, en, names] of placeData.mainland) {
      const place: Place = { outside: false, province, level, en, zh };
      for (const name of names) offer(name, place);
    }
    for (const [country, level, en, zh] of placeData.outside) {
      if (level === 'country') this.countries.set(country, { outside: true, country, level, en, zh });
    }
    for (const [country, level, en, zh, names] of placeData.outside) {
      const countryZh = this.countries.get(country)?.zh ?? '';
      const place: Place = { outside: true, country, level, en, zh: zh || (countryZh ? `${en}（${countryZh}）` : en) };
      for (const name of names) offer(name, place);
    }
    for (const [name, places] of candidates) {
      const chosen = chooseReading(places);
      if (chosen) this.names.set(name, { place: chosen, commonWord: common.has(name) });
    }
    // The editors' own places win over the packages' reading of the same name.
    for (const extra of places.outside) {
      const country = this.countries.get(extra.country);
      const en = extra.en[0] ?? country?.en ?? extra.zh[0]!;
      const place: Place = { outside: true, country: extra.country, level: 'region', en, zh: extra.zh[0] ?? country?.zh ?? en };
      for (const name of [...extra.en, ...extra.zh]) {
        const key = normaliseLatinName(name);
        // A name that is also a common word ("LA", la) counts only where a place is meant, as the packages' names do.
        if (!excluded.has(key)) this.names.set(key, { place, commonWord: common.has(key) });
      }
    }
    // Aliases name a place the data knows; an alias whose target is unknown is an editing mistake.
    for (const [alias, target] of Object.entries(places.aliases)) {
      const known = target.includes('/') ? this.qualified(placeData, target) : this.names.get(normaliseLatinName(target));
      if (!known) throw new Error(`PlaceIndex(): knowledge/vocabulary/places.yaml: alias "${alias}" names "${target}", which the place data does not know`);
      this.names.set(normaliseLatinName(alias), { place: known.place, commonWord: false });
    }
  }

  /** "广东/南山区": a name several provinces share, in the province named first. */
  private qualified(placeData: Vocabulary['placeData'], target: string): PlaceName | undefined {
    const [provinceName, name] = target.split('/') as [string, string];
    const province = this.names.get(normaliseLatinName(provinceName))?.place.province;
    const key = normaliseLatinName(name);
    const row = placeData.mainland.find(([id, , , , names]) => id === province && names.includes(key));
    if (!row) return undefined;
    const [id, level, zh, en] = row;
    return { place: { outside: false, province: id, level, en, zh }, commonWord: false };
  }

  /** The place a name (in any spelling the index knows) stands for. */
  lookup(name: string): Place | undefined {
    return this.names.get(normaliseLatinName(name))?.place;
  }

  /** The country with this ISO 3166 code. */
  country(code: string): Place | undefined {
    return this.countries.get(code);
  }
}

function chooseReading(places: Place[]): Place | undefined {
  const mainland = places.filter((p) => !p.outside);
  if (mainland.length > 0) {
    const best = Math.min(...mainland.map((p) => LEVEL_RANK[p.level]));
    const top = mainland.filter((p) => LEVEL_RANK[p.level] === best);
    return top.every((p) => p.province === top[0]!.province) ? top[0] : undefined;
  }
  const best = Math.min(...places.map((p) => LEVEL_RANK[p.level]));
  return places.find((p) => LEVEL_RANK[p.level] === best);
}
