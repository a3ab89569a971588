/** The user's situation as the check dialog learns it, one answer at a time. */
import { z } from 'zod';
import { PROVINCE_IDS } from './provinces.js';

export const ENTITY_TYPES = ['individual', 'mainland-organisation', 'foreign-enterprise'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const HOSTING_LOCATIONS = ['mainland', 'outside-mainland'] as const;
export type HostingLocation = (typeof HOSTING_LOCATIONS)[number];

/** 'unknown' is a real answer: the user has not asked their local administration yet. */
export const REMOTE_APPLICATION_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type RemoteApplicationAnswer = (typeof REMOTE_APPLICATION_ANSWERS)[number];

/** What a foreign enterprise has in mainland China that can stand in for a business licence. */
export const FOREIGN_PRESENCES = ['mainland-branch', 'representative-office-certificate', 'physical-office', 'none'] as const;
export type ForeignPresence = (typeof FOREIGN_PRESENCES)[number];

export const SITE_TYPES = ['general', 'gaming', 'bbs', 'adult-products'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

const ProvinceIdField = z.enum(PROVINCE_IDS);

/** An application already open in the account the user would file with. */
export const InProgressApplication = z.strictObject({
  /** Whether it has already been passed on to the communications administration (it is then locked). */
  submittedToAdministration: z.boolean().optional(),
  /** Whether the new application is of the same type as the open one. */
  sameType: z.boolean().optional(),
  /** Whether the new site belongs to the same person or organisation as the open application. */
  sameEntity: z.boolean().optional(),
});
export type InProgressApplication = z.infer<typeof InProgressApplication>;

/** Every field is optional because the dialog fills the profile step by step; unknown fields are rejected. */
export const Profile = z.strictObject({
  entityType: z.enum(ENTITY_TYPES).optional(),
  hosting: z.enum(HOSTING_LOCATIONS).optional(),
  /** Whether a CDN with nodes in mainland China will serve the site. */
  mainlandCdn: z.boolean().optional(),
  /** The hosting provider's name, only shown back to the user. */
  hostingProvider: z.string().trim().min(1).max(100).optional(),
  /** Whether the user will file through the same provider that hosts the server. */
  filesThroughHostingProvider: z.boolean().optional(),
  domainRegisteredInMainland: z.boolean().optional(),
  /** Whether visitors reach the site only by IP address, with no domain name. */
  ipOnlyAccess: z.boolean().optional(),
  /** Individuals: the province on the identity card. */
  idProvince: ProvinceIdField.optional(),
  /** Individuals: the province where they live now. */
  residenceProvince: ProvinceIdField.optional(),
  /** Individuals living away from their ID province: whether the local administration takes their application and documents. */
  remoteApplicationAccepted: z.enum(REMOTE_APPLICATION_ANSWERS).optional(),
  /** Mainland organisations: the province that issued the business licence. */
  licenceProvince: ProvinceIdField.optional(),
  foreignPresence: z.enum(FOREIGN_PRESENCES).optional(),
  /** Foreign enterprises: the province on the branch's registration, the representative office certificate, or of the office. */
  certificateProvince: ProvinceIdField.optional(),
  documentsIssuedOutsideMainland: z.boolean().optional(),
  wantsCommercialLicense: z.boolean().optional(),
  holdsCommercialLicense: z.boolean().optional(),
  siteTypes: z.array(z.enum(SITE_TYPES)).optional(),
  holdsInternetCultureBusinessPermit: z.boolean().optional(),
  holdsBbsApproval: z.boolean().optional(),
  /** Approvals from both the industrial-and-commercial administration and the health authority. */
  holdsAdultProductApprovals: z.boolean().optional(),
  businessScopeCoversAdultProducts: z.boolean().optional(),
  /** Whether the account the user will file with already holds filings of another person or organisation. */
  accountHoldsOtherEntity: z.boolean().optional(),
  numberOfSites: z.number().int().min(1).optional(),
  hasInProgressApplication: z.boolean().optional(),
  inProgressApplication: InProgressApplication.optional(),
  usesLoadBalancer: z.boolean().optional(),
  /** Whether the filer has a domain name yet: a filing is made for a domain name, so one comes first. */
  hasDomainName: z.boolean().optional(),
  /** Whether the domain is registered in the filer's own name ("the domain is in my wife's name": no); never asked. */
  domainHolderIsFiler: z.boolean().optional(),
  /** Whether the administrators' mobile numbers are from another province than the one filed in; never asked. */
  phoneFromAnotherProvince: z.boolean().optional(),
  /** Whether the cloud account is one of a provider's international website (alibabacloud.com); never asked. */
  internationalSiteAccount: z.boolean().optional(),
  /** Whether the person filing is under 18 ("I'm 16"); never asked: each province sets its own rules for minors. */
  applicantUnder18: z.boolean().optional(),
  /**
   * Whether the person filing has an identity document from outside the mainland (a foreign national; a resident of Hong Kong,
   * Macao or Taiwan): "I'm a Canadian living in Beijing", 我是香港人. Never asked: the sources name an ID card for a personal filing
   * and say nothing of other documents, so a person who says so is told that, not a verdict on it.
   */
  idFromOutsideMainland: z.boolean().optional(),
  /**
   * Whether the person filing lives outside mainland China now ("I'm Chinese but live in Germany", 我现在住在新加坡), so no
   * province is where they live: the province on their ID card is the only one their filing can be made in. Never asked, only
   * taken when said: at the question of where one lives, or in any message.
   */
  livesOutsideMainland: z.boolean().optional(),
  /** Whether a filer with a filing adds another site or domain ("our main site is filed, we bought a second domain"); never asked. */
  addingSiteToFiling: z.boolean().optional(),
  /** Whether a site with a filing through one provider is moving to another ("filed through Aliyun, moving to Tencent Cloud"); never asked. */
  movingToAnotherProvider: z.boolean().optional(),
  /** The province a company or person moved away from ("our company moved from Shanghai to Hangzhou"); never asked. */
  movedFromProvince: ProvinceIdField.optional(),
  /** Where the user wants to file, when they said so ("can we file in Beijing?"); never asked. */
  desiredProvince: ProvinceIdField.optional(),
  /** The provider the user wants to file through, when they said so; never asked. */
  desiredFilingProvider: z.string().trim().min(1).max(100).optional(),
});
export type Profile = z.infer<typeof Profile>;

type InProgressField = keyof InProgressApplication;

/** A field of the profile, nested fields of the in-progress application written with a dot. */
export type ProfileField =
  | Exclude<keyof Profile, 'inProgressApplication'>
  | `inProgressApplication.${InProgressField}`;

/** The type of value a profile field holds once answered. */
export type ProfileFieldValue<F extends ProfileField> = F extends `inProgressApplication.${infer K extends InProgressField}`
  ? NonNullable<InProgressApplication[K]>
  : F extends keyof Profile
    ? NonNullable<Profile[F]>
    : never;

/**
 * Facts the check never asks and gives no conditional advice for: taken only when the user states them.
 * A rule that reads one applies once it is stated and is simply silent until then, so it never holds a
 * result open ("can apply: depends") or starts a question.
 */
// hasDomainName: nearly everyone who asks has one, so the check does not ask; a user who says they have none yet is told to register one first.
// movedFromProvince, movingToAnotherProvider: a move is told, not asked; a filing made in the province left behind cannot
// follow it, and one made through the provider left behind is transferred to the new one. addingSiteToFiling: a new site of a
// filer with a filing is added to it. applicantUnder18, idFromOutsideMainland, livesOutsideMainland, domainHolderIsFiler,
// phoneFromAnotherProvince, internationalSiteAccount: rare, and said when they matter.
export const STATED_ONLY_FIELDS: ReadonlySet<ProfileField> = new Set<ProfileField>(['hostingProvider', 'desiredProvince', 'desiredFilingProvider', 'hasDomainName', 'movedFromProvince', 'movingToAnotherProvider', 'addingSiteToFiling', 'applicantUnder18', 'idFromOutsideMainland', 'livesOutsideMainland', 'domainHolderIsFiler', 'phoneFromAnotherProvince', 'internationalSiteAccount']);

/** Every field in the order of the profile, nested fields in place of their parent. */
export const PROFILE_FIELDS: readonly ProfileField[] = Object.keys(Profile.shape).flatMap((key) =>
  key === 'inProgressApplication'
    ? Object.keys(InProgressApplication.shape).map((nested) => `inProgressApplication.${nested}` as ProfileField)
    : [key as ProfileField],
);

/** Any answered value of any field. */
export type AnswerValue = ProfileFieldValue<ProfileField>;

const IN_PROGRESS_PREFIX = 'inProgressApplication.';

/** The value of a field, or undefined while it is unanswered. */
export function readField<F extends ProfileField>(profile: Profile, field: F): ProfileFieldValue<F> | undefined {
  if (field.startsWith(IN_PROGRESS_PREFIX)) {
    const key = field.slice(IN_PROGRESS_PREFIX.length) as InProgressField;
    return profile.inProgressApplication?.[key] as ProfileFieldValue<F> | undefined;
  }
  return profile[field as keyof Profile] as ProfileFieldValue<F> | undefined;
}

/**
 * A copy of the profile with one field answered, validated; throws naming the field when the value
 * does not fit it.
 */
export function withAnswer<F extends ProfileField>(profile: Profile, field: F, value: ProfileFieldValue<F>): Profile {
  const candidate: Record<string, unknown> = { ...profile };
  if (field.startsWith(IN_PROGRESS_PREFIX)) {
    const key = field.slice(IN_PROGRESS_PREFIX.length);
    candidate.inProgressApplication = { ...profile.inProgressApplication, [key]: value };
  } else {
    candidate[field] = value;
  }
  return parseProfile(candidate, 'withAnswer');
}

/**
 * Validates an unknown value as a profile. Throws an error naming every offending field, e.g.
 * `parseProfile(): hosting: Invalid option: expected one of "mainland"|"outside-mainland"`.
 */
export function parseProfile(input: unknown, caller = 'parseProfile'): Profile {
  const result = Profile.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
      return issue.keys.map((key) => `${where}${key}: unknown field`).join('; ');
    }
    return `${issue.path.join('.')}: ${issue.message}`;
  });
  throw new Error(`${caller}(): ${problems.join('; ')}`);
}
