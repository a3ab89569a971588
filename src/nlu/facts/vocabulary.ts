/** The product's own vocabulary (knowledge/vocabulary/*.yaml), validated with zod on load. */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { FOREIGN_PRESENCES, SITE_TYPES } from '../../rules/profile.js';
import { LANGUAGES } from '../language.js';
import { PlacesFile } from './placesFile.js';
import { ASKS, PLACE_ROLES, STATEMENT_FIELDS } from './facts.js';

const Terms = z.array(z.string().trim().min(1));
/** Terms in each language; either may be left out. */
const Bilingual = z.strictObject({ en: Terms.default([]), zh: Terms.default([]) });
export type Bilingual = z.infer<typeof Bilingual>;

/** Providers are data: an id in lower case with hyphens, defined once in providers.yaml and referred to elsewhere. */
const ProviderId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a provider id is lower case with hyphens');

export const ProvidersFile = z.strictObject({
  providers: z.array(
    z.strictObject({
      id: ProviderId,
      names: Bilingual,
      /** The provider also registers domains; a domain there is registered on this side. */
      registrar: z.enum(['mainland', 'foreign']).optional(),
      /** Every server of this provider is in mainland China. */
      mainland: z.boolean().default(false),
      /** The knowledge-base entry on filing a site this provider hosts (AWS China's regions are run by local operators): it comes with a verdict. */
      entry: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).optional(),
    }),
  ),
  mainlandArms: z.record(ProviderId, ProviderId).default({}),
});

export const RegionsFile = z.strictObject({
  regions: z.array(
    z.strictObject({ id: z.string().regex(/^[a-z0-9-]+$/), names: z.array(z.string().min(1)).optional(), places: z.record(ProviderId, z.string().min(1)) }),
  ),
});

export const RegistrarsFile = z.strictObject({
  registrars: z.array(z.strictObject({ names: Terms, mainland: z.boolean(), onlyInDomainClause: z.boolean().optional() })),
});

export const EntitiesFile = z.strictObject({
  individual: Bilingual,
  mainlandOrganisation: Bilingual,
  foreignOrganisation: Bilingual,
  companyNouns: Bilingual,
  notEntities: Bilingual,
  demonyms: z.record(z.string().length(2), Terms),
  caseSensitive: Terms.default([]),
  foreignPresence: z.record(z.enum(FOREIGN_PRESENCES), Bilingual),
});

export const SiteKindsFile = z.strictObject({ siteKinds: z.record(z.enum(SITE_TYPES), Bilingual), generalInAnswers: Bilingual, industries: Bilingual, payments: Bilingual });

export const CuesFile = z.strictObject({
  roles: z.record(z.enum(PLACE_ROLES), Bilingual),
  /** Role words that give their role only to a place right after them (放香港; not 开放, 放假). */
  rolesRightBefore: z.partialRecord(z.enum(PLACE_ROLES), Bilingual).default({}),
  roleWindow: z.number().int().min(1),
  /** Words that make a provider the one the user wants to file through: before its name ("file through"), or after it (腾讯云备案). */
  filingVia: z.strictObject({ before: Bilingual, after: Bilingual, window: z.number().int().min(1) }),
  negation: Bilingual,
  /** Questions put as a verb and its negation (是不是, 要不要): their negation word negates nothing. */
  notNegation: Bilingual,
  negationWindow: z.number().int().min(1),
  clauseBreaks: Bilingual,
  /** Words joining two parts of a clause ("and", 和): a role word after one of them starts the next part. */
  conjunctions: Bilingual,
  mainland: Bilingual,
  outside: Bilingual,
  placePrepositions: Terms,
  /** Places said by whose they are (居住地, 户籍地): after 能在/可以在 they name a place, so the words ask where. */
  placesByWhose: Terms,
  /** Words for the people a site is for: a place said of them ("Chinese visitors", "users in China") is no fact of the filing. */
  audience: Bilingual,
  /** Words after a nationality that make it a language ("an English website", "the Chinese version"), not where a company is from. */
  language: Bilingual,
  /** Words for the user's home: a server there ("a Raspberry Pi at home in Wuhan", 服务器放在家里) is where the user lives. */
  home: Bilingual,
  /** A server with no cloud provider (a local IDC, colocation, an own server room): a cloud named to file through does not host it. */
  ownHosting: Bilingual,
  /** Things filed apart from a website (apps, mini programs): a question about one of them is not answered by the rules for websites. */
  notWebsites: Bilingual,
  /** Of those, apps and mini programs: what the message is about when it names one and no site, in any of its sentences. */
  apps: Bilingual,
  topics: z.strictObject({ cdn: Bilingual, domain: Bilingual, site: Bilingual }),
  numbers: z.strictObject({ en: z.record(z.string(), z.number().int().min(1)), zh: z.record(z.string(), z.number().int().min(1)) }),
});

/** An ask said in words apart: a question word and a topic word near each other in one clause ("who … submits", 哪些…许可). */
const AskPair = z.strictObject({ question: Bilingual, topic: Bilingual });
export const AsksFile = z.strictObject({
  asks: z.record(z.enum(ASKS), Bilingual),
  near: z.strictObject({ window: z.number().int().min(1), asks: z.partialRecord(z.enum(ASKS), AskPair) }),
  /** Words that ask whether one can only as a clause of their own ("…, possible?", "…，可行吗"): elsewhere they ask nothing ("as soon as possible"). */
  canAtEnd: Bilingual,
  /** The filing named alone as a clause ("…. beian?", "icp?"): asks whether one is needed. */
  filingAtEnd: Bilingual,
  /** Words that ask how to do something rather than whether or where. */
  how: Bilingual,
  /** Words that ask to be guided through what a case needs ("what's involved?", "where do I start?", 要走什么流程). */
  guide: Bilingual,
  /** Words that ask which place ("which province", 哪个省): unlike "can we file in …", they ask for the place itself. */
  which: Bilingual,
  /** Words of a question about the rules in general ("rules", "in general", 一般). */
  general: Bilingual,
  /** Words that ask for something besides the filing ("other permits", 还需要别的许可): a question about permits in the filing's context. */
  besides: Bilingual,
  /** Words that ask whether what was said holds ("true?", 真的吗), as a clause of their own: whether one can, when nothing else is asked. */
  truthAtEnd: Bilingual,
  /** Words that make an ask in their clause one about something else than the filing: paying, invoices, prices ("can we get a fapiao for it?"). */
  notFiling: Bilingual,
  /** Words that say the filing is done already ("already has the filing", 备案早就下来了). */
  filedAlready: Bilingual,
  /** Words for doing without the filing ("without a filing", 不想备案): "can I …?" then asks whether one is needed. */
  avoid: Bilingual,
  /** Words for the speaker or their side (I, we, my, 我, 我们): a message without one speaks of no case of its own. */
  speaker: Bilingual,
});

/** `ifNegated`: phrases that state the field false when negated ("no culture permit yet") and nothing otherwise (naming a permit is not holding it). */
const Statement = z.strictObject({ true: Bilingual.optional(), false: Bilingual.optional(), ifNegated: Bilingual.optional() });
export const StatementsFile = z.strictObject({ statements: z.record(z.enum(STATEMENT_FIELDS), Statement) });

export const PlacesYaml = z.strictObject({
  aliases: z.record(z.string(), z.string()).default({}),
  outside: z
    .array(z.strictObject({ country: z.string().length(2), en: Terms.default([]), zh: Terms.default([]) }))
    .default([]),
  exclude: Bilingual,
  /** Pinyin corrections, read only by `npm run build:places`. */
  pinyin: z.record(z.string(), z.string()).default({}),
});

/** Everything the fact reader is built from. */
export interface Vocabulary {
  providers: z.infer<typeof ProvidersFile>;
  regions: z.infer<typeof RegionsFile>;
  registrars: z.infer<typeof RegistrarsFile>;
  entities: z.infer<typeof EntitiesFile>;
  siteKinds: z.infer<typeof SiteKindsFile>;
  cues: z.infer<typeof CuesFile>;
  asks: z.infer<typeof AsksFile>;
  statements: z.infer<typeof StatementsFile>;
  places: z.infer<typeof PlacesYaml>;
  placeData: PlacesFile;
}

function readFile<T>(path: string, schema: z.ZodType<T>, root: string): T {
  const shown = relative(root, path) || path;
  if (!existsSync(path)) throw new Error(`loadVocabulary(): ${shown} is missing`);
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(readFileSync(path, 'utf8')) : parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`loadVocabulary(): ${shown} cannot be parsed: ${(error as Error).message}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new Error(`loadVocabulary(): ${shown}: ${problems.join('; ')}`);
  }
  return result.data;
}

/**
 * Reads and validates the vocabulary in `<knowledgeDir>/vocabulary/*.yaml` and the generated place
 * data in `<knowledgeDir>/places/places.json`; throws naming the file and the entry that is wrong.
 */
export function loadVocabulary(knowledgeDir: string): Vocabulary {
  const root = join(knowledgeDir, '..');
  const vocabulary = (name: string): string => join(knowledgeDir, 'vocabulary', name);
  const providers = readFile(vocabulary('providers.yaml'), ProvidersFile, root);
  const regions = readFile(vocabulary('regions.yaml'), RegionsFile, root);
  // Providers are named once, in providers.yaml; every other mention must be one of them.
  const known = new Set(providers.providers.map((p) => p.id));
  const named = [
    ...Object.entries(providers.mainlandArms).flat(),
    ...regions.regions.flatMap((region) => Object.keys(region.places)),
  ];
  const unknown = named.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new Error(`loadVocabulary(): knowledge/vocabulary: provider id(s) ${[...new Set(unknown)].join(', ')} not in providers.yaml`);
  // A provider's entry is sent as it is named: it must be an entry in every language.
  for (const { id, entry } of providers.providers) {
    const missing = entry === undefined ? [] : LANGUAGES.filter((language) => !existsSync(join(knowledgeDir, language, `${entry}.md`)));
    if (missing.length > 0) throw new Error(`loadVocabulary(): knowledge/vocabulary/providers.yaml: provider "${id}" names entry "${entry}", which is not in the knowledge base (${missing.join(', ')})`);
  }
  return {
    providers,
    regions,
    registrars: readFile(vocabulary('registrars.yaml'), RegistrarsFile, root),
    entities: readFile(vocabulary('entities.yaml'), EntitiesFile, root),
    siteKinds: readFile(vocabulary('siteKinds.yaml'), SiteKindsFile, root),
    cues: readFile(vocabulary('cues.yaml'), CuesFile, root),
    asks: readFile(vocabulary('asks.yaml'), AsksFile, root),
    statements: readFile(vocabulary('statements.yaml'), StatementsFile, root),
    places: readFile(vocabulary('places.yaml'), PlacesYaml, root),
    placeData: readFile(join(knowledgeDir, 'places', 'places.json'), PlacesFile, root),
  };
}
