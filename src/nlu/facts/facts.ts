/** What the fact reader returns: the facts a message states, the places it names, and what it asks. */
import type { Profile, ProfileField, ProvinceId, SituationQuestion } from '../../rules/index.js';


/** A hosting provider's id, as knowledge/vocabulary/providers.yaml names it (editors add providers there). */
export type HostingProviderId = string;

/** What a message asks that the rules settle: the rules' situation questions, in the order a message's cues are weighed. */
export const ASKS = ['where', 'through', 'permits', 'can-apply', 'filing-required'] as const satisfies readonly SituationQuestion[];
export type Ask = SituationQuestion;

/** What a place is in the message: named by the profile field it fills, or by what it qualifies. */
export const PLACE_ROLES = [
  'server',
  'idProvince',
  'residenceProvince',
  'licenceProvince',
  'certificateProvince',
  'desiredProvince',
  // Where the filer's documents were issued ("all our documents were issued in Macau"): abroad, they cannot be filed with.
  'documents',
] as const;
export type CuedRole = (typeof PLACE_ROLES)[number];
/** `companyOrigin`: where a company comes from ("a German company"); `cdn`/`domain`: what the place qualifies; `unstated`: no role word near it. */
export type PlaceRole = CuedRole | 'companyOrigin' | 'cdn' | 'domain' | 'unstated';

/** Profile fields a fixed phrase states (knowledge/vocabulary/statements.yaml). */
export const STATEMENT_FIELDS = [
  'remoteApplicationAccepted',
  'ipOnlyAccess',
  'usesLoadBalancer',
  'hasInProgressApplication',
  'filesThroughHostingProvider',
  'documentsIssuedOutsideMainland',
  'wantsCommercialLicense',
  'holdsCommercialLicense',
  'holdsInternetCultureBusinessPermit',
  'holdsBbsApproval',
  'holdsAdultProductApprovals',
  'businessScopeCoversAdultProducts',
  'accountHoldsOtherEntity',
  // Of an application in progress: whether the provider has passed it to the administration, and whether it is the same filer's.
  'inProgressApplication.submittedToAdministration',
  'inProgressApplication.sameEntity',
  'mainlandCdn',
  'hasDomainName',
  'applicantUnder18',
  'idFromOutsideMainland',
  'domainHolderIsFiler',
  'phoneFromAnotherProvince',
  'internationalSiteAccount',
] as const satisfies readonly ProfileField[];
export type StatementField = (typeof STATEMENT_FIELDS)[number];

/** A place as the place data knows it. `province` is absent for "mainland China" as a whole and for every place outside it. */
export interface Place {
  outside: boolean;
  province?: ProvinceId;
  /** ISO 3166 code of the country, for places outside the mainland when known. */
  country?: string;
  /** `region`: an editor's region or city abroad, or outside the mainland as a whole; `state`: a country's first-level division (Delaware, Bayern), never a spelling correction's target. */
  level: 'province' | 'city' | 'district' | 'country' | 'region' | 'state';
  en: string;
  zh: string;
}

/** One place named in a message. */
export interface PlaceMention {
  /** The words as written, and where. */
  text: string;
  start: number;
  end: number;
  role: PlaceRole;
  /** Said in the negative ("not in China", 不在国内). */
  negated: boolean;
  /** The province id, or 'outside-mainland'; 'mainland' for mainland China as a whole. */
  province: ProvinceId | 'outside-mainland' | 'mainland';
  /** Display names. */
  name: { en: string; zh: string };
}

/** Everything one message states. */
export interface Facts {
  /** Only fields the text states, valid per parseProfile. */
  profile: Profile;
  serverProvince?: ProvinceId;
  desiredProvince?: ProvinceId;
  hostingProviderId?: HostingProviderId;
  /** The hosting provider's display names, to say back ("your server is with Huawei Cloud"). */
  hostingProviderName?: { en: string; zh: string };
  /** The entry on filing a site that provider hosts, when it has one (providers.yaml `entry`). */
  hostingProviderEntry?: string;
  places: PlaceMention[];
  asks?: Ask;
  /** A second question on the situation in the same message: "who files and where?" asks where, and through whom too. */
  asksAlso?: Ask;
  /** It asks how to do something ("how do I …", 怎么…): a procedure, which an FAQ entry answers better than a verdict. */
  asksHow?: boolean;
  /** It asks which place ("which province?"), not whether one can file in a place ("can we file in Beijing?"). */
  asksWhich?: boolean;
  /** It asks whether the site may stay open or go live ("can my site stay online while the filing is reviewed?"), not whether one can apply. */
  asksRunning?: boolean;
  /** It asks for permits besides the filing ("other permits?", 还需要别的许可吗): in the filing's context without naming it. */
  asksBesides?: boolean;
  /** What it asks about when that is not a website ("does my app need a filing?"): the words that name it, normalised. */
  asksAbout?: string[];
  /** It says the filing is done already ("our site already has its filing", 备案早就下来了). */
  filedAlready?: boolean;
  /**
   * It describes content of an industry that may need a prerequisite approval before the filing (news, medicine, education,
   * live streaming: siteKinds.yaml `industries`); the rules know no such approval, so a verdict says it goes first.
   */
  namesIndustry?: boolean;
  /**
   * It says the site sells online or takes payments (WeChat Pay, a checkout, in-game purchases: siteKinds.yaml `payments`): such a
   * site needs an ICP Commercial License besides the filing, which the rules do not ask about, so a verdict says it.
   */
  takesPayments?: boolean;
  /** It names a domain's suffix (".io", "a .app domain", 域名后缀): whether the MIIT approves it is for the entry on suffixes. */
  namesDomainSuffix?: boolean;
  /**
   * It asks to be guided through what its case needs ("what's involved?", "where do I start?", 要走什么流程), and states a case
   * or speaks of a site with a mainland place or a host ("a shop site on Huawei Cloud in Xiamen").
   */
  asksGuide?: boolean;
  /**
   * It asks to be guided in the same words, but states no case and no site of its own ("what do we need to do?", 接下来该怎么办):
   * in a conversation that has told a case, it asks to be guided through that one.
   */
  asksGuideOfToldCase?: boolean;
  /**
   * It asks to be guided in those words and says who would own the filing, but speaks of no site ("we are a Singapore company,
   * what do we need?"): a case to guide only when it says little else (see the plan).
   */
  asksGuideAsOwner?: boolean;
}
